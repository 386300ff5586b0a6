"""May this person do this, here and now, and if not, why: the one answer that services, views,
the admin and templates all read.

`refusal` says why a person may not make a transition now (None when they may); `choices` lists
the transitions the person is offered now. Both take an application, a project's stage or a
project, and read its table in pine.workflow.
"""

from django.utils import timezone

from accounts.models import Membership, User
from pine.workflow.applications import STAFF_GROUPS, TRANSITIONS, Actor, Status
from pine.workflow.projects import PROJECT_TRANSITIONS, ProjectStatus
from pine.workflow.stages import STAGE_TRANSITIONS, StageActor, StageStatus


def is_partner(user: User, project) -> bool:
    """Whether this person belongs to the project's organisation."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=project.organisation_id).exists()
    )


def can_sign_off(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm("pine.sign_off_projectstage")
    )


def can_change_project(user: User) -> bool:
    return bool(user.is_authenticated and user.is_staff and user.has_perm("pine.change_project"))


def can_upload(user: User, project) -> bool:
    if project.status == ProjectStatus.WITHDRAWN:
        return False
    staff = user.is_authenticated and user.is_staff and user.has_perm("pine.add_document")
    return staff or is_partner(user, project)


def application_actors(*, user: User, application) -> set[str]:
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


def stage_actors(*, user: User, stage) -> set[str]:
    roles = {StageActor.MANAGER} if can_sign_off(user) else set()
    return roles | ({StageActor.PARTNER} if is_partner(user, stage.project) else set())


def incomplete_sections(application) -> list[str]:
    from pine.models import SectionAnswer
    from pine.sections import SECTIONS

    done = set(
        SectionAnswer.objects.filter(
            application=application, progress=SectionAnswer.Progress.COMPLETED
        ).values_list("section", flat=True)
    )
    return [s.title for s in SECTIONS if s.slug not in done]


def _application_refusal(user: User, application, name: str) -> str | None:
    t = TRANSITIONS.get(name)
    if t is None:
        return "That is not something that can be done to an application."
    if application.status not in t.sources:
        return (
            f"You cannot {t.staff_label.lower()} an application whose status is "
            f"{Status(application.status).label.lower()}."
        )
    if not application_actors(user=user, application=application) & set(t.actors):
        who = " or ".join(Actor(a).label for a in t.actors)
        return f"Only {who} can {t.staff_label.lower()} this application."
    if t.needs_complete_sections and (missing := incomplete_sections(application)):
        return (
            "Complete every section before you submit. Not completed: " + ", ".join(missing) + "."
        )
    if t.needs_open_call and not application.call.is_open:
        closed = timezone.localtime(application.call.closes_at)
        return f"{application.call} closed on {closed:%-d %B %Y}, so the application cannot be submitted."
    return None


def _stage_refusal(user: User, stage, name: str) -> str | None:
    t = STAGE_TRANSITIONS.get(name)
    if t is None:
        return "That is not something that can be done to a stage."
    if not stage_actors(user=user, stage=stage) & set(t.actors):
        return f"Only {' or '.join(StageActor(a).label for a in t.actors)} can {t.does}."
    project = stage.project
    if t.needs_active_project and project.status != ProjectStatus.ACTIVE:
        status = project.get_status_display().lower()
        return f"The project is {status}, so stages cannot be {t.done}."
    if stage.status not in t.sources:
        return t.refused_status.format(status=StageStatus(stage.status).label.lower())
    return None


def _project_refusal(user: User, project, name: str) -> str | None:
    t = PROJECT_TRANSITIONS.get(name)
    if t is None:
        return "That is not something that can be done to a project."
    if not can_change_project(user):
        return f"Only PINE programme managers can {t.does}."
    if project.status not in t.sources:
        return f"The project is {project.get_status_display().lower()}, so it cannot be {t.done}."
    return None


def _workflow(subject):
    from pine.models import Application, Project, ProjectStage

    if isinstance(subject, Application):
        return TRANSITIONS, _application_refusal
    if isinstance(subject, ProjectStage):
        return STAGE_TRANSITIONS, _stage_refusal
    if isinstance(subject, Project):
        return PROJECT_TRANSITIONS, _project_refusal
    raise TypeError(f"No workflow for {type(subject).__name__}")


def refusal(*, user: User, subject, transition: str) -> str | None:
    """Why this person may not make this transition now, in words they can act on; None if they may."""
    _table, refuse = _workflow(subject)
    return refuse(user, subject, transition)


def require(*, user: User, subject, transition: str, text: str = ""):
    """The table's entry for this transition, once the person may make it with these words;
    otherwise ActionRefused, saying why."""
    from pine.services import ActionRefused

    table, refuse = _workflow(subject)
    refused = refuse(user, subject, transition)
    if refused:
        raise ActionRefused(refused)
    entry = table[transition]
    if getattr(entry, "text", "") == "required" and not text.strip():
        raise ActionRefused(entry.text_missing)
    return entry


def choices(*, user: User, subject, page: str = "") -> list:
    """The transitions this person may make now. For stages, `page` picks the ones a page offers
    ("admin" or "workspace")."""
    table, refuse = _workflow(subject)
    return [
        t
        for t in table.values()
        if (not page or getattr(t, "page", page) == page) and refuse(user, subject, t.name) is None
    ]
