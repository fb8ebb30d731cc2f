"""Writes to guidelines and their versions, by IFRC editors.

A version is written while it is a draft (its sections and parameters, each saved on its own),
sent to review and published with a change level. Publishing supersedes the version published
before and carries the translations over (advocacy.services.translations); a substantive
version also outdates the adaptations of earlier versions, after commit."""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.models import (
    ChangeLevel,
    Guideline,
    GuidelineVersion,
    Parameter,
    Section,
    VersionStatus,
)
from advocacy.models.guidelines import TAG_FIELDS, TRANSLATED_FIELDS
from advocacy.services import translations
from advocacy.workflow import VERSION_WORKFLOW
from core.dispatch import queue_after_commit
from core.models import User, user_is_editor
from core.permissions import require_editor
from core.translations import clean_translations
from core.validation import clean_codes, clean_text, clean_visibility

GUIDELINE_FIELDS = [
    "title",
    "slug",
    "summary",
    "translations",
    *TAG_FIELDS,
    "visibility",
    "allows_self_approval",
    "endorsements_closed",
    "owner",
]
SECTION_FIELDS = ["heading", "body", "adaptable", "key_message", "position"]
PARAMETER_FIELDS = ["label", "guidance", "required", "may_depart", "position"]
# Addresses the guideline pages use for themselves (advocacy/urls.py).
RESERVED_SLUGS = {"new", "feed", "translators"}
NOT_A_DRAFT = gettext_lazy(
    "This version is %(status)s: its content is fixed. Make a new version to change it."
)


def _refuse_unless_editor(actor: User) -> None:
    require_editor(actor, _("Only IFRC editors write guidelines."))


def validate_guideline_data(
    data: dict[str, Any], *, guideline: Guideline | None = None
) -> dict[str, Any]:
    """The guideline fields in `data`, checked and normalised; ValidationError naming every
    field that is wrong. On creation, a title is required and the slug made from it if none
    is given."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    creating = guideline is None
    if creating or "title" in data:
        cleaned["title"] = clean_text(
            data.get("title"), field="title", required=True, max_length=200, errors=errors
        )
    if "summary" in data:
        cleaned["summary"] = clean_text(data.get("summary"), field="summary", errors=errors)
    if creating or "slug" in data:
        slug = data.get("slug") or slugify(cleaned.get("title", ""))[:80]
        if not isinstance(slug, str) or slug != slugify(slug) or not slug:
            errors.setdefault("slug", []).append(_("Use lower-case letters, digits and hyphens."))
        elif slug in RESERVED_SLUGS or (
            Guideline.objects.filter(slug=slug).exclude(pk=getattr(guideline, "pk", None))
        ):
            errors.setdefault("slug", []).append(
                ValidationError(_("Another guideline has this address."), code="unique")
            )
        cleaned["slug"] = slug
    if "translations" in data:
        try:
            cleaned["translations"] = clean_translations(
                data["translations"] or {}, fields=TRANSLATED_FIELDS
            )
        except ValidationError as error:
            errors["translations"] = error.messages
    for field in TAG_FIELDS:
        if field not in data:
            continue
        cleaned[field] = clean_codes(data[field] or [], field=field, errors=errors)
    if "visibility" in data:
        cleaned["visibility"] = clean_visibility(data["visibility"], errors=errors)
    for flag in ["allows_self_approval", "endorsements_closed"]:
        if flag in data:
            cleaned[flag] = bool(data[flag])
    if "owner" in data:
        owner = data["owner"]
        if not isinstance(owner, User) or not user_is_editor(owner):
            errors.setdefault("owner", []).append(_("The owner must be an IFRC editor."))
        cleaned["owner"] = owner
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save_guideline(guideline: Guideline, actor: User, action: str) -> Guideline:
    guideline.full_clean()
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action=action):
            guideline.save()
    except IntegrityError as error:  # the same slug taken a moment ago
        raise ValidationError(
            {"slug": [ValidationError(_("Another guideline has this address."), code="unique")]}
        ) from error
    return guideline


@transaction.atomic
def create_guideline(*, actor: User, data: dict[str, Any]) -> Guideline:
    """An editor creates a guideline (its owner: the editor named, else themself). It has no
    version yet, so only editors see it."""
    _refuse_unless_editor(actor)
    content = {key: value for key, value in data.items() if key in GUIDELINE_FIELDS}
    cleaned = validate_guideline_data(content)
    guideline = Guideline(owner=cleaned.pop("owner", actor))
    for field, value in cleaned.items():
        setattr(guideline, field, value)
    return _save_guideline(guideline, actor, "create")


@transaction.atomic
def update_guideline(*, guideline: Guideline, actor: User, data: dict[str, Any]) -> Guideline:
    """An editor edits a guideline's own fields (its versions are written on their own)."""
    _refuse_unless_editor(actor)
    guideline = Guideline.objects.select_for_update().get(pk=guideline.pk)
    content = {key: value for key, value in data.items() if key in GUIDELINE_FIELDS}
    for field, value in validate_guideline_data(content, guideline=guideline).items():
        setattr(guideline, field, value)
    return _save_guideline(guideline, actor, "edit")


