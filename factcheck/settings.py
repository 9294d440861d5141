"""Settings, read from the environment.

With nothing set, the project runs zero-config: SQLite in the project folder and Celery
tasks executed in-process. Deployments and the test suite set ``DATABASE_URL`` and
``REDIS_URL`` (or ``CELERY_BROKER_URL``) to use PostgreSQL and real workers.
"""

from ipaddress import ip_network
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "simple_history",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers cached claim reads without the rest of the stack (see its docstring).
    "claims.api.middleware.CachedReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change in the claim history.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: a new connection per request costs more than the request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Lets several test runs share one PostgreSQL server without clobbering each other.
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth, i18n, static -----------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# --- Security (production) --------------------------------------------------------------

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Celery -----------------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# Without a broker, tasks run in-process: the zero-config default.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="factcheck")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only once it has finished, and a task whose worker died is
# redelivered; tasks are idempotent, so running one twice is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# How long an unacknowledged task waits before Redis hands it to another worker.
# Workers look for such orphaned tasks every interval times throttle seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
# Fail fast when the broker is down: the article stays queued and the sweep re-sends it.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-articles": {
        "task": "claims.tasks.requeue_stuck_articles",
        "schedule": env.float("REQUEUE_STUCK_EVERY_SECONDS", default=60.0),
    },
}

# --- factcheck --------------------------------------------------------------------------

# Articles still not done after this long are handed to the workers again by the sweep.
FACTCHECK_STUCK_AFTER_SECONDS = env.int("FACTCHECK_STUCK_AFTER_SECONDS", default=600)

# --- Review workflow --------------------------------------------------------------------

# The verdict scale, ClaimReview-compatible: 1 is worst, 5 best. A rating whose value is
# None says nothing about truth ("unverifiable"): it needs a rationale instead of sources.
# Exports document the scale; the same code always carries the same label and number.
FACTCHECK_RATING_SCALE = [
    {"code": "false", "value": 1, "label": "False"},
    {"code": "mostly_false", "value": 2, "label": "Mostly false"},
    {"code": "mixed", "value": 3, "label": "Half true"},
    {"code": "misleading", "value": 3, "label": "Misleading"},
    {"code": "mostly_true", "value": 4, "label": "Mostly true"},
    {"code": "true", "value": 5, "label": "True"},
    {"code": "unverifiable", "value": None, "label": "Unverifiable"},
]

# --- Dataset releases -------------------------------------------------------------------

# Who publishes the released datasets and under which licence; both go into every
# datapackage.json, DATASHEET.md and ClaimReview object.
FACTCHECK_DATASET_LICENSE = {
    "name": env.str("DATASET_LICENSE_NAME", default="CC-BY-4.0"),
    "path": env.str("DATASET_LICENSE_PATH", default="https://creativecommons.org/licenses/by/4.0/"),
    "title": env.str(
        "DATASET_LICENSE_TITLE", default="Creative Commons Attribution 4.0 International"
    ),
}
FACTCHECK_DATASET_PUBLISHER = {
    "name": env.str("DATASET_PUBLISHER_NAME", default="factcheck"),
    "url": env.str("DATASET_PUBLISHER_URL", default="https://example.org"),
}
# Where each claim's review can be read; ClaimReview's `url`.
FACTCHECK_CLAIM_URL = env.str(
    "FACTCHECK_CLAIM_URL", default=FACTCHECK_DATASET_PUBLISHER["url"] + "/claims/{claim_id}"
)
# Reviewers appear in releases as HMAC-SHA256(salt, user id): stable across releases,
# meaningless without the salt. Set it once and keep it; changing it renames everyone.
FACTCHECK_RELEASE_SALT = env.str("FACTCHECK_RELEASE_SALT", default="") or SECRET_KEY
# A release streams this many claim-id ranges in parallel on PostgreSQL: one per core.
FACTCHECK_RELEASE_PARTS = env.int("FACTCHECK_RELEASE_PARTS", default=2)
FACTCHECK_RELEASE_TIME_LIMIT = env.int("FACTCHECK_RELEASE_TIME_LIMIT", default=4 * 3600)
# Release files go through the storage API: the filesystem by default, any storage
# backend by settings alone, e.g. RELEASES_STORAGE_BACKEND=storages.backends.s3.S3Storage
# and RELEASES_STORAGE_OPTIONS='{"bucket_name": "releases", "endpoint_url": "https://…"}'.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "releases": {
        "BACKEND": env.str(
            "RELEASES_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json(
            "RELEASES_STORAGE_OPTIONS", default={"location": f"{MEDIA_ROOT}/releases"}
        ),
    },
}
# The release task lives in its own module, outside the app's tasks.py.
CELERY_IMPORTS = ["claims.releases.tasks"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- API (claims/api) -------------------------------------------------------------------

INSTALLED_APPS += [
    "django.contrib.postgres",  # full-text and trigram lookups; harmless on SQLite
    "rest_framework.authtoken",
    "drf_spectacular",
    "claims.api",
]

# The throttles count in this cache, so every web process shares one count.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="factcheck"),
        }
        if env.str("CACHE_URL", default=REDIS_URL)
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
}

