"""Settings for the alliances dashboard.

Everything that differs between a laptop and production comes from the environment:
  ALLIANCES_DEBUG            "1" turns debug mode on (development only)
  ALLIANCES_SECRET_KEY       required unless debug mode is on, and strong (Django's deploy check)
  ALLIANCES_ALLOWED_HOSTS    comma-separated host names; required unless debug mode is on
  ALLIANCES_TRUSTED_PROXIES  addresses or networks of the reverse proxies whose
                             X-Forwarded-For header names the client (default: none)
  ALLIANCES_COUNT_LIMIT      the most rows a list counts exactly, for its total and for the
                             numbers beside each filter's options (default: 5000)
  ALLIANCES_PG_WORK_MEM      PostgreSQL's work_mem for the application's connections (default: 32MB)
  DATABASE_URL               default: a SQLite file under var/ in the project
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.checks.security.base import _check_secret_key as _strong_secret_key
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from alliances.clientaddress import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("ALLIANCES_DEBUG")

SECRET_KEY = os.environ.get("ALLIANCES_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLIANCES_SECRET_KEY must be set when ALLIANCES_DEBUG is off."
        )
    # A fixed key is acceptable only on a developer's machine, where debug is on.
    SECRET_KEY = "development-only-key-never-use-in-production-3f9c1e"
elif not DEBUG and not _strong_secret_key(SECRET_KEY):
    # Django's deployment check only warns; production refuses, as for a missing key.
    raise ImproperlyConfigured(
        f"ALLIANCES_SECRET_KEY is too weak for production: it needs at least "
        f"{SECRET_KEY_MIN_LENGTH} characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, "
        f"and must not begin with '{SECRET_KEY_INSECURE_PREFIX}'. Generate one with: "
        f"python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLIANCES_ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLIANCES_ALLOWED_HOSTS must be set when ALLIANCES_DEBUG is off."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "template_partials",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "alliances.pacts",
    "alliances.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "alliances.middleware.StaffRequiredMiddleware",
    "alliances.middleware.AdminNulGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees every login attempt the views handle.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a locked-out user name and address before checking passwords.
    "axes.backends.AxesStandaloneBackend",
    "alliances.permissions.ModelBackendInOneQuery",
]

# Login throttling: after 5 failures for a user name from one address, that combination is
# locked out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy the client's address comes from X-Forwarded-For, believed only from
# the proxies listed here (addresses or networks); with none listed the header is ignored.
try:
    TRUSTED_PROXIES = parse_networks(os.environ.get("ALLIANCES_TRUSTED_PROXIES", ""))
except ValueError as error:
    raise ImproperlyConfigured(
        f"ALLIANCES_TRUSTED_PROXIES: {error} is not an IP address or network."
    ) from None
AXES_CLIENT_IP_CALLABLE = "alliances.clientaddress.client_address"

# Content Security Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

ROOT_URLCONF = "alliances.urls"
WSGI_APPLICATION = "alliances.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DEFAULT_SQLITE = BASE_DIR / "var" / "alliances.sqlite3"
if "DATABASE_URL" not in os.environ:
    DEFAULT_SQLITE.parent.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}"),
        # Persistent connections pay off on PostgreSQL; SQLite ignores the setting.
        conn_max_age=int(os.environ.get("ALLIANCES_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL's memory for each sort, hash and bitmap of a query. At its default (4MB) the
# bitmap of a text search matching hundreds of thousands of clause texts turns lossy, and
# the server computes the text vector of every text on those pages again (docs/performance.md).
PG_WORK_MEM = os.environ.get("ALLIANCES_PG_WORK_MEM", "32MB")
if not re.fullmatch(r"[1-9][0-9]*(kB|MB|GB)", PG_WORK_MEM):
    raise ImproperlyConfigured("ALLIANCES_PG_WORK_MEM must be an amount such as 32MB (kB, MB or GB).")
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options", ""), f"-c work_mem={PG_WORK_MEM}"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pacts:home"
LOGOUT_REDIRECT_URL = "login"

# URL names reachable without a staff login. Keep this list short: a test pins it.
# set_language only sets the language cookie, so that the login page can be read in
# either language.
LOGIN_EXEMPT_URL_NAMES = ["login", "health", "set_language"]

# The read-only API for analysts (alliances/api/): session login for the browser, personal
# tokens for scripts, the dashboard's roles, a request rate per user. No CORS headers are
# sent, so other sites' pages cannot read it.
API_URL_NAMESPACE = "api"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "alliances.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["alliances.api.permissions.ReadsDashboard"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("ALLIANCES_API_RATE", "120/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Alliances API"),
    "DESCRIPTION": _("Read-only access to the pacts, their texts, coded commitments with their evidence, "
                     "states, sources and invocations, who is bound to whom on a day, and directed "
                     "dyad-years. See the README for tokens."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["alliances.api.permissions.ReadsDashboard"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for each vocabulary several fields share.
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "alliances.pacts.choices.DatePrecision",
        "PartyScopeEnum": "alliances.pacts.choices.PartyScope",
    },
}

LANGUAGE_CODE = "en"
# The interface's languages: the browser's preference chooses (LocaleMiddleware) until the
# menu's switcher sets the language cookie, which lasts until the browser closes.
LANGUAGES = [("en", _("English")), ("id", _("Indonesian"))]
LOCALE_PATHS = [BASE_DIR / "alliances" / "locale"]
# Dates and numbers as each language writes them (alliances/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["alliances.formats"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "alliances" / "static"]
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

# Where the loader finds source documents and curated data.
SEEDS_DIR = Path(os.environ.get("ALLIANCES_SEEDS_DIR", BASE_DIR / "seeds"))
FIXTURES_DIR = Path(os.environ.get("ALLIANCES_FIXTURES_DIR", BASE_DIR / "fixtures"))

# Past this many rows a list says "more than" and leaves a filter's options uncounted, so
# that a page's work stops growing with the data (counting.py).
try:
    COUNT_LIMIT = int(os.environ.get("ALLIANCES_COUNT_LIMIT", "5000"))
    if COUNT_LIMIT < 1:
        raise ValueError
except ValueError:
    raise ImproperlyConfigured("ALLIANCES_COUNT_LIMIT must be a whole number from 1.") from None

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day; then sign in again
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    # Production: HTTPS only. The proxy in front sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("ALLIANCES_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
