"""Sessions end when idle or too old and are never cached; staff need two-factor in the admin."""

import importlib
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.handlers.wsgi import get_script_name
from django.test import Client
from django.urls import set_script_prefix

import accounts.middleware
from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.journeys import current_code, sign_in, sign_in_with_two_factor

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
    UserFactory(email="demo@example.org", is_staff=True, is_superuser=True, totp=False)
    sign_in(client, "demo@example.org")
    assert client.get("/admin/").status_code == 200


def _set_up_authenticator_app(client) -> None:
    """Go through the real set-up page, as someone holding only the password could."""
    page = client.get("/accounts/2fa/totp/activate/")
    if page.status_code == 302:  # asked to enter the password again first
        client.post(page["Location"], {"password": PASSWORD})
        assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302, response.content.decode()


def test_setting_up_two_factor_in_a_password_only_session_does_not_open_the_admin(client):
    person = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True, totp=False)
    sign_in(client, "staff@example.org")
    _set_up_authenticator_app(client)
    assert person.authenticator_set.filter(type="totp").exists()

    response = client.get("/admin/accounts/user/?q=x")
    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Faccounts%2Fuser%2F%3Fq%3Dx"
    )
    assert client.get("/admin/").status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Enter your security code to continue" in page


def test_staff_who_signed_in_without_a_code_are_asked_for_one_before_the_admin(client):
    """Someone made staff while signed in, after setting up the app, has not entered a code."""
    person = UserFactory(email="staff@example.org", totp=True)
    client.force_login(person)  # a session from before they were staff, with no code entered
    person.is_staff = person.is_superuser = True
    person.save()
    response = client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    response = client.post(response["Location"], {"code": "000000"})
    html = response.content.decode()
    assert "There is a problem" in html and 'action="/accounts/2fa/reauthenticate/"' in html
    assert client.get("/admin/").status_code == 302
    response = client.post(
        "/accounts/2fa/reauthenticate/?next=/admin/", {"code": current_code(person)}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_signed_in_with_their_security_code_use_the_admin(client):
    person = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    sign_in_with_two_factor(client, person)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_two_factor_check_leaves_public_pages_alone(client, settings):
    UserFactory(email="staff@example.org", is_staff=True, is_superuser=True, totp=False)
    sign_in(client, "staff@example.org")
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/profile/",
        "/accounts/organisation/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/2fa/recovery-codes/",
        "/accounts/password/change/",
        "/admin/",
    ],
)
def test_pages_for_someone_signed_in_are_never_cached(client, path):
    person = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    RecoveryCodes.activate(person)
    sign_in_with_two_factor(client, person)
    response = client.get(path)
    assert response.status_code in (200, 302)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_public_pages_are_marked_private_only_for_someone_signed_in(client, member):
    assert client.get("/")["Cache-Control"] == "public, max-age=300"
    client.force_login(member)
    assert client.get("/")["Cache-Control"] == "private, no-store"


def test_health_check_neither_reads_nor_writes_the_session(client, member, settings):
    sign_in(client, "sam@example.org")
    client.get("/accounts/profile/")
    _age_session(client, last_seen=31 * 60)  # past the idle timeout: any other page signs out
    before = dict(client.session.items())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")  # the session was not even read
    assert dict(client.session.items()) == before
    assert client.get("/accounts/profile/").status_code == 302  # still idle, as it was


class ScriptNameClient(Client):
    """The test client, setting the script prefix from SCRIPT_NAME as Django's WSGI handler does.

    A server that takes SCRIPT_NAME from the request (gunicorn does, from trusted addresses)
    strips it from PATH_INFO: `get("/admin/", SCRIPT_NAME="/x")` is a request for /x/admin/.
    """

    def request(self, **request):
        set_script_prefix(get_script_name(self._base_environ(**request)))
        try:
            return super().request(**request)
        finally:
            set_script_prefix("/")


@pytest.fixture
def password_only_staff():
    """A staff session signed in with the password alone, as a stolen password gives."""
    UserFactory(email="staff@example.org", is_staff=True, is_superuser=True, totp=False)
    client = ScriptNameClient()
    sign_in(client, "staff@example.org")
    return client


@pytest.mark.parametrize("force_script_name", [None, ""], ids=["prefix-honoured", "prefix-forced"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/user/", "/admin/pine/application/"])
def test_a_script_prefix_does_not_open_the_admin_to_a_password_only_session(
    password_only_staff, settings, force_script_name, path
):
    """The gate goes by the route, whatever prefix the server says the site is mounted under."""
    settings.FORCE_SCRIPT_NAME = force_script_name
    response = password_only_staff.get(path, SCRIPT_NAME="/x")
    assert response.status_code == 403
    assert "Set up two-factor authentication to use the admin" in response.content.decode()


def test_a_first_request_with_a_script_prefix_cannot_change_how_later_ones_are_gated(
    password_only_staff, settings
):
    """As in a worker that has served nothing yet: its first request comes with a crafted prefix."""
    settings.FORCE_SCRIPT_NAME = None
    importlib.reload(accounts.middleware)
    ScriptNameClient().get("/admin/", SCRIPT_NAME="/x")

    assert password_only_staff.get("/admin/").status_code == 403
    assert password_only_staff.get("/admin/accounts/user/").status_code == 403


def test_the_health_check_skips_the_session_under_a_script_prefix_too(client, member, settings):
    settings.FORCE_SCRIPT_NAME = None
    importlib.reload(accounts.middleware)
    ScriptNameClient().get("/healthz", SCRIPT_NAME="/x")
    sign_in(client, "sam@example.org")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
