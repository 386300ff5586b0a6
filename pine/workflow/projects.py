"""The workflow of a project as plain data: paused, resumed, withdrawn or completed.

Programme managers make these with a reason, in the admin; publishing the evaluation report
completes a project. pine.services.projects.status.project_transition makes every one.
"""

from dataclasses import dataclass

from django.db import models


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


@dataclass(frozen=True)
class ProjectTransition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str  # the button
    done: str  # "The project has been …"
    does: str  # "Only … can <does>."
    text_label: str  # the reason asked for, kept in the project's history
    text: str = "required"
    text_missing: str = "Say why. It is kept in the project's history."
    starts_next: bool = False  # then start the next stage, if none is under way
    event: str = "status_changed"  # the ProjectEvent kind it records


S = ProjectStatus
PROJECT_TRANSITIONS: dict[str, ProjectTransition] = {
    t.name: t
    for t in [
        ProjectTransition("pause", (S.ACTIVE,), S.PAUSED, "Pause the project", "paused", "pause a project", "Why the project is pausing, and until when (for the history)"),
        ProjectTransition("resume", (S.PAUSED,), S.ACTIVE, "Resume the project", "resumed", "resume a project", "Why the project can carry on (for the history)", starts_next=True),
        ProjectTransition("withdraw", (S.ACTIVE, S.PAUSED), S.WITHDRAWN, "Withdraw the project", "withdrawn", "withdraw a project", "Why the partnership is ending (for the history)"),
        ProjectTransition("complete", (S.ACTIVE,), S.COMPLETED, "Mark the project complete", "marked complete", "complete a project", "Why it is complete without a published report (for the history)"),
    ]
}  # fmt: skip
