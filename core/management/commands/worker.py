"""`manage.py worker`: django-tasks' database worker, stopping gracefully on every signal.

django-tasks-db's own `db_worker` exits at once on SIGTERM when it is not running a task, and
that includes the moment after it has committed its claim on the next task and before it starts
it: the task is then left "running" for good, and its email is never sent (django-tasks-db#61;
found by the two-server run in docs/quality.md). Here the first SIGTERM or Ctrl+C only asks the
loop to stop: a task claimed is run first, and a sleeping worker stops when it wakes, within
`--interval`. A second signal stops it at once, as before.
"""

import logging
import signal

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)


class GracefulWorker(db_worker.Worker):
    def shutdown(self, signum, frame) -> None:
        if not self.running:  # the second signal
            super().shutdown(signum, frame)
            return
        logger.warning(
            "Received %s: stopping once the task in hand, if any, is done",
            signal.strsignal(signum),
        )
        self.running = False


class Command(db_worker.Command):
    help = (
        "Run the worker that sends queued emails. SIGTERM stops it once the task in hand is "
        "done; a second signal stops it at once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=db_worker.valid_interval,
            default=1,
            help="Seconds to wait when the queue is empty (default: %(default)r).",
        )
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then exit.")

    def handle(self, *, verbosity: int, interval: float, batch: bool, **options) -> None:
        self.configure_logging(verbosity)
        worker = GracefulWorker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=True,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
