"""The lock files agree with pyproject.toml, so the build `make install` makes is the one declared."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
APP_LOCK = ROOT / "requirements" / "app.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+) \\$")


def pins(lock: Path) -> dict[str, str]:
    """Name to version, for every pin; each must be followed by at least one hash."""
    found = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        pin = PIN.match(line)
        if pin:
            assert lines[number + 1].strip().startswith("--hash=sha256:"), line
            found[canonicalize_name(pin["name"])] = pin["version"]
    return found


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"]]
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(
    ("lock", "extras"), [(APP_LOCK, ()), (DEV_LOCK, ("dev", "load"))], ids=["app", "dev"]
)
def test_every_declared_dependency_is_locked_at_a_version_its_range_allows(lock, extras):
    locked = pins(lock)
    for requirement in declared(*extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is declared but not in {lock.name}: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} in {lock.name} is outside {requirement}: run make lock"
        )


def test_the_development_lock_pins_the_app_exactly_as_production_does():
    app, dev = pins(APP_LOCK), pins(DEV_LOCK)
    assert {name: dev.get(name) for name in app} == app


def test_every_line_that_installs_something_is_a_hashed_pin():
    """No unpinned or editable requirement can slip in: pip would refuse it in hash mode anyway."""
    for lock in (APP_LOCK, DEV_LOCK):
        for line in lock.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith((" ", "#")):
                assert PIN.match(line), f"{lock.name}: {line}"
