"""Societies' adaptations of a published version, and their endorsements of key messages.

An adaptation is made from one exact version in one language (any BCP 47 code: "it", "pt-BR"):
the society fills the version's parameters and may rewrite its adaptable sections. A new
substantive version outdates every adaptation of an earlier one.
"""

import pghistory
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advocacy.models.guidelines import Guideline, GuidelineVersion
from core.audience import AudiencePolicy, AudienceQuerySet, Visibility

# A language tag as BCP 47 shapes it: a 2-3 letter language, then subtags (script, region...).
language_tag = RegexValidator(
    r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$",
    _("Give a language code such as “fr”, “it” or “pt-BR”."),
)


class AdaptationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned with a note")


class AdaptationQuerySet(AudienceQuerySet):
    """Who sees which adaptation: its society sees all of its own; published ones are read by
    their audience; editors see every adaptation but drafts (still the society's own, unless an
    editor wrote it). The society's members edit its drafts and returned adaptations."""

    policy = AudiencePolicy(
        society_field="society_id",
        audience_field="visibility",
        published=Q(status=AdaptationStatus.PUBLISHED),
        hidden_from_editors=Q(status=AdaptationStatus.DRAFT),
        author_field="created_by",
        owners_edit=Q(status__in=[AdaptationStatus.DRAFT, AdaptationStatus.RETURNED]),
    )

    def published(self):
        return self.filter(status=AdaptationStatus.PUBLISHED)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Adaptation(models.Model):
    guideline = models.ForeignKey(
        Guideline,
        verbose_name=_("guideline"),
        on_delete=models.CASCADE,
        related_name="adaptations",
    )
    version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("adapted version"),
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="guideline_adaptations",
    )
    language = models.CharField(_("language"), max_length=35, validators=[language_tag])
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AdaptationStatus.choices,
        default=AdaptationStatus.DRAFT,
    )
    outdated = models.BooleanField(_("outdated"), default=False)
    outdated_since_version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("outdated since version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    return_note = models.TextField(_("note from the reviewer"), blank=True)
    departure_note = models.TextField(_("why this adaptation departs from the source"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = AdaptationQuerySet.as_manager()

    class Meta:
        ordering = ["guideline", "society", "language", "-version__number"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "society", "language"],
                name="adaptation_once_per_version_and_language",
            )
        ]
        indexes = [
            models.Index(fields=["guideline", "status"], name="adaptation_guideline_idx"),
            models.Index(fields=["society", "status"], name="adaptation_society_idx"),
        ]

    def __str__(self):
        return f"{self.guideline} · {self.society} · {self.language}"

    def get_absolute_url(self):
        return reverse("advocacy:adaptation", args=[self.guideline.slug, self.pk])


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AdaptationParameterValue(models.Model):
    adaptation = models.ForeignKey(
        Adaptation,
        verbose_name=_("adaptation"),
        on_delete=models.CASCADE,
        related_name="parameter_values",
    )
    parameter_key = models.SlugField(_("parameter key"), max_length=60)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["adaptation", "id"]
        verbose_name = _("adaptation parameter value")
        verbose_name_plural = _("adaptation parameter values")
        constraints = [
            models.UniqueConstraint(
                fields=["adaptation", "parameter_key"], name="adaptation_parameter_once"
            )
        ]

    def __str__(self):
        return f"{self.adaptation} · {self.parameter_key}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AdaptationSection(models.Model):
    """A section the society rewrote, with the hash of the source section it was made from."""

    adaptation = models.ForeignKey(
        Adaptation,
        verbose_name=_("adaptation"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    section_key = models.SlugField(_("section key"), max_length=60)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    source_hash = models.CharField(_("hash of the source section"), max_length=64)

    class Meta:
        ordering = ["adaptation", "id"]
        verbose_name = _("adapted section")
        verbose_name_plural = _("adapted sections")
        constraints = [
            models.UniqueConstraint(
                fields=["adaptation", "section_key"], name="adaptation_section_once"
            )
        ]

    def __str__(self):
        return f"{self.adaptation} · {self.section_key}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class Endorsement(models.Model):
    """A society endorses a version, or one of its key-message sections (`section_key`; blank:
    the version as a whole). A focal point endorses on the society's behalf."""

    version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    section_key = models.SlugField(_("key message"), max_length=60, blank=True)
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.CASCADE,
        related_name="guideline_endorsements",
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed"), auto_now_add=True)

    class Meta:
        ordering = ["version", "section_key", "society"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "section_key", "society"], name="endorsement_once_per_society"
            )
        ]

    def __str__(self):
        return f"{self.society} endorses {self.version}"
