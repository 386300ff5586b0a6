"""Comparing interventions: which of those asked for are shown, what is wrong, and the rows."""

import pytest

from evidence_store import compare
from evidence_store.ratings import Effectiveness
from tests.evidence_store.factories import (
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
)

pytestmark = pytest.mark.django_db


def test_interventions_keep_the_order_asked_for_each_once():
    InterventionFactory(slug="a")
    InterventionFactory(slug="b")
    result = compare.comparison([" b ", "a", "b", "", "  "])
    assert result.slugs == ["b", "a"]
    assert [i.slug for i in result.interventions] == ["b", "a"]
    assert not result.too_few and not result.too_many and result.choice_error == ""


def test_drafts_and_missing_interventions_are_unknown():
    InterventionFactory(slug="a")
    InterventionFactory(slug="b")
    DraftInterventionFactory(slug="draft")
    result = compare.comparison(["a", "draft", "nope", "b"])
    assert [i.slug for i in result.interventions] == ["a", "b"]
    assert result.unknown == ["draft", "nope"]
    assert result.choice_error == "Some of the interventions you asked for do not exist."


def test_more_than_the_most_shows_the_first_ones_and_says_so():
    slugs = [f"i-{n}" for n in range(compare.COMPARE_MAX + 1)]
    for slug in slugs:
        InterventionFactory(slug=slug)
    result = compare.comparison(reversed(slugs))
    assert [i.slug for i in result.interventions] == slugs[::-1][: compare.COMPARE_MAX]
    assert result.too_many
    assert result.choice_error == f"Choose no more than {compare.COMPARE_MAX}."


def test_one_is_too_few_but_asking_for_none_is_no_error():
    InterventionFactory(slug="a")
    one = compare.comparison(["a"])
    assert one.too_few and one.choice_error == f"Choose at least {compare.COMPARE_MIN}."
    none = compare.comparison([])
    assert none.too_few and none.choice_error == ""


def test_values_not_shaped_like_slugs_never_reach_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        result = compare.comparison(["../../etc", "x" * 5000, "café"])
    assert result.unknown == ["../../etc", "x" * 5000, "café"]
    assert result.interventions == []


def test_rating_rows_follow_the_outcomes_order_and_leave_gaps():
    later = OutcomeFactory(name="Re-referral", position=2)
    first = OutcomeFactory(name="Placement stability", position=1)
    a_later = OutcomeRatingFactory(outcome=later, intervention__slug="a")
    a_first = OutcomeRatingFactory(outcome=first, intervention=a_later.intervention)
    b_later = OutcomeRatingFactory(
        outcome=later, intervention__slug="b", effectiveness=Effectiveness.NEGATIVE
    )
    rows = compare.comparison(["a", "b"]).rating_rows
    assert rows == [(first, [a_first, None]), (later, [a_later, b_later])]


def test_the_choices_are_published_interventions_by_name():
    InterventionFactory(name="Kinship care")
    InterventionFactory(name="Family group conferences")
    DraftInterventionFactory(name="Secret draft")
    assert [i.name for i in compare.choices()] == ["Family group conferences", "Kinship care"]


def _csv(response) -> list[list[str]]:
    import csv
    import io

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="comparison.csv"'
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_has_a_row_per_outcome_and_words_and_symbols_per_intervention(client):
    from evidence_store.ratings import Strength

    stability = OutcomeFactory(name="Placement stability", slug="stability", position=1)
    referral = OutcomeFactory(name="Re-referral", slug="re-referral", position=2)
    a = InterventionFactory(slug="a", name="Kinship care")
    b = InterventionFactory(slug="b", name="Family group conferences")
    OutcomeRatingFactory(
        intervention=a,
        outcome=stability,
        effectiveness=Effectiveness.CONSISTENTLY_POSITIVE,
        strength=Strength.HIGH,
        illustrative=False,
    )
    OutcomeRatingFactory(
        intervention=b,
        outcome=stability,
        effectiveness=Effectiveness.NEGATIVE,
        strength=Strength.VERY_LOW,
        illustrative=False,
    )
    OutcomeRatingFactory(
        intervention=b,
        outcome=referral,
        effectiveness=Effectiveness.MIXED,
        strength=Strength.MODERATE,
        illustrative=True,
    )
    rows = _csv(client.get("/evidence/compare/comparison.csv?i=b&i=a"))
    assert rows == [
        [
            "outcome_slug",
            "outcome_name",
            "Family group conferences: effectiveness",
            "Family group conferences: effectiveness symbol",
            "Family group conferences: strength of evidence",
            "Family group conferences: strength of evidence symbol",
            "Kinship care: effectiveness",
            "Kinship care: effectiveness symbol",
            "Kinship care: strength of evidence",
            "Kinship care: strength of evidence symbol",
            "illustrative",
        ],
        # Symbols come from a fixed list, so "++" is written as it is; names are neutralised.
        ["stability", "Placement stability", "Negative effect", "−", "Very low", "○○○",
         "Consistently positive", "++", "High", "●●●", "false"],
        ["re-referral", "Re-referral", "Mixed or no effect", "0", "Moderate", "●●○",
         "Not evaluated", "", "Not evaluated", "", "true"],
    ]  # fmt: skip


def test_csv_neutralises_formulas_in_names_and_in_the_header(client):
    outcome = OutcomeFactory(name="=HYPERLINK(1)", slug="formula")
    a = InterventionFactory(slug="a", name="@SUM(A1)")
    OutcomeRatingFactory(intervention=a, outcome=outcome)
    InterventionFactory(slug="b", name="-2+3")
    header, row = _csv(client.get("/evidence/compare/comparison.csv?i=a&i=b"))
    assert header[2] == "'@SUM(A1): effectiveness" and header[6] == "'-2+3: effectiveness"
    assert row[1] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Choose at least 2 interventions"),
        ("i=a", "Choose at least 2 interventions"),
        ("i=a&i=nope", "We could not find an intervention called “nope”"),
        ("i=a&i=b&i=c&i=d&i=e", "Choose no more than 4 interventions"),
        ("i=../../etc&i=a", "We could not find an intervention"),
    ],
)
def test_csv_of_a_bad_choice_is_the_page_with_its_error_as_a_bad_request(client, query, message):
    for slug in "abcde":
        InterventionFactory(slug=slug)
    response = client.get(f"/evidence/compare/comparison.csv?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "There is a problem" in html and message in html


def test_csv_query_count_does_not_grow_with_outcomes_or_interventions(
    client, django_assert_num_queries
):
    def grow(slugs, outcomes):
        for slug in slugs:
            intervention = InterventionFactory(slug=slug)
            for n in range(outcomes):
                OutcomeRatingFactory(intervention=intervention, outcome__slug=f"o-{n}")

    def count(query):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            _csv(client.get(f"/evidence/compare/comparison.csv?{query}"))
        return len(captured)

    grow(["a", "b"], 1)
    small = count("i=a&i=b")
    grow(["c", "d"], 12)
    assert count("i=a&i=b&i=c&i=d") == small


def test_comparison_page_links_to_its_csv_and_prints_its_own_address(client, settings):
    InterventionFactory(slug="a")
    InterventionFactory(slug="b")
    html = client.get("/evidence/compare/?i=b&i=a&i=nope").content.decode()
    csv_link = 'href="/evidence/compare/comparison.csv?i=b&amp;i=a">Download this comparison (CSV)'
    assert csv_link in html
    assert f"This comparison online: {settings.SITE_URL}/evidence/compare/?i=b&amp;i=a" in html
    assert "Print this comparison" in html and 'src="/static/js/print-page.' in html
