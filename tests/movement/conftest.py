"""Fixtures for the Movement's tests: quick password hashing, emails sent as they commit, and
an event organiser signed in to the admin."""

import pytest

from tests.movement.factories import movement_staff


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sent(django_capture_on_commit_callbacks, mailoutbox):
    """Run a change and send what it sends on commit; returns the outbox."""

    class Sender:
        outbox = mailoutbox

        def __call__(self, change):
            with django_capture_on_commit_callbacks(execute=True):
                return change()

    return Sender()


@pytest.fixture
def no_two_factor_gate(settings) -> None:
    """Staff sign in directly: the two-factor gate is tested in tests/accounts, and where an
    admin test goes through it, it says so."""
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def organiser(client, no_two_factor_gate):
    """A member of the Movement event organisers group, signed in to the admin."""
    user = movement_staff("Movement event organisers")
    client.force_login(user)
    return user
