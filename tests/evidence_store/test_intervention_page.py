"""An intervention's page for both audiences, how to cite it, and its earlier versions."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence_store import content_version
from evidence_store.models import Intervention
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    AgeGroupFactory,
    DraftInterventionFactory,
    OutcomeFactory,
    TopicFactory,
)
from tests.evidence_store.test_versions import at, deleted, published_on, rating, saved

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2024, 3, 1), date(2024, 4, 2)


@pytest.fixture
def changed(settings):
    """Published in March with one rating; in April that rating improved and another came."""
    settings.SITE_URL = "https://evidence.example.org"
    intervention = published_on(
        MARCH,
        slug="mellow",
        name="Mellow Parenting",
        summary="Group work for parents of young children.",
        delivery_summary="Weekly groups with a crèche.",
        cost_summary="Moderate per family.",
        implementation_summary="Trained facilitators and supervision.",
        age_groups=[AgeGroupFactory(name="Under 5")],
        topics=[TopicFactory(name="Parenting")],
    )
    first = rating(intervention, OutcomeFactory(name="Attachment", position=1), at(MARCH))
    saved(first, at(APRIL), effectiveness=Effectiveness.TENDS_POSITIVE, strength=Strength.HIGH)
    rating(intervention, OutcomeFactory(name="Parental mood", position=2), at(APRIL))
    return intervention


def count_queries(client, url: str, status: int = 200) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == status
    return len(captured)


def test_at_a_glance_answers_practitioners_and_service_leaders(client, changed):
    html = client.get("/evidence/mellow/").content.decode()
    glance = html[html.index('id="at-a-glance"') : html.index('id="evaluated-outcomes"')]
    for text in [
        "For practitioners",
        "Group work for parents of young children.",
        "Ages: Under 5",
        "Topics: Parenting",
        "Weekly groups with a crèche.",
        "For service leaders",
        "Moderate per family.",
        "Trained facilitators and supervision.",
        "From low to high, depending on the outcome.",
        'href="#evaluated-outcomes"',
    ]:
        assert text in glance, text


def test_at_a_glance_says_plainly_what_is_not_recorded(client):
    published_on(MARCH, slug="bare", delivery_summary="", cost_summary="")
    html = client.get("/evidence/bare/").content.decode()
    glance = html[html.index('id="at-a-glance"') : html.index('id="evaluated-outcomes"')]
    assert glance.count("Not recorded yet.") == 3
    assert "Age groups not recorded." in glance and "Topics not recorded." in glance
    assert "No outcomes have been rated yet." in glance


def test_cite_this_page_gives_title_publisher_date_and_permanent_link_from_site_url(
    client, changed, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    html = client.get("/evidence/mellow/", HTTP_HOST="attacker.example").content.decode()
    cite = html[html.index('id="cite-this-page"') :]
    permanent = "https://evidence.example.org/evidence/mellow/as-of/2024-04-02/"
    assert "What Works Centre for Children&#x27;s Social Care" in cite
    assert "Mellow Parenting" in cite and "Version of 2 April 2024:" in cite
    assert f'href="{permanent}"' in cite
    assert 'id="citation-text">What Works Centre for Children&#x27;s Social Care (2024).' in cite
    assert permanent in cite[cite.index('id="citation-text"') :]
    assert "attacker.example" not in html


def test_the_citation_gives_the_editors_review_date_or_says_it_is_not_recorded(client, changed):
    cite = client.get("/evidence/mellow/").content.decode().split('id="cite-this-page"')[1]
    assert "Not recorded." in cite and "ratings last reviewed" not in cite
    # update() keeps the history as it is, and sends no signal, so it bumps the version itself.
    Intervention.objects.filter(pk=changed.pk).update(last_reviewed=date(2024, 1, 31))
    content_version.bump()
    cite = client.get("/evidence/mellow/").content.decode().split('id="cite-this-page"')[1]
    assert '<time datetime="2024-01-31">31 January 2024</time>' in cite
    assert "ratings last reviewed 31 January 2024. Version of 2 April 2024:" in cite


def test_the_permanent_link_is_to_the_last_review_when_it_came_after_the_last_change(
    client, changed
):
    Intervention.objects.filter(pk=changed.pk).update(last_reviewed=date(2024, 9, 30))
    html = client.get("/evidence/mellow/").content.decode()
    assert "/evidence/mellow/as-of/2024-09-30/" in html
    assert client.get("/evidence/mellow/as-of/2024-09-30/").status_code == 200


def test_the_copy_button_is_hidden_until_a_script_module_offers_it(client, changed):
    html = client.get("/evidence/mellow/").content.decode()
    assert 'class="govuk-button govuk-button--secondary app-copy-citation__button" hidden>' in html
    assert '<script type="module" src="/static/js/copy-citation' in html
    assert "onclick" not in html


def test_what_changed_lists_each_change_old_and_new_with_links_to_versions(client, changed):
    html = client.get("/evidence/mellow/").content.decode()
    changes = html[html.index('id="what-changed"') : html.index('id="cite-this-page"')]
    assert 'href="/evidence/mellow/as-of/2024-04-02/"' in changes
    assert 'href="/evidence/mellow/as-of/2024-03-01/"' in changes
    assert "Version of 2 April 2024</a> (current)" in changes
    assert "Version of 1 March 2024</a> (first published)" in changes
    assert "overall effectiveness changed from mixed or no effect to tends to positive" in changes
    assert "strength of evidence changed from low to high" in changes
    assert "<strong>Parental mood</strong>:\n          rating added" in changes


def test_a_removed_rating_is_listed_as_removed(client, changed):
    deleted(changed.ratings.get(outcome__name="Parental mood"), at(date(2024, 5, 3)))
    html = client.get("/evidence/mellow/").content.decode()
    assert "rating removed (it was mixed or no effect" in html


def test_a_page_whose_ratings_never_changed_says_so(client):
    intervention = published_on(MARCH, slug="steady")
    rating(intervention, OutcomeFactory(), at(MARCH))
    html = client.get("/evidence/steady/").content.decode()
    assert "The ratings have not changed since they were first published on" in html


def test_version_page_shows_the_ratings_as_they_stood_and_links_to_the_current_page(
    client, changed
):
    response = client.get("/evidence/mellow/as-of/2024-03-15/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is an earlier version" in html and "15 March 2024" in html
    assert 'href="/evidence/mellow/"' in html
    assert "Attachment" in html and "Mixed or no effect" in html
    assert "Tends to positive" not in html and "Parental mood" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_version_page_on_the_day_of_a_change_shows_the_new_ratings(client, changed):
    html = client.get("/evidence/mellow/as-of/2024-04-02/").content.decode()
    assert "Tends to positive" in html and "Parental mood" in html


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [
        ("15-03-2024", "year-month-day"),
        ("2024-3-15", "year-month-day"),
        ("2024-02-30", "not a real date"),
        ("2024-02-29", "no record of this intervention"),
        ("2999-01-01", "in the future"),
    ],
)
def test_a_bad_version_date_gets_a_helpful_404_never_a_500(client, changed, as_of, reason):
    response = client.get(f"/evidence/mellow/as-of/{as_of}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert reason in html
    assert 'href="/evidence/mellow/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_tomorrow_is_in_the_future(client, changed):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "in the future" in client.get(f"/evidence/mellow/as-of/{tomorrow}/").content.decode()


def test_a_version_from_while_it_was_a_draft_is_not_shown(client, changed):
    saved(changed, at(date(2024, 6, 1)), status=Intervention.Status.DRAFT)
    saved(changed, at(date(2024, 6, 9)), status=Intervention.Status.PUBLISHED)
    response = client.get("/evidence/mellow/as-of/2024-06-03/")
    assert response.status_code == 404
    assert "not published on that date" in response.content.decode()


def test_versions_of_a_draft_are_404_with_no_ratings_shown(client):
    draft = DraftInterventionFactory(slug="secret")
    rating(draft, OutcomeFactory(name="Hidden outcome"), timezone.now())
    today = timezone.localdate().isoformat()
    response = client.get(f"/evidence/secret/as-of/{today}/")
    assert response.status_code == 404
    assert "Hidden outcome" not in response.content.decode()


def test_queries_do_not_grow_with_the_number_of_ratings_or_changes(client, changed):
    urls = ["/evidence/mellow/", "/evidence/mellow/as-of/2024-04-02/"]
    before = [count_queries(client, url) for url in urls]
    for n in range(8):
        extra = rating(changed, OutcomeFactory(), at(date(2024, 4, 2)))
        saved(extra, at(date(2024, 4, 2) + timedelta(days=n)), strength=Strength.HIGH)
    assert [count_queries(client, url) for url in urls] == before


def test_a_bad_date_page_queries_do_not_grow_with_the_history(client, changed):
    url = "/evidence/mellow/as-of/2024-02-29/"
    before = count_queries(client, url, status=404)
    for _ in range(5):
        rating(changed, OutcomeFactory(), at(APRIL))
    assert count_queries(client, url, status=404) == before


def test_both_pages_describe_themselves_with_the_summary(client, changed):
    summary = "Group work for parents of young children."
    current = client.get("/evidence/mellow/").content.decode()
    version = client.get("/evidence/mellow/as-of/2024-03-15/").content.decode()
    assert f'<meta name="description" content="{summary}">' in current
    assert (
        '<meta name="description" content="The ratings for Mellow Parenting as they stood on'
        f' 15 March 2024: {summary}">'
    ) in version
