"""Check the locked Python distributions against the known vulnerabilities PyPI publishes.

It reads the pins in requirements/app.txt and requirements/dev.txt, the set `make install`
installs with hash checking, so what is audited is what every build runs:

    .venv/bin/python tools/audit_dependencies.py

For each distribution it asks PyPI's JSON API for the advisories (from the OSV database) of the
locked release. Where that release's own record cannot be had (some mirrors serve only a
project's record, which describes its newest release), a distribution on its newest release is
checked against that record, and one behind it is reported as not covered. Accepted
exceptions are read from the table under "Accepted exceptions" in docs/security.md.

Exit status: 0 when nothing unaccepted is known (not-covered rows are warnings), 1 when an
installed distribution has a known vulnerability that is not accepted, 2 when PyPI cannot be
reached or docs/security.md has no well-formed table: the audit has then not happened.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from tools.pypi_advisories import (
    Advisory,
    AdvisorySource,
    AuditImpossible,
    Lookup,
    PyPIAdvisories,
    _canonical,
)

ROOT = Path(__file__).resolve().parent.parent
SECURITY_DOC = ROOT / "docs" / "security.md"
# requirements/dev.txt holds every pin of app.txt too; both are read so neither can drift unseen.
LOCK_FILES = (ROOT / "requirements" / "app.txt", ROOT / "requirements" / "dev.txt")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
ACCEPTED_HEADING = "accepted exceptions"

# Statuses, worst first.
VULNERABLE, ACCEPTED, NOT_COVERED, OK = ("VULNERABLE", "accepted", "not covered", "ok")


@dataclass(frozen=True)
class Acceptance:
    advisory: str
    package: str
    reason: str
    review_by: date


@dataclass(frozen=True)
class Distribution:
    name: str
    version: str


@dataclass(frozen=True)
class Row:
    name: str
    version: str
    newest: str
    status: str
    detail: str


def read_acceptances(text: str) -> list[Acceptance]:
    """The rows of the table under the "Accepted exceptions" heading of docs/security.md."""
    lines = text.splitlines()
    starts = [
        i
        for i, line in enumerate(lines)
        if line.startswith("#") and line.lstrip("#").strip().lower() == ACCEPTED_HEADING
    ]
    if not starts:
        raise AuditImpossible("docs/security.md has no 'Accepted exceptions' heading")
    rows = []
    for line in lines[starts[0] + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    if not rows or [c.lower() for c in rows[0]] != [
        "advisory",
        "package",
        "why it is accepted",
        "review by",
    ]:
        raise AuditImpossible(
            "the 'Accepted exceptions' table must have the columns: "
            "advisory | package | why it is accepted | review by"
        )
    acceptances = []
    for cells in rows[2:]:  # after the header and its |---| line
        if len(cells) != 4 or not all(cells):
            raise AuditImpossible(f"an accepted exception needs all four cells: {cells}")
        try:
            review_by = date.fromisoformat(cells[3])
        except ValueError as error:
            raise AuditImpossible(f"'review by' must be a date (YYYY-MM-DD): {cells}") from error
        acceptances.append(Acceptance(cells[0], _canonical(cells[1]), cells[2], review_by))
    return acceptances


def locked_distributions(lock_files: Iterable[Path] = LOCK_FILES) -> list[Distribution]:
    """Every `name==version` pinned in the lock files, once each: the set `make install` installs."""
    found: dict[str, Distribution] = {}
    for lock in lock_files:
        for line in lock.read_text(encoding="utf-8").splitlines():
            pin = PIN.match(line)
            if pin:
                found.setdefault(_canonical(pin["name"]), Distribution(pin["name"], pin["version"]))
    if not found:
        raise AuditImpossible(f"no pinned distributions in {', '.join(map(str, lock_files))}")
    return sorted(found.values(), key=lambda d: _canonical(d.name))


def _row(dist: Distribution, lookup: Lookup, accepted: list[Acceptance], today: date) -> Row:
    unaccepted, accepted_ids, lapsed = [], [], []
    for advisory in lookup.advisories:
        match = next(
            (
                a
                for a in accepted
                if a.package == _canonical(dist.name) and a.advisory in advisory.names
            ),
            None,
        )
        if match is None:
            unaccepted.append(advisory)
        elif match.review_by < today:
            lapsed.append(f"{advisory.id} (accepted until {match.review_by})")
        else:
            accepted_ids.append(advisory.id)

    def describe(advisory: Advisory) -> str:
        aliases = ", ".join(a for a in advisory.aliases if a.startswith("CVE-"))
        fixed = ", ".join(advisory.fixed_in) or "no fix yet"
        return f"{advisory.id}{f' ({aliases})' if aliases else ''}: fixed in {fixed}"

    if unaccepted or lapsed:
        detail = "; ".join([*map(describe, unaccepted), *lapsed])
        if not lookup.covered:
            detail += f" (advisories of the newest release, {lookup.newest})"
        return Row(dist.name, dist.version, lookup.newest, VULNERABLE, detail)
    if accepted_ids:
        detail = "accepted in docs/security.md: " + ", ".join(accepted_ids)
        return Row(dist.name, dist.version, lookup.newest, ACCEPTED, detail)
    if not lookup.on_pypi:
        return Row(dist.name, dist.version, "", NOT_COVERED, "not on PyPI")
    if not lookup.covered:
        detail = f"PyPI here lists advisories for {lookup.newest} only"
        if lookup.newest_in_series == dist.version:
            detail += f"; {dist.version} is the newest of its series"
        elif lookup.newest_in_series:
            detail += f"; the newest of its series is {lookup.newest_in_series}"
        return Row(dist.name, dist.version, lookup.newest, NOT_COVERED, detail)
    return Row(dist.name, dist.version, lookup.newest, OK, "no known vulnerability")


def audit(
    distributions: list[Distribution],
    source: AdvisorySource,
    accepted: list[Acceptance],
    today: date,
) -> list[Row]:
    """One row per distribution."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        lookups = list(pool.map(lambda d: source.lookup(d.name, d.version), distributions))
    return [
        _row(d, lookup, accepted, today) for d, lookup in zip(distributions, lookups, strict=True)
    ]


