"""Moving an application through the workflow: the one function every view and admin action calls."""

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from accounts.models import Membership
from pine.models import Application, SectionAnswer
from pine.sections import SECTIONS
from pine.services import ActionRefused, Conflict
from pine.services.notifications import notify
from pine.services.projects import project_create
from pine.workflow import STAFF_GROUPS, TRANSITIONS, Actor, Status, Transition


def actors_for(*, user, application: Application) -> set[str]:
    """Which workflow actors this person is for this application."""
    if not user.is_authenticated or not user.is_active:
        return set()
    roles = set()
    if Membership.objects.filter(user=user, organisation=application.organisation_id).exists():
        roles.add(Actor.APPLICANT)
    if user.is_staff:
        groups = set(user.groups.values_list("name", flat=True))
        roles |= {
            actor for actor, group in STAFF_GROUPS.items() if user.is_superuser or group in groups
        }
    return roles


def incomplete_sections(application: Application) -> list[str]:
    done = set(
        SectionAnswer.objects.filter(
            application=application, progress=SectionAnswer.Progress.COMPLETED
        ).values_list("section", flat=True)
    )
    return [s.title for s in SECTIONS if s.slug not in done]


def transition_refusal(*, application: Application, transition: str, user) -> str | None:
    """Why this person cannot make this transition now, or None if they can."""
    t = TRANSITIONS.get(transition)
    if t is None:
        return "That is not something that can be done to an application."
    if application.status not in t.sources:
        return (
            f"You cannot {t.staff_label.lower()} an application whose status is "
            f"{Status(application.status).label.lower()}."
        )
    if not actors_for(user=user, application=application) & set(t.actors):
        who = " or ".join(Actor(a).label for a in t.actors)
        return f"Only {who} can {t.staff_label.lower()} this application."
    if transition in ("submit", "resubmit"):
        missing = incomplete_sections(application)
        if missing:
            return (
                "Complete every section before you submit. Not completed: "
                + ", ".join(missing)
                + "."
            )
    if transition == "submit" and not application.call.is_open:
        closed = timezone.localtime(application.call.closes_at)
        return f"{application.call} closed on {closed:%-d %B %Y}, so the application cannot be submitted."
    return None


def transitions_for(*, application: Application, user) -> list[Transition]:
    """The transitions the workflow offers this person now (conditions are checked on use)."""
    roles = actors_for(user=user, application=application)
    return [
        t for t in TRANSITIONS.values() if application.status in t.sources and roles & set(t.actors)
    ]


def _conflict(status: str) -> Conflict:
    return Conflict(
        "Someone else changed this application while you were looking at it. Its status is now "
        f"{Status(status).label.lower()}. Nothing was changed: check it and try again."
    )


@transaction.atomic
def application_transition(
    *,
    application: Application,
    transition: str,
    user,
    message: str = "",
    seen_status: str | None = None,
) -> Application:
    """Make one workflow transition, record it and notify after commit.

    `seen_status` is the status the person saw when they chose the action (by default the
    status of `application` as loaded); if it has changed since, nothing happens.
    """
    locked = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if locked.status != (seen_status or application.status):
        raise _conflict(locked.status)
    refusal = transition_refusal(application=locked, transition=transition, user=user)
    if refusal:
        raise ActionRefused(refusal)
    t = TRANSITIONS[transition]
    message = message.strip()
    if t.message_required and not message:
        raise ActionRefused("Enter a reason. It is sent to the applicant.")
    from_status = locked.status
    getattr(locked, transition)()
    if transition == "submit":
        locked.submitted_at = timezone.now()
    if t.target in (Status.ACCEPTED, Status.DECLINED):
        locked.decided_at = timezone.now()
    try:
        locked.save()
    except ConcurrentTransition:
        raise _conflict(Application.objects.get(pk=locked.pk).status) from None
    if transition == "accept":
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
