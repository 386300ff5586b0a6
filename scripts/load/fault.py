"""What the PostgreSQL restart in the middle of a run showed, against the service's promises."""

from collections import Counter
from dataclasses import dataclass

from scripts.load.report import Request, failures_in_words
from scripts.load.server import Poll

RECOVERY_SECONDS = 5.0


@dataclass(frozen=True)
class Outage:
    """Moments (time.time()) of the restart: stop asked, server down, start asked, answering again."""

    stop_asked: float
    down: float
    start_asked: float
    back: float


@dataclass(frozen=True)
class Finding:
    measure: str
    result: str
    promise: str
    kept: bool | None  # None: a figure with no promise attached


def _statuses(polls: list[Poll]) -> str:
    counts = Counter(str(p.status) if p.status else p.error for p in polls)
    return ", ".join(f"{status} ×{n}" for status, n in counts.most_common()) or "no answers"


def during_outage(request: Request, outage: Outage) -> bool:
    """Whether a request ended while the database was down, or in the recovery time after it.

    A request that fails later than that, wherever it started, means the service had not
    recovered within the time promised.
    """
    return outage.stop_asked <= request.end <= outage.back + RECOVERY_SECONDS


def analyse(outage: Outage, requests: list[Request], polls: list[Poll]) -> list[Finding]:
    findings = [
        Finding(
            "database down (stop asked → accepting connections again)",
            f"{outage.back - outage.stop_asked:.1f} s",
            "",
            None,
        ),
    ]
    # Checks a balancer made while the database was down (stopped, not yet accepting
    # connections): each should have answered 503.
    during = [p for p in polls if outage.down <= p.start < outage.back]
    findings.append(
        Finding(
            "/healthz checks made while the database was down",
            f"{len(during)}: {_statuses(during)}",
            "503 every time",
            bool(during) and all(p.status == 503 for p in during),
        )
    )
    if during:
        answered = [p for p in during if p.end <= outage.back]
        times = sorted(p.end - p.start for p in during)
        findings += [
            Finding("… answered before the database returned", _statuses(answered), "", None),
            Finding("… time to answer", f"{times[0]:.1f}–{times[-1]:.1f} s", "", None),
        ]
    recovered = [p for p in polls if p.end > outage.back and p.status == 200]
    first_ok = min((p.end for p in recovered), default=None)
    findings.append(
        Finding(
            "first /healthz 200 after the database returned",
            f"{first_ok - outage.back:.2f} s" if first_ok else "never",
            f"≤ {RECOVERY_SECONDS:.0f} s",
            first_ok is not None and first_ok - outage.back <= RECOVERY_SECONDS,
        )
    )
    late = [p for p in polls if p.end > outage.back + RECOVERY_SECONDS and p.status != 200]
    findings.append(
        Finding(
            f"/healthz answers other than 200 more than {RECOVERY_SECONDS:.0f} s after the return",
            _statuses(late) if late else "none",
            "none",
            not late,
        )
    )
    ok_after = [r.end for r in requests if r.end >= outage.back and not r.failed]
    first_page = min(ok_after, default=None)
    findings.append(
        Finding(
            "first page served after the database returned",
            f"{first_page - outage.back:.2f} s" if first_page else "never",
            f"≤ {RECOVERY_SECONDS:.0f} s",
            first_page is not None and first_page - outage.back <= RECOVERY_SECONDS,
        )
    )
    failed_after = [r.end for r in requests if r.failed and r.end >= outage.back]
    findings.append(
        Finding(
            "last failed request ended, after the database returned",
            f"{max(failed_after) - outage.back:.2f} s" if failed_after else "none failed after",
            "",
            None,
        )
    )
    expected = [r for r in requests if r.failed and during_outage(r, outage)]
    findings.append(
        Finding(
            "requests failed during the outage (expected)",
            f"{len(expected)}: {failures_in_words(expected)}",
            "",
            None,
        )
    )
    outside = [r for r in requests if r.failed and not during_outage(r, outage)]
    findings.append(
        Finding(
            f"requests failed before the stop, or more than {RECOVERY_SECONDS:.0f} s after the return",
            f"{len(outside)}: {failures_in_words(outside)}" if outside else "0",
            "0",
            not outside,
        )
    )
    return findings