def write_table(rows: list[Row], out: TextIO) -> None:
    headings = ("package", "locked", "newest", "status", "advisories")
    table = [headings, *((r.name, r.version, r.newest, r.status, r.detail) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    for line in table:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.write("  ".join([*cells, line[4]]).rstrip() + "\n")
    counts = {s: sum(r.status == s for r in rows) for s in (OK, NOT_COVERED, ACCEPTED, VULNERABLE)}
    out.write(
        f"\n{len(rows)} distributions: {counts[OK]} without known vulnerabilities, "
        f"{counts[NOT_COVERED]} not covered, {counts[ACCEPTED]} accepted, "
        f"{counts[VULNERABLE]} vulnerable.\n"
    )


def run(
    *,
    distributions: list[Distribution],
    source: AdvisorySource,
    security_doc: str,
    today: date,
    out: TextIO,
) -> int:
    try:
        accepted = read_acceptances(security_doc)
        rows = audit(distributions, source, accepted, today)
    except AuditImpossible as error:
        out.write(f"Dependency audit not done: {error}\n")
        return 2
    write_table(sorted(rows, key=lambda r: (_STATUS_ORDER.index(r.status), r.name.lower())), out)
    if any(r.status == VULNERABLE for r in rows):
        out.write("Upgrade each vulnerable distribution, or accept the risk in docs/security.md.\n")
        return 1
    return 0


_STATUS_ORDER = [VULNERABLE, NOT_COVERED, ACCEPTED, OK]


def main() -> int:
    try:
        distributions = locked_distributions()
    except (AuditImpossible, OSError) as error:
        sys.stdout.write(f"Dependency audit not done: {error}\n")
        return 2
    return run(
        distributions=distributions,
        source=PyPIAdvisories(),
        security_doc=SECURITY_DOC.read_text(encoding="utf-8"),
        today=date.today(),
        out=sys.stdout,
    )


if __name__ == "__main__":
    sys.exit(main())
