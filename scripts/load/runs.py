"""Runs of the load generator: who takes part, and Locust started in a process of its own."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.load import report

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


@dataclass(frozen=True)
class Plan:
    """One run: its name, how many users and of which kinds, and for how long."""

    name: str
    users: int
    seconds: int
    applicants: int
    staff: int

    @property
    def public(self) -> int:
        return self.users - self.applicants - self.staff


def plan(name: str, users: int, seconds: int) -> Plan:
    """Three users in ten are applicants and one is staff; the rest browse the public pages."""
    return Plan(name, users, seconds, max(1, round(users * 0.3)), max(1, round(users * 0.1)))


def locust_config(
    run: Plan, *, origin: str, think: str, max_requests: int, accounts: dict, site: dict, **counts
) -> dict:
    """What the locustfile reads: the run's accounts, the pages to visit, and who takes part."""
    return {
        "run": run.name,
        "origin": origin,
        "think": [float(x) for x in think.split(",")],
        "counts": {"applicant": run.applicants, "staff": run.staff, **counts},
        "max_requests": max_requests,
        **accounts[run.name],
        **site,
    }


class Run:
    """Locust, headless, driving `url` with `plan` for its length; it stops by itself."""

    def __init__(self, plan: Plan, url: str, outdir: Path, config: dict) -> None:
        self.plan = plan
        self.directory = outdir / plan.name
        self.directory.mkdir(parents=True)
        (self.directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
        env = {
            **os.environ,
            "LOAD_CONFIG": str(self.directory / "config.json"),
            "LOAD_OUTPUT": str(self.directory),
        }
        command = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
            "--host", url, "--users", str(plan.users), "--spawn-rate", str(max(1, plan.users // 5)),
            # Users finish the action they are in (up to 10 s) rather than being cut off.
            "--run-time", f"{plan.seconds}s", "--stop-timeout", "10",
            # Failures are counted from the records, not from Locust's exit code.
            "--exit-code-on-error", "0", "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        with (self.directory / "locust.log").open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - Locust from this virtualenv
                command, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def finish(self) -> list[report.Request]:
        """Wait for the run to end, and return every request it made."""
        try:
            code = self.process.wait(timeout=self.plan.seconds + 120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        if code != 0:
            raise RuntimeError(f"Locust failed (exit {code}); see {self.directory / 'locust.log'}")
        # The machine is shared: the load average over the last minute says how busy it was.
        self.load_average = os.getloadavg()[0]
        return report.read_requests(self.directory / "requests.jsonl")

    def stop(self) -> None:
        """End the run early (when the script itself is stopped or fails)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    @property
    def saves(self) -> Path:
        return self.directory / "saves.jsonl"
