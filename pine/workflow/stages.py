"""The workflow of a project's stage as plain data: marked ready by the partner, then signed off,
returned, skipped or restored by a programme manager.

pine.services.projects.stages.stage_transition makes every one of these, and
pine.workflow.rules says who may make which, and why not.
"""

from dataclasses import dataclass, field

from django.db import models


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
    COMPLETE = "complete", "Complete"
    SKIPPED = "skipped", "Skipped"


DONE = (StageStatus.COMPLETE, StageStatus.SKIPPED)
UNDER_WAY = (StageStatus.IN_PROGRESS, StageStatus.AWAITING_SIGN_OFF)


class StageActor(models.TextChoices):
    PARTNER = "partner", "members of the partner organisation"
    MANAGER = "manager", "PINE programme managers"


# What a transition writes on the stage besides its status: the field, and what goes in it.
NOW, NOW_IF_UNSET, USER, TEXT, BLANK = "now", "now_if_unset", "user", "text", "blank"


@dataclass(frozen=True)
class StageTransition:
    name: str
    sources: tuple[str, ...]
    target: str
    actors: tuple[str, ...]
    label: str  # the button
    done: str  # "The stage has been …"
    event: str  # the ProjectEvent kind it records
    does: str  # "Only … can <does>."
    refused_status: str  # why not, in this status ({status})
    sets: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the words it asks for: "" none, "optional" or "required"
    text_label: str = ""
    text_missing: str = ""  # the error when required words are missing
    starts_next: bool = False  # then start the next stage, if none is under way
    needs_active_project: bool = False
    page: str = "admin"  # where it is offered: the admin, or the partner's workspace


S, A = StageStatus, StageActor
NOT_DONE = (S.NOT_STARTED, S.IN_PROGRESS, S.AWAITING_SIGN_OFF)
STAGE_TRANSITIONS: dict[str, StageTransition] = {
    t.name: t
    for t in [
        StageTransition("mark_ready", (S.IN_PROGRESS,), S.AWAITING_SIGN_OFF, (A.PARTNER, A.MANAGER), "Mark as ready for sign-off", "marked as ready for sign-off", "stage_ready", "mark a stage as ready", "This stage is {status}, so it cannot be marked as ready. Only a stage in progress can be.", sets={"ready_at": NOW, "ready_by": USER, "started_at": NOW_IF_UNSET}, needs_active_project=True, page="workspace"),
        StageTransition("sign_off", (S.AWAITING_SIGN_OFF,), S.COMPLETE, (A.MANAGER,), "Sign off", "signed off", "stage_signed_off", "sign off a stage", "This stage is {status}, not awaiting sign-off.", sets={"signed_off_by": USER, "signed_off_at": NOW, "returned_comment": BLANK}, text="optional", text_label="Comment for the partner (optional: it goes in the email to them)", starts_next=True),
        StageTransition("return", (S.AWAITING_SIGN_OFF,), S.IN_PROGRESS, (A.MANAGER,), "Return to the partner", "returned to the partner", "stage_returned", "return a stage", "This stage is {status}, not awaiting sign-off.", sets={"returned_comment": TEXT}, text="required", text_label="What still needs to be done (this is emailed to the partner)", text_missing="Say what still needs to be done. It is sent to the partner."),
        StageTransition("skip", NOT_DONE, S.SKIPPED, (A.MANAGER,), "Skip stage", "skipped", "stage_skipped", "skip a stage", "This stage is already {status}.", sets={"returned_comment": BLANK}, text="optional", text_label="Why this project does not need the stage (optional, for the history)", starts_next=True),
        StageTransition("restore", (S.SKIPPED,), S.NOT_STARTED, (A.MANAGER,), "Restore stage", "restored", "stage_restored", "restore a stage", "Only a skipped stage can be restored.", starts_next=True),
    ]
}  # fmt: skip
