"""Hostile input to the public evidence store: the list's search, filters, sort and page, its
CSV exports (and their formula neutralising) and the comparison."""

import csv
import io

import pytest
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from evidence_store import exports
from evidence_store.filters import SORTS
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)
from tests.security.test_hostile_input import (
    body,
    each_example,
    examples,
    field_value,
    hostile_client,
    hostile_text,
    html_kept,
    marked_text,
    typed,
)

pytestmark = pytest.mark.django_db

# What a real filter would use: the slugs the `evidence` fixture makes.
VALID = {
    "q": ["family", '"family group"', "care -residential"],
    "topic": ["family-support"],
    "outcome": ["entry-into-care"],
    "age": ["under-5"],
    "effectiveness": list(Effectiveness.values),
    "strength": list(Strength.values),
    "sort": list(SORTS),
    "page": ["1", "2"],
}
INTERVENTIONS = ["family-group-conferencing", "parenting-programme"]
# The thousand words of a long pasted text: the search's fallback must not fail on them.
A_THOUSAND_WORDS = " ".join(f"word{n}" for n in range(1000))


@pytest.fixture
def evidence() -> None:
    topic = TopicFactory(slug="family-support")
    outcome = OutcomeFactory(slug="entry-into-care")
    age = AgeGroupFactory(slug="under-5")
    first = InterventionFactory(
        name="Family group conferencing", slug=INTERVENTIONS[0], topics=[topic], age_groups=[age]
    )
    second = InterventionFactory(name="Parenting programme", slug=INTERVENTIONS[1], topics=[topic])
    for intervention in (first, second):
        OutcomeRatingFactory(intervention=intervention, outcome=outcome)
    StudyFactory(interventions=[first, second])


@st.composite
def list_parameters(draw) -> dict:
    """Some of the list's parameters, each valid, hostile or repeated, and some unknown ones."""
    params = {}
    for name in draw(st.lists(st.sampled_from(sorted(VALID)), unique=True)):
        params[name] = draw(
            st.one_of(field_value, st.lists(st.sampled_from(VALID[name]), min_size=1, max_size=3))
        )
    for name in draw(st.lists(hostile_text.filter(lambda n: n not in VALID), max_size=2)):
        params[name] = draw(field_value)
    return params


def _holds_nul(params: dict) -> bool:
    """Whether a query string holds a NUL, which the middleware refuses with 400."""
    values = [
        v for value in params.values() for v in (value if isinstance(value, list) else [value])
    ]
    return any("\x00" in str(item) for item in [*params, *values])


def _search_box_keeps(params: dict, page: str) -> None:
    q = typed(params.get("q"))
    # A NUL cannot be typed into a search box: such a query is refused and left out.
    if q is not None and "\x00" not in q:
        assert f'name="q" type="search" value="{html_kept(q)}"' in page


@examples(40)
@given(params=list_parameters())
@example(params={"q": A_THOUSAND_WORDS})
def test_list_search_filters_sort_and_page_survive_hostile_parameters(evidence, params):
    with each_example():
        response = hostile_client().get("/evidence/", params)
        page = body(response)
    if _holds_nul(params):
        assert response.status_code == 400
        return
    _search_box_keeps(params, page)


@examples(15)
@given(params=list_parameters(), q=marked_text)
@example(params={}, q=A_THOUSAND_WORDS + "<script>hx1</script>")
def test_list_keeps_markup_typed_into_the_search_box_escaped(evidence, params, q):
    params["q"] = q
    with each_example():
        response = hostile_client().get("/evidence/", params)
        page = body(response)
    if _holds_nul(params):
        assert response.status_code == 400
        return
    _search_box_keeps(params, page)


@examples(30)
@given(params=list_parameters(), export=st.sampled_from(list(exports.EXPORTS.values())))
@example(params={"q": A_THOUSAND_WORDS}, export=exports.INTERVENTIONS)
def test_exports_take_hostile_list_parameters_and_still_give_csv(evidence, params, export):
    with each_example():
        response = hostile_client().get(f"/evidence/export/{export.filename}", params)
        text = body(response)
    if _holds_nul(params):
        assert response.status_code == 400
        return
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == export.header
    assert all(len(row) == len(export.header) for row in rows[1:])


FORMULA_START = st.sampled_from(["=", "+", "-", "@"])
FORMULAS = st.sampled_from(
    ["cmd|' /C calc'!A0", 'HYPERLINK("http://example.com","x")', "SUM(1+1)*cmd", "A1", "x"]
)
spreadsheet_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30
)
# Always a letter after the first character, so never a plain number (which stays as it is).
formula = st.tuples(FORMULA_START, FORMULAS, spreadsheet_text).map("".join)


def _cells(client: Client, filename: str) -> list[dict]:
    response = client.get(f"/evidence/export/{filename}")
    return list(csv.DictReader(io.StringIO(body(response), newline="")))


@examples(20)
@given(name=formula, notes=formula, citation=formula)
def test_export_cells_starting_like_a_formula_are_neutralised(evidence, name, notes, citation):
    with each_example():
        intervention = InterventionFactory(name=name)
        OutcomeRatingFactory(intervention=intervention, notes=notes)
        StudyFactory(citation=citation, interventions=[intervention])
        client = hostile_client()
        by_slug = {r["intervention_slug"]: r for r in _cells(client, "interventions.csv")}
        ratings = {r["intervention_slug"]: r for r in _cells(client, "outcome-ratings.csv")}
        studies = {r["citation"] for r in _cells(client, "studies.csv")}
    assert by_slug[intervention.slug]["name"] == "'" + name
    assert ratings[intervention.slug]["intervention_name"] == "'" + name
    assert ratings[intervention.slug]["notes"] == "'" + notes
    assert "'" + citation in studies


@examples(30)
@given(
    choices=st.lists(
        st.one_of(hostile_text, st.sampled_from(INTERVENTIONS), marked_text), max_size=8
    )
)
def test_compare_survives_hostile_and_repeated_choices(evidence, choices):
    with each_example():
        response = hostile_client().get("/evidence/compare/", {"i": choices})
        page = body(response)
    if _holds_nul({"i": choices}):
        assert response.status_code == 400
        return
    assert "Compare" in page
