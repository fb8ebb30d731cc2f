from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.audience import AudiencePolicy, AudienceQuerySet, Visibility
from core.models import NationalSociety, Region
from core.taxonomy import Kind
from core.uploads import stored_name
from core.versions import versioned
from practices.accents import fold_accents_sql
from practices.tally_triggers import TALLY_TRIGGERS

SUMMARY_MAX_LENGTH = 600
SECTIONS = ["context", "activities", "results", "lessons", "replication"]
TAG_FIELDS = ["steps", "dimensions", "support_types", "principles"]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes-requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Language(models.TextChoices):
    """Languages of content, each with the PostgreSQL text-search configuration it uses."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")
    PORTUGUESE = "pt", _("Portuguese")
    RUSSIAN = "ru", _("Russian")
    OTHER = "other", _("Other")


SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
SEARCH_CONFIG_FALLBACK = "simple"


def search_config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIG_FALLBACK)


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    UNACCOMPANIED_MINORS = "unaccompanied-minors", _("Unaccompanied and separated minors")
    WOMEN = "women", _("Women and girls")
    OLDER_PEOPLE = "older-people", _("Older people")
    DISABILITIES = "people-with-disabilities", _("People with disabilities")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    MIGRANT_WORKERS = "migrant-workers", _("Migrant workers")
    IRREGULAR = "irregular-migrants", _("Migrants with irregular status")
    TRAFFICKING = "trafficking-survivors", _("Survivors of trafficking")
    RETURNEES = "returnees", _("Returnees")
    HOST_COMMUNITIES = "host-communities", _("Host communities")


class RegConfigField(models.CharField):
    """A PostgreSQL `regconfig` column: the text-search configuration of a row.

    Kept as its own type (not text) because the search vector is a generated column, and
    `to_tsvector(regconfig, text)` is immutable where a cast from text to regconfig is not.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "regconfig"

    def from_db_value(self, value, expression, connection):
        return value


@RegConfigField.register_lookup
class RegConfigExact(Exact):
    """`search_config = 'english'` must compare configurations, so the value is cast to
    regconfig (as an untyped literal PostgreSQL would read it as an oid)."""

    def process_rhs(self, compiler, connection):
        sql, params = super().process_rhs(compiler, connection)
        return f"({sql})::regconfig", params


# The triggers that keep PracticeTally current: practices/tally_triggers.py.


