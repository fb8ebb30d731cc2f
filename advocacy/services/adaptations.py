"""Writes to societies' adaptations of a guideline, and to their endorsements.

A member of a society adapts the guideline's published version in a language: the society's
members write the draft (its parameters, its rewritten adaptable sections, why it departs from
the source), submit it; an editor approves it (or the society's focal point, where the guideline
allows self approval) or returns it with a note; approved, it is published. A substantive new
version outdates every adaptation of an earlier one and tells its society's focal points once;
the society carries its adaptation forward to the new version and submits it again.

A focal point endorses the published version, or one of its key messages, for the society,
until an editor closes endorsement."""

from __future__ import annotations

from typing import Any

import pghistory
from babel import Locale, UnknownLocaleError
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy import notifications
from advocacy.models import (
    Adaptation,
    AdaptationParameterValue,
    AdaptationSection,
    AdaptationStatus,
    ChangeLevel,
    Endorsement,
    Guideline,
    GuidelineVersion,
    VersionStatus,
)
from advocacy.models.adaptations import language_tag
from advocacy.workflow import ADAPTATION_WORKFLOW
from core.models import NationalSociety, User
from core.permissions import acts_for, is_focal_point, require_editor
from core.validation import clean_text, clean_visibility

CONTENT_FIELDS = {"title": 200, "departure_note": None}
ALREADY = _("%(society)s already adapts version %(number)d in this language.")


