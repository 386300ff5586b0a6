"""Fixtures for the accounts tests: quick password hashing, a clean throttle, signed-in people,
and the throttle's cache in memory or on Redis."""

import functools
import os
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import BaseCache, caches
from django.core.cache.backends.redis import RedisCache

from tests.accounts.factories import AdminMembershipFactory, UserFactory

# Database 15 by default, apart from the development server's. In CI both test lanes share it.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
# Every key this test process writes starts with it, so that two processes never share a count
# and each clears only its own keys.
KEY_PREFIX = f"tests-{os.getpid()}"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}


def redis_cache_settings(location: str = REDIS_TEST_URL) -> dict:
    """A default cache on Redis, as settings.CACHES makes it from a redis:// CACHE_URL."""
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": KEY_PREFIX,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


def clear_own_keys(cache: BaseCache) -> None:
    """Empty the cache of this process's keys. On Redis, cache.clear() is FLUSHDB, which would
    also wipe the counts of tests running at the same time in another process."""
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=500))
    if keys:
        client.delete(*keys)


@functools.cache
def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def require_redis() -> None:
    """Skip without Redis; in CI (REQUIRE_REDIS=1) fail instead, so a missing Redis is seen."""
    if _redis_answers():
        return
    message = (
        f"Redis does not answer at {REDIS_TEST_URL} (start redis-server, or set REDIS_TEST_URL)."
    )
    if os.environ.get("REQUIRE_REDIS"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    """Argon2 takes about 0.2 s a hash; tests that check hashing put PRODUCTION_HASHERS back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttling counts live in the cache: every test starts and ends with none."""
    clear_own_keys(caches["default"])
    yield
    clear_own_keys(caches["default"])


@pytest.fixture(params=["locmem", "redis"])
def throttle_cache(request, settings) -> Iterator[BaseCache]:
    """The default cache, where the throttle counts: once in this process's memory, as one
    server keeps it, and once on Redis, as production's servers share it."""
    if request.param == "redis":
        require_redis()
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache_settings() if request.param == "redis" else LOCMEM,
    }
    clear_own_keys(caches["default"])
    yield caches["default"]
    clear_own_keys(caches["default"])


@pytest.fixture
def two_servers(settings) -> Iterator[tuple[BaseCache, BaseCache]]:
    """Two connections of their own to one Redis, as two servers have: put one in place with
    `caches["default"] = server` before each request."""
    require_redis()
    settings.CACHES = {**settings.CACHES, "default": redis_cache_settings()}
    params = redis_cache_settings()
    servers = (RedisCache(params["LOCATION"], params), RedisCache(params["LOCATION"], params))
    clear_own_keys(servers[0])
    yield servers
    clear_own_keys(servers[0])
    for server in servers:
        for pool in server._cache._pools.values():
            pool.disconnect()


@pytest.fixture
def member(db):
    return UserFactory(email="sam@example.org", full_name="Sam Jones")


@pytest.fixture
def org_admin(db):
    """The admin of an organisation: `org_admin.membership.organisation`."""
    membership = AdminMembershipFactory(user__email="ada@example.org", user__full_name="Ada Admin")
    membership.user.membership = membership
    return membership.user
