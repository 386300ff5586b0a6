"""Security headers, cookie flags and caching on every route the project serves.

Every URL pattern is found from the resolver and needs an entry in ROUTES (header_routes.py,
joined from header_routes_site.py and header_routes_admin.py; the admin's pages for a registered
model are generated from the model), so a new route fails the first test until it is covered.
Each route is requested over HTTPS as the person who gets its real page or download: anonymous
for public pages, a member for signed-in pages, staff for the admin (header_crawl.py).
"""

import re

import pytest
from csp.constants import NONCE
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from config.http_caching import PUBLIC_MAX_AGE
from tests.security.header_crawl import Answer, Crawl, _all_visits, _Browsers, _visit
from tests.security.header_routes import ROUTES, discovered_routes
from tests.security.header_routes_admin import admin_model_routes
from tests.security.header_visits import DOWNLOAD, PAGE, STAFF
from tests.security.header_world import _build_world

pytestmark = pytest.mark.django_db


def test_every_route_has_an_entry():
    discovered = discovered_routes()
    covered = set(ROUTES) | set(admin_model_routes())
    assert sorted(set(discovered) - covered) == [], "add an entry to ROUTES for each new route"
    assert sorted(set(ROUTES) - set(discovered)) == [], "remove entries for routes that are gone"


# --- Requesting every route ------------------------------------------------------------------


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker, tmp_path_factory) -> Crawl:
    """Request every route once, then roll the database back, as a test case would."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    with (
        override_settings(
            STAFF_MFA_REQUIRED=False,
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        cache.clear()
        world = _build_world()
        browsers = _Browsers(world)
        browsers.sign_everyone_in()
        answers = []
        for key, visit in _all_visits(world.people[STAFF]):
            answers.append(_visit(browsers, key, visit))
        transaction.set_rollback(True)
        cache.clear()
    return Crawl(answers=answers, cookies=browsers.cookies)


def test_every_route_answers_as_its_entry_says(crawl):
    wrong = []
    for answer in crawl.answers:
        content_type = answer.headers.get("Content-Type", "")
        if answer.status != answer.expected_status:
            wrong.append(
                f"{answer.path}: status {answer.status}, not {answer.expected_status}"
                f" {answer.headers.get('Location', '')}"
            )
        elif answer.visit.kind == PAGE and not content_type.startswith("text/html"):
            wrong.append(f"{answer.path}: {content_type}, not an HTML page")
        elif answer.visit.kind == DOWNLOAD and not answer.headers.get(
            "Content-Disposition", ""
        ).startswith("attachment"):
            wrong.append(f"{answer.path}: not served as an attachment")
        elif not content_type.startswith(answer.visit.content_type):
            wrong.append(f"{answer.path}: {content_type}, not {answer.visit.content_type}")
    assert not wrong, "\n".join(wrong)


# --- The checks ------------------------------------------------------------------------------

HSTS = "max-age=31536000; includeSubDomains; preload"
PROTECTIVE_HEADERS = {
    "Strict-Transport-Security": HSTS,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
NONCE_TOKEN = re.compile(r"'nonce-([\w+/=-]+)'")
# The factories' people and invitees (person1@example.org, invitee1@example.org).
PERSONAL_ADDRESS = re.compile(r"[\w.+-]+@example\.org")


def _pages(crawl: Crawl) -> list[Answer]:
    pages = [a for a in crawl.answers if a.visit.kind == PAGE]
    assert len(pages) > 100, "the crawl reached the pages"
    return pages


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";") if d.strip())}


def _policy_in_settings() -> dict[str, list[str]]:
    """The directives of settings.CONTENT_SECURITY_POLICY, with the nonce as NONCE_TOKEN."""
    return {
        name: ["'nonce-*'" if value is NONCE else value for value in values]
        for name, values in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }


def test_every_page_sends_hsts_nosniff_frame_denial_referrer_policy_and_coop(crawl):
    wrong = [
        f"{a.path}: {header} is {a.headers.get(header)!r}, not {value!r}"
        for a in _pages(crawl)
        for header, value in PROTECTIVE_HEADERS.items()
        if a.headers.get(header) != value
    ]
    assert not wrong, "\n".join(wrong)


def test_every_download_sends_hsts_and_nosniff(crawl):
    downloads = [a for a in crawl.answers if a.visit.kind == DOWNLOAD]
    wrong = [
        f"{a.path}: {header} is {a.headers.get(header)!r}"
        for a in downloads
        for header in ("Strict-Transport-Security", "X-Content-Type-Options")
        if a.headers.get(header) != PROTECTIVE_HEADERS[header]
    ]
    assert downloads
    assert not wrong, "\n".join(wrong)


def test_policy_in_settings_allows_no_inline_code_and_no_framing():
    policy = _policy_in_settings()
    for directive in ("default-src", "script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert "'nonce-*'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_every_page_sends_the_content_security_policy_of_the_settings(crawl):
    """The header is the settings' policy on every page: no view loosens it."""
    expected = _policy_in_settings()
    wrong = []
    for answer in _pages(crawl):
        policy = answer.headers.get("Content-Security-Policy")
        if policy is None:
            wrong.append(f"{answer.path}: no Content-Security-Policy")
            continue
        sent = {
            name: [NONCE_TOKEN.sub("'nonce-*'", value) for value in values]
            for name, values in _directives(policy).items()
        }
        # django-csp leaves the nonce out of pages that did not use it: 'self' alone is stricter.
        if "'nonce-*'" not in sent.get("script-src", []):
            sent.setdefault("script-src", []).append("'nonce-*'")
        if {k: sorted(v) for k, v in sent.items()} != {k: sorted(v) for k, v in expected.items()}:
            wrong.append(f"{answer.path}: {policy}")
    assert not wrong, "\n".join(wrong)


