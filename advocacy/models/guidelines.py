"""Global guidelines and their versions: ordered sections and the adaptation parameters a
society fills in.

A version's content is written while it is a draft; once it leaves the draft (in review,
published, superseded) its sections and parameters are fixed. The services refuse the change,
and so does the database (a trigger on both tables), whatever path the change comes by.
"""

from __future__ import annotations

import hashlib

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.audience import AudiencePolicy, AudienceQuerySet, Visibility
from core.models import user_is_editor
from core.translations import TranslationsField, translated
from core.validation import unknown_codes, unknown_codes_message

TRANSLATED_FIELDS = {"title": 200, "summary": None}
TAG_FIELDS = ["principles", "steps", "support_types"]


@deconstructible
class TaxonomyCodes:
    """Every value of an array is a code of the vocabulary of `field` (core.taxonomy)."""

    def __init__(self, field: str):
        self.field = field

    def __call__(self, values):
        unknown = unknown_codes(values, self.field)
        if unknown:
            raise ValidationError(unknown_codes_message(unknown), code="code")

    def __eq__(self, other):
        return isinstance(other, TaxonomyCodes) and other.field == self.field


def source_hash(heading: str, body: str) -> str:
    """The sha256 of a section's English source (its heading and body): what a translation or
    an adaptation remembers having been made from."""
    return hashlib.sha256(f"{heading}\n\n{body}".encode()).hexdigest()


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class ChangeLevel(models.TextChoices):
    SUBSTANTIVE = "substantive", _("Substantive: the meaning changed")
    EDITORIAL = "editorial", _("Editorial: typos and wording")


# A version in these states has been published: its content is fixed for good.
RELEASED = [VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED]


