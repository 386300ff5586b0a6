"""Figures from the load generator's records (throughput, latency percentiles, errors) as tables."""

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Request:
    start: float
    ms: float
    name: str
    status: int
    error: str

    @property
    def end(self) -> float:
        return self.start + self.ms / 1000

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def what_failed(self) -> str:
        return f"HTTP {self.status}" if self.status else self.error.split("(")[0].strip()


def read_requests(path: Path) -> list[Request]:
    if not path.exists():
        return []
    requests = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        requests.append(
            Request(row["t"], row["ms"], row["name"], row["status"], row.get("error", ""))
        )
    return sorted(requests, key=lambda r: r.start)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Figures:
    requests: int
    seconds: float
    per_second: float
    p50: float
    p95: float
    p99: float
    failed: list[Request]


def figures(requests: list[Request]) -> Figures:
    if not requests:
        return Figures(0, 0.0, 0.0, 0.0, 0.0, 0.0, [])
    seconds = max(r.end for r in requests) - min(r.start for r in requests)
    times = [r.ms for r in requests]
    return Figures(
        requests=len(requests),
        seconds=seconds,
        per_second=len(requests) / seconds if seconds else 0.0,
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
        failed=[r for r in requests if r.failed],
    )


def failures_in_words(failed: list[Request]) -> str:
    """How many failed, in what way, and where most often, in one line."""
    if not failed:
        return "none"
    parts = []
    for what, count in Counter(r.what_failed for r in failed).most_common():
        names = Counter(r.name for r in failed if r.what_failed == what).most_common(3)
        where = ", ".join(f"{name} ×{n}" for name, n in names)
        parts.append(f"{what} ×{count} ({where})")
    return "; ".join(parts)


def by_name(requests: list[Request]) -> list[list[str]]:
    """One row per kind of request: count, p50, p95, p99 and failures."""
    rows = []
    for name in sorted({r.name for r in requests}):
        some = [r for r in requests if r.name == name]
        times = [r.ms for r in some]
        rows.append(
            [
                name,
                f"{len(some):,}",
                ms(percentile(times, 0.50)),
                ms(percentile(times, 0.95)),
                ms(percentile(times, 0.99)),
                str(sum(r.failed for r in some)),
            ]
        )
    return rows


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


# The columns every run's row starts with, in both kinds of `make load`.
RUN_HEADERS = ["users", "s", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"]


def run_cells(users: int, figures: Figures, failed: list[Request]) -> list[str]:
    """One run's cells under RUN_HEADERS; `failed` are the failures that count against it."""
    return [
        str(users),
        f"{figures.seconds:.0f}",
        f"{figures.requests:,}",
        f"{figures.per_second:.1f}",
        ms(figures.p50),
        ms(figures.p95),
        ms(figures.p99),
        str(len(failed)),
    ]


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, so that the printed summary can go into docs/quality.md as it is."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    numeric = [
        all(str(row[i]).replace(",", "").replace(".", "").isdigit() for row in rows) and rows
        for i in range(len(headers))
    ]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if num else ("-" * (w + 2))
            for w, num in zip(widths, numeric, strict=True)
        )
        + "|",
    ]
    for row in rows:
        cells = [
            str(c).rjust(w) if num else str(c).ljust(w)
            for c, w, num in zip(row, widths, numeric, strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
