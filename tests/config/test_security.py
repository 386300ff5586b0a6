"""Security headers and cookies on every kind of response."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_html_pages_send_a_nonce_based_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert re.search(r"'nonce-[\w+/=-]+'", directives["script-src"])
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_every_script_on_a_page_carries_the_policy_nonce(client):
    response = client.get("/")
    nonce = re.search(r"'nonce-([\w+/=-]+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts, "the page loads the design system's JavaScript"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag


def test_nonce_changes_on_every_request(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert first != second


def test_pages_never_use_inline_style_attributes(client):
    for name in ["home", "accessibility", "privacy", "cookies"]:
        html = client.get(reverse(name)).content.decode()
        assert not re.search(r"\sstyle=", html), name


def test_secure_requests_get_hsts_for_a_year_with_subdomains(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_protective_headers_are_sent(client, header, value):
    assert client.get("/")[header] == value
    assert client.get("/no-such-page/")[header] == value


def test_csrf_cookie_is_secure_httponly_and_host_prefixed(client):
    response = client.get(reverse("admin:login"))
    cookie = response.cookies["__Host-csrftoken"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


def test_session_cookie_settings_are_secure_in_production():
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert settings.SESSION_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_plain_http_is_redirected_to_https_when_ssl_redirect_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/privacy/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    # The load balancer's health check stays on plain HTTP.
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/evidence/?q=a%00b"},  # 400 from middleware: a NUL in the query string
        {"path": "/", "HTTP_HOST": "not-allowed.example"},  # 400: a host that is not ours
        {"path": "/", "HTTP_USER_AGENT": "a\x00b"},  # 400: a NUL in a header
        {"path": "/fails/"},  # 500 from a view
        {"path": "/no-such-page/"},  # 404
    ],
    ids=["null-in-query", "bad-host", "null-in-header", "server-error", "not-found"],
)
def test_error_responses_also_forbid_framing(settings, request_kwargs):
    """Old browsers know no CSP frame-ancestors, so every response carries X-Frame-Options."""
    settings.ROOT_URLCONF = "tests.config.raising_urls"
    client = Client(raise_request_exception=False)
    path = request_kwargs.pop("path")
    response = client.get(path, **request_kwargs)
    assert response.status_code >= 400
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_failure_in_middleware_is_also_forbidden_framing(settings):
    after_sessions = settings.MIDDLEWARE.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: after_sessions + 1],
        "tests.config.raising_urls.failing_middleware",
        *settings.MIDDLEWARE[after_sessions + 1 :],
    ]
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert response["X-Frame-Options"] == "DENY"
