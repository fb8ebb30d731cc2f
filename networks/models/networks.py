"""Regional and thematic networks: their member societies and their coordinators.

A coordinator's role is scoped to one network; it is neither a society role nor an editor's.
"""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import user_is_editor
from core.translations import TranslationsField, translated

TRANSLATED_FIELDS = {"name": 200, "description": None}


class NetworkQuerySet(models.QuerySet):
    """Networks are public pages: everyone sees every network. Who manages one (its requests,
    invitations and members) is one rule too: its coordinators, and the editors for all."""

    def visible_to(self, user):
        return self.all()

    def coordinated_by(self, user):
        """The networks `user` is appointed to coordinate (an editor's role is not this)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(coordinators__user=user).distinct()

    def managed_by(self, user):
        """The networks `user` manages: those they coordinate; editors manage every one."""
        if user_is_editor(user):
            return self.all()
        return self.coordinated_by(user)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class Network(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional network")
        THEMATIC = "thematic", _("Thematic network")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    translations = TranslationsField(_("translations"), fields=TRANSLATED_FIELDS)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    regions = ArrayField(
        models.CharField(max_length=40), verbose_name=_("regions covered"), default=list
    )
    host_society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("host society"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_networks",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])

    def localized(self, field: str, language: str | None = None) -> str:
        return translated(self, field, language)

    @property
    def localized_name(self) -> str:
        return self.localized("name")

    @property
    def localized_description(self) -> str:
        return self.localized("description")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class NetworkMember(models.Model):
    """A society's membership of a network, from the day it joined."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    society = models.ForeignKey(
        "core.NationalSociety", on_delete=models.PROTECT, related_name="network_memberships"
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["network", "society"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "society"], name="network_member_once_per_society"
            )
        ]

    def __str__(self):
        return f"{self.society} in {self.network}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class NetworkCoordinator(models.Model):
    """A person appointed by an editor to coordinate one network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinated_networks"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        ordering = ["network", "user"]
        verbose_name = _("network coordinator")
        verbose_name_plural = _("network coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"], name="network_coordinator_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} coordinates {self.network}"


class NetworkRequestQuerySet(models.QuerySet):
    """Who sees a request or invitation: the society's approved members, the network's
    coordinators and the editors; nobody else learns that it was asked."""

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user_is_editor(user):
            return self.all()
        return self.filter(
            models.Q(society_id__in=user.approved_society_ids)
            | models.Q(network__in=Network.objects.coordinated_by(user))
        )

    def pending(self):
        return self.filter(status=NetworkRequest.Status.PENDING)


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent())
class NetworkRequest(models.Model):
    """A society's way into a network, pending until the other side answers: a request from
    one of its focal points (a coordinator or an editor decides), or an invitation from a
    coordinator (one of the society's focal points accepts or declines)."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("Request to join")
        INVITATION = "invitation", _("Invitation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="requests"
    )
    society = models.ForeignKey(
        "core.NationalSociety",
        verbose_name=_("National Society"),
        on_delete=models.PROTECT,
        related_name="network_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = NetworkRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request or invitation to join a network")
        verbose_name_plural = _("requests and invitations to join networks")
        constraints = [
            # One open question per society and network: a second request, or an invitation
            # beside a request, would be answered twice.
            models.UniqueConstraint(
                fields=["network", "society"],
                condition=models.Q(status="pending"),
                name="network_request_one_pending_per_society",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.society} · {self.network}"
