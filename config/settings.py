"""Settings for the Migration Smart Practices Hub, read from the environment.

Every variable is listed with its default in README.md. Development needs none of them: with no
DATABASE_URL an embedded PostgreSQL starts under .data/, with no CELERY_BROKER_URL tasks run
eagerly, with no EMAIL_URL mail goes to the console.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make` writes a .env for development (DEBUG=1 and a random SECRET_KEY); deployments set the
# environment instead, and what the environment sets always wins over the file.
# ENV_FILE names another file; an empty ENV_FILE reads none.
ENV_FILE = env.str("ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)


def secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker and Kubernetes secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    return env.str(name, default=default)


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = secret("SECRET_KEY")
# Keys that were public (once committed, or written in examples): whoever knows one can sign
# sessions and email confirmations, so a site must never run with it.
KNOWN_SECRET_KEYS = {
    "xmBTyQgIr0mMFupxmjlH50wmGVIzN55AoD4Tsd0iQ9ZDuMRuCXnv7JKT0Psh_Fjuijs",
    "insecure-development-key",
    "change-me-to-a-long-random-string",
    "change-me",
    "changeme",
    "build-only",
    "secret",
    "django-insecure",
}
SECRET_KEY_MIN_LENGTH = 50
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key"
elif not DEBUG and (
    SECRET_KEY in KNOWN_SECRET_KEYS
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be a random value of at least {SECRET_KEY_MIN_LENGTH} characters that "
        "was never published: this one is known or too short. Generate one with `python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"`.'
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "pgtrigger",
    "pghistory",
    "core",
    "practices",
    "networks",
    "advocacy",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, which also lets DRF's browsable API pages apply their inline styles.
    "core.headers.ContentSecurityPolicyMiddleware",
    # Permissions-Policy everywhere, and no-store on what is served to a signed-in user.
    "core.headers.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.LanguageQueryParameterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Refuses NUL characters and oversized bodies before any view or parser reads them.
    "core.edge.EdgeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.RequireMFAMiddleware",
    "core.middleware.APIErrorMiddleware",
    # Records who changed what (and from which URL) in the history of tracked models.
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from config.embedded_db import database_config

    DATABASES = {"default": database_config(BASE_DIR / ".data" / "postgres")}
# Parallel test runs on one server each pick their own test database name.
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="") or None}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# Rate limits (allauth, API throttling) and used two-factor codes are kept in the cache, so
# every process must share it: Redis when REDIS_URL is set, as in production. Without it (one
# development process) the in-memory cache does; `check --deploy` warns when production has
# no REDIS_URL (core/checks.py).
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of 20,000 common passwords ships with it: no outside service is asked.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "core:profile"
LOGIN_URL = "account_login"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "core.forms.SignupForm"
# Sign-up, login and password reset answer alike whether an address has an account (allauth's
# default, kept on purpose; core.adapters.AccountAdapter evens out the time a sign-up takes).
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's default rate limits stay on; they count in the shared cache above. Failed logins
# are limited per account (the key) and, far higher, per address: one person's wrong passwords
# must not lock out the others behind the same address (an office, a proxy).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,60/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Migration Smart Practices Hub"
ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"
MFA_ADAPTER = "core.adapters.MFAAdapter"
# How many proxies in front of the site set X-Forwarded-For: only the address the last of them
# saw is the client's (for allauth's rate limits and the API's throttles). 0 without a proxy:
# a client could otherwise send any X-Forwarded-For and count as someone else.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Personal API tokens expire after this many days unless renewed on the profile.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
KNOX_TOKEN_MODEL = "core.APIToken"
# Group whose members curate content for the IFRC (see core.models.EDITORS_GROUP).
EDITORS_GROUP = "IFRC editors"
# Editors and staff must turn on two-factor authentication before they use the site.
REQUIRE_MFA_FOR_EDITORS = env.bool("REQUIRE_MFA_FOR_EDITORS", default=True)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats Django lacks for a language (config/formats/<language>/formats.py); Django's own fill
# the rest.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or not env.bool("STATIC_MANIFEST", default=True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests), WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = DEBUG or not env.bool("STATIC_MANIFEST", default=True)
if WHITENOISE_USE_FINDERS:
    import warnings

    # Nothing is collected then: WhiteNoise's warning that STATIC_ROOT does not exist would open
    # every `make run` without DEBUG.
    warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)

# --- Uploads ------------------------------------------------------------------------------
# The largest attachment or import file. A request may be this plus the form fields sent with
# it; core.edge answers 413 to a longer Content-Length before reading a byte of it.
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
# Form fields and JSON bodies (everything but files) are read into memory: at most 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Files over 2.5 MB go to a temporary file, never to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The first handler stops keeping a file's bytes once it passes UPLOAD_MAX_BYTES.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Support offers -------------------------------------------------------------------------
# Past this many days since its last confirmation an offer shows "not confirmed since …" and
# its society's focal points get one reminder.
OFFER_STALE_AFTER_DAYS = env.int("OFFER_STALE_AFTER_DAYS", default=180)

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# No broker: tasks run in the calling process, so development needs no Redis.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hang web requests that queue work.
# A message a worker took but never acknowledged (the worker died) goes back to the queue after
# the visibility timeout: longer than the hard time limit, so a task still running is never
# handed to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
}
CELERY_BEAT_SCHEDULE = {
    "weekly-practices-overview": {
        "task": "reports.compile_weekly_overview",
        "schedule": crontab(minute=0, hour=4, day_of_week="monday"),
    },
    "compile-closed-periods": {
        "task": "reports.compile_closed_periods",
        "schedule": crontab(minute=30, hour=4),
    },
    "remind-stale-offers": {
        "task": "networks.remind_stale_offers",
        "schedule": crontab(minute=0, hour=6),
    },
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # DRF's JSON, form and multipart parsers, with the site's limits (depth, NUL characters).
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "core.api.parsers.FormParser",
        "core.api.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="1200/minute"),
    },
    # Unknown `?format=` values answer 406 rather than DRF's 404.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.ContentNegotiation",
    # drf-spectacular's, documenting every error response and anonymous access.
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # The anonymous throttle counts per client address, read as the proxies say (see above).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,  # knox's token with a name (core.models.APIToken)
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),  # renewed on the profile, never by use
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Migration Smart Practices Hub API",
    "DESCRIPTION": (
        "Smart practices of Red Cross and Red Crescent National Societies for migrants, "
        "with the reference data they are tagged with."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get their own components (no read-only fields, unknown fields refused).
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations are grouped by resource (practices, reports...), not under one "v1".
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No request may leave the machine: Swagger UI's validator badge would call an outside host.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models name a field kind, language or status with different choices.
    "ENUM_NAME_OVERRIDES": {
        "PracticeKindEnum": "core.taxonomy.Kind",
        "SocietyKindEnum": "core.models.NationalSociety.Kind",
        "ContentLanguageEnum": "practices.models.Language",
        "InterfaceLanguageEnum": "config.settings.LANGUAGES",
        "PracticeStatusEnum": "practices.models.Status",
        "MembershipStatusEnum": "core.models.Membership.Status",
        "VisibilityEnum": "practices.models.Visibility",  # a practice's and a report's audience
        "ReportKindEnum": "reports.models.ReportKind",
        "ReportStatusEnum": "reports.models.ReportStatus",
        "SubmissionStatusEnum": "reports.models.SubmissionStatus",
        "GuidelineVersionStatusEnum": "advocacy.models.VersionStatus",
        "ChangeLevelEnum": "advocacy.models.ChangeLevel",
        "TranslationStateEnum": "advocacy.models.TranslationState",
        "TranslationLanguageEnum": "advocacy.models.TranslationLanguage",
        "AdaptationStatusEnum": "advocacy.models.AdaptationStatus",
        "AdaptationStateEnum": "advocacy.grid.CellState",
        "OfferStatusEnum": "networks.models.OfferStatus",
        "NetworkKindEnum": "networks.models.Network.Kind",
        "NetworkRequestKindEnum": "networks.models.NetworkRequest.Kind",
        "ResponseStatusEnum": "networks.models.ResponseStatus",
        "ResponseLevelEnum": "networks.models.Level",
        "ParticipantRoleEnum": "networks.models.ParticipantRole",
        "ParticipantStatusEnum": "networks.models.ParticipantStatus",
        "GivenRoleEnum": "networks.services.responses.ROLES_GIVEN",
    },
}

# --- Security -------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page: scripts, styles, images, fonts and requests from this site only; no inline script
# or style, no plugin, no framing, forms post here only. A view that needs more says so with
# django-csp's decorators (the API docs: config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}

# History context (who, which URL) is only needed where something may be written; reads skip
# the extra statement pghistory would otherwise prefix to their first query.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_in_one_line": {"()": "config.log.ClientErrorsInOneLine"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's records go to the root handler only: Django's own console handler (active
        # with DEBUG) would print each of them a second time. Configuring "django" resets its
        # children, so runserver's request lines get Django's own format back below.
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # A 403 or 404 is one line; only server errors carry a traceback.
        "django.request": {"filters": ["client_errors_in_one_line"]},
        "django.db.backends": {"level": "INFO"},
        # The embedded database logs every process exit at INFO; only its problems matter.
        "pgserver": {"level": "WARNING"},
    },
}
