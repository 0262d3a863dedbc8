"""Collab Atlas settings, read from the environment.

With nothing set, the catalogue runs on an SQLite file in the project folder.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import sentry_sdk
from csp.constants import NONE, SELF
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


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        stop(f"{name} must be a whole number, not {value!r}.")


def sentry_without_query(event, hint):
    """Sentry's event less what could say who asked: query string, cookies, form data."""
    request = event.get("request") or {}
    for key in ("query_string", "cookies", "data", "env"):
        request.pop(key, None)
    if "url" in request:
        request["url"] = request["url"].split("?")[0]
    return event


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
    "csp",
    "collab_atlas",
    "models_of_collab",
    "cases",
    "insights",
    "contributions",
    "pages",
    "axes",
    "opendata",
]

MIDDLEWARE = [
    # First, so that its duration covers the whole answer and every answer gets its id.
    "collab_atlas.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, like SecurityMiddleware: every answer, cached or not,
    # gets its Content-Security-Policy and Permissions-Policy afresh.
    "csp.middleware.CSPMiddleware",
    "collab_atlas.headers.PermissionsPolicyMiddleware",
    # A database that is down or too slow gets a 503 page (or a JSON problem under the
    # API) instead of a 500; see collab_atlas.errors.
    "collab_atlas.errors.DatabaseUnavailableMiddleware",
    # Before anything reads the database: decides whether this request's reads may go
    # to a replica.
    "collab_atlas.replicas.ReplicaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (which needs the language to redirect) and
    # outside the page cache, which files each page under the language this activates.
    "collab_atlas.i18n.LocaleMiddleware",
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


# A database that accepts connections but never answers must cost a request seconds,
# not hold a worker until gunicorn kills it: connecting gives up after
# DATABASE_CONNECT_TIMEOUT seconds, and a web request's statement after
# DATABASE_STATEMENT_TIMEOUT milliseconds. Management commands other than runserver
# (imports, exports, releases, migrations) run long on purpose, so they get
# DATABASE_COMMAND_STATEMENT_TIMEOUT instead, 0 meaning none. PostgreSQL only: SQLite
# is a local file, with nothing to wait for but its own lock.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
RUNNING_A_COMMAND = (
    os.environ.get("COLLAB_ATLAS_MANAGE") == "1"
    and sys.argv[1:2] != []
    and sys.argv[1] != "runserver"
)
DATABASE_STATEMENT_TIMEOUT = (
    env_int("DATABASE_COMMAND_STATEMENT_TIMEOUT", 0)
    if RUNNING_A_COMMAND
    else env_int("DATABASE_STATEMENT_TIMEOUT", 5000)
)


def database(url, setting):
    """Django's settings for the database at ``url``, with the timeouts above."""
    try:
        config = dj_database_url.parse(
            url,
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    except ValueError as error:
        stop(f"{setting} is not a database URL that Django can use ({error}).")
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
        if DATABASE_STATEMENT_TIMEOUT:
            flag = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT}"
            options["options"] = f"{options.get('options', '')} {flag}".strip()
    return config


DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}", "DATABASE_URL"
    )
}

# Read replicas (PostgreSQL streaming replication): public read-only requests read from
# one of them, everything else from the primary; see collab_atlas.replicas. Tests make
# no databases on them: they mirror the primary's test database.
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = {**database(url, "DATABASE_REPLICA_URLS"), "TEST": {"MIRROR": "default"}}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["collab_atlas.replicas.ReplicaRouter"]
# How long after a write the writer, and after a change to public content everyone,
# reads from the primary: longer than the replicas' usual replay lag.
DATABASE_PIN_SECONDS = env_int("DATABASE_PIN_SECONDS", 5)
# How long a replica that could not be reached is left alone before it is tried again.
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 30)

# The seed catalogue: `python manage.py loaddata atlas`.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) keeps rate limits and cached pages consistent across
# app servers; without one, each process keeps its own in memory.
# A cache that stops answering fails a request after CACHE_TIMEOUT seconds instead of
# holding it.
CACHE_TIMEOUT = float(env_int("CACHE_TIMEOUT", 2))
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
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
PUBLIC_CONTENT_APPS = ["models_of_collab", "cases", "insights", "pages"]


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
# English is the default and keeps the unprefixed addresses; Polish and Spanish pages
# live under /pl/ and /es/ (collab_atlas/i18n.py). Adding a language: README.md.
LANGUAGES = [("en", _("English")), ("pl", _("Polish")), ("es", _("Spanish"))]
# The visitor's remembered choice, set by the language switcher; a preference, not personal
# data, so it does not keep a page out of the public cache.
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Dates in each language's own form; English keeps "1 November 2026".
FORMAT_MODULE_PATH = ["collab_atlas.formats"]
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
# Where people write to the people running the atlas (questions, deletion requests):
# the reply address of e-mails to the public, and shown on the contact pages.
CONTACT_EMAIL = os.environ.get("DJANGO_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

# Security: production values by default, relaxed only for local development.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers and orchestrators probe these over plain HTTP, from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Each readiness check (database, cache, release storage) gives up after this long.
READINESS_TIMEOUT = float(env_int("READINESS_TIMEOUT", 2))
# How many proxies of ours each append to X-Forwarded-For (a CDN and a load balancer
# make 2): collab_atlas.ratelimit.client_address takes the client's address from the
# entry they vouch for. With 0 the header is ignored, since clients could forge it.
try:
    NUM_PROXIES = int(os.environ.get("DJANGO_NUM_PROXIES") or (1 if BEHIND_PROXY else 0))
except ValueError:
    stop("DJANGO_NUM_PROXIES must be a whole number (the proxies in front of the app).")
if NUM_PROXIES < 0:
    stop("DJANGO_NUM_PROXIES must be 0 or more.")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only our own files, nothing inline. Styles and
# scripts live in static files (no style attributes, no inline <script>); the API docs
# load their start-up script from a URL of their own. SVG charts colour themselves with
# presentation attributes, which CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The API docs' stylesheet draws a few icons as data: images.
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "form-action": [SELF],
    },
}
# Browser features no page of ours uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# Password guessing on the admin sign-in: five failures for one username from one
# address lock that pair out for an hour. Addresses come from the same rule as the
# public forms' rate limit (collab_atlas.ratelimit.client_address, after NUM_PROXIES).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "collab_atlas.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Every log line is one JSON object on standard error; each request adds one line
# (collab_atlas.request_log): id, method, path, status, duration, nothing personal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "collab_atlas.request_log.JsonLinesFormatter"}},
    "filters": {"request_id": {"()": "collab_atlas.request_log.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own lines go to the JSON handler above, not its plain-text one.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # The development server's access line repeats ours, query string included.
        "django.server": {"handlers": ["discard"], "propagate": False},
    },
}

# Error reporting to Sentry, off unless SENTRY_DSN is set; never with personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT") or None,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
        before_send=sentry_without_query,
    )

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
    # The same proxies as NUM_PROXIES above; the throttles count by
    # collab_atlas.ratelimit.client_address all the same (opendata.throttling).
    "NUM_PROXIES": NUM_PROXIES,
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
CORS_EXPOSE_HEADERS = ["Link", "Retry-After", "X-Request-ID"]
