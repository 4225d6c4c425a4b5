"""Settings shared by every environment, read from the environment with django-environ."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from maigie import embedded
from maigie.log_config import logging_config

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="django-insecure-maigie-development-only-key-change-me")
# Rotation: the previous key stays valid for sessions and signed links while listed here (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

# Embedded services ------------------------------------------------------------------
# Without DATABASE_URL / REDIS_URL the project runs its own PostgreSQL and Redis with
# data under MAIGIE_VAR_DIR (default ./var); see maigie/embedded.py and docs/operations.md.
# Settings only compute their URLs; the entry points start them (embedded.ensure_services).
VAR_DIR = Path(env.str("MAIGIE_VAR_DIR", default=str(BASE_DIR / "var")))
EMBEDDED_SERVICES = env.bool("MAIGIE_EMBEDDED_SERVICES", default=True)


def _service_url(variable: str, embedded_url: Callable[[Path], str]) -> tuple[str, bool]:
    """The service's URL from the environment, else the embedded one's; and whether it is embedded."""
    url: str = env.str(variable, default="")
    if url:
        return url, False
    if not EMBEDDED_SERVICES:
        raise ImproperlyConfigured(f"{variable} must be set (embedded services are disabled).")
    return embedded_url(VAR_DIR), True


DATABASE_URL, EMBEDDED_POSTGRES = _service_url("DATABASE_URL", embedded.postgres_url)
REDIS_URL, EMBEDDED_REDIS = _service_url("REDIS_URL", embedded.redis_url)

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# pgvector >= 0.8: an HNSW scan filtered to one learner keeps scanning until the query's LIMIT is
# met, in exact distance order, instead of silently returning fewer matches (docs/search.md).
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = f"{_options.get('options', '')} -c hnsw.iterative_scan=strict_order".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Applications -----------------------------------------------------------------------
INSTALLED_APPS = [
    "apps.console.apps.ConsoleAdminConfig",  # django.contrib.admin with the console as admin.site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI assets served from our static files, pinned, offline
    "corsheaders",
    "channels",
    "django_celery_beat",
    "django_celery_results",
    "import_export",
    "django_prometheus",
    "djstripe",
    "apps.accounts",
    "apps.learning",
    "apps.planning",
    "apps.assistant",
    "apps.billing",
    "apps.notifications",
    "apps.review",
    "apps.materials",
    "apps.spaces",
    "apps.console",
    "apps.voice",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "maigie.request_context.RequestContextMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag on GET answers; If-None-Match -> 304
    "maigie.limits.QueryStringLimitMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "maigie.json_errors.JsonErrorMiddleware",  # /api/ and /health/: JSON errors, both slash forms
    "maigie.browser_middleware.SessionMiddleware",  # maigie.browser_middleware: not on /api/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # kept: the deploy check requires it (security.W003)
    "maigie.browser_middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "maigie.browser_middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.accounts.middleware.ContentSecurityPolicyMiddleware",
    "maigie.idempotency.IdempotencyMiddleware",
    "maigie.request_body.RequestBodyMiddleware",  # a write's body is checked even when its view reads none
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "maigie.urls"
WSGI_APPLICATION = "maigie.wsgi.application"
ASGI_APPLICATION = "maigie.asgi.application"

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

# Users and passwords ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Argon2id m=19 MiB t=2 p=1, at most PASSWORD_HASHING_CONCURRENCY hashes at once per process
# (apps/accounts/hashers.py); a request waits up to PASSWORD_HASHING_WAIT seconds, then 503.
PASSWORD_HASHERS = [
    "apps.accounts.hashers.BoundedArgon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD_HASHING_CONCURRENCY = env.int("PASSWORD_HASHING_CONCURRENCY", default=2)
PASSWORD_HASHING_WAIT = env.float("PASSWORD_HASHING_WAIT", default=3.0)
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
STATIC_ROOT = BASE_DIR / "staticfiles"

# Redis: cache, channel layer and Celery broker share one server -----------------------
# redis-py >= 6 gives every socket read a 5 s timeout by default. The cache never blocks, so a
# short timeout only makes an unreachable Redis fail fast (answered 503, docs/operations.md); the
# channel layer blocks in BZPOPMIN for CHANNELS_REDIS_BLOCKING_READ seconds on every idle
# connection, so its read timeout must be longer, or each idle WebSocket would die with 1011.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=5.0)
CHANNELS_REDIS_BLOCKING_READ = 5  # channels_redis.core.RedisChannelLayer.brpop_timeout
# Redis connections of the channel layer and the event log, per process and event loop; a command finding them all
# in use waits up to REALTIME_REDIS_POOL_WAIT seconds for one (a burst of connects) instead of failing.
REALTIME_REDIS_MAX_CONNECTIONS = env.int("REALTIME_REDIS_MAX_CONNECTIONS", default=100)
REALTIME_REDIS_POOL_WAIT = 10.0
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "maigie",
        "OPTIONS": {"SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT, "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT},
    }
}
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "maigie.realtime.layer.BatchingRedisChannelLayer",  # + group_send_many_blocking
        "CONFIG": {
            "hosts": [
                {
                    "address": REDIS_URL,
                    "socket_timeout": CHANNELS_REDIS_BLOCKING_READ + 3 * REDIS_SOCKET_TIMEOUT,
                    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                    "max_connections": REALTIME_REDIS_MAX_CONNECTIONS,
                }
            ],
            "prefix": "maigie:asgi",
            "capacity": 500,
            "expiry": 60,
            "group_expiry": 86400,
        },
    }
}

# Assistant (docs/assistant.md): OpenAI-compatible provider when a key is set, else offline ------
ASSISTANT_PROVIDER = env.str("ASSISTANT_PROVIDER", default="auto")  # "auto" or "offline"
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="")
OPENAI_MODEL = env.str("OPENAI_MODEL", default="gpt-4o-mini")
OPENAI_TIMEOUT = env.float("OPENAI_TIMEOUT", default=30.0)
OPENAI_MAX_RETRIES = env.int("OPENAI_MAX_RETRIES", default=3)
# Estimated cost of assistant usage: model -> USD per million (prompt, completion) tokens; any
# other model (and the offline provider) costs 0. Shown to staff in the admin (UsageDay).
ASSISTANT_MODEL_PRICES: dict[str, tuple[str, str]] = {
    "gpt-4o-mini": ("0.15", "0.60"),
    "gpt-4o": ("2.50", "10.00"),
    "gpt-4.1-mini": ("0.40", "1.60"),
}

# Embeddings (docs/search.md): semantic search over notes and topics --------------------------
# "auto": the OpenAI-compatible API when OPENAI_API_KEY is set, else the offline model (MiniLM);
# "offline" forces the latter; "wordllama" the static model (a hundred times faster, weaker on
# paraphrases); "hashed" is the lexical test double. The vector size is fixed in
# apps.learning.embeddings.base.
EMBEDDING_PROVIDER = env.str("EMBEDDING_PROVIDER", default="auto")
if EMBEDDING_PROVIDER not in ("auto", "offline", "wordllama", "hashed"):
    raise ImproperlyConfigured("EMBEDDING_PROVIDER must be auto, offline, wordllama or hashed.")
OPENAI_EMBEDDING_MODEL = env.str("OPENAI_EMBEDDING_MODEL", default="text-embedding-3-small")

# Uploaded files (docs/materials.md): Django's default storage; STORAGES["default"] may name an
# S3-compatible backend (django-storages) in production. Local files live under MEDIA_ROOT.
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Voice (docs/voice.md): OpenAI-compatible audio API when a key is set, else offline -------------
VOICE_PROVIDER = env.str("VOICE_PROVIDER", default="auto")  # "auto" or "offline"
OPENAI_TRANSCRIPTION_MODEL = env.str("OPENAI_TRANSCRIPTION_MODEL", default="whisper-1")
OPENAI_SPEECH_MODEL = env.str("OPENAI_SPEECH_MODEL", default="tts-1")
OPENAI_SPEECH_VOICE = env.str("OPENAI_SPEECH_VOICE", default="alloy")
VOICE_MAX_UPLOAD_BYTES = env.int("VOICE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
VOICE_MAX_SPEAK_CHARACTERS = env.int("VOICE_MAX_SPEAK_CHARACTERS", default=2000)
MATERIAL_AUDIO_MAX_SECONDS = env.int("MATERIAL_AUDIO_MAX_SECONDS", default=3 * 3600)  # one recorded lecture
MATERIAL_AUDIO_SEGMENT_SECONDS = env.int("MATERIAL_AUDIO_SEGMENT_SECONDS", default=20)  # transcribed at a time

# Realtime (docs/websockets.md) --------------------------------------------------------
REALTIME_REPLAY_EVENTS = env.int("REALTIME_REPLAY_EVENTS", default=1000)
REALTIME_REPLAY_SECONDS = env.int("REALTIME_REPLAY_SECONDS", default=24 * 3600)
# How much lower than the request path daphne's chat-turn threads run (nice increment, Linux; 0: same).
CHAT_THREAD_NICE = env.int("CHAT_THREAD_NICE", default=10)
REALTIME_HEARTBEAT_INTERVAL = env.float("REALTIME_HEARTBEAT_INTERVAL", default=25.0)
REALTIME_HEARTBEAT_TIMEOUT = env.float("REALTIME_HEARTBEAT_TIMEOUT", default=60.0)
REALTIME_AUTH_TIMEOUT = env.float("REALTIME_AUTH_TIMEOUT", default=5.0)
# Check every published event against its declaration in apps/<app>/events.py (raises on a mismatch).
REALTIME_VALIDATE_EVENTS = env.bool("REALTIME_VALIDATE_EVENTS", default=DEBUG)

# Celery: Redis broker, results in the database, beat schedule in the database -------
# See docs/operations.md. Tasks derive from maigie.jobs.BaseTask (acks_late, retries with
# backoff + jitter for transient errors only); they take ids and are idempotent.
CELERY_IMPORTS = ["maigie.mail"]
CELERY_BROKER_URL = REDIS_URL.replace("unix://", "redis+socket://", 1)
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = timedelta(days=env.int("CELERY_RESULT_DAYS", default=14))
CELERY_CACHE_BACKEND = "default"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TRACK_STARTED = True
# A message is acknowledged after the task finished; a worker that dies mid-task leaves it
# unacknowledged and Redis hands it to another worker after the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Queues: "default", "ai" (LLM calls, long), "email" (SMTP), "low" (maintenance).
JOBS_QUEUES = ("default", "ai", "email", "low")
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name, routing_key=name) for name in JOBS_QUEUES]
CELERY_TASK_ROUTES = {
    "mail.*": {"queue": "email"},
    "ai.*": {"queue": "ai"},
    "maintenance.*": {"queue": "low"},
    "celery.backend_cleanup": {"queue": "low"},
}
# Time limits (seconds): defaults for every task; a task may set its own, up to CELERY_LONGEST_TASK.
# Redis hands an unacknowledged message (its worker died) to another worker after the visibility
# timeout: just above the longest hard limit, so a killed task is retried within minutes, never
# while it may still run. A retry's countdown is held unacknowledged too, so it stays below it.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
# Processing one study material (extract, chunk, embed with the offline model at a few passages a
# second) may take longer than other jobs: its own hard limit, within CELERY_LONGEST_TASK.
MATERIAL_TASK_TIME_LIMIT = env.int("MATERIAL_TASK_TIME_LIMIT", default=900)
CELERY_LONGEST_TASK = env.int("CELERY_LONGEST_TASK", default=max(CELERY_TASK_TIME_LIMIT, MATERIAL_TASK_TIME_LIMIT))
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_LONGEST_TASK + 60)
# Workers sweep those messages back under a lock in Redis; a worker killed mid-sweep leaves the lock
# until it expires, and no message comes back meanwhile (kombu's 300 s would stall tests for minutes).
# The sweep runs every eighth of the visibility timeout: kombu's default (a scan every 10th tick of
# 10 s, about 100 s) left a killed worker's message waiting up to 100 s past its timeout.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_mutex_expire": max(1, CELERY_VISIBILITY_TIMEOUT // 8),
    "unacked_restore_interval": max(1, CELERY_VISIBILITY_TIMEOUT // 8),
    "unacked_restore_throttle": 1,
    "socket_timeout": 30,
    "health_check_interval": 25,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits for Redis to come back, forever
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# A redelivered task whose success is already stored in the result backend is skipped.
CELERY_WORKER_DEDUPLICATE_SUCCESSFUL_TASKS = True
# Retries of transient failures (maigie.jobs): exponential backoff with jitter, capped.
JOBS_RETRY_BACKOFF_BASE = env.float("JOBS_RETRY_BACKOFF_BASE", default=2.0)
JOBS_RETRY_BACKOFF_MAX = env.int("JOBS_RETRY_BACKOFF_MAX", default=300)
JOBS_MAX_RETRIES = env.int("JOBS_MAX_RETRIES", default=8)
if not max(CELERY_TASK_TIME_LIMIT, MATERIAL_TASK_TIME_LIMIT) <= CELERY_LONGEST_TASK < CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "Need CELERY_TASK_TIME_LIMIT and MATERIAL_TASK_TIME_LIMIT <= CELERY_LONGEST_TASK < CELERY_VISIBILITY_TIMEOUT."
    )
if JOBS_RETRY_BACKOFF_MAX >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured("JOBS_RETRY_BACKOFF_MAX must be below CELERY_VISIBILITY_TIMEOUT (or retries run twice).")

# API --------------------------------------------------------------------------------
# Input limits (docs/api.md): every JSON document from a client, REST body or WebSocket frame,
# goes through maigie.encoding.parse_json; query strings through maigie.limits. gunicorn's
# limit_request_line (deploy/gunicorn.conf.py) and daphne's header limit (16 KiB) are larger.
JSON_MAX_BYTES = env.int("JSON_MAX_BYTES", default=1024 * 1024)
JSON_MAX_DEPTH = env.int("JSON_MAX_DEPTH", default=32)
QUERY_STRING_MAX_LENGTH = env.int("QUERY_STRING_MAX_LENGTH", default=4096)
WEBSOCKET_MAX_MESSAGE_BYTES = env.int("WEBSOCKET_MAX_MESSAGE_BYTES", default=64 * 1024)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.accounts.authentication.ActivityJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["apps.accounts.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["maigie.parsers.PolicyJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "maigie.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "maigie.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "maigie.api_errors.exception_handler",
    "URL_FORMAT_OVERRIDE": None,  # no undocumented ?format=: the Accept header chooses the renderer
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Rate limits (apps/accounts/throttling.py): atomic Redis counters, on every endpoint.
    # A view opts into a scope with ``throttle_scope``; ``<scope>_email`` counts per e-mail in the body.
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.accounts.throttling.AnonRateThrottle",
        "apps.accounts.throttling.UserRateThrottle",
        "apps.accounts.throttling.ScopedRateThrottle",
        "apps.accounts.throttling.ScopedEmailRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "auth": env.str("THROTTLE_AUTH", default="10/min"),
        "auth_email": env.str("THROTTLE_AUTH_EMAIL", default="5/min"),
        "refresh": env.str("THROTTLE_REFRESH", default="30/min"),
        "export": env.str("THROTTLE_EXPORT", default="5/hour"),
        "chat": env.str("THROTTLE_CHAT", default="30/min"),
        "voice": env.str("THROTTLE_VOICE", default="10/min"),
    },
    # DRF's own client-IP rule (NUM_PROXIES=None trusts any X-Forwarded-For) is unused: see TRUSTED_PROXIES.
    "NUM_PROXIES": 0,
}
# Proxies (CIDR list) whose X-Forwarded-For is believed; empty: the header is ignored (maigie/client_ip.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or CIDR network.") from _exc

SPECTACULAR_SETTINGS = {
    "TITLE": "Maigie API",
    "DESCRIPTION": "REST API of Maigie, the AI study companion. Errors always have the shape "
    '`{"error": {"code", "message", "details", "request_id"}}`.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "maigie.openapi.strict_request_bodies"],
    "ENUM_NAME_OVERRIDES": {
        "GoalStatusEnum": "apps.planning.models.GoalStatus",
        "ActionStatusEnum": "apps.assistant.models.ActionStatus",
        "BlockTypeEnum": "apps.planning.models.BlockType",
        "ResourceTypeEnum": "apps.learning.models.ResourceType",
        "DifficultyEnum": "apps.learning.models.Difficulty",  # also the level of a generated course
        "TierEnum": "apps.accounts.models.Tier",  # billing's Plan has the same choices
        "PaidPlanEnum": "apps.billing.models.PAID_PLAN_CHOICES",
        "CardKindEnum": "apps.review.models.CardKind",
        "CardStateEnum": "apps.review.models.CardState",  # a card's own state and a space member's of it
        "QuestionKindEnum": "apps.review.models.QuestionKind",
        "SpaceRoleEnum": "apps.spaces.models.Role",
        "AudioFormatEnum": "apps.voice.audio.FORMAT_CHOICES",  # voice/speak format, chat/voice reply_audio
        "MaterialKindEnum": "apps.materials.models.MaterialKind",
        "DeviceKindEnum": "apps.notifications.models.DeviceKind",
    },
}

# How long a process may keep accepting a user's tokens without reading the user again: the bound
# on a deactivation or revocation made in another process (apps/accounts/auth_cache.py).
AUTH_USER_CACHE_SECONDS = env.float("AUTH_USER_CACHE_SECONDS", default=5.0)

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUDIENCE": "maigie-api",
    "ISSUER": "maigie",
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

# CORS and security headers ----------------------------------------------------------
# The API authenticates with bearer tokens, not cookies: origins come from an allow-list,
# credentials are never allowed cross-origin. production.py adds HTTPS-only settings.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = (*default_cors_headers, "idempotency-key", "x-request-id")
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After", "Idempotent-Replayed"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "maigie.api_errors.csrf_failure"
# Content-Security-Policy by path prefix (apps/accounts/middleware.py); the first match wins.
CONTENT_SECURITY_POLICIES = [
    (
        "/api/docs/",
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (
        "/admin/",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    ("/api/", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
]

# Google sign-in ---------------------------------------------------------------------
# POST /api/v1/auth/google verifies Google ID tokens against GOOGLE_JWKS_URL (RS256, our
# client ids as ``aud``); django-allauth runs the web redirect flow and stores the links
# (SocialAccount). See docs/authentication.md.
INSTALLED_APPS += [
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
]
SITE_ID = 1
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
GOOGLE_CLIENT_IDS = env.list("GOOGLE_CLIENT_IDS", default=[])  # web, iOS, Android client ids
GOOGLE_CLIENT_SECRET = env.str("GOOGLE_CLIENT_SECRET", default="")  # web client, redirect flow only
GOOGLE_JWKS_URL = env.str("GOOGLE_JWKS_URL", default="https://www.googleapis.com/oauth2/v3/certs")
GOOGLE_ISSUERS = ["https://accounts.google.com", "accounts.google.com"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # the API verifies e-mail with its own codes
SOCIALACCOUNT_ADAPTER = "apps.accounts.web.GoogleSocialAccountAdapter"  # our linking rules, as in auth/google
SOCIALACCOUNT_LOGIN_ON_GET = True  # the frontend starts the web flow with a plain link
LOGIN_REDIRECT_URL = "/api/v1/auth/google/web/complete"
FRONTEND_URL = env.str("FRONTEND_URL", default="http://localhost:3000")
GOOGLE_WEB_REDIRECT_URL = env.str("GOOGLE_WEB_REDIRECT_URL", default=f"{FRONTEND_URL}/auth/google/callback")
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "APPS": [{"client_id": GOOGLE_CLIENT_IDS[0], "secret": GOOGLE_CLIENT_SECRET}] if GOOGLE_CLIENT_IDS else [],
        "SCOPE": ["openid", "email", "profile"],
        "OAUTH_PKCE_ENABLED": True,
    }
}

# E-mail: the SMTP server comes from the environment; EMAIL_BACKEND is the console in
# local.py, SMTP in production.py, locmem in test.py (docs/operations.md). ---------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Maigie <no-reply@maigie.app>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)

# Billing: Stripe through dj-stripe (docs/billing.md) ---------------------------------
# Test mode unless STRIPE_LIVE_MODE is true; dj-stripe picks the matching secret key.
STRIPE_LIVE_MODE = env.bool("STRIPE_LIVE_MODE", default=False)
STRIPE_TEST_SECRET_KEY = env.str("STRIPE_TEST_SECRET_KEY", default="")
STRIPE_LIVE_SECRET_KEY = env.str("STRIPE_LIVE_SECRET_KEY", default="")
if env.str("STRIPE_API_HOST", default=""):  # another Stripe-compatible server (dj-stripe reads it at import)
    STRIPE_API_HOST = env.str("STRIPE_API_HOST")
DJSTRIPE_FOREIGN_KEY_TO_FIELD = "id"
DJSTRIPE_WEBHOOK_VALIDATION = "verify_signature"  # each WebhookEndpoint's secret checks Stripe-Signature
# Stripe price ids of the paid plans; empty means "the price with the plan's lookup key"
# (created by `manage.py billing_sync_prices`).
BILLING_STRIPE_PRICES = {
    "PREMIUM_MONTHLY": env.str("STRIPE_PRICE_PREMIUM_MONTHLY", default=""),
    "PREMIUM_YEARLY": env.str("STRIPE_PRICE_PREMIUM_YEARLY", default=""),
}
BILLING_CHECKOUT_SUCCESS_URL = env.str(
    "BILLING_CHECKOUT_SUCCESS_URL", default="http://localhost:3000/billing/success?session_id={CHECKOUT_SESSION_ID}"
)
BILLING_CHECKOUT_CANCEL_URL = env.str("BILLING_CHECKOUT_CANCEL_URL", default="http://localhost:3000/billing")
BILLING_PORTAL_RETURN_URL = env.str("BILLING_PORTAL_RETURN_URL", default="http://localhost:3000/billing")

# Notifications: Web Push (VAPID) and FCM (docs/notifications.md) ------------------------
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")  # else `manage.py vapid_keys` (database)
VAPID_PUBLIC_KEY = env.str("VAPID_PUBLIC_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="mailto:support@maigie.app")
FCM_CREDENTIALS_FILE = env.str("FCM_CREDENTIALS_FILE", default="")  # service-account JSON; unset: FCM skipped
FCM_ENDPOINT = env.str("FCM_ENDPOINT", default="https://fcm.googleapis.com")
PUSH_TIMEOUT = env.float("PUSH_TIMEOUT", default=10.0)
PUSH_ALLOW_LOOPBACK_HTTP = False  # local and test settings accept http://127.0.0.1 push endpoints
NUDGE_INACTIVE_DAYS = env.int("NUDGE_INACTIVE_DAYS", default=3)
NUDGE_DUE_CARDS = env.int("NUDGE_DUE_CARDS", default=50)  # due review cards for the "cards piling up" nudge
PUSH_CLAIM_LEASE = env.int("PUSH_CLAIM_LEASE", default=120)  # s; a push claim older than this is resent
NOTIFICATIONS_DELIVERY_RETENTION_DAYS = env.int("NOTIFICATIONS_DELIVERY_RETENTION_DAYS", default=90)
API_PUBLIC_URL = env.str("API_PUBLIC_URL", default="http://localhost:8000")  # e-mail unsubscribe links

# Observability ----------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(level=LOG_LEVEL, json_output=env.bool("LOG_JSON", default=True))

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:  # user id, request and job context, personal data scrubbed (maigie/sentry.py)
    from maigie import sentry

    sentry.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="development"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        release=env.str("SENTRY_RELEASE", default="") or None,
    )

# OpenTelemetry (maigie/tracing.py): traces exported by OTLP/HTTP when an endpoint is set; with
# none, no instrumentation is imported or installed. OTEL_* variables of the SDK apply as well.
OTEL_EXPORTER_OTLP_ENDPOINT = env.str("OTEL_EXPORTER_OTLP_ENDPOINT", default="")
OTEL_SERVICE_NAME = env.str("OTEL_SERVICE_NAME", default="maigie")
OTEL_TRACES_SAMPLER_RATIO = env.float("OTEL_TRACES_SAMPLER_RATIO", default=1.0)

# The read cache (maigie/cache.py): off, every read computes (a kill switch; the tests run without it).
READ_CACHE_ENABLED = env.bool("READ_CACHE_ENABLED", default=True)

# The operations console (apps/console): besides superusers, staff in these groups see dj-stripe's models.
CONSOLE_STRIPE_GROUPS = env.list("CONSOLE_STRIPE_GROUPS", default=["Finance"])

# Demo data (manage.py seed_demo) ------------------------------------------------------
DEMO_LEARNER = ("demo@maigie.app", "maigie-demo-pass")
DEMO_STAFF = ("admin@maigie.app", "maigie-admin-pass")
