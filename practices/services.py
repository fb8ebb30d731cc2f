"""Every write to practices goes through these functions (pages, API, admin, commands).

Each takes keyword-only arguments, checks permission against the model querysets' rule and
each workflow step against practices.workflow (raising PermissionDenied, or ValidationError on
`status` for a step the practice cannot take from where it is), validates (raising
ValidationError with field errors), runs in a transaction, labels the history entry with the
actor and the action, and queues its emails after commit.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import taxonomy
from core.dispatch import queue_after_commit
from core.models import Country, Membership, NationalSociety, User, user_is_editor
from core.permissions import acts_for
from core.uploads import validate_upload
from practices import notifications
from practices.models import (
    SECTIONS,
    TAG_FIELDS,
    Attachment,
    Practice,
    Status,
    search_config_for,
)
from practices.workflow import PRACTICE_WORKFLOW

# Fields a society may write; editors may also write the editorial ones.
CONTENT_FIELDS = [
    "kind",
    "title",
    "summary",
    *SECTIONS,
    "partners",
    "links",
    "countries",
    *TAG_FIELDS,
    "target_groups",
    "start_year",
    "end_year",
    "language",
    "visibility",
    "contact",
    "contact_email",
]
EDITORIAL_FIELDS = ["replicable", "migrants_participated", "evaluated", "featured"]
REQUIRED_TAGS = ["countries", *TAG_FIELDS]


def validate_practice_data(data: dict[str, Any], *, society: NationalSociety) -> dict[str, Any]:
    """Domain checks shared by the form and the API; raises ValidationError naming fields.

    Returns the data with codes normalised (upper-case countries, duplicates removed, order
    kept)."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(data)
    for field in REQUIRED_TAGS:
        if field not in data:
            continue
        values = list(dict.fromkeys(data[field] or []))
        if field == "countries":
            values = [str(value).upper() for value in values]
        cleaned[field] = values
        if not values:
            errors.setdefault(field, []).append(_("Choose at least one."))
            continue
        if field in TAG_FIELDS:
            unknown = [value for value in values if value not in taxonomy.codes(field)]
            if unknown:
                errors.setdefault(field, []).append(
                    _("Unknown code: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
                )
    if cleaned.get("countries"):
        known = set(
            Country.objects.filter(iso3__in=cleaned["countries"]).values_list("iso3", flat=True)
        )
        unknown = [code for code in cleaned["countries"] if code not in known]
        if unknown:
            errors.setdefault("countries", []).append(
                _("Unknown ISO 3166 alpha-3 code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
    if "kind" in data and data["kind"] not in taxonomy.Kind.values:
        errors.setdefault("kind", []).append(_("Unknown kind."))
    start, end = data.get("start_year"), data.get("end_year")
    if start and end and end < start:
        errors.setdefault("end_year", []).append(_("The end year comes before the start year."))
    contact = data.get("contact")
    if (
        contact is not None
        and not Membership.objects.approved().filter(user=contact, society=society).exists()
    ):
        errors.setdefault("contact", []).append(
            _("The contact person must be a member of the society.")
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _apply(practice: Practice, data: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in data.items():
        if getattr(practice, field) != value:
            setattr(practice, field, value)
            changed.append(field)
    practice.search_config = search_config_for(practice.language)
    practice.region_id = practice.society.region.code if practice.society.region_id else None
    return changed


def _save(practice: Practice) -> Practice:
    practice.full_clean(exclude=["search_vector", "created_by", "contact"])
    practice.save()
    # Its text or tags may have changed: its similar practices are worked out again.
    queue_after_commit("practices.refresh_similar", practice.pk)
    return practice


@transaction.atomic
def create_practice(*, actor: User, society: NationalSociety, data: dict[str, Any]) -> Practice:
    """A member or focal point of `society` (or an editor) creates a draft of `society`."""
    if not (acts_for(actor, society) or user_is_editor(actor)):
        raise PermissionDenied(_("You can only create practices of your own National Society."))
    content = {key: value for key, value in data.items() if key in CONTENT_FIELDS}
    missing = [
        field for field in ["kind", "title", "summary", *REQUIRED_TAGS] if not data.get(field)
    ]
    if missing:
        raise ValidationError({field: [_("This field is required.")] for field in missing})
    content = validate_practice_data(content, society=society)
    practice = Practice(society=society, created_by=actor, status=Status.DRAFT)
    if content.get("contact") is None:
        content["contact"] = actor if acts_for(actor, society) else None
    _apply(practice, content)
    with pghistory.context(user=actor.pk, action="create"):
        return _save(practice)


@transaction.atomic
def update_practice(*, practice: Practice, actor: User, data: dict[str, Any]) -> Practice:
    """Edit what `actor` may edit.

    An editor's edit applies at once (tags included: the submitter's own tags stay in
    `submitted_tags`). A society's edit to a published practice is kept as a pending revision:
    readers see the published text until an editor publishes the revision.
    """
    practice = _lock_editable(practice, actor)
    is_editor = user_is_editor(actor)
    allowed = CONTENT_FIELDS + (EDITORIAL_FIELDS if is_editor else [])
    content = {key: value for key, value in data.items() if key in allowed}
    content = validate_practice_data(content, society=practice.society)
    if practice.status == Status.PUBLISHED and not is_editor:
        revision = dict(practice.pending_revision or {})
        revision.update(_serialisable(content))
        practice.pending_revision = revision
        practice.review_note = ""
        with pghistory.context(user=actor.pk, action="propose-revision"):
            practice.save(update_fields=["pending_revision", "review_note", "updated_at"])
        notifications.tell_editors_of_submission(practice)
        return practice
    _apply(practice, content)
    with pghistory.context(user=actor.pk, action="edit"):
        return _save(practice)


def _serialisable(content: dict[str, Any]) -> dict[str, Any]:
    return {
        key: (value.pk if key == "contact" and value is not None else value)
        for key, value in content.items()
    }


def _lock_editable(practice: Practice, actor: User) -> Practice:
    locked = (
        Practice.objects.editable_by(actor).select_for_update(of=("self",)).filter(pk=practice.pk)
    )
    found = locked.select_related("society", "society__region").first()
    if found is None:
        raise PermissionDenied(_("You cannot edit this practice."))
    return found


def _lock_for_step(practice: Practice, actor: User, step: str, *, note: str = "") -> Practice:
    """The practice, locked, once PRACTICE_WORKFLOW lets `actor` take `step` on it: refused
    with PermissionDenied for who is asking, ValidationError for where it stands."""
    locked = (
        Practice.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("society", "society__region")
        .filter(pk=practice.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot edit this practice."))
    PRACTICE_WORKFLOW.check(locked, actor, step, note=note)
    return locked


@transaction.atomic
def submit_practice(*, practice: Practice, actor: User) -> Practice:
    """The society sends a draft (or a practice sent back for changes) to the editors."""
    practice = _lock_for_step(practice, actor, "submit")
    practice.status = Status.SUBMITTED
    practice.submitted_at = timezone.now()
    practice.submitted_tags = practice.tags()
    with pghistory.context(user=actor.pk, action="submit"):
        practice.save(update_fields=["status", "submitted_at", "submitted_tags", "updated_at"])
    notifications.tell_editors_of_submission(practice)
    return practice


@transaction.atomic
def request_changes(*, practice: Practice, actor: User, note: str) -> Practice:
    """An editor sends a submitted practice (or a pending revision) back with a note."""
    practice = _lock_for_step(practice, actor, "request-changes", note=note)
    if practice.status == Status.PUBLISHED:
        practice.pending_revision = None  # the revision goes back; the published text stays
    else:
        practice.status = Status.CHANGES_REQUESTED
    practice.review_note = note.strip()
    with pghistory.context(user=actor.pk, action="request-changes"):
        practice.save(update_fields=["status", "pending_revision", "review_note", "updated_at"])
    notifications.tell_authors_of_review(practice, "changes_requested")
    return practice


@transaction.atomic
def publish_practice(*, practice: Practice, actor: User) -> Practice:
    """An editor publishes a submitted practice, or a published practice's pending revision."""
    practice = _lock_for_step(practice, actor, "publish")
    if practice.status == Status.PUBLISHED:
        revision = dict(practice.pending_revision)
        if "contact" in revision and revision["contact"] is not None:
            revision["contact"] = User.objects.filter(pk=revision["contact"]).first()
        _apply(practice, validate_practice_data(revision, society=practice.society))
        practice.submitted_tags = {
            field: revision.get(field, getattr(practice, field)) for field in TAG_FIELDS
        }
        practice.pending_revision = None
    else:
        practice.status = Status.PUBLISHED
        practice.published_at = practice.published_at or timezone.now()
    practice.review_note = ""
    with pghistory.context(user=actor.pk, action="publish"):
        _save(practice)
    notifications.tell_authors_of_review(practice, "published")
    return practice


@transaction.atomic
def archive_practice(*, practice: Practice, actor: User) -> Practice:
    practice = _lock_for_step(practice, actor, "archive")
    practice.status = Status.ARCHIVED
    practice.featured = False
    with pghistory.context(user=actor.pk, action="archive"):
        practice.save(update_fields=["status", "featured", "updated_at"])
    return practice


@transaction.atomic
def add_attachment(*, practice: Practice, actor: User, upload) -> Attachment:
    """Attach a file: PDF, DOCX, XLSX, PPTX, PNG or JPEG, at most UPLOAD_MAX_BYTES, whose
    bytes and container match its extension (core.uploads). Stored under a server-generated
    name."""
    practice = _lock_editable(practice, actor)
    content_type = validate_upload(upload)
    return Attachment.objects.create(
        practice=practice,
        file=upload,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )


@transaction.atomic
def remove_attachment(*, attachment: Attachment, actor: User) -> None:
    """Remove an attachment; its file leaves the storage only once the removal has committed,
    so a rolled-back transaction never leaves a row pointing at a deleted file."""
    _lock_editable(attachment.practice, actor)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
