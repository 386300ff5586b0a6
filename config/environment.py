"""Reading the settings that need more than one line from the environment, and refusing unsafe
values at start-up. Every setting is still assigned in config/settings.py."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_DEVELOPMENT_KEY = "development-only-key-never-use-in-production-4c1f9e7a2b8d6e0f3a5c7b9d1e2f4a6c"


def is_set(env: environ.Env, name: str) -> bool:
    """Whether a variable has a value: `NAME=` left empty (as in .env.example) means unset."""
    return bool(env.str(name, default="").strip())


def secret_key(env: environ.Env, *, debug: bool) -> str:
    """SECRET_KEY; a missing or weak one stops production start-up, saying how to make one."""
    key = env.str("SECRET_KEY", default="")
    if debug and not key:
        return _DEVELOPMENT_KEY
    if not debug and (
        len(key) < 50
        or len(set(key)) < 5
        or key.startswith("django-insecure")
        or key == _DEVELOPMENT_KEY
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or too weak. In production set SECRET_KEY to a random value "
            "of at least 50 characters, for example the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'. "
            "For local development set DEBUG=true instead."
        )
    return key


def site_url(env: environ.Env, *, debug: bool) -> str:
    """SITE_URL: the service's own address. Links are never built from the request, whose Host
    header is the client's to choose (another port, another letter case)."""
    url = env.str("SITE_URL", default="").strip().rstrip("/") or (
        "http://127.0.0.1:8000" if debug else ""
    )
    parts = urlsplit(url)
    if (
        parts.scheme not in ({"http", "https"} if debug else {"https"})
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ImproperlyConfigured(
            "SITE_URL must be the service's address, for example https://evidence.example.org: "
            f"https (http only with DEBUG=true), a host name, and no path. It is {url!r}."
        )
    return url


def database(env: environ.Env, *, base_dir: Path) -> dict:
    """The default database: DATABASE_URL, or a local SQLite file so the app runs with no set-up."""
    if is_set(env, "DATABASE_URL"):
        config = env.db("DATABASE_URL")
    else:
        config = env.db_url_config(f"sqlite:///{base_dir / 'db.sqlite3'}")
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        # Fail fast when the server cannot be reached, so pages answer 503 and /healthz reports
        # the outage instead of holding every worker.
        options["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
        if env.bool("DATABASE_POOL", default=False):
            # Optional: psycopg's pool in each process. Its reconnection backs off (1, 2, 4,
            # 8 s...) after an outage, so persistent connections recover faster and are the default.
            config["CONN_MAX_AGE"] = 0
            options["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
                "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=8),
                "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),
            }
    # Each request checks a reused connection first, so the app recovers by itself when
    # PostgreSQL restarts, without restarting gunicorn.
    config["CONN_HEALTH_CHECKS"] = True
    return config
