"""Hostile cookies and headers: whatever a client sends, it gets a clear answer, never a 500.

A session cookie that is not one Django made means no session. The values pass through
latin-1, as a WSGI server hands the bytes of a header to the app.
"""

import pytest
from django.conf import settings as django_settings
from hypothesis import example, given
from hypothesis import strategies as st

from tests.accounts.factories import PASSWORD, UserFactory
from tests.security.test_hostile_input import (
    body,
    each_example,
    examples,
    hostile_client,
    hostile_text,
)

pytestmark = pytest.mark.django_db

SESSION = django_settings.SESSION_COOKIE_NAME
PAGES = ["/", "/evidence/", "/accounts/login/", "/admin/", "/pine/", "/accounts/profile/"]
HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ORIGIN",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_AUTHORIZATION",
    "HTTP_X_REQUESTED_WITH",
]
# What an attacker can put in a cookie: Python unquotes "\000" in a quoted value to a NUL.
COOKIE_TRICKS = [
    '"abcdefgh\\000ijkl"',
    "abcdefgh\x00ijkl",
    '"\\012\\015"',
    "x" * 5000,
    "../../",
    "",
]
on_the_wire = st.one_of(hostile_text, st.sampled_from(COOKIE_TRICKS)).map(
    lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")
)


@pytest.mark.parametrize("path", PAGES)
def test_a_session_cookie_holding_a_nul_is_no_session(path):
    """As found: this cookie gave a 500 on every page, because PostgreSQL refuses NUL in text."""
    client = hostile_client()
    response = client.get(path, HTTP_COOKIE=f'{SESSION}="abcdefgh\\000ijkl"')
    assert response.exc_info is None
    assert response.status_code in (200, 302)
    if path == "/accounts/profile/":
        assert response["Location"].startswith("/accounts/login/")


def test_a_signed_in_person_whose_cookie_is_spoilt_is_simply_signed_out():
    UserFactory(email="sam@example.org")
    client = hostile_client()
    client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    good = client.cookies[SESSION].value
    assert client.get("/accounts/profile/").status_code == 200
    response = client.get("/accounts/profile/", HTTP_COOKIE=f"{SESSION}={good}\\000")
    assert response.status_code == 302
    assert client.get("/accounts/profile/", HTTP_COOKIE=f"{SESSION}={good}").status_code == 200


@examples(40)
@given(
    path=st.sampled_from(PAGES),
    name=st.sampled_from([SESSION, "__Host-csrftoken", "messages", "x"]),
    value=on_the_wire,
)
def test_any_cookie_gets_an_answer_never_an_error(path, name, value):
    with each_example():
        response = hostile_client().get(path, HTTP_COOKIE=f"{name}={value}")
        body(response)
    assert response.status_code in (200, 302, 400)


@examples(40)
@given(path=st.sampled_from(PAGES), header=st.sampled_from(HEADERS), value=on_the_wire)
def test_any_header_gets_an_answer_never_an_error(path, header, value):
    with each_example():
        response = hostile_client().get(path, **{header: value})
        body(response)
    assert response.status_code in (200, 302, 400, 403, 404, 416)


@examples(25)
@given(header=st.sampled_from(HEADERS), value=on_the_wire)
@example(header="HTTP_USER_AGENT", value="Mozilla/5.0\x00")  # as found: a 500 on PostgreSQL
def test_signing_in_with_any_header_never_fails_with_an_error(header, value):
    """Signing in stores the browser and address, so a header reaches the database here."""
    with each_example():
        UserFactory(email="sam@example.org")
        response = hostile_client().post(
            "/accounts/login/",
            {"login": "sam@example.org", "password": PASSWORD},
            **{header: value},
        )
        body(response)
    assert response.status_code in (200, 302, 400, 403)


@pytest.mark.parametrize("header", HEADERS)
def test_a_nul_in_a_header_is_a_bad_request(header):
    response = hostile_client().get("/evidence/", **{header: "a\x00b"})
    assert response.status_code == 400
    assert "<title>" in response.content.decode()  # the service's own 400 page