# --- Versions ---------------------------------------------------------------------------------


@transaction.atomic
def create_version(*, guideline: Guideline, actor: User, change_note: str = "") -> GuidelineVersion:
    """An editor starts the next version of a guideline: the first one empty, a later one with
    the sections and parameters of the published version (or of the latest one, when none is
    published), which it is made from. A guideline has one version in the making at a time."""
    _refuse_unless_editor(actor)
    guideline = Guideline.objects.select_for_update().get(pk=guideline.pk)
    versions = guideline.versions.all()
    open_version = versions.filter(
        status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW]
    ).first()
    if open_version is not None:
        raise ValidationError(
            {
                "status": [
                    _("Version %(number)d is still being written: finish or publish it first.")
                    % {"number": open_version.number}
                ]
            }
        )
    source = (
        versions.filter(status=VersionStatus.PUBLISHED).first()
        or versions.order_by("-number").first()
    )
    number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
    with pghistory.context(user=actor.pk, action="new-version"):
        version = GuidelineVersion.objects.create(
            guideline=guideline,
            number=number,
            created_from=source,
            created_by=actor,
            change_note=change_note.strip(),
        )
        if source is not None:
            Section.objects.bulk_create(
                Section(
                    version=version,
                    key=section.key,
                    position=section.position,
                    heading=section.heading,
                    body=section.body,
                    adaptable=section.adaptable,
                    key_message=section.key_message,
                )
                for section in source.sections.all()
            )
            Parameter.objects.bulk_create(
                Parameter(
                    version=version,
                    key=parameter.key,
                    position=parameter.position,
                    label=parameter.label,
                    guidance=parameter.guidance,
                    required=parameter.required,
                    may_depart=parameter.may_depart,
                )
                for parameter in source.parameters.all()
            )
    return version


def _lock_draft(version: GuidelineVersion, actor: User) -> GuidelineVersion:
    """The version, locked, when `actor` is an editor and it is a draft."""
    _refuse_unless_editor(actor)
    locked = GuidelineVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise ValidationError(
            {"status": [NOT_A_DRAFT % {"status": str(locked.get_status_display()).lower()}]}
        )
    return locked


def _clean_key(data: dict[str, Any], errors: dict) -> str:
    key = data.get("key", "")
    if not isinstance(key, str) or not key or key != slugify(key) or len(key) > 60:
        errors.setdefault("key", []).append(
            _("Give a key of lower-case letters, digits and hyphens (at most 60).")
        )
        return ""
    return key


def _clean_position(data: dict[str, Any], errors: dict):
    position = data.get("position")
    if position is None:
        return None
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < 1000:
        errors.setdefault("position", []).append(_("Give a position from 0 to 999."))
        return None
    return position


def _next_position(items) -> int:
    return (items.aggregate(last=Max("position"))["last"] or -1) + 1


@transaction.atomic
def save_section(
    *, version: GuidelineVersion, actor: User, key: str, data: dict[str, Any]
) -> Section:
    """An editor writes a section of a draft version (creating it when the key is new).
    A section's key stays from version to version: translations and adaptations follow it."""
    version = _lock_draft(version, actor)
    errors: dict[str, list[str]] = {}
    key = _clean_key({"key": key}, errors)
    section = version.sections.filter(key=key).first() if key else None
    creating = section is None
    limits = {"heading": 200, "body": None}
    fields = {
        field: clean_text(
            data.get(field),
            field=field,
            required=creating or field in data,
            max_length=limit,
            errors=errors,
        )
        for field, limit in limits.items()
    }
    position = _clean_position(data, errors)
    if errors:
        raise ValidationError(errors)
    if creating:
        section = Section(version=version, key=key, position=_next_position(version.sections))
    for field in ["heading", "body"]:
        if creating or field in data:
            setattr(section, field, fields[field])
    for flag in ["adaptable", "key_message"]:
        if flag in data:
            setattr(section, flag, bool(data[flag]))
    if position is not None:
        section.position = position
    with pghistory.context(user=actor.pk, action="write-section"):
        section.save()
    return section


@transaction.atomic
def remove_section(*, version: GuidelineVersion, actor: User, key: str) -> None:
    version = _lock_draft(version, actor)
    with pghistory.context(user=actor.pk, action="remove-section"):
        version.sections.filter(key=key).delete()


