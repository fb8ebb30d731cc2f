from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower, NullIf
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from knox.models import AbstractAuthToken

from core.translations import LANGUAGES, TranslationsField, active_language, translated
from core.versions import versioned

# --- People ---------------------------------------------------------------------------------


class UserManager(DjangoUserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the emails you receive."),
    )
    # The kinds of email (core.notifications) the person turned off; they still see them
    # in their notifications on the site.
    muted_kinds = ArrayField(
        models.CharField(max_length=60),
        verbose_name=_("emails turned off"),
        default=list,
        blank=True,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    # Set by set_unusable_password until the next save, as Django's `_password` is by
    # set_password.
    _password_disabled = False

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email

    def set_unusable_password(self):
        super().set_unusable_password()
        self._password_disabled = True

    def save(self, *args, **kwargs):
        # Every way of changing a password (allauth's change, reset and set, the admin,
        # `changepassword`, set_password in code) ends here, so this is the one place that
        # revokes the tokens made under the old password. `_password` is set by set_password
        # only: a hash upgraded at login (check_password) leaves it unset and the tokens alone.
        password_changed = not self._state.adding and (
            self._password is not None or self._password_disabled
        )
        super().save(*args, **kwargs)
        self._password_disabled = False
        if password_changed:
            APIToken.objects.filter(user=self).delete()

    @cached_property
    def is_editor(self) -> bool:
        """An IFRC editor: a member of the editors group (superusers count as editors)."""
        if not self.is_active:
            return False
        return self.is_superuser or self.groups.filter(name=settings.EDITORS_GROUP).exists()

    @cached_property
    def approved_society_ids(self) -> frozenset[int]:
        return frozenset(
            self.memberships.approved().values_list("society_id", flat=True)
            if self.is_active
            else ()
        )


class APIToken(AbstractAuthToken):
    """A personal API token: knox's (only a hash of the key is stored), with a name, and an
    expiry that is always set (renewed from the profile page)."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.token_key}…)"


def user_is_editor(user) -> bool:
    """Editor check that also accepts AnonymousUser."""
    return bool(user and user.is_authenticated and user.is_editor)


# --- Reference data -------------------------------------------------------------------------


class Term(models.Model):
    """A value of a vocabulary in core.taxonomy: stable code, English source name, order.

    `label` is the name in the active language; the translations live in locale/*.po.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return gettext(self.name)


class Region(Term):
    class Meta(Term.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def get_absolute_url(self):
        return reverse("core:region_detail", args=[self.code])


class Step(Term):
    class Meta(Term.Meta):
        verbose_name = _("step of the trail")
        verbose_name_plural = _("steps of the trail")


class Dimension(Term):
    class Meta(Term.Meta):
        verbose_name = _("dimension of resilience")
        verbose_name_plural = _("dimensions of resilience")


class SupportType(Term):
    class Meta(Term.Meta):
        verbose_name = _("type of support")
        verbose_name_plural = _("types of support")


class Principle(Term):
    description = models.CharField(_("description"), max_length=300)
    within_report_scope = models.BooleanField(_("within the report's scope"), default=True)

    class Meta(Term.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    @property
    def description_label(self) -> str:
        return gettext(self.description)


class Country(models.Model):
    """A country or territory by ISO 3166 alpha-3, in one IFRC region.

    Names come from django-countries, translated into the active language."""

    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, primary_key=True)
    country = CountryField(_("country"), unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="countries"
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso3"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return str(self.country.name)

    @property
    def iso2(self) -> str:
        return self.country.code


class NationalSocietyQuerySet(models.QuerySet):
    def national_societies(self):
        return self.filter(kind=NationalSociety.Kind.NATIONAL_SOCIETY)

    def order_by_label(self):
        """Alphabetical in the active language, as the names read (NationalSociety.label).
        Lower-cased: the embedded PostgreSQL sorts by code point ("C" collation), capitals
        first, and has no ICU collation."""
        language = active_language()
        label = F("name")
        if language in LANGUAGES:
            label = Coalesce(NullIf(KT(f"translations__{language}__name"), Value("")), F("name"))
        return self.order_by(Lower(label), "name")

    def labels_by_slug(self) -> dict[str, str]:
        """{slug: name in the active language} of these societies, in one query."""
        return {
            society.slug: society.label for society in self.only("slug", "name", "translations")
        }

    def named_like(self, text: str):
        """Societies whose name, in any of the site's languages, contains `text`."""
        matches = Q(name__icontains=text)
        for language in LANGUAGES:
            matches |= Q(**{f"translations__{language}__name__icontains": text})
        return self.filter(matches)

    def with_member_count(self):
        return self.annotate(
            member_count=models.Count(
                "memberships", filter=Q(memberships__status=Membership.Status.APPROVED)
            )
        )


class NationalSociety(models.Model):
    """A member National Society of the IFRC, or the IFRC Secretariat (the editors' home)."""

    class Kind(models.TextChoices):
        NATIONAL_SOCIETY = "national-society", _("National Society")
        SECRETARIAT = "secretariat", _("IFRC Secretariat")

    name = models.CharField(_("name"), max_length=200, help_text=_("In English."))
    translations = TranslationsField(
        _("names in other languages"),
        fields={"name": 200},
        help_text=_(
            'The name in French, Spanish and Arabic, e.g. {"fr": {"name": "Croix-Rouge '
            'française"}}; pages in a language without one show the English name.'
        ),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL_SOCIETY
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="societies"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="societies",
        null=True,
        blank=True,
        help_text=_("The IFRC region; empty for the Secretariat, which serves every region."),
    )
    website = models.URLField(_("website"), blank=True)
    email_domains = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("email domains"),
        default=list,
        blank=True,
        help_text=_("Sign-ups with an email address at one of these domains are approved at once."),
    )

    objects = NationalSocietyQuerySet.as_manager()

    class Meta:
        verbose_name = _("National Society")
        verbose_name_plural = _("National Societies")
        ordering = ["name"]
        triggers = [versioned()]
        constraints = [
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(kind="national-society"),
                name="one_national_society_per_country",
            ),
            models.CheckConstraint(
                condition=Q(kind="secretariat") | Q(region__isnull=False),
                name="national_society_has_region",
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("core:society_detail", args=[self.slug])

    @property
    def label(self) -> str:
        """The name in the active language, or in English where the society has none."""
        return translated(self, "name")

    @property
    def names(self) -> dict[str, str]:
        """{language: name} of its names in the site's languages besides English."""
        return {
            language: texts["name"]
            for language, texts in (self.translations or {}).items()
            if texts.get("name")
        }

    def other_names(self) -> list[tuple[str, str]]:
        """(language code, name) of its names in the site's languages besides the one shown."""
        names = [
            ("en", self.name),
            *((code, self.names.get(code)) for code in LANGUAGES),
        ]
        return [(code, name) for code, name in names if name and name != self.label]

    def accepts_email_domain(self, email: str) -> bool:
        domain = email.rsplit("@", 1)[-1].lower()
        return domain in {d.lower() for d in self.email_domains}


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Membership.Status.APPROVED)

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)

    def decidable_by(self, user):
        """Membership requests `user` may approve or reject: the one rule for it.

        IFRC editors decide for every society; a focal point for the societies where they are
        an approved focal point. Everyone else decides none.
        """
        if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_editor:
            return self
        return self.filter(
            society__memberships__user=user,
            society__memberships__role=Membership.Role.FOCAL_POINT,
            society__memberships__status=Membership.Status.APPROVED,
        )


class Membership(models.Model):
    """A person's place in a National Society: pending until approved, with a role."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOCAL_POINT = "focal_point", _("Focal point")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    society = models.ForeignKey(
        NationalSociety,
        verbose_name=_("National Society"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "society"], name="one_membership_per_society")
        ]
        indexes = [models.Index(fields=["society", "status"])]

    def __str__(self):
        return f"{self.user} · {self.society} ({self.get_role_display()})"


# A module of its own, imported here so that Django finds the model.
from core.models.notifications import Notification  # noqa: E402, F401
from core.models.versions import DataVersion  # noqa: E402, F401
