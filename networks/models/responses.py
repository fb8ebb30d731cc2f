"""Cross-national responses: work that several National Societies (or the IFRC Secretariat
with them) carry out together along a migration route or across countries, with the
societies taking part, the updates that form its timeline, and the practices it gave rise to.

Who sees a response is ResponseQuerySet.policy: once endorsed (active or closed) its audience
reads it; before that, and when declined, its lead society, the editors, the coordinators of
its network and the societies invited or taking part. Which steps each person may take is
networks.workflow's table.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.audience import AudiencePolicy, AudienceQuerySet, Reader, Visibility
from core.translations import TranslationsField, translated

SUMMARY_MAX_LENGTH = 600
RESPONSE_TRANSLATED_FIELDS = {"title": 200, "summary": SUMMARY_MAX_LENGTH}
TAG_FIELDS = ["steps", "support_types", "principles"]


class Level(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class ResponseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTICIPANT = "participant", _("Participant")
    SUPPORTER = "supporter", _("Supporter")


class ParticipantStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Taking part")
    DECLINED = "declined", _("Declined")


# A society invited, or taking part, reads the response whatever its audience and status.
SHARED_STATUSES = [ParticipantStatus.INVITED, ParticipantStatus.ACCEPTED]
ENDORSED = [ResponseStatus.ACTIVE, ResponseStatus.CLOSED]


def _shared_with(reader: Reader) -> Q:
    from networks.models.networks import NetworkCoordinator

    coordinators = NetworkCoordinator.objects.filter(
        network_id=OuterRef("network_id"), user=reader.user
    )
    shared = Q(Exists(coordinators))
    if reader.society_ids:
        taking_part = ResponseParticipant.objects.filter(
            response_id=OuterRef("pk"),
            society_id__in=reader.society_ids,
            status__in=SHARED_STATUSES,
        )
        shared |= Q(Exists(taking_part))
    return shared


class ResponseQuerySet(AudienceQuerySet):
    """Who sees which response: active and closed ones by their audience (core.audience);
    every one by its lead society, the editors, the coordinators of its network, and the
    societies invited to it or taking part. Editors edit every response; the lead society's
    members edit theirs while it is proposed or active."""

    policy = AudiencePolicy(
        society_field="lead_society_id",
        audience_field="visibility",
        published=Q(status__in=ENDORSED),
        owners_edit=Q(status__in=[ResponseStatus.PROPOSED, ResponseStatus.ACTIVE]),
        shared_with=_shared_with,
    )

    def for_listing(self):
        return self.select_related(
            "lead_society", "lead_society__country", "network", "route"
        ).defer("objectives")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Response(models.Model):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("Plain text, at most 600 characters."),
    )
    objectives = models.TextField(
        _("objectives"), blank=True, help_text=_("What the response sets out to do (Markdown).")
    )
    translations = TranslationsField(_("translations"), fields=RESPONSE_TRANSLATED_FIELDS)
    lead_society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("lead society"),
        on_delete=models.PROTECT,
        related_name="led_responses",
        help_text=_("A National Society, or the IFRC Secretariat."),
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    route = models.ForeignKey(
        "networks.Route",
        verbose_name=_("migration route"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    level = models.CharField(_("coordination level"), max_length=20, choices=Level.choices)
    # Taxonomy codes (core.taxonomy), arrays as a practice has them.
    countries = ArrayField(models.CharField(max_length=3), verbose_name=_("countries"))
    # The regions of its countries, copied on every write so that the filter needs no join.
    regions = ArrayField(
        models.CharField(max_length=40), verbose_name=_("regions"), default=list, blank=True
    )
    steps = ArrayField(models.CharField(max_length=40), verbose_name=_("steps of the trail"))
    support_types = ArrayField(models.CharField(max_length=40), verbose_name=_("types of support"))
    principles = ArrayField(models.CharField(max_length=4), verbose_name=_("principles"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResponseStatus.choices,
        default=ResponseStatus.PROPOSED,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
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
    decision_note = models.TextField(_("note on the decision"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("cross-national response")
        verbose_name_plural = _("cross-national responses")
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["countries", "regions", "steps"], name="response_tags_gin"),
            models.Index(fields=["status", "visibility"], name="response_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="response_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:response_detail", args=[self.pk])

    def localized(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ResponseParticipant(models.Model):
    """A society in a response: its lead, a society that asked to join or was invited, and
    whether it takes part."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="participants", verbose_name=_("response")
    )
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="response_participations",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.REQUESTED,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    # How it came in: invited by the lead side, or on its own request.
    invited = models.BooleanField(_("invited"), default=False)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["joined_on", "id"]
        verbose_name = _("response participant")
        verbose_name_plural = _("response participants")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "society"], name="response_participant_once_per_society"
            ),
            models.UniqueConstraint(
                fields=["response"],
                condition=Q(role="lead"),
                name="response_has_one_lead",
            ),
        ]

    def __str__(self):
        return f"{self.society} in {self.response}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class ResponseUpdate(models.Model):
    """One entry of a response's timeline: what happened, on which day, with its figures."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="updates", verbose_name=_("response")
    )
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("posted for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    happened_on = models.DateField(_("date"))
    body = models.TextField(_("what happened"), help_text=_("Markdown."))
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("response update")
        verbose_name_plural = _("response updates")
        indexes = [models.Index(fields=["response", "-happened_on"], name="response_update_idx")]

    def __str__(self):
        return f"{self.response} · {self.happened_on}"


@pghistory.track(pghistory.InsertEvent(), pghistory.DeleteEvent())
class ResponsePractice(models.Model):
    """A practice names the response it came from (at most one). Kept here, not on the
    practice: practices know nothing of networks."""

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="practice_links",
        verbose_name=_("response"),
    )
    practice = models.OneToOneField(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="response_link",
        verbose_name=_("practice"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("practice of a response")
        verbose_name_plural = _("practices of responses")

    def __str__(self):
        return f"{self.practice} from {self.response}"
