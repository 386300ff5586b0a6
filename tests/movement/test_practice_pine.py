"""Putting a practice test forward to PINE: PINE's own services start a draft application for
the author's organisation, with the idea carried into the sections it answers."""

from unittest import mock

import pytest

from movement.models import Finding, Post
from movement.services import ActionRefused
from movement.services.practice_pine import practice_test_put_forward
from pine.models import Application, SectionAnswer
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory, OrganisationFactory
from tests.movement.factories import PracticeTestFactory
from tests.pine.factories import CallFactory, ClosedCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return CallFactory()


def authored():
    practice_test = PracticeTestFactory()
    organisation = MembershipFactory(user=practice_test.author).organisation
    return practice_test, organisation


def test_it_starts_a_draft_with_the_idea_in_the_right_sections(call):
    practice_test, organisation = authored()
    Finding.objects.create(
        practice_test=practice_test, author=practice_test.author, result="helped",
        reflection="Most children said more.", state=Post.State.APPROVED,
    )  # fmt: skip
    application = practice_test_put_forward(
        practice_test=practice_test, user=practice_test.author, organisation=organisation
    )
    assert (application.status, application.organisation, application.call) == (
        Status.DRAFT, organisation, call,
    )  # fmt: skip
    assert application.title == practice_test.title
    answers = {row.section: row for row in SectionAnswer.objects.filter(application=application)}
    assert answers["the-practice"].answers["description"] == practice_test.what_we_will_try
    assert answers["theory-of-change"].answers["outcomes"] == practice_test.expected_change
    assert (
        "It seemed to help. Most children said more."
        in (answers["evidence-so-far"].answers["previous_evaluation"])
    )
    assert all(row.progress == SectionAnswer.Progress.IN_PROGRESS for row in answers.values())
    practice_test.refresh_from_db()
    assert practice_test.put_forward_as == application


def test_it_goes_through_pines_own_services(call):
    practice_test, organisation = authored()
    with (
        mock.patch(
            "movement.services.practice_pine.application_create", wraps=__import__(
                "pine.services.applications", fromlist=["application_create"]
            ).application_create,
        ) as create,
        mock.patch(
            "movement.services.practice_pine.section_save", wraps=__import__(
                "pine.services.applications", fromlist=["section_save"]
            ).section_save,
        ) as save,
    ):  # fmt: skip
        practice_test_put_forward(
            practice_test=practice_test, user=practice_test.author, organisation=organisation
        )
    assert create.call_count == 1
    assert save.call_count == 3


def test_only_the_author_can_put_it_forward_and_only_once(call):
    practice_test, organisation = authored()
    other = MembershipFactory(organisation=organisation).user
    with pytest.raises(ActionRefused, match="Only the author"):
        practice_test_put_forward(
            practice_test=practice_test, user=other, organisation=organisation
        )
    practice_test_put_forward(
        practice_test=practice_test, user=practice_test.author, organisation=organisation
    )
    with pytest.raises(ActionRefused, match="already been put forward"):
        practice_test_put_forward(
            practice_test=practice_test, user=practice_test.author, organisation=organisation
        )
    assert Application.objects.count() == 1


def test_it_needs_an_open_call_and_one_of_the_authors_organisations():
    ClosedCallFactory()
    practice_test, organisation = authored()
    with pytest.raises(ActionRefused, match="no call open"):
        practice_test_put_forward(
            practice_test=practice_test, user=practice_test.author, organisation=organisation
        )
    CallFactory()
    with pytest.raises(ActionRefused, match="organisation you belong to"):
        practice_test_put_forward(
            practice_test=practice_test, user=practice_test.author,
            organisation=OrganisationFactory(),
        )  # fmt: skip
    assert not Application.objects.exists()
