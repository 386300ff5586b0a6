"""The custom user signs in by email and has no username."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError, transaction

from tests.accounts.factories import PASSWORD, PRODUCTION_HASHERS, UserFactory

pytestmark = pytest.mark.django_db


def test_user_model_is_the_custom_email_user():
    User = get_user_model()
    assert User._meta.label == "accounts.User"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User, "username")


def test_create_user_normalises_email_domain_and_hashes_password_with_argon2(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = get_user_model().objects.create_user("Jo.Bloggs@EXAMPLE.ORG", "a-long-password-123")
    assert user.email == "Jo.Bloggs@example.org"
    assert user.password.startswith("argon2")
    assert not user.is_staff


def test_email_is_unique_regardless_of_case():
    UserFactory(email="sam@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="SAM@example.org")


def test_person_can_authenticate_with_email_in_any_case():
    user = UserFactory(email="alex@example.org")
    assert authenticate(username="ALEX@example.org", password=PASSWORD) == user


def test_create_superuser_sets_staff_and_superuser():
    admin = get_user_model().objects.create_superuser("admin@example.org", "a-long-password-123")
    assert admin.is_staff and admin.is_superuser


def test_create_user_refuses_an_empty_email():
    with pytest.raises(ValueError, match="email address is required"):
        get_user_model().objects.create_user("", "a-long-password-123")


def test_display_name_falls_back_to_email():
    assert str(UserFactory(full_name="", email="x@example.org")) == "x@example.org"
    assert UserFactory(full_name="Priya Shah").get_short_name() == "Priya"
