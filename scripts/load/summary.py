"""The summary `make load` prints: Markdown tables, so that a run's figures can go into the docs."""

import os
import sys
from datetime import date

from scripts.load import fault, report
from scripts.load.runs import Plan

KEPT = {True: "yes", False: "**NO**", None: ""}


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def finish(outdir, broken: list[str], *, failed: str, passed: str) -> int:
    """The run's last lines: where its records are, then what broke (exit 1) or that none did."""
    out(f"\nRecords and logs: {outdir}")
    if broken:
        out(f"\n{failed}:\n- " + "\n- ".join(broken))
        return 1
    out(f"\n{passed}")
    return 0


def summarise(
    *,
    conditions: str,
    loads: list[Plan],
    restart: Plan,
    results: dict[str, list[report.Request]],
    load_averages: dict[str, float],
    outage: fault.Outage,
    findings: list[fault.Finding],
) -> list[str]:
    """Print the tables, and return the promises broken (none when every one was kept)."""
    broken = []
    rows = []
    for run in [*loads, restart]:
        figures = report.figures(results[run.name])
        failed = figures.failed
        if run is restart:
            failed = [r for r in failed if not fault.during_outage(r, outage)]
        if failed:
            broken.append(f"{run.name}: {len(failed)} failed requests")
        rows.append(
            [
                run.name,
                *report.run_cells(run.users, figures, failed),
                f"{load_averages[run.name]:.1f}",
            ]
        )
    out(f"\nmake load, {date.today():%-d %B %Y}, {os.cpu_count()} cores: {conditions}\n")
    out(report.table(["run", *report.RUN_HEADERS, "load avg"], rows))
    out(
        f"\nErrors in the {restart.name} run leave out those during the outage (below). "
        "Load avg: the machine's 1-minute load average at the end of the run."
    )
    for run in [*loads, restart]:
        out(
            f"\n{run.name}, by request ({run.applicants} applicants, {run.staff} staff, "
            f"{run.public} public visitors):\n"
        )
        headers = ["request", "count", "p50 ms", "p95 ms", "p99 ms", "failed"]
        out(report.table(headers, report.by_name(results[run.name])))
        failed = report.figures(results[run.name]).failed
        if failed and run is not restart:
            out(f"\nFailed: {report.failures_in_words(failed)}")
    out("\nPostgreSQL restart and saved sections:\n")
    out(
        report.table(
            ["measure", "result", "promise", "kept"],
            [[f.measure, f.result, f.promise, KEPT[f.kept]] for f in findings],
        )
    )
    return broken + [f.measure for f in findings if f.kept is False]
