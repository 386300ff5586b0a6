"""Counting what a person triggers in a period, in the cache, to limit emails strangers can cause."""

from django.core.cache import cache


def count_one(key: str, limit: tuple[int, int]) -> bool:
    """Count one more in this period; False once the limit is passed."""
    amount, seconds = limit
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the count expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= amount
