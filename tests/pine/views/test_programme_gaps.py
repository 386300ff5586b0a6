"""The programme page's "Evidence we are looking for": the gaps inside each current priority."""

import io

import pytest
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts import demo as accounts_demo
from evidence_store import demo as evidence_demo
from evidence_store.gaps import topic_gaps
from evidence_store.ratings import Strength
from pine import demo as pine_demo
from pine.models import Priority
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
)
from tests.pine.factories import CallFactory, ClosedCallFactory

pytestmark = pytest.mark.django_db
HEADING = ">Evidence we are looking for</h2>"


@pytest.fixture
def store():
    """Two topics and two outcomes. In the first topic one intervention has high-strength
    evidence on the first outcome and low on the second; nothing in the second is evaluated."""
    topics, outcomes = TopicFactory.create_batch(2), OutcomeFactory.create_batch(2)
    intervention = InterventionFactory(topics=topics[:1])
    OutcomeRatingFactory(intervention=intervention, outcome=outcomes[0], strength=Strength.HIGH)
    OutcomeRatingFactory(intervention=intervention, outcome=outcomes[1], strength=Strength.LOW)
    return topics, outcomes


def _priority(name: str, topics=(), outcomes=()) -> Priority:
    priority = Priority.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    priority.topics.set(topics)
    priority.outcomes.set(outcomes)
    return priority


def _gap(topic, outcome):
    return next(g for g in topic_gaps() if (g.topic, g.outcome) == (topic, outcome))


def _shown(gap) -> str:
    return f'<a class="govuk-link" href="{escape(gap.href)}">{escape(gap.sentence)}</a>'


def _section(page: str) -> str:
    """The "Evidence we are looking for" section, up to the next h2."""
    return page.split(HEADING, 1)[1].split("<h2", 1)[0]


def _groups(page: str) -> dict[str, str]:
    """Each priority's heading in the section, with the list under it."""
    parts = _section(page).split('<h3 class="govuk-heading-s">')[1:]
    return {part.split("</h3>", 1)[0]: part.split("</h3>", 1)[1] for part in parts}


def test_gaps_inside_each_current_priority_are_listed_under_it_with_links(client, store):
    topics, outcomes = store
    call = CallFactory()
    call.priorities.set(
        [
            _priority("Both", topics[:1], outcomes),
            _priority("Outcome everywhere", outcomes=outcomes[:1]),
            _priority("Neither"),
        ]
    )
    groups = _groups(client.get("/pine/").content.decode())
    assert list(groups) == ["Both", "Outcome everywhere"]
    # Rated only at low strength is a gap; high strength is not.
    assert _shown(_gap(topics[0], outcomes[1])) in groups["Both"]
    assert _shown(_gap(topics[0], outcomes[0])) not in groups["Both"]
    # Not evaluated at all is a gap too.
    assert _shown(_gap(topics[1], outcomes[0])) in groups["Outcome everywhere"]
    assert _shown(_gap(topics[0], outcomes[0])) not in groups["Outcome everywhere"]


def test_section_links_to_the_open_call_to_apply(client, store):
    topics, outcomes = store
    call = CallFactory()
    call.priorities.set([_priority("Both", topics, outcomes)])
    section = _section(client.get("/pine/").content.decode())
    assert (
        "Does your practice address one of these gaps? "
        f'<a class="govuk-link" href="{call.get_absolute_url()}">Apply to PINE</a>.'
    ) in section


def test_priorities_sought_only_by_a_closed_call_show_no_gaps(client, store):
    topics, outcomes = store
    ClosedCallFactory().priorities.set([_priority("Past", topics, outcomes)])
    assert HEADING not in client.get("/pine/").content.decode()


def test_without_any_gap_inside_current_priorities_the_section_is_left_out(client, store):
    topics, outcomes = store
    CallFactory().priorities.set([_priority("Well evidenced", topics[:1], outcomes[:1])])
    assert HEADING not in client.get("/pine/").content.decode()


def test_gaps_resting_on_demo_ratings_are_labelled_illustrative(client, store):
    topics, outcomes = store
    CallFactory().priorities.set([_priority("Both", topics[:1], outcomes)])
    page = client.get("/pine/").content.decode()
    assert "Illustrative" not in _section(page)
    topics[0].interventions.get().ratings.update(illustrative=True)
    section = _section(client.get("/pine/").content.decode())
    assert "rest on demonstration ratings, not published findings" in section
    assert f'{_shown(_gap(topics[0], outcomes[1]))} <strong class="govuk-tag' in section


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/pine/").status_code == 200
    return len(queries)


def test_programme_page_takes_the_same_queries_however_many_priorities_and_gaps(client, store):
    topics, outcomes = store
    call = CallFactory()
    call.priorities.set([_priority("First", topics[:1], outcomes)])
    few = _queries(client)
    more_topics, more_outcomes = TopicFactory.create_batch(4), OutcomeFactory.create_batch(4)
    for n in range(8):
        call.priorities.add(_priority(f"More {n}", more_topics[: n % 4 + 1], more_outcomes))
    assert _queries(client) == few


def test_demo_programme_page_lists_illustrative_gaps_inside_the_demo_priorities(client, settings):
    settings.DEBUG = True
    for loader in (accounts_demo.load, evidence_demo.load, pine_demo.load):
        loader(stdout=io.StringIO(), style=no_style())
    groups = _groups(client.get("/pine/").content.decode())
    linked = Priority.objects.filter(topics__isnull=False).distinct()
    assert groups and set(groups) <= {escape(p.name) for p in linked}
    assert any("Illustrative" in listed for listed in groups.values())
