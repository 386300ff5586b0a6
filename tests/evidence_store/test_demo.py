"""The demo content loads, can be loaded again, and every page then says it is illustrative."""

import io

import pytest
from django.core.management import call_command

from evidence_store.models import Intervention, OutcomeRating

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


@pytest.mark.parametrize("url", ["/", "/evidence/", "/evidence/signs-of-safety/", "/privacy/"])
def test_every_page_shows_the_illustrative_banner_while_demo_data_is_loaded(client, demo, url):
    assert "ratings are illustrative" in client.get(url).content.decode()


def test_no_banner_without_demo_data(client):
    assert "ratings are illustrative" not in client.get("/").content.decode()