def clean_language(value: Any) -> str:
    """A BCP 47 tag whose language (and region or script) CLDR knows, in its usual case:
    "pt-br" is "pt-BR", "sr-latn" is "sr-Latn"; ValidationError on `language` otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError({"language": [_("Choose the language of the adaptation.")]})
    tag = value.strip()
    try:
        language_tag(tag)
        Locale.parse(tag, sep="-")
    except (ValidationError, UnknownLocaleError, ValueError) as error:
        raise ValidationError(
            {
                "language": [
                    _(
                        "“%(tag)s” is not a language code we know; give one such as “fr”, “it” "
                        "or “pt-BR”."
                    )
                    % {"tag": tag[:40]}
                ]
            }
        ) from error
    parts = tag.split("-")
    parts[0] = parts[0].lower()
    for index, part in enumerate(parts[1:], start=1):
        parts[index] = part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
    return "-".join(parts)


def _lock(adaptation: Adaptation) -> Adaptation:
    locked = (
        Adaptation.objects.select_for_update(of=("self",))
        .select_related("guideline", "version", "society")
        .filter(pk=adaptation.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot change this adaptation."))
    return locked


def _published_version(guideline: Guideline) -> GuidelineVersion:
    version = guideline.versions.filter(status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise ValidationError({"version": [_("This guideline has no published version yet.")]})
    return version


# --- Drafts -----------------------------------------------------------------------------------


@transaction.atomic
def create_adaptation(
    *,
    guideline: Guideline,
    actor: User,
    language: str,
    society: NationalSociety,
    title: str = "",
) -> Adaptation:
    """A member of `society` starts its adaptation of the guideline's published version in
    `language` (one of the site's four or any other, by its BCP 47 code), as a draft."""
    if not acts_for(actor, society) or not Guideline.objects.visible_to(actor).filter(
        pk=guideline.pk
    ):
        raise PermissionDenied(_("Only members of a National Society adapt guidelines for it."))
    errors: dict[str, list[str]] = {}
    title = clean_text(title, field="title", max_length=200, errors=errors)
    try:
        language = clean_language(language)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    version = _published_version(guideline)
    adaptation = Adaptation(
        guideline=guideline,
        version=version,
        society=society,
        language=language,
        title=title,
        created_by=actor,
    )
    adaptation.full_clean(exclude=["created_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action="create"):
            adaptation.save()
    except IntegrityError as error:
        raise ValidationError(
            {"language": [ALREADY % {"society": society.label, "number": version.number}]}
        ) from error
    return adaptation


def _clean_content(adaptation: Adaptation, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for field, limit in CONTENT_FIELDS.items():
        if field in data:
            cleaned[field] = clean_text(data[field], field=field, max_length=limit, errors=errors)
    if "visibility" in data:
        cleaned["visibility"] = clean_visibility(data["visibility"], errors=errors)
    if "parameters" in data:
        values = data["parameters"]
        known = {parameter.key for parameter in adaptation.version.parameters.all()}
        if not isinstance(values, dict):
            errors.setdefault("parameters", []).append(_("Give each parameter's text by its key."))
        else:
            cleaned["parameters"] = {}
            for key, text in values.items():
                if key not in known:
                    errors.setdefault("parameters", []).append(
                        _("This version has no parameter “%(key)s”.") % {"key": str(key)[:60]}
                    )
                    continue
                cleaned["parameters"][key] = clean_text(
                    text, field=f"parameters.{key}", errors=errors
                )
    if "sections" in data:
        values = data["sections"]
        sections = adaptation.version.sections.all()
        adaptable = {section.key: section for section in sections if section.adaptable}
        if not isinstance(values, dict):
            errors.setdefault("sections", []).append(_("Give each section's text by its key."))
        else:
            cleaned["sections"] = {}
            for key, text in values.items():
                if key not in adaptable:
                    errors.setdefault("sections", []).append(
                        _("“%(key)s” is not a section this version lets a society rewrite.")
                        % {"key": str(key)[:60]}
                    )
                    continue
                cleaned["sections"][key] = (
                    adaptable[key],
                    clean_text(text, field=f"sections.{key}", errors=errors),
                )
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def update_adaptation(*, adaptation: Adaptation, actor: User, data: dict[str, Any]) -> Adaptation:
    """A member of the adaptation's society writes its draft (or the one returned to it):
    `title`, `departure_note`, `visibility`, `parameters` ({key: text}) and `sections`
    ({key: text} of the version's adaptable sections; an empty text reads the source again).
    An editor may correct an adaptation they see, as they correct any content."""
    if not Adaptation.objects.editable_by(actor).filter(pk=adaptation.pk).exists():
        raise PermissionDenied(
            _("Only members of %(society)s write its adaptation, while it is a draft.")
            % {"society": adaptation.society.label}
        )
    adaptation = _lock(adaptation)
    cleaned = _clean_content(adaptation, data)
    with pghistory.context(user=actor.pk, action="edit"):
        for field in [*CONTENT_FIELDS, "visibility"]:
            if field in cleaned:
                setattr(adaptation, field, cleaned[field])
        adaptation.save()
        for key, text in cleaned.get("parameters", {}).items():
            if text:
                AdaptationParameterValue.objects.update_or_create(
                    adaptation=adaptation, parameter_key=key, defaults={"text": text}
                )
            else:
                adaptation.parameter_values.filter(parameter_key=key).delete()
        for key, (section, text) in cleaned.get("sections", {}).items():
            if text:
                AdaptationSection.objects.update_or_create(
                    adaptation=adaptation,
                    section_key=key,
                    defaults={
                        "heading": section.heading,
                        "text": text,
                        "source_hash": section.source_hash,
                    },
                )
            else:
                adaptation.sections.filter(section_key=key).delete()
    return adaptation


# --- Workflow ---------------------------------------------------------------------------------


def _missing_parameters(adaptation: Adaptation) -> list[str]:
    filled = set(
        adaptation.parameter_values.exclude(text="").values_list("parameter_key", flat=True)
    )
    return [
        parameter.label
        for parameter in adaptation.version.parameters.filter(required=True)
        if parameter.key not in filled
    ]


@transaction.atomic
def submit_adaptation(*, adaptation: Adaptation, actor: User) -> Adaptation:
    """A member of the society submits its draft (or returned) adaptation for approval, once
    every required parameter is filled."""
    adaptation = _lock(adaptation)
    ADAPTATION_WORKFLOW.check(adaptation, actor, "submit")
    missing = _missing_parameters(adaptation)
    if missing:
        raise ValidationError(
            {"parameters": [_("Fill in first: %(labels)s.") % {"labels": ", ".join(missing)}]}
        )
    adaptation.status = AdaptationStatus.SUBMITTED
    adaptation.submitted_at = timezone.now()
    with pghistory.context(user=actor.pk, action="submit"):
        adaptation.save(update_fields=["status", "submitted_at", "updated_at"])
    return adaptation


@transaction.atomic
def approve_adaptation(*, adaptation: Adaptation, actor: User) -> Adaptation:
    """An editor approves a submitted adaptation; so does the society's focal point where the
    guideline allows self approval."""
    adaptation = _lock(adaptation)
    ADAPTATION_WORKFLOW.check(adaptation, actor, "approve")
    adaptation.status = AdaptationStatus.APPROVED
    adaptation.approved_at = timezone.now()
    adaptation.approved_by = actor
    adaptation.return_note = ""
    with pghistory.context(user=actor.pk, action="approve"):
        adaptation.save(
            update_fields=["status", "approved_at", "approved_by", "return_note", "updated_at"]
        )
    return adaptation


@transaction.atomic
def publish_adaptation(*, adaptation: Adaptation, actor: User) -> Adaptation:
    """The society (or an editor) publishes an approved adaptation to its audience."""
    adaptation = _lock(adaptation)
    ADAPTATION_WORKFLOW.check(adaptation, actor, "publish")
    adaptation.status = AdaptationStatus.PUBLISHED
    adaptation.published_at = timezone.now()
    with pghistory.context(user=actor.pk, action="publish"):
        adaptation.save(update_fields=["status", "published_at", "updated_at"])
    return adaptation


@transaction.atomic
def return_adaptation(*, adaptation: Adaptation, actor: User, note: str) -> Adaptation:
    """A reviewer (an editor, or the focal point where self approval is allowed) returns a
    submitted or approved adaptation to its society with a note saying what should change."""
    adaptation = _lock(adaptation)
    errors: dict[str, list[str]] = {}
    note = clean_text(note, field="note", errors=errors)
    if errors:
        raise ValidationError(errors)
    ADAPTATION_WORKFLOW.check(adaptation, actor, "return", note=note)
    adaptation.status = AdaptationStatus.RETURNED
    adaptation.return_note = note
    adaptation.returned_at = timezone.now()
    with pghistory.context(user=actor.pk, action="return"):
        adaptation.save(update_fields=["status", "return_note", "returned_at", "updated_at"])
    return adaptation


# --- Outdated, and carried forward ------------------------------------------------------------


@transaction.atomic
def mark_adaptations_outdated(*, version_id: int) -> list[int]:
    """After `version` was published as a substantive change: every adaptation of an earlier
    version of its guideline is outdated, since that version, and the focal points of each
    adaptation's society are told once (one notification per adaptation and version). An
    editorial version outdates none. Safe to run twice: an adaptation already outdated is
    left as it is, and a notification already made is not made again. Answers the ids of the
    adaptations it outdated."""
    version = GuidelineVersion.objects.select_related("guideline").filter(pk=version_id).first()
    if version is None or version.change_level != ChangeLevel.SUBSTANTIVE:
        return []
    adaptations = list(
        Adaptation.objects.select_for_update(of=("self",))
        .select_related("society", "version")
        .filter(guideline_id=version.guideline_id, version__number__lt=version.number)
        .filter(outdated=False)
        .order_by("pk")
    )
    with pghistory.context(action="outdate", version=version.pk):
        Adaptation.objects.filter(pk__in=[adaptation.pk for adaptation in adaptations]).update(
            outdated=True, outdated_since_version=version
        )
    for adaptation in adaptations:
        adaptation.outdated, adaptation.outdated_since_version = True, version
        notifications.tell_focal_points_of_outdated(adaptation, version)
    return [adaptation.pk for adaptation in adaptations]


def earlier_adaptation(adaptation: Adaptation) -> Adaptation | None:
    """The society's adaptation in the same language of the version before this one's: what a
    carried-forward adaptation was carried from."""
    return (
        Adaptation.objects.filter(
            guideline_id=adaptation.guideline_id,
            society_id=adaptation.society_id,
            language=adaptation.language,
            version__number__lt=adaptation.version.number,
        )
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


@transaction.atomic
def carry_forward(*, adaptation: Adaptation, actor: User) -> Adaptation:
    """A member of the society carries an outdated adaptation forward to the guideline's
    published version: a new draft with the same language, title, note and audience, the
    texts of the parameters the new version still has, and the rewritten sections whose
    source did not change. The sections whose source changed are asked again (the pages show
    the earlier text beside the new source). The outdated adaptation stays as it was."""
    if not acts_for(actor, adaptation.society):
        raise PermissionDenied(
            _("Only members of %(society)s carry its adaptations forward.")
            % {"society": adaptation.society.label}
        )
    adaptation = _lock(adaptation)
    version = _published_version(adaptation.guideline)
    if not adaptation.outdated or adaptation.version.number >= version.number:
        raise ValidationError(
            {"status": [_("This adaptation is of the current version: there is nothing to carry.")]}
        )
    carried = Adaptation(
        guideline=adaptation.guideline,
        version=version,
        society=adaptation.society,
        language=adaptation.language,
        title=adaptation.title,
        departure_note=adaptation.departure_note,
        visibility=adaptation.visibility,
        created_by=actor,
    )
    parameter_keys = set(version.parameters.values_list("key", flat=True))
    sources = {section.key: section for section in version.sections.all()}
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action="carry-forward"):
            carried.save()
            AdaptationParameterValue.objects.bulk_create(
                AdaptationParameterValue(
                    adaptation=carried, parameter_key=value.parameter_key, text=value.text
                )
                for value in adaptation.parameter_values.all()
                if value.parameter_key in parameter_keys
            )
            AdaptationSection.objects.bulk_create(
                AdaptationSection(
                    adaptation=carried,
                    section_key=section.section_key,
                    heading=section.heading,
                    text=section.text,
                    source_hash=section.source_hash,
                )
                for section in adaptation.sections.all()
                if section.section_key in sources
                and sources[section.section_key].adaptable
                and sources[section.section_key].source_hash == section.source_hash
            )
    except IntegrityError as error:
        raise ValidationError(
            {"status": [ALREADY % {"society": adaptation.society.label, "number": version.number}]}
        ) from error
    return carried


# --- Endorsements -----------------------------------------------------------------------------


def _endorsable(version: GuidelineVersion, section_key: str) -> None:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError({"version": [_("Only the published version can be endorsed.")]})
    if version.guideline.endorsements_closed:
        raise ValidationError({"status": [_("Endorsement of this guideline is closed.")]})
    if section_key and not version.sections.filter(key=section_key, key_message=True).exists():
        message = _("This version has no key message “%(key)s”.") % {"key": section_key[:60]}
        raise ValidationError({"section_key": [message]})


@transaction.atomic
def endorse(
    *, version: GuidelineVersion, actor: User, society: NationalSociety, section_key: str = ""
) -> Endorsement:
    """A focal point of `society` endorses the published version (`section_key` blank) or one
    of its key messages on the society's behalf. Endorsing twice is endorsing once."""
    if not is_focal_point(actor, society):
        raise PermissionDenied(_("A focal point of the National Society endorses on its behalf."))
    version = GuidelineVersion.objects.select_related("guideline").get(pk=version.pk)
    if not isinstance(section_key, str):
        raise ValidationError({"section_key": [_("Give text.")]})
    _endorsable(version, section_key)
    with pghistory.context(user=actor.pk, action="endorse"):
        endorsement, _created = Endorsement.objects.get_or_create(
            version=version,
            section_key=section_key,
            society=society,
            defaults={"endorsed_by": actor},
        )
    return endorsement


@transaction.atomic
def withdraw_endorsement(
    *, version: GuidelineVersion, actor: User, society: NationalSociety, section_key: str = ""
) -> None:
    """A focal point of `society` withdraws its endorsement, while endorsement is open."""
    if not is_focal_point(actor, society):
        raise PermissionDenied(_("A focal point of the National Society endorses on its behalf."))
    version = GuidelineVersion.objects.select_related("guideline").get(pk=version.pk)
    if version.guideline.endorsements_closed:
        raise ValidationError({"status": [_("Endorsement of this guideline is closed.")]})
    with pghistory.context(user=actor.pk, action="withdraw-endorsement"):
        Endorsement.objects.filter(
            version=version, section_key=section_key, society=society
        ).delete()


@transaction.atomic
def set_endorsements_closed(*, guideline: Guideline, actor: User, closed: bool) -> Guideline:
    """An editor closes endorsement of a guideline (or opens it again)."""
    require_editor(actor, _("Only IFRC editors close endorsement."))
    guideline = Guideline.objects.select_for_update().get(pk=guideline.pk)
    guideline.endorsements_closed = bool(closed)
    action = "close-endorsement" if closed else "open-endorsement"
    with pghistory.context(user=actor.pk, action=action):
        guideline.save(update_fields=["endorsements_closed", "updated_at"])
    return guideline
