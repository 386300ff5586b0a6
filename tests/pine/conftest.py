"""Fixtures for the PINE tests: quick password hashing and the people who act on applications."""

import pytest

from tests.pine.factories import ApplicationFactory, manager, member_of, reviewer


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def application(db):
    return ApplicationFactory()


@pytest.fixture
def applicant(application):
    return member_of(application.organisation)


@pytest.fixture
def pine_reviewer(db):
    return reviewer(totp=False)


@pytest.fixture
def pine_manager(db):
    return manager(totp=False)
