"""Run the Movement's scheduled jobs: pass on expired offers, send reminders two days before,
and delete access and dietary needs 30 days after each event.

Cron or a systemd timer runs it every 15 minutes (docs/deployment.md). Each job is safe to run
again, and twice at once, so an overlapping or repeated run changes nothing twice.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError

from movement.services import scheduled, waiting_list

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    run: Callable[[], int]


# Offers first: the next person's time to accept starts when their offer is made. Each job
# calls its service when it runs, so it works from the time of that moment.
JOBS = [
    Job("offers", "Expired offers passed on", lambda: waiting_list.offers_expire()),
    Job("reminders", "Reminders sent", lambda: scheduled.reminders_send()),
    Job(
        "needs",
        "Registrations whose access and dietary needs were deleted",
        lambda: scheduled.needs_delete(),
    ),
]


class Command(BaseCommand):
    help = (
        "Run the Movement's scheduled jobs (expired offers, reminders, deleting access and "
        "dietary needs). Safe to run again, and twice at once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--only",
            action="append",
            choices=[job.name for job in JOBS],
            help="Run only this job (give it more than once for several).",
        )

    def handle(self, *args, only: list[str] | None = None, **options) -> None:
        failed = []
        for job in JOBS:
            if only and job.name not in only:
                continue
            # One job failing must not stop the others: each commits its own work.
            try:
                count = job.run()
            except Exception:
                logger.exception("Movement job failed", extra={"job": job.name})
                self.stderr.write(f"{job.label}: failed (the error is in the log)")
                failed.append(job.name)
                continue
            self.stdout.write(f"{job.label}: {count}")
        if failed:
            raise CommandError(
                f"{len(failed)} of the Movement's jobs failed: {', '.join(failed)}. The others ran."
            )
