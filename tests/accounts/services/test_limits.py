"""Counting in the cache (accounts/services/limits.py), in memory and on Redis, and shared by
every server once they share Redis."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from accounts.services.limits import count_one

LIMIT = (5, 60)


def test_the_count_allows_exactly_the_limit_then_refuses(throttle_cache):
    allowed = [count_one("accounts:test:person:1", LIMIT) for _ in range(8)]
    assert allowed == [True] * 5 + [False] * 3


def test_each_key_has_a_count_of_its_own(throttle_cache):
    for _ in range(5):
        count_one("accounts:test:person:1", LIMIT)
    assert not count_one("accounts:test:person:1", LIMIT)
    assert count_one("accounts:test:person:2", LIMIT)


def test_a_count_that_expired_starts_again_from_one(throttle_cache):
    for _ in range(5):
        count_one("accounts:test:person:1", LIMIT)
    throttle_cache.delete("accounts:test:person:1")  # as when its period ends
    assert count_one("accounts:test:person:1", LIMIT)
    assert throttle_cache.get("accounts:test:person:1") == 1


def test_servers_sharing_redis_count_together_up_to_the_limit_and_not_twice_it(two_servers):
    allowed = []
    for attempt in range(10):
        caches["default"] = two_servers[attempt % 2]
        allowed.append(count_one("accounts:test:person:1", LIMIT))
    assert allowed.count(True) == 5
    assert allowed[5:] == [False] * 5


def test_servers_with_a_cache_each_in_memory_would_each_allow_the_limit(settings):
    """Why production's servers share Redis: with memory of their own, each counts alone."""
    servers = (LocMemCache("server-a", {}), LocMemCache("server-b", {}))
    allowed = []
    for attempt in range(10):
        caches["default"] = servers[attempt % 2]
        allowed.append(count_one("accounts:test:person:1", LIMIT))
    settings.CACHES = {**settings.CACHES}  # puts the usual default cache back afterwards
    assert allowed.count(True) == 10


@pytest.mark.parametrize("limit", [(1, 60), (3, 3600)])
def test_the_period_is_the_keys_expiry_on_redis(two_servers, limit):
    server = two_servers[0]
    caches["default"] = server
    count_one("accounts:test:person:1", limit)
    client = server._cache.get_client(write=False)
    ttl = client.ttl(server.make_and_validate_key("accounts:test:person:1"))
    assert 0 < ttl <= limit[1]
