"""Run the housekeeping (core/housekeeping.py): queue again the emails whose task was lost, and
delete expired sessions, finished tasks and old emails.

A systemd timer runs it every 15 minutes (docs/deployment.md). It is safe to run again, and
twice at once. It prints one line per job with its count, and exits non-zero if a job failed (the others
still run).
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from core import housekeeping

logger = logging.getLogger(__name__)

JOBS = [
    ("Emails whose task was lost queued again", housekeeping.emails_requeue_stranded),
    ("Expired sessions deleted", housekeeping.sessions_delete_expired),
    ("Finished tasks deleted", housekeeping.tasks_delete_finished),
    ("Emails older than 90 days deleted", housekeeping.emails_delete_old),
]


class Command(BaseCommand):
    help = (
        "Queue again the emails whose task was lost; delete expired sessions, finished tasks "
        "and old emails. Safe to run twice at once."
    )

    def handle(self, *args, **options) -> None:
        failed = []
        for label, job in JOBS:
            try:
                count = job()
            except Exception:
                logger.exception("Housekeeping job failed", extra={"job": label})
                self.stderr.write(f"{label}: failed (the error is in the log)")
                failed.append(label)
                continue
            self.stdout.write(f"{label}: {count}")
        if failed:
            raise CommandError(f"{len(failed)} housekeeping jobs failed. The others ran.")
