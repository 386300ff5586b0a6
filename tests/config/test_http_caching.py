"""HTTP caching: hashed static files cached for good, and public pages cached briefly.

Only pages that every anonymous visitor gets alike are `public`; anything signed in, holding a
CSRF token or read from a session is not (config/http_caching.py).
"""

import posixpath
import re
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static

from config.http_caching import PUBLIC_MAX_AGE
from evidence_store.services import intervention_publish
from tests.evidence_store.factories import DraftInterventionFactory, InterventionFactory

pytestmark = pytest.mark.django_db

FOREVER = "max-age=315360000, public, immutable"
PUBLIC = f"public, max-age={PUBLIC_MAX_AGE}"
# An import or re-export from another file, as ES modules write it.
MODULE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["']([./][^"']*)["']""")
MODULE_SCRIPT = re.compile(r"""<script type="module" src="([^"]+)\"""")


# --- Static files --------------------------------------------------------------------------


def _collected_scripts() -> dict[str, str]:
    """Each of our JavaScript files by name, as collectstatic wrote its hashed copy."""
    scripts = {}
    for name in sorted(p.name for p in (settings.BASE_DIR / "static" / "js").glob("*.js")):
        with staticfiles_storage.open(staticfiles_storage.stored_name(f"js/{name}")) as file:
            scripts[name] = file.read().decode()
    return scripts


def test_every_module_import_in_the_collected_scripts_points_at_a_hashed_file():
    paths, _manifest_hash = staticfiles_storage.load_manifest()
    imports = {
        (name, posixpath.normpath(posixpath.join("js", url)))
        for name, text in _collected_scripts().items()
        for url in MODULE_IMPORT.findall(text)
    }
    assert ("init.js", paths["js/govuk-frontend.min.js"]) in imports
    unhashed = [(name, path) for name, path in imports if path not in paths.values()]
    assert not unhashed, "end each import with a semicolon, or collectstatic cannot find it"


def test_the_module_scripts_and_what_they_import_are_cached_for_good(client):
    scripts = MODULE_SCRIPT.findall(client.get("/").content.decode())
    assert scripts == [static("js/init.js")]
    init = b"".join(client.get(scripts[0]).streaming_content).decode()
    imported = [urljoin(scripts[0], url) for url in MODULE_IMPORT.findall(init)]
    assert imported == [static("js/govuk-frontend.min.js")]
    for url in [*scripts, *imported]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == FOREVER, url


# --- Public pages ----------------------------------------------------------------------------


def test_an_anonymous_evidence_page_is_public_with_a_weak_etag(client):
    intervention = InterventionFactory()
    response = client.get(intervention.get_absolute_url())
    assert response["Cache-Control"] == PUBLIC
    assert response["ETag"].startswith('W/"')
    assert "Cookie" in response["Vary"], "a signed-in visitor's cookie gets their own copy"


def test_the_etag_stays_the_same_though_every_response_has_a_new_nonce(client):
    intervention = InterventionFactory()
    first, second = (client.get(intervention.get_absolute_url()) for _ in range(2))
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]
    assert first["ETag"] == second["ETag"]


def test_a_matching_if_none_match_is_answered_304_without_a_body_or_a_new_nonce(client):
    url = InterventionFactory().get_absolute_url()
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == PUBLIC
    assert response["Vary"] == "Cookie, Accept-Encoding", "as the copy it refreshes"
    assert "Content-Security-Policy" not in response, "the copy keeps the policy of its nonce"


def test_a_compressed_page_has_the_same_etag_and_gets_a_304_too(client):
    url = InterventionFactory().get_absolute_url()
    plain = client.get(url)
    compressed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    assert compressed["ETag"] == plain["ETag"]
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": plain["ETag"]})
    assert again.status_code == 304


def test_a_published_edit_changes_the_etag_of_the_pages_it_shows_on(client):
    InterventionFactory(name="Family circles")
    before = client.get("/evidence/")
    intervention_publish(intervention=DraftInterventionFactory(name="Parent talk"))
    after = client.get("/evidence/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "Parent talk" in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_a_head_request_gets_the_same_headers_as_a_get(client):
    url = InterventionFactory().get_absolute_url()
    get, head = client.get(url), client.head(url)
    assert head["Cache-Control"] == PUBLIC
    assert head["ETag"] == get["ETag"]


# --- Never public ----------------------------------------------------------------------------


def test_a_signed_in_page_is_private_and_has_no_etag(client, user):
    url = InterventionFactory().get_absolute_url()
    client.force_login(user)
    response = client.get(url, headers={"If-None-Match": "*"})
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert not response.has_header("ETag")


def test_a_page_with_a_csrf_token_is_not_public(client):
    response = client.get("/accounts/password/reset/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_a_page_for_a_visitor_with_a_session_is_not_public(client):
    session = SessionStore()
    session["started"] = "signing in"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get(InterventionFactory().get_absolute_url())
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_a_page_that_chose_its_own_caching_keeps_it(client):
    response = client.get("/accounts/login/")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_page_that_is_not_found_is_not_public(client):
    response = client.get("/evidence/no-such-intervention/")
    assert response.status_code == 404
    assert not response.has_header("Cache-Control")


def test_the_streamed_exports_keep_their_own_caching(client):
    InterventionFactory()
    response = client.get("/evidence/export/interventions.csv")
    assert response.streaming
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")
