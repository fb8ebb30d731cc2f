"""One way to tell people something: a row in their notifications on the site and, unless
they turned that kind off, an email in their language, sent once.

An app registers its kinds in its AppConfig.ready() (core imports no app, as with
core.sections) and its services call notify() inside their transaction:

    register_kind("practice-published", label=_("My practices published"),
                  reason=_("You receive this email because you wrote or are the contact of
                  this practice."))
    notify(recipients=authors, kind="practice-published", key=f"practice-published:{pk}:{t}",
           template="core/email/practice_published", context={...}, url=practice_url)

Each recipient gets one row per key (unique), so the same event told twice is told once; each
row's email is sent after commit by its own task (core.send_notification), which claims the
row before sending so a task run twice or redelivered emails nobody twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.dispatch import queue_after_commit
from core.models import Notification, User

State = Notification.EmailState
UNSUBSCRIBE_SALT = "core.notifications.unsubscribe"


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # what the profile's email preferences call it
    reason: str  # the "why you receive this" line at the foot of each email
    can_turn_off: bool = True
    email: bool = True  # False: shown on the site only
    secret: bool = False  # the body holds a secret link: erased once the email is sent


_kinds: dict[str, Kind] = {}


def register_kind(code: str, *, label, reason, can_turn_off=True, email=True, secret=False):
    _kinds[code] = Kind(code, label, reason, can_turn_off, email, secret)
    return _kinds[code]


def get_kind(code: str) -> Kind | None:
    return _kinds.get(code)


def kinds_one_can_turn_off() -> list[Kind]:
    return [kind for kind in _kinds.values() if kind.email and kind.can_turn_off]


def kinds_always_sent() -> list[Kind]:
    return [kind for kind in _kinds.values() if kind.email and not kind.can_turn_off]


# --- Telling ----------------------------------------------------------------------------------


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    key: str,
    template: str,
    context: dict,
    url: str = "",
) -> list[Notification]:
    """Tell `recipients` (active users) of the event `key`: for each, one row rendered in their
    language from `{template}_subject.txt` and `{template}_body.txt`, and an email queued after
    the caller's transaction commits (none when they turned `kind` off).

    Any service may call it inside its transaction. Returns the rows made now, with their
    recipients, so the caller can say whom it reached (someone told of `key` before is not
    told again and is not in the list)."""
    spec = _kinds[kind]
    people = {user.pk: user for user in recipients if user.is_active}
    # One timestamp for the rows made now: it tells them from the rows of the same key made
    # by an earlier (or a concurrent) call, which the insert skips.
    stamp = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            key=key,
            url=url,
            created_at=stamp,
            email_state=_first_state(spec, user),
            **_render(spec, user, template, context),
        )
        for user in people.values()
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        made = list(
            Notification.objects.filter(key=key, created_at=stamp, recipient__in=list(people))
            .select_related("recipient")
            .order_by("id")
        )
    for row in made:
        if row.email_state == State.PENDING:
            queue_after_commit("core.send_notification", row.pk)
    return made


def _first_state(spec: Kind, user: User) -> str:
    if not spec.email:
        return State.NOT_EMAILED
    if spec.can_turn_off and spec.code in user.muted_kinds:
        return State.OFF
    return State.PENDING


def recipient_language(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template, not HTML-escaped: an email is not HTML (a title with "&" stays
    "&"); the pages that show the text escape it."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _render(spec: Kind, user: User, template: str, context: dict) -> dict:
    with translation.override(recipient_language(user)):
        # One line: a title typed with a line break would otherwise be a header injection,
        # which Django refuses with BadHeaderError.
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}_body.txt", context).rstrip()
        footer = render_text(
            "core/email/footer.txt",
            {
                "reason": spec.reason,
                "unsubscribe_url": unsubscribe_url(user, spec.code) if spec.can_turn_off else "",
                "preferences_url": settings.SITE_URL + reverse("core:profile") + "#emails",
            },
        )
    return {"subject": subject[:300], "body": f"{body}\n\n{footer.strip()}\n"}


# --- Sending ----------------------------------------------------------------------------------


def deliver(*, notification_id: int, last_attempt: bool = False) -> int:
    """Send the email of one notification; the send_notification task calls it, and again on
    each retry. Returns the number of emails sent (0 or 1).

    The row is claimed first (pending → sending, one conditional UPDATE): a second run finds
    it claimed or sent and sends nothing. A failed send gives the claim back, records the
    error and re-raises for the task to retry; after the last attempt the row is failed
    (visible in the admin)."""
    claimed = Notification.objects.filter(pk=notification_id, email_state=State.PENDING).update(
        email_state=State.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return 0
    row = Notification.objects.select_related("recipient").get(pk=notification_id)
    rows = Notification.objects.filter(pk=row.pk, email_state=State.SENDING)
    try:
        _message(row).send()
    except Exception as error:
        # The task retries what a mail server's hiccup raises (OSError, smtplib's errors);
        # anything else, or the last attempt, leaves the row failed for an admin to see.
        retried = isinstance(error, OSError) and not last_attempt
        rows.update(
            email_state=State.PENDING if retried else State.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    spec = get_kind(row.kind)
    erased = {"body": ""} if spec is not None and spec.secret else {}
    rows.update(email_state=State.SENT, sent_at=timezone.now(), last_error="", **erased)
    return 1


def _message(row: Notification) -> EmailMessage:
    spec = get_kind(row.kind)
    headers = {}
    if spec is None or spec.can_turn_off:
        # RFC 8058: a mail client's "unsubscribe" button POSTs to the link, no page in between.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url(row.recipient, row.kind)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return EmailMessage(
        row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient.email], headers=headers
    )


# --- Turning a kind off -----------------------------------------------------------------------


def unsubscribe_url(user: User, kind: str) -> str:
    # Signed without a timestamp: the link never expires, and every email of a kind carries the
    # same one (signing.dumps would stamp the second it was made).
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object([user.pk, kind])
    return settings.SITE_URL + reverse("core:unsubscribe", args=[token])


def read_unsubscribe_token(token: str) -> tuple[User, Kind] | None:
    """The person and the kind of a signed unsubscribe link; None when the signature is
    bad or the kind cannot be turned off."""
    try:
        user_id, code = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    spec = get_kind(code) if isinstance(code, str) else None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if spec is None or not spec.can_turn_off or user is None:
        return None
    return user, spec


@transaction.atomic
def set_muted_kinds(*, user: User, muted_kinds: Iterable[str]) -> User:
    """The person's own choice of the emails they do not want (the profile page, and the
    one-click unsubscribe link for one kind). Kinds that cannot be turned off are refused.
    Emails of those kinds not sent yet are not sent; the notifications stay on the site."""
    muted = sorted(set(muted_kinds))
    allowed = {kind.code for kind in kinds_one_can_turn_off()}
    if not set(muted) <= allowed:
        raise ValidationError({"muted_kinds": [_("These emails cannot be turned off.")]})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.muted_kinds = muted
    user.save(update_fields=["muted_kinds"])
    Notification.objects.filter(recipient=user, kind__in=muted, email_state=State.PENDING).update(
        email_state=State.OFF
    )
    return user


@transaction.atomic
def turn_off(*, user: User, kind: Kind) -> User:
    """One kind off, the others as they were (the unsubscribe link)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    return set_muted_kinds(user=user, muted_kinds=[*user.muted_kinds, kind.code])


# --- Reading ----------------------------------------------------------------------------------


def mark_read(*, notification: Notification) -> None:
    """The view finds the notification among the person's own (another's is a 404)."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())
