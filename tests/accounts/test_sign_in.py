"""Signing in and out: throttled per account and per IP address, with two-factor codes used
once. The throttle's tests run with the cache in memory and on Redis (tests/accounts/conftest.py)."""

import pytest
from django.contrib.sessions.models import Session

from tests.accounts.factories import UserFactory
from tests.accounts.journeys import current_code, sign_in

pytestmark = pytest.mark.django_db


def test_person_signs_in_with_email_in_any_case_and_reaches_their_account_home(client, member):
    response = sign_in(client, "SAM@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert (
        '<h1 class="govuk-heading-l">Your account</h1>' in client.get("/accounts/").content.decode()
    )


def test_sign_in_goes_where_next_says_instead_of_the_account_home(client, member):
    response = sign_in(client, "sam@example.org", next_url="/pine/applications/")
    assert response["Location"] == "/pine/applications/"


def test_wrong_password_gets_one_message_that_does_not_say_which_part_was_wrong(client, member):
    response = sign_in(client, "sam@example.org", "not-the-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert '<a href="#id_login">Enter a correct email address and password.</a>' in html
    assert 'value="sam@example.org"' in html


def test_unverified_address_cannot_sign_in_until_confirmed(client):
    UserFactory(email="new@example.org", verified_email=False)
    response = sign_in(client, "new@example.org")
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/profile/").status_code == 302


def test_session_key_changes_at_sign_in_and_sign_out_ends_it_on_the_server(client, member):
    client.get("/accounts/login/")
    before = client.session.session_key
    sign_in(client, "sam@example.org")
    signed_in = client.session.session_key
    assert signed_in and signed_in != before
    assert Session.objects.filter(session_key=signed_in).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=signed_in).exists()
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.usefixtures("throttle_cache")
def test_repeated_failures_for_one_account_get_the_429_page(client, member):
    for attempt in range(5):
        response = sign_in(client, "sam@example.org", "wrong", REMOTE_ADDR=f"10.0.0.{attempt}")
        assert response.status_code == 200
    response = sign_in(client, "sam@example.org", "wrong", REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    html = response.content.decode()
    assert "<title>Too many attempts" in html
    assert "try again later" in html
    # Even the right password waits: otherwise the limit would tell a guesser when they are right.
    assert sign_in(client, "sam@example.org", REMOTE_ADDR="10.0.0.98").status_code == 429


# Each is an allowed host (ALLOWED_HOSTS ignores the port), named another way.
HOST_VARIANTS = ["testserver", "TESTSERVER", "testserver:1337", "TestServer:8443", "localhost:80"]


@pytest.mark.usefixtures("throttle_cache")
def test_failures_count_against_the_account_whatever_host_the_request_names(client, member):
    for attempt, host in enumerate(HOST_VARIANTS):
        response = sign_in(
            client, "sam@example.org", "wrong", REMOTE_ADDR=f"10.0.1.{attempt}", HTTP_HOST=host
        )
        assert response.status_code == 200, host
    for host in ["127.0.0.1:9", "LOCALHOST"]:
        response = sign_in(
            client, "sam@example.org", "wrong", REMOTE_ADDR="10.0.1.99", HTTP_HOST=host
        )
        assert response.status_code == 429, host
        # The right password, from yet another host, waits too.
        response = sign_in(client, "sam@example.org", REMOTE_ADDR="10.0.1.98", HTTP_HOST=host)
        assert response.status_code == 429, host


@pytest.mark.usefixtures("throttle_cache")
def test_the_count_ignores_the_letter_case_and_spaces_of_the_address_typed(client, member):
    for attempt, typed in enumerate(
        ["sam@example.org", "SAM@example.org", " Sam@Example.org "] * 2
    ):
        sign_in(client, typed, "wrong", REMOTE_ADDR=f"10.0.2.{attempt}")
    assert sign_in(client, "sam@example.org", REMOTE_ADDR="10.0.2.99").status_code == 429


@pytest.mark.usefixtures("throttle_cache")
def test_repeated_failures_from_one_address_get_the_429_page(client, member):
    for attempt in range(20):
        response = sign_in(client, f"nobody{attempt}@example.org", "wrong", REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 200
    assert sign_in(client, "sam@example.org", REMOTE_ADDR="10.1.1.1").status_code == 429
    assert sign_in(client, "sam@example.org", REMOTE_ADDR="10.1.1.2").status_code == 302


def test_person_with_an_authenticator_app_needs_the_code_to_sign_in(client):
    person = UserFactory(email="twofa@example.org", totp=True)
    response = sign_in(client, "twofa@example.org")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/accounts/profile/").status_code == 302
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter your security code" in page
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(person)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.usefixtures("throttle_cache")
def test_wrong_security_codes_are_throttled_to_the_429_page(client):
    UserFactory(email="twofa@example.org", totp=True)
    sign_in(client, "twofa@example.org")
    for _ in range(5):
        response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert response.status_code == 200
        assert "The code is not correct" in response.content.decode()
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 429


@pytest.mark.usefixtures("throttle_cache")
def test_a_security_code_that_signed_someone_in_cannot_sign_in_again(client):
    """Used codes are kept in the cache until the code could no longer be valid anyway."""
    person = UserFactory(email="twofa@example.org", totp=True)
    code = current_code(person)
    sign_in(client, "twofa@example.org")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "twofa@example.org")
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_sign_in_pages_render_inside_the_service_layout(client):
    for path in ["/accounts/login/", "/accounts/password/reset/"]:
        html = client.get(path).content.decode()
        assert 'id="main-content"' in html
        assert "govuk-button" in html
        assert "placeholder" not in html
