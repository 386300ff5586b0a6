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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(packages: list[str]) -> dict[str, set[str]]:
    """Each of our modules (migrations aside) and the modules of ours it imports, anywhere in it."""
    modules = {
        _module_name(path): path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }

    def ours(name: str) -> str | None:
        parts = name.split(".")
        return next(
            (
                ".".join(parts[:n])
                for n in range(len(parts), 0, -1)
                if ".".join(parts[:n]) in modules
            ),
            None,
        )

    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {ours(alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found |= {ours(node.module), *(ours(f"{node.module}.{a.name}") for a in node.names)}
        graph[name] = found - {None, name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_one_that_imports_it_back():
    """Not even inside a function: a lazy import hiding a cycle counts as a cycle."""
    assert cycles(import_graph(sorted(OURS))) == []


def test_the_cycle_check_finds_a_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
