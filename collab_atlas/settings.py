"""Collab Atlas settings, read from the environment.

With nothing set, the catalogue runs on an SQLite file in the project folder.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def stop(message):
    # A misconfigured deployment should fail with one readable line, not a traceback.
    sys.exit(f"Collab Atlas cannot start: {message}")


DEBUG = env_bool("DJANGO_DEBUG")

# Commands that serve requests or vouch for the configuration need the real key.
COMMANDS_NEEDING_THE_SECRET_KEY = {"runserver", "check", "shell"}

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-never-use-in-production"
    elif (
        os.environ.get("COLLAB_ATLAS_MANAGE") == "1"
        and sys.argv[1:2]
        and sys.argv[1] not in COMMANDS_NEEDING_THE_SECRET_KEY
    ):
        # Maintenance commands (migrate, makemigrations, createsuperuser, imports) sign
        # nothing that outlives them, so a throwaway key lets them run unconfigured.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        stop("set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_countries",
    "simple_history",
    "collab_atlas",
    "models_of_collab",
    "cases",
    "insights",
    "contributions",
    "axes",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Inside the middleware that add security headers, so a page served from the cache
    # gets them afresh; after authentication, which decides what is personal.
    "collab_atlas.public_cache.PublicCacheMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses sign-in for a locked-out username and address pair
# before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "collab_atlas.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "collab_atlas.wsgi.application"

try:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
except ValueError as error:
    stop(f"DATABASE_URL is not a database URL that Django can use ({error}).")

# The seed catalogue: `python manage.py loaddata atlas`.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) keeps rate limits and cached pages consistent across
# app servers; without one, each process keeps its own in memory.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages and their caching (collab_atlas.public_cache). A CDN may keep a page
# for PUBLIC_CACHE_SECONDS and serve it stale while it revalidates; this server keeps
# rendered pages until the catalogue changes.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "60"))
PUBLIC_CACHE_STALE_SECONDS = int(os.environ.get("PUBLIC_CACHE_STALE_SECONDS", "30"))
# Apps whose records appear on public pages: any change to them starts a new version.
PUBLIC_CONTENT_APPS = ["models_of_collab", "cases", "insights"]


def rate(text, setting):
    """(requests, seconds) from "120/minute"."""
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
    count, _slash, unit = text.partition("/")
    try:
        return int(count), seconds[unit]
    except (ValueError, KeyError):
        stop(f"{setting} must look like 120/minute (per second, minute, hour or day).")


# Renderings of list and insights pages that are not in the cache yet, per client
# address: far more than a person browsing makes, few enough to stop a crawler
# walking every combination of filters from taking the site down.
EXPENSIVE_RATE = rate(
    os.environ.get("UNCACHED_PAGE_RATE_LIMIT", "120/minute"), "UNCACHED_PAGE_RATE_LIMIT"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "atlas@localhost")

# Security: production values by default, relaxed only for local development.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Password guessing on the admin sign-in: five failures for one username from one
# address lock that pair out for an hour. Addresses come from the same rule as the
# public forms' rate limit (see collab_atlas.ratelimit).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "collab_atlas.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Open data: the read-only API, downloads, feeds and dataset releases.
# Absolute links in citations, feeds and the data package; with none set, pages
# use the address they were requested at.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
MEDIA_ROOT = BASE_DIR / "media"
# Where `manage.py export_dataset` writes releases and the "Open data" page reads them.
# Every app server must see the same folder (a shared volume).
OPENDATA_DIR = Path(os.environ.get("OPENDATA_DIR") or MEDIA_ROOT / "opendata")

REST_FRAMEWORK = {
    # Keyless and read-only: no login, no session, so no CSRF either.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["opendata.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": os.environ.get("API_RATE_LIMIT", "120/minute"),
        "downloads": os.environ.get("DOWNLOAD_RATE_LIMIT", "30/hour"),
    },
    # Behind a proxy the client is the last address it adds to X-Forwarded-For;
    # otherwise the header is ignored, because clients could forge it.
    "NUM_PROXIES": int(
        os.environ.get("DJANGO_NUM_PROXIES") or (1 if env_bool("DJANGO_BEHIND_PROXY") else 0)
    ),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Collab Atlas API",
    "DESCRIPTION": (
        "Read-only, keyless API to the Collab Atlas catalogue of collaboration between civic "
        "tech organisations and governments. Content is licensed CC BY-SA 4.0."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Without deep links an operation's path is plain text, not a link inside its
    # expand button (a control nested in a control, which screen readers cannot reach).
    # Plain code blocks: the highlighter's colours on dark grey fall short of 4.5:1.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "cases.choices.ActorKind",
        "LessonKindEnum": "cases.choices.LessonKind",
        "LinkKindEnum": "cases.choices.LinkKind",
    },
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["Link", "Retry-After"]
