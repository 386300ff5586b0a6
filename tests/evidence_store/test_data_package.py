"""The open data as downloaded passes Frictionless validation: every row of every file is typed
and checked against the data package's schema, free text that looks like a formula included."""

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from frictionless import Package

from evidence_store.exports import EXPORTS
from evidence_store.gap_exports import GAP_EXPORTS
from evidence_store.models import Study
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    StudyFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_data():
    """Every rating level and study design, and free text starting with = + - @."""
    topic = TopicFactory(name="=Topic that looks like a formula")
    age = AgeGroupFactory(name="@Age group")
    formula = InterventionFactory(
        name='=HYPERLINK("http://evil.example")',
        slug="formula",
        summary="+44 20 7946 0000 is the number to call.",
        delivery_summary="-Weekly sessions",
        cost_summary="@Cost on request",
        review_title="=1+1",
        review_authors="-Author, A.",
        review_year=2019,
        review_url="https://example.org/review",
        last_reviewed=date(2024, 5, 1),
        topics=[topic],
        age_groups=[age],
    )
    plain = InterventionFactory(name="Family group conferencing", slug="fgc")
    levels = zip(Effectiveness.values, Strength.values, strict=True)
    for number, (effect, strength) in enumerate(levels):
        for intervention in (formula, plain):
            OutcomeRatingFactory(
                intervention=intervention,
                outcome=OutcomeFactory(slug=f"outcome-{number}", name=f"-Outcome {number}"),
                effectiveness=effect,
                strength=strength,
                notes="=cmd|' /C calc'!A0" if number == 0 else "@SUM(1,2)",
            )
    for design in Study.Design.values:
        StudyFactory(interventions=[formula, plain], design=design, citation=f"+Citation {design}")
    StudyFactory(interventions=[plain], year=None, sample_size=None, country="-", url="")


def download_package(client, directory: Path) -> Path:
    """The five files and datapackage.json as served, with each path pointing at its file."""
    package = client.get("/evidence/export/datapackage.json").json()
    for resource in package["resources"]:
        assert resource["path"].startswith(
            (settings.SITE_URL + "/evidence/export/", settings.SITE_URL + "/evidence/gap-map/")
        )
        response = client.get(urlsplit(resource["path"]).path)
        assert response.status_code == 200, resource["path"]
        local = f"{resource['name']}.csv"
        (directory / local).write_bytes(b"".join(response.streaming_content))
        resource["path"] = local
    path = directory / "datapackage.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    return path


def validate(path: Path):
    """The report, and each error as (file, row, column, error type, note)."""
    report = Package(str(path)).validate()
    errors = [("datapackage.json", None, None, error.type, error.note) for error in report.errors]
    errors += [
        (task.name, *error)
        for task in report.tasks
        for error in task.flatten(["rowNumber", "fieldName", "type", "note"])
    ]
    return report, errors


def test_downloaded_files_are_valid_against_the_data_package(client, open_data, tmp_path):
    report, errors = validate(download_package(client, tmp_path))
    assert report.valid, errors
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    # The gap matrix: 2 interventions (one with a topic, one without) by 4 outcomes; the gap
    # list: 1 topic by 4 outcomes.
    assert rows == {
        "interventions": 2, "outcome-ratings": 8, "studies": 9, "gap-matrix": 8, "gaps": 4,
    }  # fmt: skip


def test_every_resource_is_a_tabular_resource_whose_rows_are_checked(client, open_data):
    package = client.get("/evidence/export/datapackage.json").json()
    assert {resource["profile"] for resource in package["resources"]} == {"tabular-data-resource"}
    assert [resource["name"] for resource in package["resources"]] == [*EXPORTS, *GAP_EXPORTS]


def test_a_value_outside_a_fixed_list_fails_validation(client, open_data, tmp_path):
    """The enums are checked: a neutralised symbol, as the files once held, is reported."""
    path = download_package(client, tmp_path)
    ratings = tmp_path / "outcome-ratings.csv"
    text = ratings.read_text(encoding="utf-8")
    ratings.write_text(text.replace(",++,", ",'++,"), encoding="utf-8")
    report, errors = validate(path)
    assert not report.valid
    assert {(file, column, kind) for file, _, column, kind, _ in errors} == {
        ("outcome-ratings", "effectiveness_symbol", "constraint-error")
    }


def test_a_strength_outside_its_list_in_the_gap_files_fails_validation(client, open_data, tmp_path):
    path = download_package(client, tmp_path)
    matrix = tmp_path / "gap-matrix.csv"
    matrix.write_text(matrix.read_text(encoding="utf-8").replace(",very_low,", ",weak,"), "utf-8")
    report, errors = validate(path)
    assert not report.valid
    assert {(file, column, kind) for file, _, column, kind, _ in errors} == {
        ("gap-matrix", "strength", "constraint-error")
    }
