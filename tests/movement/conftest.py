"""Fixtures for the Movement's tests: quick password hashing, and emails sent as they commit."""

import pytest


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
