"""The practice network's reading pages: the list with its search and filters, the Atom feed
of findings, and a test's own page, for anyone and for its author."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models.users import DELETED_USER_NAME
from movement.models import Post, Result
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.evidence_store.factories import InterventionFactory, TopicFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import (
    FindingFactory,
    ReplyFactory,
    TrialFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
State = Post.State
LIST = "/movement/practice/"


def test_the_list_shows_published_tests_only(client):
    PracticeTestFactory(title="Asking children first")
    PracticeTestFactory(title="A draft nobody sees", state=State.DRAFT, published_at=None)
    PracticeTestFactory(title="A held one", state=State.HELD, published_at=None)
    PracticeTestFactory(title="A hidden one", hidden_at=timezone.now())
    page = client.get(LIST).content.decode()
    assert "Asking children first" in page
    assert "1 practice test" in page
    for unseen in ("A draft nobody sees", "A held one", "A hidden one"):
        assert unseen not in page


def test_each_row_shows_author_status_result_tries_and_interventions(client):
    test = PracticeTestFactory(title="Family meetings at home")
    intervention = InterventionFactory(name="Family group conferencing")
    test.interventions.add(intervention)
    FindingFactory(practice_test=test, result=Result.DID_NOT)
    TrialFactory(practice_test=test)
    TrialFactory(practice_test=test)
    page = client.get(LIST).content.decode()
    assert test.author.movement_member.display_name in page
    assert "Finished" in page and "It did not seem to help" in page
    assert "2 other people are trying this" in page
    assert intervention.get_absolute_url() in page


def test_the_list_makes_the_same_queries_however_many_tests(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    test = PracticeTestFactory()
    test.interventions.add(InterventionFactory())
    FindingFactory(practice_test=test)
    few = queries()
    for _ in range(6):
        more = PracticeTestFactory(author=MembershipFactory().user)
        MemberFactory(user=more.author)
        more.interventions.add(InterventionFactory())
        TrialFactory(practice_test=more)
        FindingFactory(practice_test=more)
    assert queries() == few


def test_search_and_filters_live_in_the_url(client):
    topic = TopicFactory(slug="mental-health")
    matching = PracticeTestFactory(title="Walking meetings with teenagers")
    matching.topics.add(topic)
    FindingFactory(practice_test=matching, result=Result.HELPED)
    PracticeTestFactory(title="Walking meetings with parents")
    page = client.get(
        LIST, {"q": "walking", "topic": "mental-health", "status": "finished", "finding": "helped"}
    ).content.decode()
    assert "Walking meetings with teenagers" in page
    assert "Walking meetings with parents" not in page
    assert "1 practice test found" in page


def test_the_status_filter_separates_tests_being_tested_from_finished_ones(client):
    FindingFactory(practice_test=PracticeTestFactory(title="Finished one"))
    PracticeTestFactory(title="Still going")
    page = client.get(LIST, {"status": "testing"}).content.decode()
    assert "Still going" in page and "Finished one" not in page


def test_the_intervention_link_from_the_store_filters_the_list(client):
    intervention = InterventionFactory()
    linked = PracticeTestFactory(title="Linked to the store")
    linked.interventions.add(intervention)
    PracticeTestFactory(title="Not linked")
    page = client.get(LIST, {"intervention": intervention.slug}).content.decode()
    assert "Linked to the store" in page and "Not linked" not in page


def test_a_filter_value_that_is_not_a_choice_is_explained_and_left_out(client):
    PracticeTestFactory(title="Still listed")
    response = client.get(LIST, {"finding": "<b>nope</b>", "topic": "no-such-topic"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "“&lt;b&gt;nope&lt;/b&gt;” is not one of the findings." in page
    assert "Still listed" in page


def test_no_match_says_what_to_try(client):
    PracticeTestFactory()
    page = client.get(LIST, {"q": "xylophone"}).content.decode()
    assert "No practice tests match your search." in page


def test_an_empty_network_invites_the_first_post(client):
    page = client.get(LIST).content.decode()
    assert "Nobody has shared a practice test yet." in page


def test_the_list_pages_in_twenties(client):
    for n in range(21):
        PracticeTestFactory(title=f"Idea number {n:02}")
    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()
    assert first.count("Idea number") == 20 and second.count("Idea number") == 1
    assert 'rel="next"' in first


def test_the_feed_lists_new_findings_newest_first_on_site_url(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://evidence.example.org"
    older = FindingFactory(practice_test=PracticeTestFactory(title="Older idea"))
    older.published_at = timezone.now() - timezone.timedelta(days=2)
    older.save()
    trial = TrialFactory(
        practice_test=PracticeTestFactory(title="Newer idea"),
        result=Result.UNCLEAR,
        reflection="Hard to say after a month.",
    )
    FindingFactory(practice_test=PracticeTestFactory(title="Held idea"), state=State.HELD)
    response = client.get(reverse("movement:practice_feed"), HTTP_HOST="attacker.example")
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.index("Newer idea") < feed.index("Older idea")
    assert "Held idea" not in feed
    assert "attacker.example" not in feed
    assert f"https://evidence.example.org/movement/practice/{trial.practice_test.pk}/" in feed
    assert 'href="https://evidence.example.org/movement/practice/feed/"' in feed


def test_anyone_reads_a_published_test_with_its_posts(client):
    test = PracticeTestFactory(what_we_will_try="Ask the child **first**.")
    UpdateFactory(practice_test=test, body="Week two: going well.")
    FindingFactory(practice_test=test, reflection="It helped most with younger children.")
    ReplyFactory(practice_test=test, body="We saw the same in our team.")
    TrialFactory(
        practice_test=test, result=Result.HELPED, reflection="Worked for us too.",
        found_at=timezone.now(),
    )  # fmt: skip
    ReplyFactory(practice_test=test, body="A held reply", state=State.HELD)
    page = client.get(test.get_absolute_url()).content.decode()
    assert "Ask the child <strong>first</strong>." in page
    for shown in (
        "Week two: going well.",
        "It helped most with younger children.",
        "We saw the same in our team.",
        "Worked for us too.",
        "1 person is trying this",
    ):
        assert shown in page
    assert "A held reply" not in page


def test_markdown_in_a_post_is_sanitised(client):
    test = PracticeTestFactory(why="<script>alert(1)</script> [x](javascript:alert(1))")
    page = client.get(test.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page


def test_another_persons_draft_held_or_refused_test_is_404(client):
    for state in (State.DRAFT, State.HELD, State.REFUSED):
        test = PracticeTestFactory(state=state, published_at=None)
        client.force_login(UserFactory())
        assert client.get(test.get_absolute_url()).status_code == 404
        client.logout()
        assert client.get(test.get_absolute_url()).status_code == 404


def test_the_author_sees_why_their_test_waits_for_a_moderator(client):
    test = PracticeTestFactory(
        state=State.HELD, published_at=None, held_because="it is your first post; a phone number"
    )
    client.force_login(test.author)
    page = client.get(test.get_absolute_url()).content.decode()
    assert "Your practice test is waiting for a moderator" in page
    assert "<li>it is your first post</li>" in page and "<li>a phone number</li>" in page
    assert "Being tested" not in page


def test_the_author_sees_the_refusal_reason_and_a_link_to_change_it(client):
    test = PracticeTestFactory(
        state=State.REFUSED, published_at=None, refusal_reason="It names a school."
    )
    client.force_login(test.author)
    page = client.get(test.get_absolute_url()).content.decode()
    assert "It names a school." in page
    assert reverse("movement:practice_edit", args=[test.pk]) in page


def test_a_deleted_authors_posts_show_deleted_user(client):
    test = PracticeTestFactory()
    author = test.author
    author.movement_member.delete()
    author.deleted_at = timezone.now()
    author.save()
    page = client.get(test.get_absolute_url()).content.decode()
    assert f"By {DELETED_USER_NAME}" in page
    assert author.email not in page


def test_the_author_is_offered_updates_a_finding_and_pine(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    page = client.get(test.get_absolute_url()).content.decode()
    assert reverse("movement:practice_update_add", args=[test.pk]) in page
    assert reverse("movement:practice_finding_add", args=[test.pk]) in page
    # No organisation: the page says why it cannot go to PINE, rather than a dead link.
    assert "You need to belong to an organisation" in page


def test_others_are_offered_trying_following_replying_and_reporting(client):
    test = PracticeTestFactory()
    client.force_login(MemberFactory().user)
    page = client.get(test.get_absolute_url()).content.decode()
    assert "I’m trying this too" in page
    assert "Follow this test" in page
    assert reverse("movement:practice_reply_add", args=[test.pk]) in page
    assert reverse("movement:practice_report", args=[test.pk, "test", test.pk]) in page
    assert reverse("movement:practice_update_add", args=[test.pk]) not in page


def test_signed_out_readers_are_asked_to_sign_in_to_take_part(client):
    test = PracticeTestFactory()
    page = client.get(test.get_absolute_url()).content.decode()
    assert "Sign in to reply" in page
    assert "Report" not in page


def test_the_feed_leaves_out_characters_xml_cannot_carry(client):
    FindingFactory(
        practice_test=PracticeTestFactory(title="Bell\x07 ringing"), reflection="Tab\x1fhere"
    )
    response = client.get(reverse("movement:practice_feed"))
    assert response.status_code == 200
    assert "Bell ringing" in response.content.decode()
