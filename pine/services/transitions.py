"""Moving an application through the workflow: the one function every view and admin action calls."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.concurrency import changed_meanwhile, lock_unchanged
from pine.models import Application
from pine.services import ActionRefused, Conflict
from pine.services.events import notify
from pine.services.projects import project_create
from pine.workflow import Status
from pine.workflow.rules import require


def _changed(application: Application) -> Conflict:
    status = Status(application.status).label.lower()
    return changed_meanwhile("this application", f"Its status is now {status}.")


@transaction.atomic
def application_transition(
    *,
    application: Application,
    transition: str,
    user: User,
    message: str = "",
    seen_status: str | None = None,
) -> Application:
    """Make one workflow transition, as its entry in pine.workflow.TRANSITIONS says; record it
    and queue its emails with it.

    `seen_status` is the status the person saw when they chose the action (by default the
    status of `application` as loaded); if it has changed since, nothing happens.
    """
    # The status is the version an applicant or staff member saw.
    locked = lock_unchanged(
        Application.objects.select_related("call"),
        pk=application.pk,
        # None (a call from code) means the status as loaded; an empty one posted is stale.
        seen=application.status if seen_status is None else seen_status,
        version=lambda row: row.status,
        conflict=_changed,
    )
    t = require(user=user, subject=locked, transition=transition)
    message = message.strip()
    if t.message_required and not message:
        raise ActionRefused("Enter a reason. It is sent to the applicant.")
    from_status, locked.status = locked.status, t.target
    changed = ["status"]
    if t.stamps:
        setattr(locked, t.stamps, timezone.now())
        changed.append(t.stamps)
    locked.save(update_fields=changed)
    if t.creates_project:
        project_create(application=locked, user=user)  # in this transaction: both or neither
    notify(
        application=locked,
        actor=user,
        transition=transition,
        from_status=from_status,
        to_status=locked.status,
        message=message,
    )
    if application is not locked:
        application.refresh_from_db()  # so the caller's copy is not left stale
    return locked
