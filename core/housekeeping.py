"""The daily clean-up: expired sessions, the task queue's finished tasks, and old emails.

Each job is one DELETE of rows past their time, so it is safe to run again and twice at once:
a second run, or one overlapping it, finds nothing left to delete.
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import OutboundEmail

# A sent or failed email's record (its addressee, subject and dates; a sent one's text is gone
# already) is kept this long for staff to check delivery, then deleted.
EMAILS_KEPT_FOR = timedelta(days=90)
# Finished tasks are the queue's own record; the outbox is the one staff read.
TASKS_KEPT_FOR = timedelta(days=7)


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
