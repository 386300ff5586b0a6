"""Sessions end when idle or too old; staff without two-factor authentication stay out of the admin."""

import time

import pytest

from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import current_code, sign_in

pytestmark = pytest.mark.django_db


def _age_session(client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"signed_in": SIGNED_IN_AT, "last_seen": LAST_SEEN_AT}[key]] = now - ago
    session.save()


def test_session_ends_after_30_minutes_without_a_request(client, member):
    sign_in(client, "sam@example.org")
    assert client.get("/accounts/profile/").status_code == 200
    _age_session(client, last_seen=31 * 60)
    response = client.get("/accounts/profile/")
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not done anything for 30 minutes" in page
    assert client.get("/accounts/profile/").status_code == 302


def test_activity_keeps_the_session_alive(client, member):
    sign_in(client, "sam@example.org")
    client.get("/accounts/profile/")
    _age_session(client, last_seen=29 * 60)
    assert client.get("/accounts/profile/").status_code == 200
    assert client.get("/accounts/profile/").status_code == 200


def test_session_ends_12_hours_after_sign_in_however_active(client, member):
    sign_in(client, "sam@example.org")
    client.get("/accounts/profile/")
    _age_session(client, signed_in=12 * 3600 + 1, last_seen=10)
    assert client.get("/accounts/profile/").status_code == 302


def test_staff_without_two_factor_authentication_are_kept_out_of_the_admin(client, settings):
    assert settings.STAFF_MFA_REQUIRED  # production settings
    UserFactory(email="staff@example.org", is_staff=True, is_superuser=True, totp=False)
    sign_in(client, "staff@example.org")
    response = client.get("/admin/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Set up two-factor authentication to use the admin" in html
    assert 'href="/accounts/2fa/totp/activate/"' in html
    assert client.get("/admin/accounts/user/").status_code == 403


def test_staff_reach_the_admin_after_their_security_code(client):
    person = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    login_page = client.get(response["Location"])
    assert 'action="/accounts/login/"' in login_page.content.decode()
    response = sign_in(client, "staff@example.org", next_url="/admin/")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(person)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_sign_in_is_the_throttled_one(client, member):
    for _ in range(5):
        client.post("/admin/login/", {"login": "sam@example.org", "password": "wrong"})
    assert (
        client.post("/admin/login/", {"login": "sam@example.org", "password": "x"}).status_code
        == 429
    )


def test_signed_in_non_staff_are_refused_the_admin(client, member):
    client.force_login(member)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_demo_settings_let_staff_in_without_two_factor(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=False))
    assert client.get("/admin/").status_code == 200
