"""The dependency audit (tools/audit_dependencies.py), against a fake PyPI: no network needed."""

import io
from datetime import date
from pathlib import Path

import pytest

from tools.audit_dependencies import (
    ACCEPTED,
    NOT_COVERED,
    OK,
    VULNERABLE,
    Distribution,
    locked_distributions,
    read_acceptances,
    run,
)
from tools.pypi_advisories import PYPI, AuditImpossible, PyPIAdvisories

TODAY = date(2026, 6, 1)
TABLE = """\
## Dependency audit

### Accepted exceptions

| advisory | package | why it is accepted | review by |
|---|---|---|---|
{rows}
## What is not done
"""
NO_EXCEPTIONS = TABLE.format(rows="")
REDOS = {
    "id": "PYSEC-2026-1",
    "aliases": ["CVE-2026-1111", "GHSA-aaaa-bbbb-cccc"],
    "fixed_in": ["2.0.1"],
    "withdrawn": None,
}


def fake_pypi(*, releases: dict | None = None, projects: dict | None = None, down: bool = False):
    """A fetch function serving release and project records from dicts, like PyPI's JSON API.

    `releases` maps (name, version) to the release's advisories, `projects` maps a name to
    (newest version, the newest release's advisories[, its other versions]). Anything else is
    not found.
    """
    releases, projects = releases or {}, projects or {}
    asked = []

    def fetch(url: str):
        asked.append(url)
        if down:
            raise AuditImpossible(f"{url} could not be read: name resolution failed")
        parts = url.removeprefix(f"{PYPI}/").removesuffix("/json").split("/")
        if len(parts) == 2 and tuple(parts) in releases:
            return {"info": {"version": parts[1]}, "vulnerabilities": releases[tuple(parts)]}
        if len(parts) == 1 and parts[0] in projects:
            newest, advisories, *others = projects[parts[0]]
            versions = [newest, *(others[0] if others else [])]
            return {
                "info": {"version": newest},
                "vulnerabilities": advisories,
                "releases": {v: [] for v in versions},
            }
        return None

    fetch.asked = asked
    return fetch


def audit_output(distributions, fetch, doc=NO_EXCEPTIONS, today=TODAY) -> tuple[int, str]:
    out = io.StringIO()
    code = run(
        distributions=distributions,
        source=PyPIAdvisories(fetch),
        security_doc=doc,
        today=today,
        out=out,
    )
    return code, out.getvalue()


