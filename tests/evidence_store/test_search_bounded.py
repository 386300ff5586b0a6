"""A broad search ranks only the first matches, says "more than", and real searches rank as before."""

import io
import re

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.management import call_command
from django.db import connection
from django.db.models import F

from evidence_store import search
from evidence_store.models import Intervention
from tests.evidence_store.factories import InterventionFactory, TopicFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking needs PostgreSQL full-text search"
)

# Searches people make of the twelve interventions of the 2019 store.
REAL_SEARCHES = [
    "parenting", "foster care", "family", "drug alcohol", "therapy", "kinship", "abuse",
    "child protection", "mental health", "residential", "safety", '"family group"',
    "care -residential", "court", "trauma", "reunification", "home visits", "behaviour",
]  # fmt: skip


def heading(client, url: str) -> str:
    html = client.get(url).content.decode()
    found = re.search(r'<h2 class="govuk-heading-m" id="results-heading">(.*?)</h2>', html, re.S)
    return " ".join(found.group(1).split())


@pytest.fixture
def five_matches():
    care = TopicFactory(slug="care")
    return [
        InterventionFactory(name=f"Mentoring {n}", topics=[care] if n >= 3 else [])
        for n in range(5)
    ]


def test_a_broad_search_ranks_only_the_first_matches_by_id(five_matches, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    found = search.search(Intervention.objects.all(), "mentoring")
    assert sorted(found.values_list("pk", flat=True)) == [i.pk for i in five_matches[:3]]
    assert search.has_unranked_matches(Intervention.objects.all(), "mentoring")


def test_the_list_says_more_than_and_how_many_pages_are_listed(client, five_matches, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    assert heading(client, "/evidence/?q=mentoring") == "More than 3 interventions found"
    html = client.get("/evidence/?q=mentoring").content.decode()
    assert "Only 3 are listed, on 1 page." in html
    assert html.count('<li><h3><a href="/evidence/') == 3


def test_a_search_with_no_more_matches_than_are_ranked_gives_the_exact_count(
    client, five_matches, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_MATCHES", 5)
    assert not search.has_unranked_matches(Intervention.objects.all(), "mentoring")
    assert heading(client, "/evidence/?q=mentoring") == "5 interventions found"
    assert "are listed, on" not in client.get("/evidence/?q=mentoring").content.decode()


def test_the_other_filters_apply_before_the_first_matches_are_taken(
    client, five_matches, monkeypatch
):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    # Two of the five have the topic; both are beyond the first three by id, and still found.
    assert heading(client, "/evidence/?q=mentoring&topic=care") == "2 interventions found"


def test_no_search_lists_everything_without_a_limit(client, five_matches, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    assert heading(client, "/evidence/") == "5 interventions"


def _unbounded(text: str) -> list[str]:
    """Every match ranked, as search ranked before it kept only the first matches."""
    query = SearchQuery(text, search_type="websearch", config=search.CONFIG)
    rank = SearchRank(F("search_vector"), query, weights=search.RANK_WEIGHTS)
    matches = Intervention.objects.published().filter(search_vector=query).annotate(rank=rank)
    return list(matches.order_by("-rank", "name").values_list("slug", flat=True))


@postgresql_only
def test_the_real_interventions_rank_as_they_did_before_the_limit(client):
    call_command("load_demo_data", stdout=io.StringIO())
    for text in REAL_SEARCHES:
        bounded = search.search(Intervention.objects.published(), text).order_by("-rank", "name")
        expected = _unbounded(text)
        assert list(bounded.values_list("slug", flat=True)) == expected, text
        listed = re.findall(r'<li><h3><a href="/evidence/([\w-]+)/"', _page(client, text))
        assert listed == expected[:20], text
    assert any(len(_unbounded(text)) > 6 for text in REAL_SEARCHES)  # some searches are broad


def _page(client, text: str) -> str:
    return client.get("/evidence/", {"q": text}).content.decode()


def test_exports_hold_every_match_not_only_those_listed(client, five_matches, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    response = client.get("/evidence/export/interventions.csv?q=mentoring")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 5
