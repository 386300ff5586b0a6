"""The question in "What you want to learn" that names the gaps in the evidence an evaluation
would help fill: offered as checkboxes, saved with the section, shown on check your answers."""

import pytest

from pine.models import ApplicationGap, Priority
from pine.named_gaps import gap_key
from tests.evidence_store.factories import OutcomeFactory, TopicFactory
from tests.pine.factories import ApplicationFactory, CallFactory, member_of

pytestmark = pytest.mark.django_db
QUESTION = "Which gaps in the evidence would your evaluation help fill?"


@pytest.fixture
def gap():
    """A topic and an outcome that no intervention has evidence on, inside the call's priority."""
    topic, outcome = TopicFactory(name="Child protection"), OutcomeFactory(name="Entry into care")
    priority = Priority.objects.create(name="Risk", slug="risk")
    priority.topics.set([topic])
    priority.outcomes.set([outcome])
    return priority, topic, outcome


@pytest.fixture
def application(gap):
    call = CallFactory()
    call.priorities.set([gap[0]])
    return ApplicationFactory(call=call)


@pytest.fixture
def signed_in(client, application):
    client.force_login(member_of(application.organisation))
    return client


@pytest.fixture
def url(application):
    return f"/pine/applications/{application.reference}/what-you-want-to-learn/"


def test_the_section_offers_each_gap_inside_the_calls_priorities_as_a_checkbox(signed_in, url):
    page = signed_in.get(url).content.decode()

    assert QUESTION in page
    assert 'type="checkbox"' in page and 'name="gaps"' in page
    assert "Child protection: Entry into care" in page


def test_the_question_is_not_asked_when_the_calls_priorities_hold_no_gap(signed_in, url, gap):
    gap[0].topics.clear()
    gap[0].outcomes.clear()

    page = signed_in.get(url).content.decode()

    assert QUESTION not in page


def test_completing_the_section_saves_the_gaps_and_check_your_answers_shows_them(
    signed_in, url, application, gap
):
    _, topic, outcome = gap
    response = signed_in.post(
        url,
        {
            "version": "0",
            "action": "complete",
            "questions": "Does it work?",
            "use_of_findings": "Decide.",
            "gaps": [gap_key(topic.pk, outcome.pk)],
        },
    )

    assert response.status_code == 302
    assert ApplicationGap.objects.filter(application=application, topic=topic).exists()
    page = signed_in.get(f"{application.get_absolute_url()}submit/").content.decode()
    assert QUESTION in page and "Child protection: Entry into care" in page


def test_the_section_can_be_completed_without_naming_a_gap(signed_in, url, application):
    response = signed_in.post(
        url,
        {"version": "0", "action": "complete", "questions": "Q", "use_of_findings": "U"},
    )

    assert response.status_code == 302
    assert application.answers.get().progress == "completed"
    assert not ApplicationGap.objects.exists()


@pytest.mark.parametrize("posted", ["999999-999999", "not-a-gap", "1" * 40])
def test_a_gap_not_offered_gets_an_error_beside_the_question_and_keeps_the_answers(
    signed_in, url, posted
):
    response = signed_in.post(
        url, {"version": "0", "action": "save", "questions": "Kept words", "gaps": [posted]}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Select gaps in the evidence from the list." in page
    assert "Kept words" in page
    assert not ApplicationGap.objects.exists()
