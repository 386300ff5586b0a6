"""Posting a practice test: how the person appears first, the form saved as a draft, check your
answers with the checklist, then held or published; changing a draft; the rate limit."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from movement.models import Member, Post, PracticeTest
from movement.practice_home import practice_section
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.evidence_store.factories import InterventionFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.test_practice_moderation import FIELDS

pytestmark = pytest.mark.django_db
State = Post.State
NEW = "/movement/practice/new/"
CHECKLIST = {"no_one_identified": "on", "no_personal_details": "on", "permission": "on"}


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


def test_signed_out_people_are_asked_to_sign_in_to_post(client):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_someone_new_says_how_they_appear_first_and_comes_back(client):
    client.force_login(UserFactory())
    response = client.get(NEW)
    assert (
        response["Location"]
        == f"{reverse('movement:member_edit')}?next=%2Fmovement%2Fpractice%2Fnew%2F"
    )
    response = client.post(
        reverse("movement:member_edit"),
        {"display_name": "Sam", "role": "Social worker", "next": NEW},
    )
    assert response["Location"] == NEW
    assert client.get(NEW).status_code == 200


def test_the_profile_never_sends_people_to_another_site(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("movement:member_edit"),
        {"display_name": "Sam", "role": "Social worker", "next": "https://attacker.example/"},
    )
    assert response["Location"] == NEW


def test_the_profile_offers_only_the_persons_own_organisations(client):
    own = MembershipFactory(organisation__name="Our Borough").user
    OrganisationFactory(name="Someone Else's Trust")
    client.force_login(own)
    page = client.get(reverse("movement:member_edit")).content.decode()
    assert "Our Borough" in page and "Someone Else" not in page
    other = OrganisationFactory()
    response = client.post(
        reverse("movement:member_edit"),
        {"display_name": "Sam", "role": "Social worker", "organisation": other.pk},
    )
    assert response.status_code == 200
    assert "Select one of your organisations, or none." in response.content.decode()
    assert not Member.objects.filter(user=own).exists()


def test_a_first_post_is_saved_as_a_draft_checked_then_held(client):
    user = MemberFactory().user
    intervention = InterventionFactory(name="Signs of Safety")
    client.force_login(user)
    response = client.post(NEW, {**FIELDS, "interventions": [intervention.pk]})
    test = PracticeTest.objects.get(author=user)
    assert (test.state, response["Location"]) == (
        State.DRAFT,
        f"/movement/practice/{test.pk}/check/",
    )
    check = client.get(response["Location"]).content.decode()
    assert "Check your practice test before you post it" in check
    assert "Signs of Safety" in check
    response = client.post(f"/movement/practice/{test.pk}/check/", CHECKLIST)
    assert response["Location"] == test.get_absolute_url()
    test.refresh_from_db()
    assert test.state == State.HELD
    page = client.get(test.get_absolute_url()).content.decode()
    assert "Your practice test is waiting for a moderator" in page
    assert "it is your first post" in page


def test_a_later_post_is_published_with_a_success_banner(client):
    user = MemberFactory().user
    PracticeTestFactory(author=user)
    draft = PracticeTestFactory(author=user, state=State.DRAFT, published_at=None)
    client.force_login(user)
    response = client.post(f"/movement/practice/{draft.pk}/check/", CHECKLIST, follow=True)
    draft.refresh_from_db()
    assert draft.state == State.APPROVED
    assert "Your practice test has been published." in response.content.decode()


def test_the_checklist_must_be_confirmed(client):
    draft = PracticeTestFactory(state=State.DRAFT, published_at=None)
    client.force_login(draft.author)
    response = client.post(f"/movement/practice/{draft.pk}/check/", {"permission": "on"})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'href="#id_no_one_identified"' in page
    assert "Confirm that your practice test has no dates of birth" in page
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_empty_and_long_answers_get_govuk_errors_and_keep_what_was_typed(client):
    client.force_login(MemberFactory().user)
    response = client.post(NEW, {**FIELDS, "title": "x" * 151, "why": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Title must be 150 characters or fewer." in page
    assert "Enter why you think so." in page
    assert FIELDS["what_we_will_try"] in page
    assert not PracticeTest.objects.exists()


def test_the_author_changes_a_draft_and_a_refused_test(client):
    draft = PracticeTestFactory(state=State.REFUSED, published_at=None, refusal_reason="A name.")
    client.force_login(draft.author)
    edit = f"/movement/practice/{draft.pk}/edit/"
    assert "A name." in client.get(edit).content.decode()
    response = client.post(edit, {**FIELDS, "title": "Changed", "version": draft.version})
    draft.refresh_from_db()
    assert (draft.title, draft.state) == ("Changed", State.DRAFT)
    assert response["Location"] == f"/movement/practice/{draft.pk}/check/"


def test_a_draft_changed_meanwhile_is_not_overwritten(client):
    draft = PracticeTestFactory(state=State.DRAFT, published_at=None, version=3)
    client.force_login(draft.author)
    response = client.post(
        f"/movement/practice/{draft.pk}/edit/", {**FIELDS, "title": "Mine", "version": 2}
    )
    assert "while you were looking at it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Mine"


def test_a_posted_test_can_no_longer_be_changed(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    response = client.get(f"/movement/practice/{test.pk}/edit/")
    assert response["Location"] == test.get_absolute_url()


def test_another_persons_draft_cannot_be_changed_checked_or_posted(client):
    draft = PracticeTestFactory(state=State.DRAFT, published_at=None)
    client.force_login(MemberFactory().user)
    for path in (f"/movement/practice/{draft.pk}/edit/", f"/movement/practice/{draft.pk}/check/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {**FIELDS, **CHECKLIST}).status_code == 404
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_posting_too_often_gets_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "movement_post": "1/h/user"}
    user = MemberFactory().user
    first, second = (PracticeTestFactory(author=user, state=State.DRAFT) for _ in range(2))
    client.force_login(user)
    assert client.post(f"/movement/practice/{first.pk}/check/", CHECKLIST).status_code == 302
    response = client.post(f"/movement/practice/{second.pk}/check/", CHECKLIST)
    assert response.status_code == 429
    second.refresh_from_db()
    assert second.state == State.DRAFT


def test_posting_works_with_no_rate_set(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        k: v for k, v in settings.ACCOUNT_RATE_LIMITS.items() if not k.startswith("movement_")
    }
    draft = PracticeTestFactory(state=State.DRAFT, published_at=None)
    client.force_login(draft.author)
    assert client.post(f"/movement/practice/{draft.pk}/check/", CHECKLIST).status_code == 302


def test_the_account_home_lists_the_persons_tests_by_where_they_stand(client):
    user = MemberFactory().user
    PracticeTestFactory(author=user, title="My draft", state=State.DRAFT, published_at=None)
    PracticeTestFactory(
        author=user, title="My held one", state=State.HELD, held_because="a phone number"
    )
    PracticeTestFactory(
        author=user, title="My refused one", state=State.REFUSED, refusal_reason="Names a school."
    )
    PracticeTestFactory(author=user, title="My published one")
    section = practice_section(user)
    assert [t.title for t in section.context["drafts"]] == ["My draft"]
    assert [t.title for t in section.context["held"]] == ["My held one"]
    assert [t.title for t in section.context["refused"]] == ["My refused one"]
    assert [t.title for t in section.context["published"]] == ["My published one"]
    assert practice_section(UserFactory()) is None
    html = render_to_string(section.template, {"section": section.context})
    assert "a moderator reads it first because a phone number" in html
    assert "Names a school." in html
