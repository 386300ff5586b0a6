"""Search ranks name matches first, stems words, understands phrases and exclusions."""

import pytest
from django.db import connection

from evidence_store.models import SEARCH_FIELDS, Intervention
from evidence_store.search import search
from tests.evidence_store.factories import InterventionFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search"
)


def names(text: str) -> list[str]:
    return list(
        search(Intervention.objects.all(), text)
        .order_by("-rank", "name")
        .values_list("name", flat=True)
    )


def test_name_match_ranks_above_matches_in_the_body():
    InterventionFactory(
        name="Family support service",
        what_is_it="Mentoring mentoring mentoring for young people, with mentoring at its heart.",
    )
    InterventionFactory(name="Mentoring", what_is_it="Adults support young people.")
    assert names("mentoring") == ["Mentoring", "Family support service"]


def test_phrase_matches_only_the_words_together():
    InterventionFactory(name="Family group conferences", what_is_it="A meeting.")
    InterventionFactory(name="Group work", what_is_it="For the whole family and friends.")
    assert names('"family group"') == ["Family group conferences"]


def test_minus_excludes_a_word():
    InterventionFactory(name="Residential care", what_is_it="Care in children's homes.")
    InterventionFactory(name="Kinship care", what_is_it="Care by relatives.")
    assert names("care -residential") == ["Kinship care"]


def test_nonsense_finds_nothing():
    InterventionFactory(name="Signs of Safety")
    assert names("qzxv-blorptangle") == []


def test_empty_search_returns_everything_unranked():
    InterventionFactory.create_batch(3)
    assert search(Intervention.objects.all(), "   ").count() == 3


@postgresql_only
def test_stemming_matches_other_forms_of_a_word():
    InterventionFactory(name="Mellow Parenting", what_is_it="Groups for mothers.")
    assert names("parents") == ["Mellow Parenting"]
    assert names("mother") == ["Mellow Parenting"]


@postgresql_only
def test_search_vector_is_stored_and_kept_current_when_content_changes():
    intervention = InterventionFactory(name="Homebuilders", what_is_it="Crisis support.")
    assert names("crisis") == ["Homebuilders"]
    Intervention.objects.filter(pk=intervention.pk).update(what_is_it="Short intensive help.")
    assert names("crisis") == []
    assert names("intensive") == ["Homebuilders"]


@pytest.mark.parametrize("field", [f for fields in SEARCH_FIELDS.values() for f in fields])
def test_every_searchable_field_is_searched(field):
    InterventionFactory(**{"name": "Plain name", field: "Zanzibarian approach"})
    assert len(names("zanzibarian")) == 1


@postgresql_only
def test_search_uses_the_stored_vector_and_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'intervention_search_gin'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]
    sql = str(search(Intervention.objects.all(), "care").query)
    assert "to_tsvector" not in sql
    assert "websearch_to_tsquery" in sql


@pytest.mark.django_db
def test_a_very_long_query_is_cut_rather_than_failing(client):
    query = " ".join(f"word{n}" for n in range(2000))
    response = client.get("/evidence/", {"q": query})
    assert response.status_code == 200
