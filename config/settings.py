"""The one settings module. Everything that differs between machines comes from the environment.

Embedded default (no environment at all): SQLite under var/, Celery tasks run in-process, email
printed to the console. Production: DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and the
email variables, with DEBUG off; `manage.py check --deploy` passes with those set.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_parsed, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it to a long random string, or set DEBUG=1 for local development."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# How many reverse proxies we run in front of the app, each appending to X-Forwarded-For. The one
# place that knows it: DRF's throttles, allauth's rate limits and the HTTPS header all read it. With 0
# (the default) every client-supplied forwarding header is ignored, since anyone can write one.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} must be 0 or more.")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- The open council --------------------------------------------------------------------------

# Working days the council has to answer a public question (20, as for a freedom-of-information request).
QUESTIONS_ANSWER_WORKING_DAYS = env_int("QUESTIONS_ANSWER_WORKING_DAYS", 20)


# The Open Contracting ID prefix registered for this council's OCDS publication (ocds- and six characters).
def _ocds_prefix(value: str) -> str:
    if len(value) != 11 or not value.startswith("ocds-") or not value[5:].isalnum():
        raise ValueError("wrong form")
    return value


OCDS_PREFIX = env_parsed("OCDS_PREFIX", "ocds-c00pcm", _ocds_prefix, "ocds- followed by six letters or digits")
OCDS_PUBLISHER_NAME = env_str("OCDS_PUBLISHER_NAME", "Co-op Commissioning")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_forms_gds",
    "django_celery_beat",
    "csp",
    "core",
    "accounts",
    "translations",
    "citizens",
    "verification",
    "outcomes",
    "commissioning",
    "governance",
    "notifications",
    "reports",
    "meetings",
    "questions",
    "delivery",
    "opendata",
    "dashboards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "translations.middleware.CorrectionsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "citizens.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
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
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "accounts.context_processors.roles",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

_SUPPORTED_DATABASES = {"postgres", "postgresql", "pgsql", "sqlite"}


def _parse_database_url(url: str) -> dict:
    scheme = urlparse(url).scheme
    if scheme not in _SUPPORTED_DATABASES:
        raise ValueError(f"unsupported scheme {scheme!r}")
    # A reused connection is checked before each request that uses it, so a connection the server
    # dropped (a restart, a failover, an idle reaper) costs a reconnect, not the request a 500.
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
    config["ATOMIC_REQUESTS"] = False
    if scheme == "sqlite" and config["NAME"] not in ("", ":memory:"):
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # var/ on a fresh clone
    return config


DATABASES = {
    "default": env_parsed(
        "DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        _parse_database_url,
        "postgres://user:password@host:5432/name or sqlite:///path/to/file.sqlite3",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery ----------------------------------------------------------------


def _parse_redis_url(url: str) -> str:
    if url and urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise ValueError("the scheme must be redis://, rediss:// or unix://")
    return url


REDIS_URL = env_parsed("REDIS_URL", "", _parse_redis_url, "redis://host:6379/0")

# Redis answers in well under a millisecond when it is well. Every call a web request makes to it
# (publishing a task, the cache, the rate limits) gives up after this long, and is not retried, so
# a dead or frozen Redis costs a request a fraction of a second, never gunicorn's timeout.
REDIS_TIMEOUT = 0.25

if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_timeout": REDIS_TIMEOUT,
                "socket_connect_timeout": REDIS_TIMEOUT,
                "retry": Retry(NoBackoff(), 0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Nobody reads our tasks' results. Storing them would make every publish subscribe to the result
# backend too (and wait on it when Redis is down); a task whose caller reads it sets ignore_result=False.
CELERY_TASK_IGNORE_RESULT = True
# Without a broker the embedded default still does everything: tasks run in-process at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Publishing is tried once: a notice that does not reach the broker waits in the outbox (the
# notifications table) for the next hand-off or the sweep, so retrying here only holds up the request.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    "max_retries": 0,  # connecting to publish: once (a worker's own reconnecting is not limited by this)
}
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0}}
# A worker keeps trying to reach the broker for as long as it is gone, rather than giving up and
# exiting after 100 attempts; the process manager restarts it if it exits all the same.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# How often notices still waiting (Redis was down, a worker died) are handed to Celery again, and how
# long a claimed email may stay "being sent" before another worker may try it. A claim is released
# only once a send still holding it must have timed out: each of the ten or so exchanges of an SMTP
# session (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, ...) gives up after EMAIL_TIMEOUT.
EMAIL_SWEEP_SECONDS = env_int("EMAIL_SWEEP_SECONDS", 30)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_CLAIM_SECONDS = env_int("EMAIL_CLAIM_SECONDS", 120)
if EMAIL_SWEEP_SECONDS < 1 or EMAIL_TIMEOUT < 1:
    raise ImproperlyConfigured("EMAIL_SWEEP_SECONDS and EMAIL_TIMEOUT must be at least 1 (seconds).")
if EMAIL_CLAIM_SECONDS < 10 * EMAIL_TIMEOUT:
    raise ImproperlyConfigured("EMAIL_CLAIM_SECONDS must be at least ten times EMAIL_TIMEOUT.")
# The jobs beat runs. Not CELERY_BEAT_SCHEDULE: django-celery-beat would write that over the
# database on every start, undoing what administrators changed. `manage.py seed_schedules` (run
# before beat starts) adds any of these that the database lacks and leaves the rest alone; from then
# on the timing is edited in the admin under Periodic tasks.
PERIODIC_TASKS = {
    "count-cycles-whose-voting-closed": {"task": "commissioning.tasks.count_closed_cycles", "schedule": 300.0},
    "announce-cycle-events": {"task": "commissioning.tasks.announce_cycle_events", "schedule": 600.0},
    "membership-renewals": {
        "task": "citizens.tasks.membership_renewals",
        "schedule": crontab(hour=6, minute=15),
    },
    "delete-expired-register-extracts": {
        "task": "verification.tasks.delete_expired_register_extracts",
        "schedule": crontab(hour=2, minute=15),
    },
    "delete-expired-voting-letters": {
        "task": "verification.tasks.delete_expired_letters",
        "schedule": crontab(hour=2, minute=20),
    },
    "retry-waiting-emails": {
        "task": "notifications.tasks.retry_waiting_emails",
        "schedule": float(EMAIL_SWEEP_SECONDS),
    },
    "send-daily-digests": {"task": "notifications.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=30)},
    "monthly-involvement-report": {
        "task": "reports.tasks.monthly_involvement_report",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    "remind-clerks-of-overdue-minutes": {
        "task": "meetings.tasks.remind_overdue_minutes",
        "schedule": crontab(hour=8, minute=0),
    },
    "send-weekly-digests": {
        "task": "notifications.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="monday", hour=7, minute=30),
    },
}
CELERY_TIMEZONE = "Europe/London"

# --- Users and authentication ---------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Co-op Commissioning] "
# Refuses reserved addresses at sign-up and never mails them (accounts registered without an email address).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth's forms with our wording (sentence case, "Remember me"), sign-up asking for the display name;
# its pages are in templates/account/.
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
if env_bool("DISABLE_RATE_LIMITS", False):
    ACCOUNT_RATE_LIMITS = False  # allauth's defaults (login, sign-up, reset) apply unless switched off here

# --- Email ----------------------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # for the file backend (the fault tests)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive: set at most one.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Co-op Commissioning <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
# The seven languages the borough publishes in; each has a complete catalogue in locale/.
LANGUAGES = [
    ("en-gb", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("bn", _("Bengali")),
    ("tw", _("Twi")),
    ("yo", _("Yoruba")),
]
# Django knows no Twi or Yoruba; without these it cannot name them or say which way they are written.
LANG_INFO.update(
    {
        "tw": {"bidi": False, "code": "tw", "name": "Twi", "name_local": "Twi"},
        "yo": {"bidi": False, "code": "yo", "name": "Yoruba", "name_local": "Yorùbá"},
        # The one English offered, named as its readers would look for it in the language links.
        "en-gb": {**LANG_INFO["en-gb"], "name_local": "English"},
    }
)
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translators' corrections reach every process through a revision kept in the cache (translations.layer);
# while the cache cannot be reached, each process rereads them from the database this often instead.
TRANSLATION_CORRECTIONS_RECHECK_SECONDS = env_int("TRANSLATION_CORRECTIONS_RECHECK_SECONDS", 60)
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG else "config.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# --- Verified residents ---------------------------------------------------------------------
# The key of the keyed hashes kept of register entries, in-person checks and voting codes. Set it in
# production and never change it: a new key makes every kept hash unmatchable (everyone re-verifies).
# Without it a key is derived from SECRET_KEY, which is then just as impossible to rotate.
VERIFICATION_SECRET = (
    env_str("VERIFICATION_SECRET") or hashlib.sha256(f"verification:{SECRET_KEY}".encode()).hexdigest()
)
if len(VERIFICATION_SECRET) < 32:
    raise ImproperlyConfigured("VERIFICATION_SECRET must be at least 32 characters long.")
REGISTER_RETENTION_DAYS = env_int("REGISTER_RETENTION_DAYS", 90)  # offered on the upload form
REGISTER_RETENTION_DAYS_MAX = env_int("REGISTER_RETENTION_DAYS_MAX", 365)
VERIFICATION_GUESSES_PER_ACCOUNT = env_int("VERIFICATION_GUESSES_PER_ACCOUNT", 10)  # wrong tries an hour
VERIFICATION_GUESSES_PER_ADDRESS = env_int("VERIFICATION_GUESSES_PER_ADDRESS", 50)  # from one IP address
VOTING_CODE_BATCH_MAX = env_int("VOTING_CODE_BATCH_MAX", 2000)  # letters made in one request
# Larger batches are a print run: Celery makes the codes and their letters a file at a time.
VOTING_CODE_PRINT_RUN_MAX = env_int("VOTING_CODE_PRINT_RUN_MAX", 200_000)
VOTING_LETTERS_PER_FILE = env_int("VOTING_LETTERS_PER_FILE", 5000)
VOTING_LETTERS_RETENTION_DAYS = env_int("VOTING_LETTERS_RETENTION_DAYS", 14)  # the files hold codes in the clear
if VOTING_LETTERS_PER_FILE < 1 or VOTING_LETTERS_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("VOTING_LETTERS_PER_FILE and VOTING_LETTERS_RETENTION_DAYS must be at least 1.")

# How the borough names itself in published ballot files (Pabulib META country and unit).
PABULIB_COUNTRY = env_str("PABULIB_COUNTRY", "United Kingdom")
PABULIB_UNIT = env_str("PABULIB_UNIT", "London Borough of Lambeth")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- API ------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "config.api_errors.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.api.TokenAuthentication",
    ],
    # Every API view must say who may use it; anything that forgets is closed to all.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_SCHEMA_CLASS": "config.schema.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.JSONParser",  # a body nested too deeply is a 400, not a RecursionError
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "config.throttling.AnonRateThrottle",
        "config.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "300/minute", "user": "1200/minute", "token": "10/minute"},
    # The client address for throttling: REMOTE_ADDR, or the address our own proxies saw.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Co-op Commissioning API",
    "DESCRIPTION": "Open API for co-operative commissioning: wards, outcomes, co-operatives and cycles.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge fetched from swagger.io: the docs load nothing from elsewhere (and the CSP forbids it).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CountingRuleEnum": "commissioning.models.CountingRule",
        "CommissionStatusEnum": "governance.models.Commission.Status",
        "MembershipStatusEnum": "citizens.models.Membership.Status",
        "MeetingKindEnum": "meetings.models.MeetingKind",
        "ServiceAreaEnum": "questions.models.ServiceArea",
    },
}

# --- Security (production) ------------------------------------------------------------------

# Trusting X-Forwarded-Proto is only safe behind a proxy that always sets it.
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from our own origin, no inline code except the few
# <script>/<style> elements that carry this response's nonce, nothing may frame us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # GOV.UK Frontend and Swagger UI draw icons as data: SVGs
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features no page here uses, switched off for us and anything we might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every SVG style property it does not use; only real problems matter here.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "WARNING"}},
}
