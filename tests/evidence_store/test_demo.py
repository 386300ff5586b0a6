"""The demo content loads, can be loaded again, and the pages with ratings say they are illustrative."""

import io

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.management import call_command
from django.test import RequestFactory

from evidence_store.models import Intervention, OutcomeRating
from evidence_store.views import listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_loads_the_twelve_interventions_of_the_2019_store(demo):
    assert Intervention.objects.published().count() == 12
    assert all(i.ratings.exists() for i in Intervention.objects.all())
    assert all(i.what_is_it and i.how_effective for i in Intervention.objects.all())


def test_loading_again_changes_nothing(demo):
    before = (Intervention.objects.count(), OutcomeRating.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (Intervention.objects.count(), OutcomeRating.objects.count()) == before


def test_only_the_public_signs_of_safety_finding_is_not_illustrative(demo):
    public = OutcomeRating.objects.filter(illustrative=False)
    assert [(r.intervention.slug, r.outcome.slug, r.effectiveness, r.strength) for r in public] == [
        ("signs-of-safety", "entry-into-care", "mixed", "very_low")
    ]


RATINGS_PAGES = [
    "/evidence/",
    "/evidence/?q=family",
    "/evidence/signs-of-safety/",
    "/evidence/compare/?i=signs-of-safety&i=kinship-care",
]


@pytest.mark.parametrize("url", RATINGS_PAGES)
def test_pages_with_ratings_warn_they_are_illustrative_while_demo_data_is_loaded(client, demo, url):
    page = client.get(url).content.decode()
    assert page.count("ratings are illustrative") == 1
    assert 'class="govuk-warning-text app-demo-notice"' in page


@pytest.mark.parametrize(
    "url", ["/", "/pine/", "/pine/partners/", "/accounts/login/", "/privacy/", "/evidence/data/"]
)
def test_pages_without_ratings_carry_no_demo_warning(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "illustrative, not published" not in response.content.decode()


def test_the_demo_warning_is_not_a_notification_banner(client, demo):
    page = client.get("/evidence/signs-of-safety/").content.decode()
    assert "govuk-notification-banner" not in page


def test_no_demo_warning_without_demo_data(client):
    assert "ratings are illustrative" not in client.get("/evidence/").content.decode()


def _page_with_messages(path: str, *texts: tuple[int, str]) -> str:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = default_storage(request)
    for level, text in texts:
        messages.add_message(request, level, text)
    return listing.intervention_list(request).content.decode()


def test_messages_and_the_demo_warning_make_one_banner_not_three(demo):
    """After confirming an email, two messages and the demo notice once made three banners."""
    page = _page_with_messages(
        "/evidence/",
        (messages.SUCCESS, "You have confirmed reader@example.org."),
        (messages.SUCCESS, "You are signed in."),
    )
    assert page.count('data-module="govuk-notification-banner"') == 1
    assert "govuk-notification-banner--success" in page
    assert "You have confirmed reader@example.org." in page
    assert "You are signed in." in page
    assert page.count("ratings are illustrative") == 1


def test_a_banner_with_anything_but_successes_is_the_important_one(demo):
    page = _page_with_messages(
        "/evidence/",
        (messages.SUCCESS, "Your changes were saved."),
        (messages.WARNING, "Your session ends in 5 minutes."),
    )
    assert page.count('data-module="govuk-notification-banner"') == 1
    assert "govuk-notification-banner--success" not in page
    assert ">Important</h2>" in page