@transaction.atomic
def save_parameter(
    *, version: GuidelineVersion, actor: User, key: str, data: dict[str, Any]
) -> Parameter:
    """An editor writes an adaptation parameter of a draft version (creating it when new)."""
    version = _lock_draft(version, actor)
    errors: dict[str, list[str]] = {}
    key = _clean_key({"key": key}, errors)
    parameter = version.parameters.filter(key=key).first() if key else None
    creating = parameter is None
    label = clean_text(
        data.get("label"),
        field="label",
        required=creating or "label" in data,
        max_length=200,
        errors=errors,
    )
    guidance = clean_text(data.get("guidance"), field="guidance", errors=errors)
    position = _clean_position(data, errors)
    if errors:
        raise ValidationError(errors)
    if creating:
        parameter = Parameter(version=version, key=key, position=_next_position(version.parameters))
    if creating or "label" in data:
        parameter.label = label
    if "guidance" in data:
        parameter.guidance = guidance
    for flag in ["required", "may_depart"]:
        if flag in data:
            setattr(parameter, flag, bool(data[flag]))
    if position is not None:
        parameter.position = position
    with pghistory.context(user=actor.pk, action="write-parameter"):
        parameter.save()
    return parameter


@transaction.atomic
def remove_parameter(*, version: GuidelineVersion, actor: User, key: str) -> None:
    version = _lock_draft(version, actor)
    with pghistory.context(user=actor.pk, action="remove-parameter"):
        version.parameters.filter(key=key).delete()


@transaction.atomic
def update_change_note(
    *, version: GuidelineVersion, actor: User, change_note: str
) -> GuidelineVersion:
    """The note saying what a version changes, written until it is published."""
    _refuse_unless_editor(actor)
    version = GuidelineVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_released:
        raise ValidationError(
            {"status": [NOT_A_DRAFT % {"status": str(version.get_status_display()).lower()}]}
        )
    version.change_note = clean_text(change_note, field="change_note")
    with pghistory.context(user=actor.pk, action="edit"):
        version.save(update_fields=["change_note"])
    return version


def _lock_for_step(version: GuidelineVersion, actor: User, step: str) -> GuidelineVersion:
    locked = (
        GuidelineVersion.objects.select_for_update()
        .select_related("guideline")
        .filter(pk=version.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot edit this version."))
    VERSION_WORKFLOW.check(locked, actor, step)
    return locked


@transaction.atomic
def send_to_review(*, version: GuidelineVersion, actor: User) -> GuidelineVersion:
    """An editor sends a draft with at least one section to review: its content is then fixed
    (back to draft to change it)."""
    version = _lock_for_step(version, actor, "send-to-review")
    if not version.sections.exists():
        raise ValidationError({"sections": [_("Write at least one section first.")]})
    version.status = VersionStatus.IN_REVIEW
    version.submitted_at = timezone.now()
    with pghistory.context(user=actor.pk, action="send-to-review"):
        version.save(update_fields=["status", "submitted_at"])
    return version


@transaction.atomic
def return_to_draft(*, version: GuidelineVersion, actor: User) -> GuidelineVersion:
    version = _lock_for_step(version, actor, "return-to-draft")
    version.status = VersionStatus.DRAFT
    with pghistory.context(user=actor.pk, action="return-to-draft"):
        version.save(update_fields=["status"])
    return version


@transaction.atomic
def publish_version(
    *, version: GuidelineVersion, actor: User, change_level: str, change_note: str | None = None
) -> translations.CarriedOver:
    """An editor publishes a version in review, saying how much it changes (`change_level`):
    substantive (the meaning changed: translations of the sections it changed need an update,
    adaptations of earlier versions are outdated) or editorial (nothing has to be redone).
    The version published before is superseded. Answers what happened to the translations."""
    version = _lock_for_step(version, actor, "publish")
    if change_level not in ChangeLevel.values:
        raise ValidationError(
            {"change_level": [_("Choose whether the change is substantive or editorial.")]}
        )
    if change_note is not None:
        version.change_note = clean_text(change_note, field="change_note")
    guideline = Guideline.objects.select_for_update().get(pk=version.guideline_id)
    previous = guideline.versions.select_for_update().filter(status=VersionStatus.PUBLISHED).first()
    now = timezone.now()
    with pghistory.context(user=actor.pk, action="publish", change_level=change_level):
        if previous is not None:
            previous.status = VersionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
        version.status = VersionStatus.PUBLISHED
        version.change_level = change_level
        version.published_at = now
        version.published_by = actor
        version.save(
            update_fields=["status", "change_level", "change_note", "published_at", "published_by"]
        )
        guideline.published_at = now
        guideline.save(update_fields=["published_at", "updated_at"])
        carried = translations.carry_over(version=version, previous=previous)
    if change_level == ChangeLevel.SUBSTANTIVE and previous is not None:
        queue_after_commit("advocacy.mark_adaptations_outdated", version.pk)
    return carried
