"""The practice network's part of a person's data: what they posted is in their download, and
deleting their account leaves their posts, shown as by "Deleted user", and forgets the profile
and follows that named and emailed them."""

import json

import pytest

from accounts.models import DELETED_USER_NAME
from accounts.services.users import user_delete
from movement.models import Finding, Follow, Member, Post
from movement.services.practice import follow
from tests.accounts.factories import UserFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import ReplyFactory

pytestmark = pytest.mark.django_db
SECTION = "movement_practice_network"


def test_download_holds_the_persons_profile_posts_and_follows_and_nobody_elses(client):
    me = MemberFactory(display_name="Sam J", role="Team manager").user
    mine = PracticeTestFactory(author=me, title="Asking children first")
    Finding.objects.create(
        practice_test=mine, author=me, result="helped", reflection="They said more.",
        state=Post.State.APPROVED,
    )  # fmt: skip
    theirs = PracticeTestFactory(title="Someone else's idea")
    ReplyFactory(practice_test=theirs, author=me, body="We tried this in Leeds.")
    ReplyFactory(practice_test=mine, body="Not my words")
    follow(practice_test=theirs, user=me)
    client.force_login(me)
    data = json.loads(client.get("/accounts/data/").content)[SECTION]
    assert data["profile"]["display_name"] == "Sam J"
    assert [t["title"] for t in data["practice_tests"]] == ["Asking children first"]
    assert data["findings"][0]["reflection"] == "They said more."
    assert [r["text"] for r in data["replies"]] == ["We tried this in Leeds."]
    assert data["following"] == ["Someone else's idea"]
    assert "Not my words" not in json.dumps(data)


def test_someone_who_never_took_part_has_an_empty_section(client):
    me = UserFactory()
    client.force_login(me)
    data = json.loads(client.get("/accounts/data/").content)[SECTION]
    assert data["profile"] is None
    assert data["practice_tests"] == [] and data["following"] == []


def test_deleting_an_account_leaves_the_posts_as_by_a_deleted_user(client):
    me = MemberFactory(display_name="Sam J").user
    mine = PracticeTestFactory(author=me, title="Asking children first")
    follow(practice_test=PracticeTestFactory(), user=me)
    user_delete(user=me)
    assert not Member.objects.filter(user=me).exists()
    assert not Follow.objects.filter(user=me).exists()
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Asking children first" in page
    assert DELETED_USER_NAME in page
    assert "Sam J" not in page