class PracticeQuerySet(AudienceQuerySet):
    """Who sees which practice (pages, API, search, facets, feeds, exports and attachments all
    start from `visible_to`), by core.audience's rule:

    - published: its audience (public: everyone; movement: approved members of any society,
      and editors; ifrc: editors and the owning society);
    - not published: the owning society (drafts included); editors see every practice but a
      draft, which stays the society's own until it is submitted (drafts an editor wrote for a
      society are theirs to see too).

    Editors edit every practice they see; members and focal points edit their society's
    practices that are drafts, sent back for changes, or published (an edit to a published
    practice waits for an editor as a revision).
    """

    policy = AudiencePolicy(
        society_field="society_id",
        audience_field="visibility",
        published=Q(status=Status.PUBLISHED),
        hidden_from_editors=Q(status=Status.DRAFT),
        author_field="created_by",
        owners_edit=Q(status__in=[Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED]),
    )

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def for_listing(self):
        return self.select_related("society", "society__country").defer(*SECTIONS, "partners")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    exclude=["search_vector", "search_config"],
)
class Practice(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("Plain text, at most 600 characters."),
    )
    context = models.TextField(_("context: the need"), blank=True)
    activities = models.TextField(_("activities: what was done"), blank=True)
    results = models.TextField(_("results and evidence"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    replication = models.TextField(
        _("replication: resources, cost and what another society needs"), blank=True
    )
    partners = models.TextField(_("partners"), blank=True)
    links = ArrayField(
        models.URLField(max_length=500), verbose_name=_("links"), default=list, blank=True
    )

    society = models.ForeignKey(
        NationalSociety,
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    # The society's region, copied on every write so that filters and facets need no join.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        to_field="code",
        db_column="region_code",
        related_name="practices",
        null=True,
        blank=True,
    )
    # Taxonomy codes (core.taxonomy); arrays so that filters and facet counts read one table.
    countries = ArrayField(models.CharField(max_length=3), verbose_name=_("countries"))
    steps = ArrayField(models.CharField(max_length=40), verbose_name=_("steps of the trail"))
    dimensions = ArrayField(
        models.CharField(max_length=40), verbose_name=_("dimensions of resilience")
    )
    support_types = ArrayField(models.CharField(max_length=40), verbose_name=_("types of support"))
    principles = ArrayField(models.CharField(max_length=4), verbose_name=_("principles"))
    target_groups = ArrayField(
        models.CharField(max_length=40, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )

    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the practice is ongoing."),
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact_email = models.EmailField(_("public contact email"), blank=True)

    # Editors only.
    replicable = models.BooleanField(_("replicable"), default=False)
    migrants_participated = models.BooleanField(_("migrants participated"), default=False)
    evaluated = models.BooleanField(_("evaluated"), default=False)
    featured = models.BooleanField(_("featured on the home page"), default=False)

    # Workflow.
    review_note = models.TextField(_("note from the editors"), blank=True)
    submitted_tags = models.JSONField(
        _("tags as submitted"),
        default=dict,
        blank=True,
        help_text=_("The society's own tags, kept when editors correct them at review."),
    )
    pending_revision = models.JSONField(
        _("revision waiting for review"),
        null=True,
        blank=True,
        help_text=_("A society's edit to a published practice, applied when an editor approves."),
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
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    search_config = RegConfigField(_("search configuration"), default="english")
    # Built from the text with its accents folded (practices.accents), as the query is.
    search_vector = models.GeneratedField(
        expression=SearchVector(
            fold_accents_sql(models.F("title")), weight="A", config=models.F("search_config")
        )
        + SearchVector(
            fold_accents_sql(models.F("summary")), weight="B", config=models.F("search_config")
        )
        + SearchVector(
            *(fold_accents_sql(models.F(name)) for name in SECTIONS),
            weight="C",
            config=models.F("search_config"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search_gin"),
            GinIndex(
                fields=["steps", "dimensions", "support_types", "principles", "countries"],
                name="practice_tags_gin",
            ),
            models.Index(fields=["status", "visibility", "region"], name="practice_status_idx"),
            models.Index(fields=["society", "status"], name="practice_society_idx"),
            models.Index(fields=["-published_at", "-id"], name="practice_newest_idx"),
            # The API's and the catalogue's order by title, read in order rather than sorted.
            models.Index(fields=["title", "id"], name="practice_title_idx"),
            # The home page's few featured practices, found without reading the others.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(featured=True),
                name="practice_featured_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="practice_period_in_order",
            ),
        ]
        triggers = [*TALLY_TRIGGERS, versioned()]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.pk])

    @property
    def is_ongoing(self) -> bool:
        return self.end_year is None

    def tags(self) -> dict[str, list[str]]:
        return {field: list(getattr(self, field)) for field in TAG_FIELDS}

    @cached_property
    def tag_corrections(self) -> dict[str, dict[str, list[str]]]:
        """Per tag field, what editors added to and removed from the society's own tags."""
        if not self.submitted_tags:
            return {}
        corrections = {}
        for field in TAG_FIELDS:
            submitted = set(self.submitted_tags.get(field, []))
            current = set(getattr(self, field))
            if submitted != current:
                corrections[field] = {
                    "added": sorted(current - submitted),
                    "removed": sorted(submitted - current),
                }
        return corrections


def attachment_path(attachment, filename):
    # What the user called the file is kept only in original_name.
    return stored_name("attachments", filename)


class Attachment(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("practice")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("practices:attachment", args=[self.practice_id, self.pk])


class PracticeTally(models.Model):
    """How many practices of each status, visibility and region carry each facet value, kept
    current by triggers on the practice table in the same transaction as every write (services,
    admin actions, `queryset.update()`, COPY, deletes), so a count read here is never behind
    the practices a reader sees. Read through practices.tallies; never written by Python.

    `region_id` is '' for practices of no region; facet `total` counts every practice of a cell.
    """

    status = models.CharField(max_length=20, choices=Status.choices)
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    region_id = models.CharField(max_length=40, blank=True)
    facet = models.CharField(max_length=40)
    value = models.CharField(max_length=40, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("practice count")
        verbose_name_plural = _("practice counts")
        constraints = [
            models.UniqueConstraint(
                fields=["status", "visibility", "region_id", "facet", "value"],
                name="practice_tally_cell",
            ),
        ]

    def __str__(self):
        return f"{self.status}/{self.visibility}/{self.region_id} {self.facet}={self.value}"


class SimilarPractice(models.Model):
    """A published practice close to `practice` (practices.similarity), stored when either is
    published or changed, so that a practice page reads a few rows whatever the size of the
    catalogue. Who may see `similar` is asked when the page is shown."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="similar_links", verbose_name=_("practice")
    )
    similar = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="similar_of",
        verbose_name=_("similar practice"),
    )
    score = models.FloatField(_("closeness"))

    class Meta:
        verbose_name = _("similar practice")
        verbose_name_plural = _("similar practices")
        constraints = [
            models.UniqueConstraint(fields=["practice", "similar"], name="similar_practice_once"),
        ]
        indexes = [
            models.Index(fields=["practice", "-score"], name="similar_practice_closest_idx"),
        ]

    def __str__(self):
        return f"{self.practice_id} ~ {self.similar_id} ({self.score:.2f})"
