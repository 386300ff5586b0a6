"""What PyPI's JSON API says of a release's known vulnerabilities (OSV advisories), for
tools/audit_dependencies.py."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

PYPI = "https://pypi.org/pypi"
TIMEOUT_SECONDS = 20


class AuditImpossible(Exception):
    """The audit could not be made: the advisory source or the accepted list is unusable."""


@dataclass(frozen=True)
class Advisory:
    id: str
    aliases: tuple[str, ...] = ()
    fixed_in: tuple[str, ...] = ()

    @property
    def names(self) -> set[str]:
        return {self.id, *self.aliases}


@dataclass(frozen=True)
class Lookup:
    """What the source knows: `covered` when the advisories describe the installed release."""

    advisories: tuple[Advisory, ...]
    covered: bool
    newest: str = ""
    on_pypi: bool = True
    newest_in_series: str = ""  # the newest final release with the installed major.minor


class AdvisorySource(Protocol):
    def lookup(self, name: str, version: str) -> Lookup: ...


Fetch = Callable[[str], "dict | None"]


def fetch_json(url: str) -> dict | None:
    """The JSON at `url`; None when it is not found. Anything else means PyPI is unreachable."""
    if not url.startswith(f"{PYPI}/"):
        raise ValueError(f"only PyPI is asked: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise AuditImpossible(f"{url} answered {error.code}") from error
    except (OSError, ValueError) as error:
        raise AuditImpossible(f"{url} could not be read: {error}") from error


def _advisories(records: Iterable[dict]) -> tuple[Advisory, ...]:
    return tuple(
        Advisory(
            id=record["id"],
            aliases=tuple(record.get("aliases") or ()),
            fixed_in=tuple(record.get("fixed_in") or ()),
        )
        for record in records
        if not record.get("withdrawn")
    )


class PyPIAdvisories:
    """PyPI's JSON API: a release's own record, else the project's (its newest release)."""

    def __init__(self, fetch: Fetch = fetch_json) -> None:
        self.fetch = fetch

    def lookup(self, name: str, version: str) -> Lookup:
        name = _canonical(name)
        release = self.fetch(f"{PYPI}/{name}/{version}/json")
        if release is not None:
            return Lookup(
                _advisories(release.get("vulnerabilities", [])),
                covered=True,
                newest=version,
            )
        project = self.fetch(f"{PYPI}/{name}/json")
        if project is None:
            return Lookup((), covered=False, on_pypi=False)
        newest = project["info"]["version"]
        return Lookup(
            _advisories(project.get("vulnerabilities", [])),
            covered=newest == version,
            newest=newest,
            newest_in_series=_newest_in_series(version, project.get("releases", {})),
        )


def _newest_in_series(version: str, releases: Iterable[str]) -> str:
    """The newest final release sharing the version's major.minor, e.g. 5.2.19 for 5.2.8."""
    series = version.split(".")[:2]
    same = [
        r for r in releases if r.split(".")[:2] == series and all(p.isdigit() for p in r.split("."))
    ]
    return max(same, key=lambda r: [int(p) for p in r.split(".")], default="")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
