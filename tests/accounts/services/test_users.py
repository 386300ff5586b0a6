"""Deactivating someone ends every session they have."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.services.users import user_deactivate
from tests.accounts.journeys import sign_in

pytestmark = pytest.mark.django_db


def test_deactivating_a_user_ends_all_their_sessions(member):
    laptop, phone = Client(), Client()
    sign_in(laptop, "sam@example.org")
    sign_in(phone, "sam@example.org")
    keys = {laptop.session.session_key, phone.session.session_key}
    assert Session.objects.filter(session_key__in=keys).count() == 2
    user_deactivate(user=member)
    member.refresh_from_db()
    assert not member.is_active
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert laptop.get("/accounts/profile/").status_code == 302
    assert sign_in(phone, "sam@example.org")["Location"] == "/accounts/inactive/"
