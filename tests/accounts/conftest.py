"""Fixtures for the accounts tests: quick password hashing, a clean throttle, signed-in people."""

import pytest
from django.core.cache import cache

from tests.accounts.factories import AdminMembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    """Argon2 takes about 0.2 s a hash; tests that check hashing put PRODUCTION_HASHERS back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttling counts live in the cache: every test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return UserFactory(email="sam@example.org", full_name="Sam Jones")


@pytest.fixture
def org_admin(db):
    """The admin of an organisation: `org_admin.membership.organisation`."""
    membership = AdminMembershipFactory(user__email="ada@example.org", user__full_name="Ada Admin")
    membership.user.membership = membership
    return membership.user
