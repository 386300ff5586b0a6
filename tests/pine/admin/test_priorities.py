"""Programme managers link each priority to the topics and outcomes it covers, in the admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pine.models import Priority
from tests.evidence_store.factories import OutcomeFactory, TopicFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/pine/priority/"


def _change_page(priority: Priority) -> str:
    return f"{LIST}{priority.pk}/change/"


def test_manager_links_a_priority_to_topics_and_outcomes(client, pine_manager):
    priority = Priority.objects.get(slug="domestic-abuse")
    topic, outcome = TopicFactory(name="Family support"), OutcomeFactory(name="Child maltreatment")
    client.force_login(pine_manager)
    page = client.get(_change_page(priority)).content.decode()
    assert "Where it looks for evidence" in page
    assert "Leave empty to cover the outcomes below in every topic." in page
    assert "Leave empty to cover every outcome in the topics above." in page
    # Each is chosen from two lists side by side, a plain multiple select without script.
    assert 'data-field-name="topics"' in page and 'data-field-name="outcomes"' in page
    response = client.post(
        _change_page(priority),
        {
            "name": priority.name,
            "slug": priority.slug,
            "description": "",
            "order": priority.order,
            "topics": [topic.pk],
            "outcomes": [outcome.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(priority.topics.all()) == [topic]
    assert list(priority.outcomes.all()) == [outcome]


def test_list_shows_what_each_priority_covers_in_the_gap_maps_words(client, pine_manager):
    topic, outcome = TopicFactory(name="Residential care"), OutcomeFactory(name="Child behaviour")
    Priority.objects.get(slug="residential-care").topics.set([topic])
    Priority.objects.get(slug="mental-health").outcomes.set([outcome])
    client.force_login(pine_manager)
    page = client.get(LIST).content.decode()
    rows = {
        slug: page.split(f"/{Priority.objects.get(slug=slug).pk}/change/", 1)[1].split("</tr>")[0]
        for slug in ["residential-care", "mental-health", "workforce"]
    }
    assert "Residential care" in rows["residential-care"]
    assert "Every outcome" in rows["residential-care"]
    assert "Every topic" in rows["mental-health"] and "Child behaviour" in rows["mental-health"]
    assert rows["workforce"].count(">None<") == 2


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_list_takes_the_same_queries_however_many_links(client, pine_manager):
    client.force_login(pine_manager)
    client.get(LIST)  # the first request also loads the session and permissions
    few = _list_queries(client)
    topics, outcomes = TopicFactory.create_batch(3), OutcomeFactory.create_batch(3)
    for priority in Priority.objects.all():
        priority.topics.set(topics)
        priority.outcomes.set(outcomes)
    assert _list_queries(client) == few


def test_a_topic_that_does_not_exist_is_an_error_in_plain_words(client, pine_manager):
    priority = Priority.objects.get(slug="domestic-abuse")
    client.force_login(pine_manager)
    data = {"name": priority.name, "slug": priority.slug, "order": 1, "topics": ["999999"]}
    page = client.post(_change_page(priority), data).content.decode()
    assert "Select topics from the list." in page
    assert "Select a valid choice" not in page and not priority.topics.exists()
