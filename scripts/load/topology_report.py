"""What the topology run showed: the killed server's cost to users, the emails against the
table, and the throughput with one server and with two, printed as Markdown tables.

Import this module once Django is set up: it reads the OutboundEmail table.
"""

import json
import os
import re
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from django_tasks_db.models import DBTaskResult

from core.models import OutboundEmail
from scripts.load import report
from scripts.load.fault import Finding
from scripts.load.runs import Plan
from scripts.load.summary import KEPT, out

DRAIN_SECONDS = 120  # how long the queue may take to empty once the load has stopped
AFTER_KILL_SECONDS = 5.0  # failures later than this after the kill are not the kill's


def email_findings(
    smtp, signups: Path, *, stopped: float, restarted: float, exit_code: int
) -> list[Finding]:
    """Wait for the queue to drain, then compare every OutboundEmail row with what arrived."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED).exists():
        if time.monotonic() > deadline:
            break
        time.sleep(1)
    rows = list(OutboundEmail.objects.values_list("message_id", "status", "to"))
    # A task claimed by a worker that then exited stays RUNNING: nothing runs it again.
    stranded = DBTaskResult.objects.filter(status="RUNNING").count()
    received = smtp.message_ids()
    ids = {message_id for message_id, _, _ in rows}
    not_sent = Counter(status for _, status, _ in rows if status != OutboundEmail.Status.SENT)
    lost = [message_id for message_id in ids if message_id not in received]
    twice = {message_id: n for message_id, n in received.items() if n > 1}
    strangers = [message_id for message_id in received if message_id not in ids]
    records = [json.loads(line) for line in signups.read_text(encoding="utf-8").splitlines()]
    signed_up = {r["email"] for r in records if r["acknowledged"]}
    queued_to = {to for _, _, to in rows}
    during = OutboundEmail.objects.filter(
        created_at__gte=_aware(stopped), created_at__lt=_aware(restarted)
    ).count()
    return [
        Finding(
            "email worker stopped with SIGTERM mid-run (exit code), then started again",
            f"exit {exit_code}",
            "",
            None,
        ),
        Finding(
            "emails queued in all / while the worker was stopped",
            f"{len(rows):,} / {during:,}",
            "more than 0 while stopped",
            during > 0,
        ),
        Finding(
            "sign-ups acknowledged with no email queued to their address",
            f"{len(signed_up - queued_to)} of {len(signed_up):,}",
            "0, of more than 0",
            bool(signed_up) and not signed_up - queued_to,
        ),
        Finding(
            "OutboundEmail rows not 'sent' once the queue drained",
            ", ".join(f"{status} ×{n}" for status, n in not_sent.items()) or "0",
            "0",
            not not_sent,
        ),
        Finding(
            "queue tasks still RUNNING once the queue drained (claimed, never finished)",
            str(stranded),
            "0",
            not stranded,
        ),
        Finding(
            "emails lost (a row whose Message-ID the SMTP server never received)",
            str(len(lost)),
            "0",
            not lost,
        ),
        Finding(
            "emails duplicated (a Message-ID received more than once)",
            f"{len(twice)}" + (f" ({sum(twice.values()):,} messages)" if twice else ""),
            "0",
            not twice,
        ),
        Finding(
            "messages received with no row in the table",
            str(len(strangers)),
            "0",
            not strangers,
        ),
    ]


def _aware(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, tz=UTC)


# haproxy's log line holds "feconn/beconn/srv_conn/retries" connection counts; a retry on the
# other server (redispatch) shows as "+N".
REDISPATCHED = re.compile(r" \d+/\d+/\d+/\d+/\+\d+ ")


def kill_findings(
    requests: list[report.Request],
    killed_at: float,
    processes: int,
    states: dict[str, str],
    haproxy_log: Path,
    log_offset: int,
    in_flight: int,
) -> list[Finding]:
    """What users saw when server A died: failures before, in the first seconds, and after."""
    before = [r for r in requests if r.failed and r.end < killed_at]
    window = killed_at + AFTER_KILL_SECONDS
    during = [r for r in requests if r.failed and killed_at <= r.end <= window]
    after = [r for r in requests if r.failed and r.end > window]
    served = [r for r in requests if not r.failed and r.end > killed_at]
    return [
        Finding(
            "server A killed (SIGKILL to gunicorn's master and workers)",
            f"{processes} processes, {in_flight} request(s) in progress on A; haproxy then saw "
            + ", ".join(f"{name} {state}" for name, state in sorted(states.items())),
            "A DOWN, B UP",
            states.get("a", "").startswith("DOWN") and states.get("b", "").startswith("UP"),
        ),
        Finding(
            "requests failed before the kill",
            f"{len(before)}: {report.failures_in_words(before)}" if before else "0",
            "0",
            not before,
        ),
        Finding(
            f"requests failed during the kill (ended within {AFTER_KILL_SECONDS:g} s of it)",
            f"{len(during)}: {report.failures_in_words(during)}" if during else "0",
            "",
            None,
        ),
        Finding(
            f"requests failed more than {AFTER_KILL_SECONDS:g} s after the kill",
            f"{len(after)}: {report.failures_in_words(after)}" if after else "0",
            "0",
            not after,
        ),
        Finding("requests served after the kill", f"{len(served):,}", "more than 0", bool(served)),
        Finding(
            "requests haproxy sent to B after a failed connection to A, from the kill on",
            str(len(REDISPATCHED.findall(_read_from(haproxy_log, log_offset)))),
            "",
            None,
        ),
    ]


def _read_from(path: Path, offset: int) -> str:
    with path.open("rb") as log:
        log.seek(offset)
        return log.read().decode("utf-8", errors="replace")


def summarise(
    *,
    conditions: str,
    throughput: list[Plan],
    results: dict[str, list[report.Request]],
    findings: list[Finding],
) -> list[str]:
    """Print the tables; return the checks that failed (none when all passed)."""
    out(f"\nmake load --topology, {date.today():%-d %B %Y}, {os.cpu_count()} cores: {conditions}\n")
    rows, rates, broken = [], {}, []
    for run in throughput:
        figures = report.figures(results[run.name])
        rates[run.name] = figures.per_second
        if figures.failed:
            broken.append(f"{run.name}: {len(figures.failed)} failed requests")
        rows.append([run.name, *report.run_cells(run.users, figures, figures.failed)])
    out(report.table(["run (through haproxy)", *report.RUN_HEADERS], rows))
    one, two = (rates[run.name] for run in throughput)
    out(f"\nThroughput, two servers ÷ one: {two / one:.2f}" if one else "\nNo throughput")
    for run in throughput:
        failed = report.figures(results[run.name]).failed
        if failed:
            out(f"\n{run.name} failed: {report.failures_in_words(failed)}")
    out("\nChecks:\n")
    out(
        report.table(
            ["check", "result", "expected", "passed"],
            [[f.measure, f.result, f.promise, KEPT[f.kept]] for f in findings],
        )
    )
    return broken + [f.measure for f in findings if f.kept is False]