REST_FRAMEWORK = {
    # Token first: an unauthenticated request then gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.CachedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "claims.api.negotiation.JSONFirstNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.AnonymousThrottle",
        "claims.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env.str("API_THROTTLE_ANONYMOUS", default="120/minute"),
        "token": env.str("API_THROTTLE_TOKEN", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Behind a proxy set this to the number of proxies, so throttles see the client's address.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=None),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck claim-status API",
    "DESCRIPTION": (
        "Submit articles, follow the claims found in them through review, and look up "
        "what has been checked. Errors always have the shape {code, message, fields?}.\n\n"
        "Change feed: GET /api/v1/changes/?since=<cursor> returns changes in a stable "
        "order; keep the returned cursor and ask again. Webhooks: every event is POSTed "
        "as JSON with X-Factcheck-Event, X-Factcheck-Delivery, X-Factcheck-Timestamp and "
        "X-Factcheck-Signature: sha256=HMAC-SHA256(secret, timestamp + '.' + body) in hex; "
        "answer 2xx, or the delivery is retried with exponential backoff. Webhook URLs "
        "must reach public http(s) addresses; redirects are not followed."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.claim.ClaimStatus",
        "ArticleStatusEnum": "claims.models.article.ArticleStatus",
        "DeliveryStatusEnum": "claims.models.integration.WebhookDelivery.Status",
    },
}

# The largest request body the API reads at all, 413 beyond: four times the pipeline's 2 MB
# article limit, since JSON escaping can triple an article's bytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
# Anonymous callers may read verified claims; set to false to require a login for all reads.
FACTCHECK_API_PUBLIC_READ = env.bool("FACTCHECK_API_PUBLIC_READ", default=True)
# How long a rendered claim list page or claim detail is kept (claims.api.response_cache);
# 0 switches the cache off. Bodies of an old data version are never served again, so
# this bounds only the cache's memory.
FACTCHECK_API_CACHE_SECONDS = env.int("FACTCHECK_API_CACHE_SECONDS", default=300)
# How long a web process trusts a token it has looked up (claims.api.authentication):
# a revoked token, a deactivated user or a changed role takes effect after at most this
# many seconds. 0 looks the token up on every request.
FACTCHECK_API_TOKEN_CACHE_SECONDS = env.int("FACTCHECK_API_TOKEN_CACHE_SECONDS", default=5)
# How long a submission's Idempotency-Key is remembered; an older key counts as new and
# the housekeeping task deletes it.
FACTCHECK_IDEMPOTENCY_KEY_HOURS = env.int("FACTCHECK_IDEMPOTENCY_KEY_HOURS", default=24)
# Webhook delivery: connect and read timeouts, number of attempts, and the first retry
# delay, doubled after every failed attempt up to the cap.
FACTCHECK_WEBHOOK_CONNECT_TIMEOUT = env.float("FACTCHECK_WEBHOOK_CONNECT_TIMEOUT", default=3.0)
FACTCHECK_WEBHOOK_TIMEOUT = env.float("FACTCHECK_WEBHOOK_TIMEOUT", default=5.0)
FACTCHECK_WEBHOOK_MAX_ATTEMPTS = env.int("FACTCHECK_WEBHOOK_MAX_ATTEMPTS", default=8)
FACTCHECK_WEBHOOK_BACKOFF = env.float("FACTCHECK_WEBHOOK_BACKOFF", default=30.0)
FACTCHECK_WEBHOOK_BACKOFF_MAX = env.float("FACTCHECK_WEBHOOK_BACKOFF_MAX", default=3600.0)
CELERY_BEAT_SCHEDULE["resend-pending-webhooks"] = {
    "task": "claims.api.tasks.resend_pending_webhooks",
    "schedule": env.float("WEBHOOK_SWEEP_EVERY_SECONDS", default=300.0),
}
# Webhooks only go to public addresses; these networks (CIDRs, comma-separated) are
# allowed as well, e.g. "10.20.0.0/16" for a receiver inside the deployment.
FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = [
    str(ip_network(cidr, strict=False))
    for cidr in env.list("FACTCHECK_WEBHOOK_ALLOWED_NETWORKS", default=[])
]
# Finished webhook deliveries and their attempts are kept this many days.
FACTCHECK_WEBHOOK_LOG_DAYS = env.int("FACTCHECK_WEBHOOK_LOG_DAYS", default=30)
CELERY_BEAT_SCHEDULE["purge-api-records"] = {
    "task": "claims.api.tasks.purge_api_records",
    "schedule": env.float("API_PURGE_EVERY_SECONDS", default=3600.0),
}