class GuidelineQuerySet(AudienceQuerySet):
    """Who sees which guideline: once a version of it is published, its audience; before that,
    editors only (no society owns a guideline). Editors edit every guideline."""

    policy = AudiencePolicy(
        society_field=None,
        audience_field="visibility",
        published=Q(published_at__isnull=False),
    )

    def published(self):
        return self.filter(published_at__isnull=False)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Guideline(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    translations = TranslationsField(_("translations"), fields=TRANSLATED_FIELDS)
    principles = ArrayField(
        models.CharField(max_length=4),
        verbose_name=_("principles"),
        default=list,
        blank=True,
        validators=[TaxonomyCodes("principles")],
    )
    steps = ArrayField(
        models.CharField(max_length=40),
        verbose_name=_("steps of the trail"),
        default=list,
        blank=True,
        validators=[TaxonomyCodes("steps")],
    )
    support_types = ArrayField(
        models.CharField(max_length=40),
        verbose_name=_("types of support"),
        default=list,
        blank=True,
        validators=[TaxonomyCodes("support_types")],
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_guidelines",
        help_text=_("The editor who answers for this guideline."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    allows_self_approval = models.BooleanField(
        _("societies approve their own adaptations"),
        default=False,
        help_text=_("A society's focal point may approve its adaptation without an editor."),
    )
    endorsements_closed = models.BooleanField(_("endorsement closed"), default=False)
    # When the latest version was published (None: never): the guideline's audience reads it
    # from then on.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = GuidelineQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advocacy:detail", args=[self.slug])

    def localized(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)

    @property
    def localized_title(self) -> str:
        return translated(self, "title")

    @property
    def localized_summary(self) -> str:
        return translated(self, "summary")

    def tags(self) -> dict[str, list[str]]:
        return {field: list(getattr(self, field)) for field in TAG_FIELDS}


class GuidelineVersionQuerySet(models.QuerySet):
    def released(self):
        return self.filter(status__in=RELEASED)

    def visible_to(self, user):
        """The versions of the guidelines `user` sees: released ones, and editors see drafts
        and versions in review too."""
        versions = self.filter(guideline__in=Guideline.objects.visible_to(user))
        return versions if user_is_editor(user) else versions.filter(status__in=RELEASED)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
@pgtrigger.register(
    pgtrigger.Protect(
        name="released_version_is_fixed",
        operation=pgtrigger.Update,
        condition=pgtrigger.Q(old__status__in=RELEASED)
        & (
            pgtrigger.Q(old__number__df=pgtrigger.F("new__number"))
            | pgtrigger.Q(old__guideline_id__df=pgtrigger.F("new__guideline_id"))
            | pgtrigger.Q(old__change_level__df=pgtrigger.F("new__change_level"))
            | pgtrigger.Q(old__change_note__df=pgtrigger.F("new__change_note"))
            | pgtrigger.Q(old__published_at__df=pgtrigger.F("new__published_at"))
            | pgtrigger.Q(new__status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW])
        ),
    ),
    pgtrigger.Protect(
        name="released_version_is_kept",
        operation=pgtrigger.Delete,
        condition=pgtrigger.Q(old__status__in=RELEASED),
    ),
)
class GuidelineVersion(models.Model):
    guideline = models.ForeignKey(
        Guideline, verbose_name=_("guideline"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    change_level = models.CharField(
        _("change level"), max_length=20, choices=ChangeLevel.choices, blank=True
    )
    change_note = models.TextField(_("change note"), blank=True)
    created_from = models.ForeignKey(
        "self",
        verbose_name=_("made from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("sent to review"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GuidelineVersionQuerySet.as_manager()

    class Meta:
        ordering = ["guideline", "number"]
        verbose_name = _("guideline version")
        verbose_name_plural = _("guideline versions")
        constraints = [
            models.UniqueConstraint(
                fields=["guideline", "number"], name="guideline_version_number_once"
            ),
            models.UniqueConstraint(
                fields=["guideline"],
                condition=Q(status=VersionStatus.PUBLISHED),
                name="guideline_one_published_version",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=RELEASED)
                | (Q(published_at__isnull=False) & ~Q(change_level="")),
                name="guideline_version_released_with_level",
            ),
        ]

    def __str__(self):
        return f"{self.guideline} v{self.number}"

    def get_absolute_url(self):
        return reverse("advocacy:version", args=[self.guideline.slug, self.number])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_released(self) -> bool:
        return self.status in RELEASED


# Sections and parameters are written only while their version is a draft.
_CONTENT_FIXED_SQL = """
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM advocacy_guidelineversion WHERE id = OLD.version_id AND status <> 'draft'
    ) THEN
        RAISE EXCEPTION 'advocacy: the content of a version that is not a draft is fixed'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
        SELECT 1 FROM advocacy_guidelineversion WHERE id = NEW.version_id AND status <> 'draft'
    ) THEN
        RAISE EXCEPTION 'advocacy: the content of a version that is not a draft is fixed'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
"""


def _content_fixed_trigger() -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name="content_fixed_unless_draft",
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=_CONTENT_FIXED_SQL,
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
@pgtrigger.register(_content_fixed_trigger())
class Section(models.Model):
    """A part of a version (background, key messages, asks...). Its key stays the same from
    version to version, so translations and adaptations follow it."""

    version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text in English"))
    adaptable = models.BooleanField(
        _("adaptable"), default=False, help_text=_("A society may rewrite this section.")
    )
    key_message = models.BooleanField(
        _("key message"), default=False, help_text=_("Societies may endorse this section.")
    )

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_key_once_per_version")
        ]

    def __str__(self):
        return self.heading

    @property
    def source_hash(self) -> str:
        return source_hash(self.heading, self.body)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
@pgtrigger.register(_content_fixed_trigger())
class Parameter(models.Model):
    """A place where a society may or must put its own content ("national legal framework")."""

    version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="parameters",
    )
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    may_depart = models.BooleanField(
        _("may depart from the source"),
        default=False,
        help_text=_("The society's text may say something the guideline does not."),
    )

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("adaptation parameter")
        verbose_name_plural = _("adaptation parameters")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="parameter_key_once_per_version"
            )
        ]

    def __str__(self):
        return self.label
