"""The gaps in the evidence an application names: which it may name, how they are saved, and
where staff see them (the application's admin page and the CSV export)."""

import csv
import io

import pytest
from django.core.management.color import no_style

from accounts import demo as accounts_demo
from evidence_store import demo as evidence_demo
from evidence_store.ratings import Strength
from pine import demo as pine_demo
from pine.models import Application, ApplicationGap, Priority
from pine.named_gaps import gap_choices, gap_key, parse_gap_key, priority_pairs
from pine.sections import BY_SLUG
from pine.services.applications import SectionConflict, section_save
from pine.workflow import Status
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
)
from tests.pine.factories import ApplicationFactory, CallFactory, member_of

pytestmark = pytest.mark.django_db
LEARNING = "what-you-want-to-learn"


def _priority(slug: str, topics=(), outcomes=()) -> Priority:
    priority = Priority.objects.create(name=slug.replace("-", " ").title(), slug=slug)
    priority.topics.set(topics)
    priority.outcomes.set(outcomes)
    return priority


@pytest.fixture
def world():
    """Two topics and two outcomes. The call seeks one priority, covering both outcomes in
    the first topic; one of those cells has moderate evidence, so only the other is a gap."""
    (t1, t2), (o1, o2) = TopicFactory.create_batch(2), OutcomeFactory.create_batch(2)
    sought = _priority("sought", topics=[t1], outcomes=[o1, o2])
    _priority("elsewhere", topics=[t2], outcomes=[o1])
    OutcomeRatingFactory(
        intervention=InterventionFactory(topics=[t1]), outcome=o2, strength=Strength.MODERATE
    )
    call = CallFactory()
    call.priorities.set([sought])
    application = ApplicationFactory(call=call)
    return {"t1": t1, "t2": t2, "o1": o1, "o2": o2, "call": call, "application": application}


def _save(application, keys, *, version=0, user=None):
    return section_save(
        application=application,
        section=LEARNING,
        answers={"questions": "Does it work?", "gaps": keys},
        complete=False,
        user=user or member_of(application.organisation),
        version=version,
    )


def test_a_priority_covers_its_outcomes_in_its_topics_or_all_of_one_side_when_the_other_is_empty():
    (t1, t2), (o1, o2) = TopicFactory.create_batch(2), OutcomeFactory.create_batch(2)
    _priority("both", topics=[t1], outcomes=[o1])
    _priority("outcomes-only", outcomes=[o2])
    _priority("topics-only", topics=[t2])
    _priority("neither")

    def pairs(*slugs):
        return priority_pairs(Priority.objects.filter(slug__in=slugs))

    assert pairs("both") == {(t1.pk, o1.pk)}
    assert pairs("outcomes-only") == {(t1.pk, o2.pk), (t2.pk, o2.pk)}
    assert pairs("topics-only") == {(t2.pk, o1.pk), (t2.pk, o2.pk)}
    assert pairs("neither") == frozenset()


def test_an_application_may_name_only_the_gaps_inside_its_calls_priorities(world):
    choices = gap_choices(world["application"])

    expected = f"{world['t1'].name}: {world['o1'].name}"
    assert choices == [(gap_key(world["t1"].pk, world["o1"].pk), expected)]


def test_a_call_that_names_no_priorities_offers_the_gaps_of_every_priority(world):
    world["call"].priorities.clear()

    keys = {key for key, _ in gap_choices(world["application"])}

    assert keys == {
        gap_key(world["t1"].pk, world["o1"].pk),
        gap_key(world["t2"].pk, world["o1"].pk),
    }


@pytest.mark.parametrize("value", ["", "3", "3-", "-3", "a-b", "3-4-5", "1234567890-1", " 3-4"])
def test_a_key_that_names_no_pair_is_refused(value):
    assert parse_gap_key(value) is None


def test_saving_the_section_records_the_gaps_inside_the_call_once_each(world):
    inside = gap_key(world["t1"].pk, world["o1"].pk)
    outside = gap_key(world["t2"].pk, world["o1"].pk)

    row = _save(world["application"], [inside, outside, inside, "nonsense"])

    assert row.answers["gaps"] == [inside]
    named = ApplicationGap.objects.get()
    assert (named.application, named.topic, named.outcome) == (
        world["application"],
        world["t1"],
        world["o1"],
    )


def test_saving_again_replaces_the_gaps_named_before(world):
    _save(world["application"], [gap_key(world["t1"].pk, world["o1"].pk)])

    row = _save(world["application"], [], version=1)

    assert "gaps" not in row.answers
    assert not ApplicationGap.objects.exists()


def test_a_save_from_an_old_version_leaves_the_named_gaps_alone(world):
    key = gap_key(world["t1"].pk, world["o1"].pk)
    _save(world["application"], [key])

    with pytest.raises(SectionConflict):
        _save(world["application"], [], version=0)

    assert ApplicationGap.objects.count() == 1


def test_check_your_answers_names_each_gap_by_its_topic_and_outcome(world):
    key = gap_key(world["t1"].pk, world["o1"].pk)

    summary = BY_SLUG[LEARNING].form.summary({"gaps": [key, "999999-1"]})

    answers = {name: answer for name, _, answer in summary}
    assert answers["gaps"] == f"{world['t1'].name}: {world['o1'].name}"


def test_the_admin_page_shows_the_named_gaps_each_leading_to_the_applications_naming_it(
    client, settings, world, pine_manager
):
    settings.STAFF_MFA_REQUIRED = False
    key = gap_key(world["t1"].pk, world["o1"].pk)
    _save(world["application"], [key])
    client.force_login(pine_manager)

    response = client.get(f"/admin/pine/application/{world['application'].pk}/change/")

    page = response.content.decode()
    assert "Gaps in the evidence it would help fill" in page
    assert f'href="/admin/pine/application/?gap={key}"' in page
    assert f"{world['t1'].name}: {world['o1'].name}" in page


def test_the_export_lists_the_named_gaps_in_one_column(client, settings, world, pine_manager):
    settings.STAFF_MFA_REQUIRED = False
    _save(world["application"], [gap_key(world["t1"].pk, world["o1"].pk)])
    ApplicationFactory()  # names none
    client.force_login(pine_manager)

    response = client.post("/admin/pine/application/export/", {})

    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    by_reference = {row["reference"]: row["evidence_gaps"] for row in rows}
    assert by_reference[world["application"].reference] == (
        f"{world['t1'].name}: {world['o1'].name}"
    )
    assert sorted(by_reference.values()) == ["", f"{world['t1'].name}: {world['o1'].name}"]


def test_the_demo_application_under_review_names_gaps_inside_the_open_call(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    for loader in [accounts_demo.load, evidence_demo.load, pine_demo.load, pine_demo.load]:
        loader(stdout=io.StringIO(), style=no_style())

    submitted = Application.objects.get(status=Status.SUBMITTED, title="Edge of Care Outreach")
    named = list(submitted.gaps.select_related("topic", "outcome"))
    offered = dict(gap_choices(submitted))
    assert named and all(gap_key(g.topic_id, g.outcome_id) in offered for g in named)
    answers = submitted.answers.get(section=LEARNING).answers
    assert set(answers["gaps"]) == {gap_key(g.topic_id, g.outcome_id) for g in named}


def test_check_your_answers_leaves_out_the_gap_question_when_none_is_named():
    summary = BY_SLUG[LEARNING].form.summary({"questions": "Does it work?"})

    assert [name for name, _, _ in summary] == ["questions", "use_of_findings"]
