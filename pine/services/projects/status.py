"""A project's status: paused, resumed, withdrawn or completed, as pine.workflow.projects says."""

from django.db import transaction

from pine.models import Project
from pine.services import Conflict
from pine.services.projects.common import record_event, start_next
from pine.workflow.rules import require


@transaction.atomic
def project_transition(
    *, project: Project, transition: str, user, text: str = "", seen_version: int | None = None
) -> Project:
    """Change the project's status with a reason, recorded as an event; resuming starts the next
    stage if none is under way."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(
            "Someone else changed this project since you opened it. Nothing was changed: check "
            "it and try again."
        )
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
