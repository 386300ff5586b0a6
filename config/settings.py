"""Settings for every environment, read from environment variables.

Production behaviour is the default; DEBUG=true relaxes it for development.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from config.environment import database, is_set, secret_key, site_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# --- Secret key: a missing or weak key stops production start-up -----------------------------
SECRET_KEY = secret_key(env, debug=DEBUG)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The service's own address, for links in emails and feeds, never built from the request.
SITE_URL = site_url(env, debug=DEBUG)

# --- Applications ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "config",
    "core",
    "accounts",
    "evidence_store",
    "pine",
    "movement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so that every response carries it: the 400s and 500s that middleware
    # below answers included. Old browsers know no CSP frame-ancestors.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Static files never reach it: WhiteNoise answers them above, with its precompressed copies.
    # Above everything else that writes or reads the body, so that it compresses the last word.
    "config.middleware.TextGZipMiddleware",
    # Above the session, CSRF and CSP middleware, so that it sees every cookie they set and a 304
    # carries no fresh nonce (config/http_caching.py).
    "config.http_caching.PublicPageCachingMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RejectNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Before any view or process_view reads a body (the CSRF check would).
    "config.middleware.RefuseOversizeBodiesMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost, so that it is the first to see what a view raised: an action the cache throttles
    # is refused with a 503 while the cache is down, never let through uncounted.
    "config.cache_outage.CacheOutageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.service",
                "evidence_store.context_processors.demo_banner",
            ],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
FORM_RENDERER = "core.forms.GovukFormRenderer"  # GOV.UK classes and wording on every field

# --- Database ----------------------------------------------------------------------------------
# SQLite without DATABASE_URL; on PostgreSQL, persistent connections checked before reuse.
DATABASES = {"default": database(env, base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and passwords -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sign-in, sign-up and accounts (django-allauth); see docs/accounts.md ---------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {
    "login": "accounts.forms.authentication.SignInForm",
    "signup": "accounts.forms.authentication.SignUpForm",
    "add_email": "accounts.forms.authentication.ChangeEmailForm",
    "change_password": "accounts.forms.authentication.ChangePasswordForm",
    "set_password": "accounts.forms.authentication.SetPasswordForm",
    "reset_password": "accounts.forms.authentication.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.authentication.ResetPasswordKeyForm",
    "reauthenticate": "accounts.forms.authentication.ReauthenticateForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed sign-ins are limited per IP address and per account (the email typed); the numbers
# are explained in docs/accounts.md. Rate limits are kept in the cache (CACHE_URL below).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/10m/ip,5/15m/key",
    "signup": "10/m/ip",
    "reset_password": "20/m/ip,3/15m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # The Movement's practice network: posting (tests, updates, findings) and replying.
    "movement_post": "10/h/user",
    "movement_reply": "30/h/user",
}
# Behind a TLS proxy every request comes from the proxy: say how many proxies to trust so that
# the client's own address (from X-Forwarded-For) is the one that is throttled.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Evidence Store and PINE"
MFA_FORMS = {
    "authenticate": "accounts.forms.authentication.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.authentication.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.authentication.ActivateTOTPForm",
}
# Staff reach the admin only with two-factor authentication; only a development demo is exempt.
STAFF_MFA_REQUIRED = not DEBUG

# Sessions end after 30 minutes without a request, 12 hours after sign-in, and when the browser
# closes (ACCOUNT_SESSION_REMEMBER = False). See accounts/middleware.py.
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
USERSESSIONS_TRACK_ACTIVITY = False

# --- Cache: sign-in throttling lives here; use Redis when more than one process serves ---------
CACHES = {"default": env.cache_url_config(env.str("CACHE_URL", default="") or "locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Django's own Redis backend (redis-py), whichever driver django-environ would pick.
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
    # Give up on a Redis that is down or hung within half a second: throttled actions then get
    # the 503 page (config/cache_outage.py) instead of holding a worker.
    CACHES["default"]["OPTIONS"] = {
        **CACHES["default"].get("OPTIONS", {}),
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
    }
# Rendered fragments of the evidence store's pages (evidence_store/fragments.py), in each
# worker's memory and apart from the default cache: many distinct URLs then evict only
# fragments, never a sign-in rate limit; the content version in the database keeps them fresh.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "evidence-fragments",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and private uploads ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_IGNORE_EXTENSIONS = ["scss"]
# Uploads are private: they have no URL and are only served by views that check permission.
MEDIA_ROOT = env.path("MEDIA_ROOT") if is_set(env, "MEDIA_ROOT") else BASE_DIR / "media"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": None},
    },
    # Hashed names for every file, so WhiteNoise caches each for good (core/static_storage.py).
    "staticfiles": {"BACKEND": "core.static_storage.HashedStaticFilesStorage"},
}
STATICFILES_IGNORE_PATTERNS = ["scss"]
# Virus scanning of uploads is off unless CLAMAV_URL points at a ClamAV daemon
# (tcp://host:3310 or unix:///run/clamav/clamd.ctl); then every upload is scanned first.
CLAMAV_URL = env.str("CLAMAV_URL") if is_set(env, "CLAMAV_URL") else ""
UPLOAD_SCANNER = "core.scanning.clamav" if CLAMAV_URL else ""

# --- Email: queued with the change, sent by the worker (docs/architecture.md#email) -------------
# The queue is django-tasks' database backend: `manage.py worker` runs it. The tests run each
# task in the process once its transaction commits (core/task_backends.py) unless they start a
# worker themselves.
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}
# A failed send is tried again after 1, 2, 4 ... minutes, at most an hour apart, 12 times in all
# (about seven hours); then the email is marked failed for staff to send again from the admin.
EMAIL_RETRY_SECONDS = env.float("EMAIL_RETRY_SECONDS", default=60)
EMAIL_RETRY_MAX_SECONDS = env.float("EMAIL_RETRY_MAX_SECONDS", default=3600)
EMAIL_ATTEMPTS = env.int("EMAIL_ATTEMPTS", default=12)
EMAIL_CONFIG = env.email_url_config(
    env.str("EMAIL_URL")
    if is_set(env, "EMAIL_URL")
    else "consolemail://"
    if DEBUG
    else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
# A mail server that accepts the connection and then hangs must not hold the worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Evidence Store and PINE <no-reply@evidence.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="info@evidence.example.org")
PINE_TEAM_EMAIL = env.str("PINE_TEAM_EMAIL", default="pine@evidence.example.org")  # Reply-To
MOVEMENT_TEAM_EMAIL = env.str("MOVEMENT_TEAM_EMAIL", default="movement@evidence.example.org")
# How long a person offered a freed place has to accept it before it passes to the next.
MOVEMENT_OFFER_HOURS = env.int("MOVEMENT_OFFER_HOURS", default=48)

# --- Security: secure by default --------------------------------------------------------------
SECURE_SSL_REDIRECT = (
    env.bool("SECURE_SSL_REDIRECT") if is_set(env, "SECURE_SSL_REDIRECT") else not DEBUG
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The service is served from the root of its host. No request may say otherwise: a SCRIPT_NAME
# from the server would change request.path and every URL reverse() builds.
FORCE_SCRIPT_NAME = ""

# Database sessions that count a malformed session cookie as no session (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Logging: structured JSON lines on stdout --------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING" if not DEBUG else "INFO"},
        "django.db.backends": {"level": "WARNING"},
    },
}
