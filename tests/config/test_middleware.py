"""Project-wide middleware: oversize bodies are refused unread, wherever they are sent."""

import pytest
from django.http.multipartparser import MultiPartParser
from django.test import Client

from core.uploads import MAX_REQUEST_BYTES
from tests.evidence_store.factories import InterventionFactory
from tests.pine.factories import ProjectFactory

pytestmark = pytest.mark.django_db

TOO_BIG = str(MAX_REQUEST_BYTES + 1)


@pytest.fixture
def parsed(monkeypatch):
    """Each time a multipart body is parsed (and its files stored), an entry here."""
    calls = []
    real_parse = MultiPartParser.parse
    monkeypatch.setattr(MultiPartParser, "parse", lambda self: calls.append(1) or real_parse(self))
    return calls


@pytest.fixture
def staff(superuser, settings):
    settings.STAFF_MFA_REQUIRED = False  # the gate is tested in tests/accounts
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize(
    "admin_page",
    [
        lambda: f"/admin/evidence_store/intervention/{InterventionFactory().pk}/change/",
        lambda: "/admin/pine/document/add/",
        lambda: "/admin/pine/evaluationreport/add/",
        lambda: f"/admin/pine/project/{ProjectFactory().pk}/change/",
    ],
    ids=["further-resources", "project-documents", "report-pdfs", "project"],
)
def test_an_oversize_admin_upload_is_refused_before_its_body_is_read(staff, parsed, admin_page):
    url = admin_page()
    response = staff.post(url, {"title": "x", "file": b"%PDF-"}, CONTENT_LENGTH=TOO_BIG)
    assert response.status_code == 413
    assert not parsed
    assert "The file you selected is too big" in response.content.decode()


def test_a_body_within_the_limit_goes_on_to_the_usual_checks(staff, parsed):
    staff.get("/admin/pine/document/add/")  # the form sets the CSRF cookie
    response = staff.post("/admin/pine/document/add/", {"title": "x"})
    assert response.status_code == 403  # no CSRF token: checked, so the body was read
    assert parsed


def test_the_page_links_back_to_the_form_when_it_was_on_this_site(client):
    response = client.post(
        "/pine/", {}, CONTENT_LENGTH=TOO_BIG, HTTP_REFERER="http://testserver/pine/projects/x/?a=1"
    )
    assert 'href="/pine/projects/x/?a=1"' in response.content.decode()
    response = client.post(
        "/pine/", {}, CONTENT_LENGTH=TOO_BIG, HTTP_REFERER="https://evil.example/upload/"
    )
    html = response.content.decode()
    assert "evil.example" not in html and 'href="/">Go back' in html


@pytest.mark.parametrize("length", ["-1", "not a number", "", str(MAX_REQUEST_BYTES)])
def test_odd_or_acceptable_lengths_are_left_to_the_view(client, length):
    assert client.post("/evidence/", {}, CONTENT_LENGTH=length).status_code == 405
