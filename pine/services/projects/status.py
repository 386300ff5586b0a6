"""A project's status: paused, resumed, withdrawn or completed, as pine.workflow.projects says."""

from django.db import transaction

from accounts.models import User
from core.concurrency import changed_meanwhile, lock_unchanged
from pine.models import Project
from pine.services import Conflict
from pine.services.projects.progress import record_event, start_next
from pine.workflow.rules import require


def _changed(project: Project) -> Conflict:
    return changed_meanwhile("this project")


@transaction.atomic
def project_transition(
    *,
    project: Project,
    transition: str,
    user: User,
    text: str = "",
    seen_version: int | None = None,
) -> Project:
    """Change the project's status with a reason, recorded as an event; resuming starts the next
    stage if none is under way."""
    locked = lock_unchanged(Project.objects, pk=project.pk, seen=seen_version, conflict=_changed)
    t = require(user=user, subject=locked, transition=transition, text=text)
    text = text.strip()
    before = locked.get_status_display()
    locked.status = t.target
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    change = f"{before} to {locked.get_status_display().lower()}."
    record_event(locked, t.event, user=user, message=f"{change} {text}".strip())
    if t.starts_next:
        start_next(locked, user=user)
    return locked
