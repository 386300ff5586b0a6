"""The one way PINE tells people something happened: record the event, and queue emails to the
people its kind concerns in the same transaction, through core.emails.

Each kind of event has one recipients rule: an application's transition says whether the
applicants and staff hear of it (pine.workflow), and a project event's kind names its audience
below. The emails go out once the change commits; a mail server outage only delays them
(core/email_delivery.py), and staff see them in the admin's list of emails.

Every email links to the pages it is about, on SITE_URL, and its replies go to the PINE team.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from accounts.models import User
from core.emails import Email, queue
from core.links import absolute_url
from pine.models import Application, Event, Project, ProjectEvent
from pine.workflow import STAFF_GROUPS, TRANSITIONS, Actor

Kind = ProjectEvent.Kind


def _members_of(organisation_id: int) -> models.QuerySet:
    return get_user_model().objects.filter(
        memberships__organisation=organisation_id, is_active=True
    )


def _staff_in(*groups: str) -> models.QuerySet:
    return (
        get_user_model()
        .objects.filter(groups__name__in=groups, is_active=True, is_staff=True)
        .distinct()
    )


# Who hears of each kind of project event; kinds not named here send no email.
PARTNER, MANAGERS = "partner", "managers"
PROJECT_AUDIENCE = {
    Kind.MEETING_SCHEDULED: PARTNER,
    Kind.MEETING_MOVED: PARTNER,
    Kind.STAGE_SIGNED_OFF: PARTNER,
    Kind.STAGE_RETURNED: PARTNER,
    Kind.STAGE_READY: MANAGERS,
}


def _reply_to() -> tuple[str, ...]:
    return (settings.PINE_TEAM_EMAIL,)


def _application_links(application: Application) -> dict:
    project = Project.objects.filter(application=application).first()
    admin_path = reverse("admin:pine_application_change", args=[application.pk])
    return {
        "application_url": absolute_url(application.get_absolute_url()),
        "project_url": absolute_url(project.get_absolute_url()) if project else "",
        "admin_url": absolute_url(admin_path),
    }


def _application_emails(event: Event) -> list[Email]:
    t = TRANSITIONS[event.transition]
    context = {
        "event": event,
        "application": event.application,
        "team_email": settings.PINE_TEAM_EMAIL,
        **_application_links(event.application),
    }
    audiences = []
    if t.email_applicant:
        audiences.append(("applicant", _members_of(event.application.organisation_id)))
    if t.email_staff:
        audiences.append(("staff", _staff_in(*STAFF_GROUPS.values())))
    return [
        Email(f"pine/email/{audience}", address, context, reply_to=_reply_to())
        for audience, people in audiences
        for address in people.values_list("email", flat=True)
    ]


def _stage_urls(project: Project) -> dict[int, str]:
    """Each stage's page for the partner; its number is its place in the project's order."""
    return {
        pk: absolute_url(
            reverse("pine:stage_detail", kwargs={"slug": project.slug, "number": number})
        )
        for number, pk in enumerate(project.stages.values_list("pk", flat=True), start=1)
    }


def _stage_admin_links(stage_pk: int) -> dict:
    def act(name: str) -> str:
        return absolute_url(reverse("admin:pine_projectstage_act", args=[stage_pk, name]))

    return {
        "admin_url": absolute_url(reverse("admin:pine_projectstage_change", args=[stage_pk])),
        "sign_off_url": act("sign_off"),
        "return_url": act("return"),
    }


def _project_emails(event: ProjectEvent) -> list[Email]:
    from pine.calendar import calendar_for

    audience = PROJECT_AUDIENCE[event.kind]
    people = (
        _members_of(event.project.organisation_id)
        if audience == PARTNER
        else _staff_in(STAFF_GROUPS[Actor.MANAGER])
    )
    stage_urls = _stage_urls(event.project)
    context = {
        "event": event,
        "project": event.project,
        "stage": event.stage,
        "stage_number": list(stage_urls).index(event.stage_id) + 1,
        "meeting": event.meeting,
        "to_partner": audience == PARTNER,
        "team_email": settings.PINE_TEAM_EMAIL,
        "stage_url": stage_urls[event.stage_id],
        "project_url": absolute_url(event.project.get_absolute_url()),
        **({} if audience == PARTNER else _stage_admin_links(event.stage_id)),
    }
    attachments = ()
    if event.meeting is not None:
        ics = calendar_for(event.project, [event.meeting], stage_urls=stage_urls)
        attachments = (("meeting.ics", ics, "text/calendar"),)
    return [
        Email("pine/email/project", address, context, attachments, reply_to=_reply_to())
        for address in people.values_list("email", flat=True)
    ]


def _queue(event: Event | ProjectEvent) -> None:
    """Queue the event's emails, one to each person it concerns."""
    if isinstance(event, Event):
        event = Event.objects.select_related(
            "application__organisation", "application__call", "actor"
        ).get(pk=event.pk)
        emails = _application_emails(event)
        about = {"event": event.pk, "application": event.application.reference}
    else:
        event = ProjectEvent.objects.select_related(
            "project__organisation", "stage", "meeting__stage", "actor"
        ).get(pk=event.pk)
        emails = _project_emails(event)
        about = {"project_event": event.pk, "project": event.project.slug}
    queue(emails, about=about)


def notify(
    *,
    application: Application,
    actor: User,
    transition: str,
    from_status: str,
    to_status: str,
    message: str = "",
) -> Event:
    """Record what happened to an application and, once it commits, email whom it concerns."""
    t = TRANSITIONS[transition]
    event = Event.objects.create(
        application=application,
        actor=actor,
        transition=transition,
        from_status=from_status,
        to_status=to_status,
        message=message,
        visible_to_applicant=t.visible_to_applicant,
    )
    if t.email_applicant or t.email_staff:
        _queue(event)
    return event


def queue_emails(event: ProjectEvent) -> None:
    """Queue a project event's emails, if its kind has any, with the change that caused it."""
    if event.kind in PROJECT_AUDIENCE:
        _queue(event)
