"""The CSV exports stream the filtered list through the shared, injection-safe writer."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse

from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def catalogue():
    care = TopicFactory(slug="care", name="Care")
    entry = OutcomeFactory(slug="entry", name="Entry into care")
    a = InterventionFactory(name="Alpha", slug="alpha", topics=[care])
    b = InterventionFactory(name="Beta", slug="beta")
    OutcomeRatingFactory(
        intervention=a, outcome=entry, effectiveness=Effectiveness.NEGATIVE, strength=Strength.HIGH
    )
    OutcomeRatingFactory(intervention=a, effectiveness=Effectiveness.MIXED)
    OutcomeRatingFactory(intervention=b, outcome=entry)
    StudyFactory(interventions=[a], citation="Alpha trial")
    StudyFactory(interventions=[b], citation="Beta trial")


def test_interventions_export_matches_the_filtered_list(client, catalogue):
    rows = read_csv(client, "/evidence/export/interventions.csv?topic=care")
    assert [r["intervention_slug"] for r in rows] == ["alpha"]
    assert rows[0]["topics"] == "Care"
    assert rows[0]["outcomes_rated"] == "2"
    assert rows[0]["url"] == "/evidence/alpha/"
    listed = client.get("/evidence/?topic=care").content.decode()
    assert 'href="/evidence/alpha/"' in listed
    assert 'href="/evidence/beta/"' not in listed


def test_outcome_ratings_export_is_long_format_with_codes_labels_and_ranks(client, catalogue):
    rows = read_csv(client, "/evidence/export/outcome-ratings.csv?outcome=entry")
    assert [(r["intervention_slug"], r["outcome_slug"]) for r in rows] == [
        ("alpha", "entry"),
        ("beta", "entry"),
    ]
    alpha = rows[0]
    assert alpha["effectiveness"] == "negative"
    assert alpha["effectiveness_label"] == "Negative effect"
    assert alpha["effectiveness_symbol"] == "−"
    assert alpha["effectiveness_rank"] == "0"
    assert alpha["strength_rank"] == "3"


def test_studies_export_holds_only_studies_of_the_filtered_interventions(client, catalogue):
    rows = read_csv(client, "/evidence/export/studies.csv?topic=care")
    assert [r["citation"] for r in rows] == ["Alpha trial"]
    assert rows[0]["intervention_slugs"] == "alpha"
    assert rows[0]["design_label"] == "Randomised controlled trial"


def test_export_header_matches_the_data_dictionary(client, catalogue):
    from evidence_store.exports import EXPORTS

    for export in EXPORTS.values():
        response = client.get(f"/evidence/export/{export.filename}")
        first_line = next(iter(response.streaming_content)).decode().split("\r\n")[0]
        assert first_line.split(",") == export.header


def test_formula_in_a_cell_is_neutralised_in_the_file(client):
    InterventionFactory(name='=HYPERLINK("http://evil")', slug="evil", summary="+cmd|' /C calc'!A0")
    rows = read_csv(client, "/evidence/export/interventions.csv")
    assert rows[0]["name"].startswith("'=")
    assert rows[0]["summary"].startswith("'+")


def test_values_from_a_fixed_list_are_written_as_they_are(client):
    """A symbol such as + is no formula: only text that people wrote is neutralised."""
    intervention = InterventionFactory()
    for effect in (Effectiveness.TENDS_POSITIVE, Effectiveness.CONSISTENTLY_POSITIVE):
        OutcomeRatingFactory(intervention=intervention, effectiveness=effect, notes="=1+1")
    rows = read_csv(client, "/evidence/export/outcome-ratings.csv")
    assert sorted(r["effectiveness_symbol"] for r in rows) == ["+", "++"]
    assert {r["notes"] for r in rows} == {"'=1+1"}


def test_every_text_column_is_free_text_or_a_fixed_list():
    """A text column without a fixed list is neutralised; none may hold a symbol by mistake."""
    from evidence_store.exports import EXPORTS

    fixed = {name for export in EXPORTS.values() for name in export.fixed_columns}
    assert fixed == {
        "effectiveness", "effectiveness_label", "effectiveness_symbol", "effectiveness_rank",
        "strength", "strength_label", "strength_rank", "design", "design_label",
    }  # fmt: skip


def test_unknown_export_is_404(client):
    assert client.get("/evidence/export/secrets.csv").status_code == 404


def test_datapackage_describes_the_five_files_with_types(client):
    package = client.get("/evidence/export/datapackage.json").json()
    assert package["profile"] == "tabular-data-package"
    names = [r["name"] for r in package["resources"]]
    assert names == ["interventions", "outcome-ratings", "studies", "gap-matrix", "gaps"]
    fields = {f["name"]: f["type"] for f in package["resources"][1]["schema"]["fields"]}
    assert fields["effectiveness_rank"] == "integer"
    assert fields["illustrative"] == "boolean"
    assert package["resources"][0]["path"] == (
        settings.SITE_URL + "/evidence/export/interventions.csv"
    )


def test_datapackage_lists_exactly_the_values_of_each_fixed_column(client):
    package = client.get("/evidence/export/datapackage.json").json()
    fields = {f["name"]: f for r in package["resources"] for f in r["schema"]["fields"]}
    assert fields["effectiveness_symbol"]["constraints"]["enum"] == ["−", "0", "+", "++"]
    assert fields["strength"]["constraints"]["enum"] == Strength.values
    assert fields["effectiveness_rank"]["constraints"]["enum"] == [0, 1, 2, 3]
    assert "enum" not in fields["notes"].get("constraints", {})
    assert "apostrophe (')" in fields["notes"]["description"]
    assert "apostrophe" not in fields["effectiveness_symbol"]["description"]


def test_data_page_describes_fixed_lists_and_how_free_text_is_neutralised(client):
    page = re.sub(r"<[^>]+>", "", client.get("/evidence/data/").content.decode())
    assert "One of: −, 0, +, ++." in page
    assert "=, +, -, @, a tab, a carriage return or a line feed" in page
