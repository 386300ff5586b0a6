"""Starting applications and saving sections: closed calls, references and concurrent edits."""

import threading

import pytest
from django.db import connection

from pine.models import SectionAnswer
from pine.services import ActionRefused
from pine.services.applications import SectionConflict, application_create, section_save
from pine.workflow import Status
from tests.accounts.factories import OrganisationFactory
from tests.pine.factories import (
    COMPLETE_ANSWERS,
    ApplicationFactory,
    CallFactory,
    ClosedCallFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def test_new_applications_get_the_next_reference_of_the_year():
    organisation = OrganisationFactory()
    user = member_of(organisation)
    call = CallFactory()
    first = application_create(call=call, organisation=organisation, user=user)
    second = application_create(call=call, organisation=organisation, user=user)
    assert first.reference.endswith("-0001")
    assert second.reference == first.reference[:-4] + "0002"
    assert first.status == Status.DRAFT


def test_closed_call_refuses_applications():
    organisation = OrganisationFactory()
    with pytest.raises(ActionRefused, match="not open"):
        application_create(
            call=ClosedCallFactory(), organisation=organisation, user=member_of(organisation)
        )


def test_only_members_can_start_an_application_for_an_organisation():
    other = member_of(OrganisationFactory())
    with pytest.raises(ActionRefused, match="belong to"):
        application_create(call=CallFactory(), organisation=OrganisationFactory(), user=other)


def test_saving_the_practice_names_the_application_and_sets_its_priorities(application, applicant):
    section_save(
        application=application,
        section="the-practice",
        answers=COMPLETE_ANSWERS["the-practice"],
        complete=True,
        user=applicant,
        version=0,
    )
    application.refresh_from_db()
    assert application.title == "Family Circles"
    assert list(application.priorities.values_list("slug", flat=True)) == [
        "risk-and-decision-making"
    ]
    row = SectionAnswer.objects.get()
    assert (row.progress, row.version) == (SectionAnswer.Progress.COMPLETED, 1)


def test_save_from_an_old_version_is_refused_and_keeps_the_newer_answers(application, applicant):
    kwargs = {
        "application": application,
        "section": "theory-of-change",
        "complete": False,
        "user": applicant,
    }
    section_save(answers={"outcomes": "First"}, version=0, **kwargs)
    with pytest.raises(SectionConflict) as refused:
        section_save(answers={"outcomes": "Second"}, version=0, **kwargs)
    assert refused.value.current.answers == {"outcomes": "First"}
    assert SectionAnswer.objects.get().answers == {"outcomes": "First"}


def test_submitted_application_cannot_be_edited(applicant):
    application = ApplicationFactory(
        status=Status.SUBMITTED, organisation=applicant.memberships.get().organisation
    )
    with pytest.raises(ActionRefused, match="cannot be changed"):
        section_save(
            application=application,
            section="declarations",
            answers={},
            complete=False,
            user=applicant,
            version=0,
        )


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)
@pytest.mark.django_db(transaction=True)
def test_two_members_saving_a_section_at_once_exactly_one_wins():
    application = ApplicationFactory()
    users = [member_of(application.organisation), member_of(application.organisation)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, text):
        barrier.wait()
        try:
            section_save(
                application=application,
                section="theory-of-change",
                answers={"outcomes": text},
                complete=False,
                user=user,
                version=0,
            )
            outcomes.append("saved")
        except SectionConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(u, f"From {n}")) for n, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert SectionAnswer.objects.get().version == 1