def row_of(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{name} "))


def test_a_known_vulnerability_of_the_installed_release_fails_the_audit():
    fetch = fake_pypi(releases={("lxml", "2.0.0"): [REDOS]})
    code, output = audit_output([Distribution("lxml", "2.0.0")], fetch)
    assert code == 1
    assert VULNERABLE in row_of(output, "lxml")
    assert "PYSEC-2026-1 (CVE-2026-1111): fixed in 2.0.1" in row_of(output, "lxml")
    assert "1 vulnerable" in output


def test_a_release_without_advisories_passes():
    fetch = fake_pypi(releases={("lxml", "2.0.1"): []})
    code, output = audit_output([Distribution("lxml", "2.0.1")], fetch)
    assert code == 0
    assert OK in row_of(output, "lxml")
    assert "1 without known vulnerabilities" in output


def test_withdrawn_advisories_are_ignored():
    withdrawn = {**REDOS, "withdrawn": "2026-05-01T00:00:00Z"}
    fetch = fake_pypi(releases={("lxml", "2.0.0"): [withdrawn]})
    assert audit_output([Distribution("lxml", "2.0.0")], fetch)[0] == 0


@pytest.mark.parametrize("named_as", ["PYSEC-2026-1", "CVE-2026-1111", "GHSA-aaaa-bbbb-cccc"])
def test_an_advisory_accepted_in_the_security_doc_passes_under_any_of_its_names(named_as):
    doc = TABLE.format(rows=f"| {named_as} | LXML | Not reachable: we parse no XML. | 2026-09-01 |")
    fetch = fake_pypi(releases={("lxml", "2.0.0"): [REDOS]})
    code, output = audit_output([Distribution("lxml", "2.0.0")], fetch, doc)
    assert code == 0
    assert ACCEPTED in row_of(output, "lxml")


def test_an_acceptance_past_its_review_date_fails_again():
    doc = TABLE.format(rows="| CVE-2026-1111 | lxml | Not reachable. | 2026-05-31 |")
    fetch = fake_pypi(releases={("lxml", "2.0.0"): [REDOS]})
    code, output = audit_output([Distribution("lxml", "2.0.0")], fetch, doc)
    assert code == 1
    assert "accepted until 2026-05-31" in row_of(output, "lxml")


def test_an_acceptance_covers_only_its_own_package():
    doc = TABLE.format(rows="| CVE-2026-1111 | requests | Not reachable. | 2026-09-01 |")
    fetch = fake_pypi(releases={("lxml", "2.0.0"): [REDOS]})
    assert audit_output([Distribution("lxml", "2.0.0")], fetch, doc)[0] == 1


def test_without_the_releases_record_the_projects_record_covers_its_newest_release():
    fetch = fake_pypi(projects={"lxml": ("2.0.0", [REDOS])})
    code, output = audit_output([Distribution("lxml", "2.0.0")], fetch)
    assert code == 1
    assert VULNERABLE in row_of(output, "lxml")
    assert fetch.asked == [f"{PYPI}/lxml/2.0.0/json", f"{PYPI}/lxml/json"]


def test_an_older_release_is_reported_as_not_covered_but_does_not_fail():
    fetch = fake_pypi(projects={"django": ("6.1.3", [])})
    code, output = audit_output([Distribution("Django", "5.2.19")], fetch)
    assert code == 0
    assert NOT_COVERED in row_of(output, "Django")
    assert "advisories for 6.1.3 only" in row_of(output, "Django")
    assert "1 not covered" in output


@pytest.mark.parametrize(
    ("installed", "note"),
    [
        ("5.2.19", "5.2.19 is the newest of its series"),
        ("5.2.8", "the newest of its series is 5.2.19"),
    ],
)
def test_a_not_covered_row_says_whether_it_is_the_newest_of_its_series(installed, note):
    others = ["5.2.8", "5.2.19", "5.2rc1", "6.0.1", "4.2.30"]
    fetch = fake_pypi(projects={"django": ("6.1.3", [], others)})
    code, output = audit_output([Distribution("Django", installed)], fetch)
    assert code == 0
    assert note in row_of(output, "Django")


def test_an_advisory_on_the_newest_release_fails_an_older_one_too():
    fetch = fake_pypi(projects={"lxml": ("2.1.0", [{**REDOS, "fixed_in": []}])})
    code, output = audit_output([Distribution("lxml", "2.0.0")], fetch)
    assert code == 1
    assert "no fix yet (advisories of the newest release, 2.1.0)" in row_of(output, "lxml")


def test_the_audited_set_is_every_pin_of_the_lock_files_once(tmp_path):
    app = tmp_path / "app.txt"
    app.write_text(
        "#    make lock\n"
        "django==5.2.19 \\\n"
        "    --hash=sha256:aaaa\n"
        "    # via evidence-store-pine (pyproject.toml)\n"
        "sqlparse==0.5.3 \\\n"
        "    --hash=sha256:bbbb\n"
    )
    dev = tmp_path / "dev.txt"
    dev.write_text("Django==5.2.19 \\\n    --hash=sha256:aaaa\npytest==8.4.2\n")
    assert locked_distributions([app, dev]) == [
        Distribution("django", "5.2.19"),
        Distribution("pytest", "8.4.2"),
        Distribution("sqlparse", "0.5.3"),
    ]


def test_a_lock_without_pins_means_the_audit_was_not_done(tmp_path):
    empty = tmp_path / "app.txt"
    empty.write_text("# nothing pinned\n")
    with pytest.raises(AuditImpossible, match="no pinned distributions"):
        locked_distributions([empty])


def test_an_unreachable_advisory_source_means_the_audit_was_not_done():
    code, output = audit_output([Distribution("lxml", "2.0.0")], fake_pypi(down=True))
    assert code == 2
    assert output.startswith("Dependency audit not done: ")


def test_a_malformed_accepted_exception_stops_the_audit():
    doc = TABLE.format(rows="| CVE-2026-1111 | lxml | Not reachable. | next year |")
    code, output = audit_output([Distribution("lxml", "2.0.0")], fake_pypi(), doc)
    assert code == 2
    assert "'review by' must be a date" in output


def test_a_security_doc_without_the_table_stops_the_audit():
    with pytest.raises(AuditImpossible, match="no 'Accepted exceptions' heading"):
        read_acceptances("# Security\n\nNothing here.\n")


def test_the_projects_security_doc_has_a_well_formed_accepted_exceptions_table():
    doc = Path(__file__).resolve().parents[2] / "docs" / "security.md"
    for acceptance in read_acceptances(doc.read_text(encoding="utf-8")):
        assert acceptance.reason
