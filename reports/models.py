"""Indicators and reporting periods (defined by IFRC editors), each society's data submission
for a period, the reports compiled from practices and data points, and calls for practices.

About 500 lines, one section per aggregate: the sections are short and refer to each other
(a report counts submissions of periods, a call links a report); past ~600 lines this becomes a
models/ package with one module per section."""

from __future__ import annotations

import datetime

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.audience import AudiencePolicy, AudienceQuerySet, Visibility
from core.models import NationalSociety
from core.translations import TranslationsField, translated
from practices.models import Practice

# --- Indicators and periods -------------------------------------------------------------------


class Unit(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Per cent")
    CURRENCY = "currency", _("Currency amount")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE = "age", _("Age")


# Disaggregation → its groups, each as (code, column of DataValue, label). The codes are what
# the API, CSV files and reports use; the groups of one disaggregation add up to the total at
# most (a value may leave some groups empty).
GROUPS = {
    Disaggregation.SEX: [
        ("female", "sex_female", _("Female")),
        ("male", "sex_male", _("Male")),
        ("other", "sex_other", _("Other")),
        ("unknown", "sex_unknown", _("Unknown")),
    ],
    Disaggregation.AGE: [
        ("children", "age_children", _("Children")),
        ("adults", "age_adults", _("Adults")),
        ("older-people", "age_older_people", _("Older people")),
    ],
}
GROUP_COLUMNS = [column for groups in GROUPS.values() for _code, column, _label in groups]

# An indicator's English text lives in its columns; its text in the site's other languages in
# Indicator.translations (core.translations): each translated field with its maximum length.
TRANSLATED_FIELDS = {"name": 200, "definition": None, "guidance": None}


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Indicator(models.Model):
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Stable; used in files and the API.")
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("ISO 4217 code of the amounts (for example CHF); currency amounts only."),
    )
    disaggregations = ArrayField(
        models.CharField(max_length=10, choices=Disaggregation.choices),
        verbose_name=_("disaggregations offered"),
        default=list,
        blank=True,
    )
    guidance = models.TextField(
        _("collection guidance"),
        blank=True,
        help_text=_("How to count, what to include and exclude, which sources to use."),
    )
    translations = TranslationsField(
        _("translations"),
        fields=TRANSLATED_FIELDS,
        help_text=_(
            "Name, definition and guidance in French, Spanish and Arabic; English is in the "
            "fields above."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit="currency", currency__regex=r"^[A-Z]{3}$")
                | (~Q(unit="currency") & Q(currency="")),
                name="indicator_currency_with_currency_unit",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:indicators") + f"#{self.code}"

    def localized(self, field: str, language: str | None = None) -> str:
        """The indicator's `field` in `language` (by default the active one, "fr-ca" read as
        "fr"), or in English when it has no text in that language."""
        return translated(self, field, language)

    def localized_name(self) -> str:
        return self.localized("name")

    def localized_definition(self) -> str:
        return self.localized("definition")

    def localized_guidance(self) -> str:
        return self.localized("guidance")

    def groups(self):
        """The disaggregation groups this indicator offers, as (disaggregation, code, column,
        label)."""
        return [
            (disaggregation, code, column, label)
            for disaggregation in self.disaggregations
            for code, column, label in GROUPS[disaggregation]
        ]

    @property
    def unit_label(self) -> str:
        if self.unit == Unit.CURRENCY:
            return self.currency
        return self.get_unit_display()


class ReportingPeriodQuerySet(models.QuerySet):
    def open(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class ReportingPeriod(models.Model):
    label = models.CharField(_("label"), max_length=60, unique=True, help_text=_("e.g. 2026"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"), help_text=_("The last day on which societies may change their values.")
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), related_name="periods"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-opens_on", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="period_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("reports:period", args=[self.pk])

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def has_closed(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


# --- Society submissions ----------------------------------------------------------------------


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned for changes")


# Values a society has sent to the IFRC: what completeness counts.
REPORTED_STATUSES = [SubmissionStatus.SUBMITTED, SubmissionStatus.VALIDATED]


class SubmissionQuerySet(AudienceQuerySet):
    """Who sees which submission: the society's approved members and focal points see their
    own (drafts included); editors see every submission a society has sent at least once (not
    a draft never submitted). Values are for the society and the editors only: no audience.

    The society's members and focal points change their values while the submission is a
    draft or returned to them; editors validate or return, they do not enter values."""

    policy = AudiencePolicy(
        society_field="society_id",
        hidden_from_editors=Q(status=SubmissionStatus.DRAFT),
        owners_edit=Q(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]),
        editors_edit=False,
    )


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Submission(models.Model):
    society = models.ForeignKey(
        NationalSociety,
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="data_submissions",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    review_note = models.TextField(_("note from the editors"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("data submission")
        verbose_name_plural = _("data submissions")
        ordering = ["period", "society__name"]
        constraints = [
            models.UniqueConstraint(fields=["society", "period"], name="one_submission_per_period")
        ]

    def __str__(self):
        return f"{self.society} · {self.period}"

    def get_absolute_url(self):
        return reverse("reports:submission", args=[self.period_id, self.society.slug])


def group_value(label) -> models.DecimalField:
    """A disaggregation group's value; empty when the society does not know it."""
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class DataValue(models.Model):
    """One indicator's value in a submission; a disaggregation group left empty is unknown."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="values", verbose_name=_("submission")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=2)
    sex_female = group_value(_("female"))
    sex_male = group_value(_("male"))
    sex_other = group_value(_("other"))
    sex_unknown = group_value(_("unknown"))
    age_children = group_value(_("children"))
    age_adults = group_value(_("adults"))
    age_older_people = group_value(_("older people"))
    source_note = models.TextField(_("source"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        ordering = ["indicator__position", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="one_value_per_indicator"
            ),
            # The services explain these rules to the user; the database only guarantees them.
            models.CheckConstraint(
                condition=Q(total__gte=0)
                & Q(
                    *(
                        Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__gte": 0})
                        for column in GROUP_COLUMNS
                    )
                ),
                name="data_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.total}"

    def group_values(self) -> dict[str, dict[str, object]]:
        """{"sex": {"female": 3, ...}, "age": {...}} for the indicator's disaggregations."""
        return {
            disaggregation: {
                code: getattr(self, column) for code, column, _label in GROUPS[disaggregation]
            }
            for disaggregation in self.indicator.disaggregations
        }


# --- Reports --------------------------------------------------------------------------------


class ReportKind(models.TextChoices):
    PRACTICES_OVERVIEW = "practices-overview", _("Practices overview")
    DATA_COMPILATION = "data-compilation", _("Data compilation")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportQuerySet(AudienceQuerySet):
    """Who sees which report: editors see every report; others see published reports whose
    audience includes them (core.audience: public ones for everyone, movement ones for
    approved members of any society). A report for the IFRC, owned by no society, stays with
    editors."""

    policy = AudiencePolicy(
        society_field=None,
        audience_field="audience",
        published=Q(published_at__isnull=False),
    )

    def live(self):
        """Reports an identical request may reuse: done, or still on their way."""
        return self.exclude(status=ReportStatus.FAILED)


class Report(models.Model):
    """A snapshot: once done, its result never changes. An identical request (same kind,
    filters, period, audience and threshold) on unchanged data finds it by `fingerprint`."""

    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Only practices this audience may see are counted."),
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
    )
    threshold = models.PositiveSmallIntegerField(
        _("gap threshold"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Cells and principles with fewer practices than this are gaps."),
    )
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("reason of failure"), blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled = models.BooleanField(_("compiled on schedule"), default=False)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one snapshot per question and state of the data, however many workers
            # and requests race for it; a failed one does not count, so it can be retried.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~Q(status="failed"),
                name="one_live_report_per_fingerprint",
            ),
            models.CheckConstraint(
                condition=Q(kind="practices-overview") | Q(period__isnull=False),
                name="data_compilation_has_period",
            ),
        ]
        indexes = [models.Index(fields=["published_at"], name="report_published_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


# --- Calls for practices ----------------------------------------------------------------------


class CallQuerySet(models.QuerySet):
    def open(self, today: datetime.date | None = None):
        return self.filter(deadline__gte=today or timezone.localdate())


class CallForPractices(models.Model):
    """An editors' call for practices where a report shows few: the filters of a gap (step and
    region, or principle), a deadline, and the practices that answered it."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateField(_("deadline"))
    filters = models.JSONField(_("filters"), default=dict)
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
    )
    practices = models.ManyToManyField(
        Practice, verbose_name=_("practices"), related_name="calls", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:call", args=[self.pk])

    def is_open(self, today: datetime.date | None = None) -> bool:
        return self.deadline >= (today or timezone.localdate())

    @property
    def region_codes(self) -> list[str]:
        """The regions concerned: those of the filters, or every region when none is named."""
        return list(self.filters.get("region") or taxonomy.codes("region"))
