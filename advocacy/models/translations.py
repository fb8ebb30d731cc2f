"""Translations of a version's sections into the site's other languages, and the societies
editors name as translators.

A translation remembers the English it was translated from (its hash and its version): when a
substantive version changes a section, the translation is kept but needs an update, and the
source diff since then says what to redo; a section whose English goes back to a text already
translated gets that translation back.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from advocacy.models.guidelines import GuidelineVersion


class TranslationLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Missing")
    NEEDS_UPDATE = "needs-update", _("Needs update")
    CURRENT = "current", _("Current")
    APPROVED = "approved", _("Approved")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class SectionTranslation(models.Model):
    """One section of one version in one language (found by the section's stable key)."""

    version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    section_key = models.SlugField(_("section key"), max_length=60)
    language = models.CharField(_("language"), max_length=2, choices=TranslationLanguage.choices)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    source_hash = models.CharField(
        _("hash of the English source"),
        max_length=64,
        blank=True,
        help_text=_("The sha256 of the English text this translation was made from."),
    )
    source_version = models.ForeignKey(
        GuidelineVersion,
        verbose_name=_("translated from version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=TranslationState.choices,
        default=TranslationState.MISSING,
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    translated_at = models.DateTimeField(_("translated"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["version", "section_key", "language"]
        verbose_name = _("section translation")
        verbose_name_plural = _("section translations")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "section_key", "language"],
                name="section_translation_once_per_language",
            ),
            models.CheckConstraint(
                condition=models.Q(state=TranslationState.MISSING) | ~models.Q(source_hash=""),
                name="section_translation_knows_its_source",
            ),
        ]

    def __str__(self):
        return f"{self.version} · {self.section_key} · {self.language}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Translator(models.Model):
    """A society an editor named to translate guidelines into one language: its approved
    members translate (editors always do)."""

    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.CASCADE,
        related_name="guideline_translations",
    )
    language = models.CharField(_("language"), max_length=2, choices=TranslationLanguage.choices)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    named_at = models.DateTimeField(_("named"), auto_now_add=True)

    class Meta:
        ordering = ["language", "society"]
        verbose_name = _("translating society")
        verbose_name_plural = _("translating societies")
        constraints = [
            models.UniqueConstraint(
                fields=["society", "language"], name="translator_once_per_language"
            )
        ]

    def __str__(self):
        return f"{self.society} ({self.language})"
