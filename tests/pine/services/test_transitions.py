"""application_transition: every allowed and refused transition, who may act, emails and conflicts."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from pine.models import Application, Event
from pine.services import ActionRefused, Conflict
from pine.services.transitions import application_transition
from pine.workflow import TRANSITIONS, Actor, Status
from tests.pine.factories import (
    ApplicationFactory,
    ClosedCallFactory,
    complete_sections,
    manager,
    member_of,
    reviewer,
)

pytestmark = pytest.mark.django_db

ALLOWED = [(name, source) for name, t in TRANSITIONS.items() for source in t.sources]
REFUSED = [
    (name, status)
    for name, t in TRANSITIONS.items()
    for status in Status
    if status not in t.sources
]


def _actor_for(t, application):
    if Actor.APPLICANT in t.actors:
        return member_of(application.organisation)
    if Actor.REVIEWER in t.actors:
        return reviewer(totp=False)
    return manager(totp=False)


def _ready(status: str) -> Application:
    application = ApplicationFactory(status=status)
    complete_sections(application)
    return application


@pytest.mark.parametrize(("name", "source"), ALLOWED)
def test_allowed_transition_moves_and_records_an_event(
    name, source, django_capture_on_commit_callbacks
):
    t = TRANSITIONS[name]
    application = _ready(source)
    user = _actor_for(t, application)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition=name, user=user, message="Because."
        )
    application.refresh_from_db()
    assert application.status == t.target
    event = application.events.get()
    assert (event.actor, event.from_status, event.to_status, event.message) == (
        user,
        source,
        t.target,
        "Because.",
    )


@pytest.mark.parametrize(("name", "status"), REFUSED)
def test_transition_from_the_wrong_status_is_refused_and_changes_nothing(name, status):
    t = TRANSITIONS[name]
    application = _ready(status)
    with pytest.raises(ActionRefused, match="You cannot"):
        application_transition(
            application=application, transition=name, user=_actor_for(t, application), message="x"
        )
    application.refresh_from_db()
    assert application.status == status
    assert not Event.objects.exists()


@pytest.mark.parametrize("name", TRANSITIONS)
def test_people_the_workflow_does_not_name_are_told_who_can_act(name):
    t = TRANSITIONS[name]
    application = _ready(t.sources[0])
    others = []
    if Actor.APPLICANT not in t.actors:
        others.append(member_of(application.organisation))
    if Actor.REVIEWER not in t.actors:
        others.append(reviewer(totp=False))
    if Actor.MANAGER not in t.actors:
        others.append(manager(totp=False))
    others.append(member_of(ApplicationFactory().organisation))  # another organisation
    for user in others:
        with pytest.raises(ActionRefused, match=r"^Only "):
            application_transition(application=application, transition=name, user=user, message="x")
    application.refresh_from_db()
    assert application.status == t.sources[0]


def test_submission_needs_every_section_complete():
    application = ApplicationFactory()
    with pytest.raises(ActionRefused, match=r"Complete every section.*Theory of change"):
        application_transition(
            application=application, transition="submit", user=member_of(application.organisation)
        )
    assert Application.objects.get().status == Status.DRAFT


def test_closed_call_refuses_a_submission():
    application = ApplicationFactory(call=ClosedCallFactory())
    complete_sections(application)
    with pytest.raises(ActionRefused, match="closed on"):
        application_transition(
            application=application, transition="submit", user=member_of(application.organisation)
        )


def test_decision_needs_a_reason(pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    with pytest.raises(ActionRefused, match="Enter a reason"):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="  "
        )
    assert Application.objects.get().status == Status.CONSULTATION


def test_submission_emails_the_applicants_and_staff_after_commit(
    django_capture_on_commit_callbacks,
):
    application = _ready(Status.DRAFT)
    applicant = member_of(application.organisation)
    staff = manager(totp=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_transition(application=application, transition="submit", user=applicant)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([applicant.email, staff.email])


def test_decision_email_carries_the_reason(django_capture_on_commit_callbacks, pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    applicant = member_of(application.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application,
            transition="decline",
            user=pine_manager,
            message="Not a fit this year.",
        )
    (email,) = mail.outbox
    assert email.to == [applicant.email]
    assert "Not a fit this year." in email.body


def test_no_email_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    member_of(application.organisation)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )
        raise RuntimeError("something later failed")
    assert mail.outbox == []
    assert Application.objects.get().status == Status.CONSULTATION
    assert not Event.objects.exists()


def test_failed_email_keeps_the_decision_and_waits_to_be_sent_again(
    django_capture_on_commit_callbacks, pine_manager, settings
):
    from core.email_delivery import send_again
    from core.models import OutboundEmail
    from core.task_backends import run_due_tasks

    application = ApplicationFactory(status=Status.CONSULTATION)
    member_of(application.organisation)
    settings.EMAIL_BACKEND = "tests.pine.failing_email.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )
    assert Application.objects.get().status == Status.ACCEPTED
    event = Event.objects.get()
    (waiting,) = OutboundEmail.objects.filter(about__event=event.pk)
    assert (waiting.status, waiting.attempts) == ("queued", 1)  # tried again later by itself
    OutboundEmail.objects.update(status="failed")  # as after its last attempt
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_again(OutboundEmail.objects.all()) == 1 and run_due_tasks() == 1
    assert len(mail.outbox) == 1


def test_stale_page_gets_a_conflict_not_an_overwrite(pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    application_transition(
        application=application, transition="accept", user=pine_manager, message="Yes."
    )
    with pytest.raises(Conflict, match="Someone else changed this application"):
        application_transition(
            application=application,
            transition="decline",
            user=manager(totp=False),
            message="No.",
            seen_status=Status.CONSULTATION,
        )
    assert Application.objects.get().status == Status.ACCEPTED


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)
@pytest.mark.django_db(transaction=True)
def test_two_managers_deciding_at_once_exactly_one_wins():
    application = ApplicationFactory(status=Status.CONSULTATION)
    managers = [manager(totp=False), manager(totp=False)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, name):
        stale = Application.objects.get(pk=application.pk)
        barrier.wait()
        try:
            application_transition(application=stale, transition=name, user=user, message="Reason.")
            outcomes.append("won")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(managers[0], "accept")),
        threading.Thread(target=decide, args=(managers[1], "decline")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "won"]
    assert Event.objects.count() == 1
    assert Application.objects.get().status == Event.objects.get().to_status


def test_email_subjects_are_plain_text_not_html_escaped(django_capture_on_commit_callbacks):
    application = _ready(Status.DRAFT)
    application.organisation.name = "Children's Trust & Partners"
    application.organisation.save()
    applicant = member_of(application.organisation)
    manager(totp=False)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition="submit", user=applicant)
    subjects = [m.subject for m in mail.outbox]
    assert any("Children's Trust & Partners" in s for s in subjects), subjects
    assert not any("&amp;" in s or "&#x27;" in s for s in subjects)


def test_emails_quote_the_names_applicants_chose_and_say_why_they_were_sent(
    django_capture_on_commit_callbacks, settings
):
    application = _ready(Status.DRAFT)
    application.organisation.name = "Warrington"
    application.organisation.save()
    applicant = member_of(application.organisation)
    applicant.full_name = "Sam Jones"
    applicant.save()
    manager(totp=False)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, transition="submit", user=applicant)
    by_audience = {m.to[0] == applicant.email: m for m in mail.outbox}
    to_applicant, to_staff = by_audience[True], by_audience[False]
    assert "We have received “Warrington”'s application" in to_applicant.body
    assert "you are a member of “Warrington”" in to_applicant.body
    assert "“Sam Jones” sent its application" in to_applicant.body
    assert to_staff.subject.startswith("“Warrington” has submitted a PINE application (")
    assert (
        "you are PINE staff, and “Sam Jones” of “Warrington” sent the application" in to_staff.body
    )
    for message in mail.outbox:
        assert f"tell us at {settings.CONTACT_EMAIL}" in message.body