def test_every_inline_script_carries_the_pages_nonce(crawl):
    wrong = []
    for answer in _pages(crawl):
        nonce = NONCE_TOKEN.search(answer.headers.get("Content-Security-Policy", ""))
        for tag in re.findall(r"<script\b[^>]*>", answer.body):
            if " src=" in tag:
                continue  # served from our own origin, which script-src allows
            if not nonce or f'nonce="{nonce.group(1)}"' not in tag:
                wrong.append(f"{answer.path}: {tag}")
    assert not wrong, "\n".join(wrong)


def test_no_page_uses_inline_styles_the_policy_would_block(crawl):
    wrong = [
        f"{answer.path}: {match.group(0)}"
        for answer in _pages(crawl)
        for match in re.finditer(r"<style\b[^>]*>|<[^>]+\sstyle=\"[^\"]*\"", answer.body)
    ]
    assert not wrong, "\n".join(wrong)


def test_signed_in_pages_and_downloads_are_never_stored(crawl):
    wrong = []
    for answer in crawl.answers:
        must_not_store = (answer.visit.kind == PAGE and answer.signed_in) or (
            answer.visit.kind == DOWNLOAD and answer.visit.no_store
        )
        cache_control = answer.headers.get("Cache-Control", "")
        directives = {d.strip() for d in cache_control.split(",")}
        if must_not_store and "no-store" not in directives:
            wrong.append(f"{answer.path}: Cache-Control is {cache_control!r}")
    assert not wrong, "\n".join(wrong)


def _directives_of(cache_control: str) -> set[str]:
    return {d.strip() for d in cache_control.split(",") if d.strip()}


def test_anonymous_pages_that_are_the_same_for_everyone_are_public_with_an_etag(crawl):
    """config/http_caching.py: an anonymous page that sets no cookie is `public, max-age=300`
    with a weak ETag. Pages holding a form set the CSRF cookie (and the sign-in pages refuse
    caching on their own); pages that start a session set its cookie: neither is public."""
    wrong, public = [], []
    for answer in _pages(crawl):
        if answer.signed_in or answer.had_session or answer.status != 200:
            continue
        cache_control = answer.headers.get("Cache-Control", "")
        if answer.set_cookies or "csrfmiddlewaretoken" in answer.body:
            if "public" in cache_control:
                wrong.append(f"{answer.path}: sets {answer.set_cookies}, yet {cache_control!r}")
            continue
        public.append(answer)
        if _directives_of(cache_control) != {"public", f"max-age={PUBLIC_MAX_AGE}"}:
            wrong.append(f"{answer.path}: Cache-Control is {cache_control!r}")
        elif not answer.headers.get("ETag", "").startswith('W/"'):
            wrong.append(f"{answer.path}: no weak ETag")
    assert len(public) >= 10, "the crawl reached the public evidence pages"
    assert not wrong, "\n".join(wrong)


def test_no_page_for_someone_signed_in_or_with_a_session_is_public(crawl):
    wrong = [
        f"{answer.path}: Cache-Control is {answer.headers.get('Cache-Control')!r}"
        for answer in crawl.answers
        if (answer.signed_in or answer.had_session)
        and "public" in _directives_of(answer.headers.get("Cache-Control", ""))
    ]
    assert not wrong, "\n".join(wrong)


def test_no_public_page_shows_a_persons_email_address(crawl):
    """Addresses are the personal data that pages reached by an emailed link show; the
    service's own addresses are on another domain."""
    wrong = [
        f"{answer.path}: {', '.join(sorted(set(PERSONAL_ADDRESS.findall(answer.body))))}"
        for answer in _pages(crawl)
        if "public" in answer.headers.get("Cache-Control", "")
        and PERSONAL_ADDRESS.search(answer.body)
    ]
    assert not wrong, "\n".join(wrong)


def test_every_cookie_is_secure_httponly_and_same_site(crawl):
    wrong = []
    for path, cookie in crawl.cookies:
        if cookie["max-age"] == 0 or not cookie.value:
            continue  # a cookie being deleted carries nothing
        if not cookie["secure"]:
            wrong.append(f"{path}: {cookie.key} is not Secure")
        if not cookie["httponly"]:
            wrong.append(f"{path}: {cookie.key} is not HttpOnly")
        if cookie["samesite"] not in ("Lax", "Strict"):
            wrong.append(f"{path}: {cookie.key} has SameSite={cookie['samesite']!r}")
        if cookie.key.startswith("__Host-") and (cookie["path"] != "/" or cookie["domain"]):
            wrong.append(f"{path}: {cookie.key} breaks the __Host- rules (Path=/, no Domain)")
    assert not wrong, "\n".join(wrong)


def test_the_session_csrf_and_message_cookies_were_all_checked(crawl):
    """The cookie test saw every cookie the service sets, each under its production name."""
    names = {cookie.key for _, cookie in crawl.cookies if cookie.value}
    assert names == {"__Host-sessionid", "__Host-csrftoken", "messages"}
