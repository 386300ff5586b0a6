"""The practice network's demo content: illustrative practice tests, labelled as such and linked
to the demo interventions, with updates, a finding, replies and people trying them; one reply
waiting for a moderator and one reported; loaded twice without duplicates; only in DEBUG."""

import io

import pytest
from django.core.management.color import no_style

from evidence_store import demo as evidence_demo
from evidence_store.models import Intervention
from movement import demo_practice, practice_link
from movement.models import (
    Finding,
    Follow,
    Member,
    ModerationStep,
    Post,
    PracticeTest,
    PracticeUpdate,
    Reply,
    Trial,
)
from movement.moderation_queue import held_entries, report_entries
from movement.personal_patterns import personal_details_in
from movement.services.moderation import FIRST_POST, has_published
from movement.services.practice import TEST_FIELDS

pytestmark = pytest.mark.django_db
State = Post.State
MODELS = [PracticeTest, PracticeUpdate, Finding, Reply, Trial, Follow, Member, ModerationStep]


def _load(settings, debug: bool = True) -> str:
    settings.DEBUG = debug
    out = io.StringIO()
    for loader in (evidence_demo.load, demo_practice.load):
        loader(stdout=out, style=no_style())
    return out.getvalue()


def _state() -> dict:
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_the_demo_tests_are_illustrative_and_say_so(settings):
    out = _load(settings)
    tests = list(PracticeTest.objects.all())
    assert len(tests) == 3
    assert "Practice network: 3 illustrative practice tests (3 new)" in out
    for practice_test in tests:
        assert practice_test.illustrative
        assert practice_test.title.startswith("Illustrative example: ")
        assert "illustrative example" in practice_test.what_we_will_try
        assert practice_test.is_visible and practice_test.checklist_confirmed_at is not None


def test_each_demo_test_draws_on_demo_interventions_and_shows_on_their_pages(settings):
    _load(settings)
    for practice_test in PracticeTest.objects.all():
        assert practice_test.interventions.exists()
        assert practice_test.outcomes.exists() and practice_test.topics.exists()
    link = practice_link.practice_tests_link(Intervention.objects.get(slug="signs-of-safety"))
    assert link.heading == "Practitioners testing this in practice (1)"


def test_the_demo_has_updates_a_finding_replies_and_people_trying_it(settings):
    _load(settings)
    finished = PracticeTest.objects.get(finding__isnull=False)
    assert finished.finding.is_visible and finished.finding.result == "helped"
    assert finished.updates.visible().count() == 2
    assert finished.replies.visible().count() == 2
    assert finished.trials.count() == 2
    assert finished.trials.exclude(result="").visible().count() == 1
    assert Reply.objects.visible().count() == 4
    # Everyone trying a test follows it, as "I'm trying this too" does, and so does each author.
    for practice_test in PracticeTest.objects.all():
        followers = set(practice_test.follows.values_list("user_id", flat=True))
        assert {
            practice_test.author_id,
            *practice_test.trials.values_list("author_id", flat=True),
        } == followers


def test_the_demo_gives_moderators_a_held_reply_and_an_open_report(settings):
    _load(settings)
    [held] = held_entries()
    assert held.kind == "reply" and held.post.held_because == FIRST_POST
    assert not has_published(held.post.author)  # as the rule would have held it
    assert ModerationStep.objects.get(post_id=held.post.pk, kind="reply").action == "held"
    [reported] = report_entries()
    assert reported.post.is_visible
    assert reported.reports[0].reason == "This might identify the team that the carers work with."


def test_the_demo_posts_hold_nothing_that_looks_like_personal_details(settings):
    _load(settings)
    texts = [getattr(t, name) for t in PracticeTest.objects.all() for name in TEST_FIELDS[:-1]]
    texts += list(PracticeUpdate.objects.values_list("body", flat=True))
    texts += list(Reply.objects.values_list("body", flat=True))
    texts += list(Finding.objects.values_list("reflection", flat=True))
    texts += list(Trial.objects.values_list("reflection", flat=True))
    for text in texts:
        assert personal_details_in(text) == [], text


def test_the_authors_show_their_example_names_and_roles(settings):
    _load(settings)
    for member in Member.objects.select_related("user"):
        assert member.display_name.startswith("Example Practitioner ")
        assert member.role == member.user.job_title
        assert not member.user.has_usable_password()


def test_loading_twice_adds_nothing(settings):
    _load(settings)
    before = _state()
    out = _load(settings)
    assert _state() == before
    assert "(0 new)" in out


def test_loading_again_refreshes_a_tests_words_and_keeps_its_posts(settings):
    _load(settings)
    practice_test = PracticeTest.objects.get(finding__isnull=False)
    PracticeTest.objects.filter(pk=practice_test.pk).update(why="Changed by hand.")
    before = _state()
    _load(settings)
    practice_test.refresh_from_db()
    assert practice_test.why.startswith("Signs of Safety puts the child's voice")
    assert _state() == before


def test_without_debug_no_tests_or_people_are_made(settings):
    out = _load(settings, debug=False)
    assert PracticeTest.objects.count() == 0 and Member.objects.count() == 0
    assert "only made when DEBUG=true; none made" in out
