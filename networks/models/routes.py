"""Migration routes, their stops, and the support offers a person on the move can turn to.

A route is a list of stops in order; a stop is a country with the steps of the trail that
happen there ("across the trail" belongs to the whole route, never to one stop). A support
offer belongs to one society and one country, and says which steps and types of support it
covers; the trail view puts each offer in the cells of its country's stops.

Who sees an offer is SupportOfferQuerySet.policy; who sees its contacts is one answer in
networks.permissions (can_see_offer_contacts), asked by every page, export and the API.
"""

from __future__ import annotations

import datetime

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audience import AudiencePolicy, AudienceQuerySet, Visibility
from core.translations import TranslationsField, translated
from core.versions import versioned

ACROSS_THE_TRAIL = "across-the-trail"
ROUTE_TRANSLATED_FIELDS = {"name": 200, "description": None}
OFFER_TRANSLATED_FIELDS = {"name": 200, "description": None}


class RouteQuerySet(models.QuerySet):
    """Routes are public: everyone reads every route (what each reader sees of its offers is
    the offers' own rule). Who edits a route is networks.permissions' answer."""

    def visible_to(self, user):
        return self.all()

    def for_listing(self):
        return self.prefetch_related("stops", "networks")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Route(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    translations = TranslationsField(_("translations"), fields=ROUTE_TRANSLATED_FIELDS)
    networks = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("linked networks"),
        related_name="routes",
        blank=True,
        help_text=_("The coordinators of a linked network edit the route."),
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RouteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("migration route")
        verbose_name_plural = _("migration routes")
        triggers = [versioned()]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:route-trail", args=[self.slug])

    def localized(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)

    @property
    def label(self) -> str:
        return translated(self, "name")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class RouteStop(models.Model):
    """A country on a route, at its place in the order, with the steps that happen there.
    The same country twice in a row is refused by the route services (a check across rows)."""

    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="stops"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="route_stops",
    )
    steps = ArrayField(models.CharField(max_length=40), verbose_name=_("steps of the trail"))

    class Meta:
        ordering = ["route", "position"]
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        triggers = [versioned()]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "position"], name="route_stop_position_unique"
            ),
            models.CheckConstraint(condition=Q(steps__len__gte=1), name="route_stop_has_steps"),
            models.CheckConstraint(
                condition=~Q(steps__contains=[ACROSS_THE_TRAIL]),
                name="route_stop_not_across_the_trail",
            ),
        ]

    def __str__(self):
        return f"{self.route} · {self.position}. {self.country_id}"


class OfferStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily-closed", _("Temporarily closed")
    ENDED = "ended", _("Ended")


class ContactsVisibility(models.TextChoices):
    """Who reads an offer's phone, email, web address and address (the values are stored)."""

    PUBLIC = "public", _("Public: anyone")
    MOVEMENT = "movement", _("Movement: members of any National Society")


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """An offer last confirmed before this day is stale (settings.OFFER_STALE_AFTER_DAYS)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.OFFER_STALE_AFTER_DAYS)


class SupportOfferQuerySet(AudienceQuerySet):
    """Who sees which offer, by core.audience's rule: an offer that has not ended is read by
    its audience (public: everyone; movement: members of any society and editors; ifrc:
    editors); the owning society and the editors see all of its offers, ended ones too.

    Members and focal points of the owning society edit all of its offers; editors edit all.
    """

    policy = AudiencePolicy(
        society_field="society_id",
        audience_field="visibility",
        published=~Q(status=OfferStatus.ENDED),
        owners_edit=Q(),
    )

    def active(self):
        return self.filter(status=OfferStatus.ACTIVE)

    def stale(self, today: datetime.date | None = None):
        """Offers still running whose last confirmation is older than the configured age."""
        return self.exclude(status=OfferStatus.ENDED).filter(
            last_confirmed_on__lt=stale_before(today)
        )

    def fresh(self, today: datetime.date | None = None):
        return self.exclude(last_confirmed_on__lt=stale_before(today))

    def for_listing(self):
        return self.select_related("society", "country")


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    exclude=["reminded_for_confirmation_of", "updated_at"],
)
class SupportOffer(models.Model):
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="support_offers",
    )
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="support_offers",
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("A town or an area, if any.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    translations = TranslationsField(_("translations"), fields=OFFER_TRANSLATED_FIELDS)

    # Taxonomy codes (core.taxonomy) and ISO 639-1 language codes, checked by the services.
    steps = ArrayField(models.CharField(max_length=40), verbose_name=_("steps of the trail"))
    support_types = ArrayField(models.CharField(max_length=40), verbose_name=_("types of support"))
    target_groups = ArrayField(
        models.CharField(max_length=40), verbose_name=_("target groups"), default=list, blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=3), verbose_name=_("languages spoken"), default=list
    )

    # How to reach it: at least one of phone, email, website and address (the services check).
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("web address"), max_length=500, blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)

    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    visibility = models.CharField(
        _("audience"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    contacts_visibility = models.CharField(
        _("who sees the contacts"),
        max_length=10,
        choices=ContactsVisibility.choices,
        default=ContactsVisibility.PUBLIC,
    )

    # Freshness: confirmed "still accurate" on this day, by this person.
    last_confirmed_on = models.DateField(_("last confirmed on"), default=timezone.localdate)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The last_confirmed_on whose lapse the focal points were reminded of: one reminder per
    # lapse; a new confirmation moves last_confirmed_on on, and so opens the next lapse.
    reminded_for_confirmation_of = models.DateField(
        _("reminder sent for the confirmation of"), null=True, blank=True
    )

    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SupportOfferQuerySet.as_manager()

    class Meta:
        ordering = ["country", "society", "name", "id"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        triggers = [versioned()]
        indexes = [
            GinIndex(
                fields=["steps", "support_types", "target_groups", "languages"],
                name="offer_tags_gin",
            ),
            models.Index(fields=["country", "status"], name="offer_country_idx"),
            models.Index(fields=["society", "status"], name="offer_society_idx"),
            models.Index(fields=["last_confirmed_on"], name="offer_confirmed_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(steps__len__gte=1), name="offer_has_steps"),
            models.CheckConstraint(
                condition=Q(support_types__len__gte=1), name="offer_has_support_types"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="offer_coordinates_both_or_none",
            ),
            models.CheckConstraint(
                condition=~Q(phone="", email="", website="", address=""),
                name="offer_can_be_reached",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:offer-detail", args=[self.pk])

    def localized(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)

    @property
    def label(self) -> str:
        return translated(self, "name")

    def is_stale(self, today: datetime.date | None = None) -> bool:
        return self.status != OfferStatus.ENDED and self.last_confirmed_on < stale_before(today)
