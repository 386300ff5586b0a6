"""Checks that every section save the server acknowledged is in the database after the runs.

Each applicant is the only writer of its own application, and each save of a section adds one
line (its marker) to the text it saved before, so an acknowledged save is lost exactly when its
marker is missing from what the database holds now. Import this module once Django is set up.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from pine.models import SectionAnswer
from scripts.load.fault import Finding


@dataclass
class SaveCheck:
    before: float  # the moment of the fault (PostgreSQL stopped, or a server killed)
    acknowledged: int = 0
    verified: int = 0
    acknowledged_before: int = 0
    verified_before: int = 0
    unknown: int = 0  # sent, but the answer never came (an error, or the run ended)
    lost: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)


def read_saves(paths: list[Path]) -> list[dict]:
    saves = []
    for path in paths:
        if path.exists():
            saves += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return saves


def verify(saves: list[dict], *, before: float) -> SaveCheck:
    """Re-read every section that was saved, and look for every acknowledged save in it."""
    check = SaveCheck(before)
    sections: dict[tuple[str, str], list[dict]] = {}
    for save in saves:
        sections.setdefault((save["reference"], save["section"]), []).append(save)
    stored = {
        (reference, section): answers
        for reference, section, answers in SectionAnswer.objects.filter(
            application__reference__in={reference for reference, _ in sections}
        ).values_list("application__reference", "section", "answers")
    }
    for key, records in sections.items():
        field_name = records[0]["field"]
        # The form strips surrounding white space, as it does for a person's answers.
        text = stored.get(key, {}).get(field_name, "").strip()
        lines = set(text.splitlines())
        acknowledged = [r for r in records if r["outcome"] == "acknowledged"]
        answered = {r["marker"] for r in records if r["outcome"] != "sent"}
        check.unknown += sum(r["outcome"] == "unknown" for r in records)
        check.unknown += sum(
            r["outcome"] == "sent" and r["marker"] not in answered for r in records
        )
        for save in acknowledged:
            found = f"{save['marker']}." in lines
            check.acknowledged += 1
            check.verified += found
            if save["answered"] < before:
                check.acknowledged_before += 1
                check.verified_before += found
            if not found:
                check.lost.append(f"{key[0]} {key[1]}: {save['marker']}")
        # What is stored must be one of the texts sent: the last acknowledged one, or one sent
        # after it whose answer was lost (it may have been saved before the connection broke).
        last = max((i for i, r in enumerate(records) if r["outcome"] == "acknowledged"), default=-1)
        possible = {r["content"].strip() for r in records[last + 1 :] if r["outcome"] == "sent"}
        possible.add(records[last]["content"].strip() if last >= 0 else "")
        if text not in possible:
            check.unexplained.append(f"{key[0]} {key[1]}: stored text matches no save sent")
    return check


def findings(check: SaveCheck, event: str = "the restart") -> list[Finding]:
    after, verified_after = (
        check.acknowledged - check.acknowledged_before,
        check.verified - check.verified_before,
    )
    problems = check.lost + check.unexplained
    listed = "; ".join(problems[:5])
    return [
        Finding(
            f"section saves acknowledged before {event}, found afterwards",
            f"{check.verified_before:,} of {check.acknowledged_before:,}",
            "all, and more than 0",
            check.acknowledged_before > 0 and check.verified_before == check.acknowledged_before,
        ),
        Finding(
            f"section saves acknowledged after {event}, found afterwards",
            f"{verified_after:,} of {after:,}",
            "all",
            verified_after == after,
        ),
        Finding(
            "acknowledged saves lost, or stored text that was never sent",
            f"{len(problems)}{': ' + listed if listed else ''}",
            "0",
            not problems,
        ),
        Finding(
            "section saves sent with no answer (outcome unknown)", str(check.unknown), "", None
        ),
    ]
