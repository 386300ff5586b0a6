"""The housekeeping run every 15 minutes: emails whose task was lost are queued again, and
expired sessions, the task queue's finished tasks and old emails are deleted.

Each deletion is one DELETE of rows past their time, so it is safe to run again and twice at
once: a second run, or one overlapping it, finds nothing left to delete. Queuing an email again
is safe too: its task locks the email and sends nothing if it was sent already.
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.email_delivery import deliver
from core.models import OutboundEmail

logger = logging.getLogger(__name__)
# Longer than any send takes (EMAIL_TIMEOUT is 30 s) and than the worker's backlog at this
# service's volume, so that an email being sent is never taken for lost.
STRANDED_AFTER = timedelta(minutes=10)

# A sent or failed email's record (its addressee, subject and dates; a sent one's text is gone
# already) is kept this long for staff to check delivery, then deleted.
EMAILS_KEPT_FOR = timedelta(days=90)
# Finished tasks are the queue's own record; the outbox is the one staff read.
TASKS_KEPT_FOR = timedelta(days=7)


def emails_requeue_stranded(*, now=None) -> int:
    """Queue a new task for each email still queued whose task is gone; returns how many.

    A worker that is stopped just after claiming a task, or killed while sending, leaves the
    task "running" for good, and nothing else would send its email. An email counts as stranded
    when it has been due for STRANDED_AFTER (since it was queued, or since its next attempt was
    due) and no task is waiting to send it.
    """
    now = now or timezone.now()
    cutoff = now - STRANDED_AFTER
    due_long_ago = OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True, created_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff)
    )
    waiting = {
        task["args"][0]
        for task in DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=deliver.module_path
        ).values_list("args_kwargs", flat=True)
    }
    stranded = [pk for pk in due_long_ago.values_list("pk", flat=True) if pk not in waiting]
    for pk in stranded:
        deliver.enqueue(pk)
    if stranded:
        logger.warning("Emails queued again: their task was lost", extra={"emails": stranded})
    return len(stranded)


def sessions_delete_expired() -> int:
    """Delete the sessions that have expired; returns how many there were."""
    engine = import_module(settings.SESSION_ENGINE)
    model = engine.SessionStore.get_model_class()
    deleted, _ = model.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def tasks_delete_finished(*, now=None) -> int:
    now = now or timezone.now()
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=now - TASKS_KEPT_FOR)
    deleted, _ = finished.delete()
    return deleted


def emails_delete_old(*, now=None) -> int:
    now = now or timezone.now()
    old = OutboundEmail.objects.exclude(status=OutboundEmail.Status.QUEUED).filter(
        created_at__lt=now - EMAILS_KEPT_FOR
    )
    deleted, _ = old.delete()
    return deleted
