"""The authorisation matrix's tables read into rows: a path and each role's answer."""

from dataclasses import dataclass

from tests.security.matrix_fixtures import ROLES


@dataclass(frozen=True)
class Hidden:
    path: str
    words: str
    hidden_from: list[str]
    shown_to: list[str]

    def __str__(self) -> str:
        return f"{self.path} {self.words}"


def parse_hidden(table: str) -> list[Hidden]:
    def roles(cell: str) -> list[str]:
        names = {"all": ROLES, "-": []}.get(cell, cell.split(","))
        assert set(names) <= set(ROLES), cell
        return list(names)

    return [
        Hidden(path, words, roles(hidden_from), roles(shown_to))
        for line in table.splitlines()
        if line.strip() and not line.startswith("#")
        for path, words, hidden_from, shown_to in [line.split()]
    ]


@dataclass(frozen=True)
class Row:
    path: str  # with {placeholders}
    expected: dict[str, str]  # role -> answer

    def __str__(self) -> str:
        return self.path


def parse(table: str) -> list[Row]:
    rows = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path, *answers = line.split()
        assert len(answers) == len(ROLES), f"{path}: {len(answers)} answers for {len(ROLES)} roles"
        rows.append(Row(path, dict(zip(ROLES, answers, strict=True))))
    assert len({row.path for row in rows}) == len(rows), "a path has two rows"
    return rows
