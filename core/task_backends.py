"""The task queue the test suite runs on: django-tasks' database backend, as in production, with
each task run in the same process as soon as the transaction that queued it commits, as a
worker that is always free would run it. A task queued to run later waits in the table, for a
test to run with `run_due_tasks` or a real `worker`.

Production runs the plain database backend and `manage.py worker` (docs/deployment.md).
"""

from functools import partial

from django.db import transaction
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


class RunOnCommitBackend(DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        result = super().enqueue(task, args, kwargs)
        if task.run_after is None:
            transaction.on_commit(partial(run_due_tasks, self.alias, result.id))
        return result


def run_due_tasks(backend_name: str = "default", task_id=None) -> int:
    """Run the tasks that are due now (or the one given, if it is due) as `worker` does, one
    at a time, each claimed under a lock first; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        due = DBTaskResult.objects.ready().filter(backend_name=backend_name)
        if task_id is not None:
            due = due.filter(pk=task_id)
        with transaction.atomic():
            claimed = due.select_for_update(skip_locked=True).first()
            if claimed is not None:
                claimed.claim(worker.worker_id)
        if claimed is None:
            return ran
        worker.run_task(claimed)
        ran += 1
        if task_id is not None:
            return ran
