"""The registry through which apps above the evidence store show what they know of an
intervention in practice on its page, without the store importing them."""

import pytest

from evidence_store import practice_links
from evidence_store.practice_links import PracticeLink
from tests.evidence_store.factories import InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    added = []

    def add(key, builder):
        practice_links.register(key, builder)
        added.append(key)

    yield add
    for key in added:
        practice_links.unregister(key)


def test_a_registered_link_is_shown_on_the_intervention_page(client, registered):
    intervention = InterventionFactory()
    registered(
        "testing",
        lambda i: PracticeLink(
            heading=f"Tried in practice ({len(i.name)})",
            text="Practitioners wrote about it.",
            link_text="Read what they found",
            url="/somewhere/",
        ),
    )
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert f"Tried in practice ({len(intervention.name)})" in page
    assert '<a class="govuk-link" href="/somewhere/">Read what they found</a>' in page


def test_a_builder_with_nothing_to_show_leaves_the_page_as_it_was(client, registered):
    intervention = InterventionFactory()
    registered("nothing", lambda i: None)
    assert practice_links.links_for(intervention) == []  # nobody has anything to show yet
    assert "in-practice-" not in client.get(intervention.get_absolute_url()).content.decode()


def test_two_apps_cannot_take_the_same_name(registered):
    registered("taken", lambda i: None)
    with pytest.raises(ValueError, match="already registered"):
        practice_links.register("taken", lambda i: None)
