"""Dependencies run one way, as docs/architecture.md draws them; a stray import fails here.

`config` wires everything together and may import any app; nothing imports `config`. `core` is
what every app is built with, and imports none of them. Imports inside functions count too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"config", "core", "accounts", "evidence_store", "pine", "movement"}
MAY_USE = {
    "core": set(),
    "accounts": {"core"},
    "evidence_store": {"core"},
    "pine": {"core", "accounts", "evidence_store"},
    "movement": {"core", "accounts", "evidence_store", "pine"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OURS


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(p for p in MAY_USE if (ROOT / p).is_dir()))
def test_each_package_imports_only_the_ones_below_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) - MAY_USE[package] - {package})
        for path in modules_of(package)
    }
    assert {module: used for module, used in wrong.items() if used} == {}


def test_the_rule_catches_an_upward_import(tmp_path):
    stray = tmp_path / "views.py"
    stray.write_text("def f():\n    from pine.models import Project\n    import config.settings\n")
    assert imported_packages(stray) == {"pine", "config"}
