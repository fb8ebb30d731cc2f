"""Who may do what with reports objects, beyond the model querysets' visibility rules."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from core.models import NationalSociety, user_is_editor
from core.permissions import acts_for
from practices.models import Practice
from reports.models import SubmissionStatus


def enters_values_for(user, society) -> bool:
    """A National Society's approved members and focal points enter its values. Editors
    validate or return them and enter none, not even for the Secretariat they belong to (which
    reports no figures: completeness counts National Societies only)."""
    return (
        society.kind == NationalSociety.Kind.NATIONAL_SOCIETY
        and not user_is_editor(user)
        and acts_for(user, society)
    )


def completeness_rows_visible_to(user, rows: list[dict]) -> list[dict]:
    """Which rows of the completeness table (compile.completeness_table) a user sees. Editors
    see every society's row; members and focal points their own society's rows only; the
    per-region counts, which name no society, are for both. A draft never submitted is the
    society's own business (as in Submission.objects.visible_to): others see it as not sent."""
    own = user.approved_society_ids if user.is_authenticated else frozenset()
    if user_is_editor(user):
        visible = rows
    elif own:
        visible = [row for row in rows if row["society"].pk in own]
    else:
        raise PermissionDenied(
            _("Completeness is for IFRC editors and members of National Societies.")
        )
    shown = []
    for row in visible:
        is_own = row["society"].pk in own
        status = row["status"]
        if status == SubmissionStatus.DRAFT and not is_own:
            status = ""
        shown.append({**row, "status": status, "linked": bool(status) or is_own})
    return shown


def linkable_practices(user):
    """The practices `user` may link to (or unlink from) a call for practices: their own
    society's, whatever their status (a practice submitted for review answers a call as soon
    as it is sent), and for editors every practice they see."""
    visible = Practice.objects.visible_to(user)
    if user_is_editor(user):
        return visible
    if not user.is_authenticated:
        return visible.none()
    return visible.filter(society_id__in=user.approved_society_ids)


def practices_that_may_answer(call, user):
    """The practices `user` may link to `call`: linkable by them, and sent to the editors
    (submitted, or published without a submission) after the call opened. The call page offers
    these and services.link_practice accepts only these."""
    sent_after = Q(submitted_at__gte=call.created_at) | Q(
        submitted_at__isnull=True, published_at__gte=call.created_at
    )
    return linkable_practices(user).filter(sent_after)
