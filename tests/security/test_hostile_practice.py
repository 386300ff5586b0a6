"""Hostile input to the practice network's pages and forms: long, empty and strange text,
markup and Markdown with HTML, choices that are not choices, tampered ids, versions and
tokens, and other people's drafts. Nothing answers 500, nothing is half saved, what was typed
is kept on an error page, and markup is never shown unescaped."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from movement.models import Finding, Member, ModerationStep, Post, PracticeTest, Reply, Trial
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import FollowFactory, ReplyFactory, TrialFactory
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_client,
    hostile_text,
    marked_text,
    signed_in,
    typed,
)

pytestmark = pytest.mark.django_db
State = Post.State
TEXTS = ("title", "what_we_will_try", "expected_change", "why", "how_we_will_tell")
REALISTIC_TEST = {
    "title": st.just("Walking meetings"),
    "what_we_will_try": st.just("Meeting teenagers on a walk."),
    "expected_change": st.just("They talk more."),
    "why": st.just("Side by side is easier."),
    "how_we_will_tell": st.just("Count the worries they raise."),
    "duration": st.sampled_from(["weeks", "month"]),
}
CHECKED = st.sampled_from(["on", "true", "1"])
RESULT = st.sampled_from(["helped", "did_not", "unclear"])
WRITTEN_IN_BODY = ("replies", "updates/new")
MARK = re.compile(r"hx\d+")


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def author():
    """A member with a published test already, so their posts are published at once unless
    they hold personal details."""
    user = MemberFactory().user
    PracticeTestFactory(author=user)
    return user


@pytest.fixture
def published(author):
    return PracticeTestFactory(author=author)


def _tests_of(user) -> list:
    return list(
        PracticeTest.objects.filter(author=user)
        .order_by("pk")
        .values_list("state", "version", *TEXTS)
    )


@examples(30)
@given(data=form(**REALISTIC_TEST, interventions=st.just([]), topics=st.just([])))
def test_a_new_test_is_saved_whole_or_not_at_all(author, data):
    with each_example():
        before = _tests_of(author)
        response = signed_in(author).post("/movement/practice/new/", data)
        page = body(response)
        after = _tests_of(author)
        if response.status_code == 302:
            saved = PracticeTest.objects.filter(author=author).latest("pk")
            assert saved.state == State.DRAFT
            assert all(len(getattr(saved, name)) <= 5000 for name in TEXTS)
            assert len(saved.title) <= 150
        else:
            assert after == before
            assert_kept(page, data, *TEXTS)


@examples(20)
@given(data=form(**REALISTIC_TEST), version=st.one_of(st.just("0"), field_value))
def test_changing_a_draft_with_a_tampered_version_changes_nothing(author, data, version):
    with each_example():
        draft = PracticeTestFactory(author=author, state=State.DRAFT, published_at=None)
        before = _tests_of(author)
        response = signed_in(author).post(
            f"/movement/practice/{draft.pk}/edit/", {**data, "version": version}
        )
        body(response)
        if typed(version) != "0":
            assert _tests_of(author) == before


@examples(20)
@given(
    data=form(
        no_one_identified=CHECKED,
        no_personal_details=CHECKED,
        permission=CHECKED,
    )
)
def test_a_draft_is_posted_only_with_every_box_of_the_checklist(author, data):
    with each_example():
        draft = PracticeTestFactory(author=author, state=State.DRAFT, published_at=None)
        response = signed_in(author).post(f"/movement/practice/{draft.pk}/check/", data)
        body(response)
        draft.refresh_from_db()
        assert (draft.state != State.DRAFT) == (response.status_code == 302)


@examples(15)
@given(path=st.sampled_from(["edit", "check", ""]), data=form(**REALISTIC_TEST))
def test_someone_elses_draft_is_404_whatever_is_sent(author, path, data):
    with each_example():
        draft = PracticeTestFactory(author=author, state=State.DRAFT, published_at=None)
        stranger = MemberFactory().user
        url = f"/movement/practice/{draft.pk}/{path}/" if path else draft.get_absolute_url()
        client = signed_in(stranger)
        assert client.get(url).status_code == 404
        if path:
            assert client.post(url, data).status_code == 404
        assert _tests_of(author)[-1][0] == State.DRAFT


def _post_counts() -> tuple:
    return (
        Reply.objects.count(),
        Finding.objects.count(),
        Trial.objects.exclude(result="").count(),
        ModerationStep.objects.count(),
    )


@examples(30)
@given(
    form_of=st.sampled_from(["replies", "updates/new", "finding", "trying/finding"]),
    data=form(body=st.just("Same here."), result=RESULT, reflection=st.just("It helped.")),
    checklist=st.one_of(CHECKED, field_value, st.none()),
)
def test_small_posts_are_saved_whole_or_not_at_all(author, published, form_of, data, checklist):
    if checklist is not None:
        data = {**data, "checklist": checklist}
    with each_example():
        user = author
        if form_of in ("replies", "trying/finding"):
            user = MemberFactory().user
            PracticeTestFactory(author=user)
            TrialFactory(practice_test=published, author=user)
        before = _post_counts()
        response = signed_in(user).post(f"/movement/practice/{published.pk}/{form_of}/", data)
        page = body(response)
        if response.status_code != 302:
            assert _post_counts() == before
            assert_kept(page, data, "body" if form_of in WRITTEN_IN_BODY else "reflection")


class _LiveMarkup(HTMLParser):
    """What in a page would run or show as markup: an attribute, element or script carrying
    one of the marked pieces ("hx" and a number). Text that merely contains quotes is inert."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            # An attribute's value is text once parsed: only a new attribute or element lives.
            alive = name.startswith("on") or MARK.search(name)
            if alive or (name == "id" and MARK.fullmatch(value or "")):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag) -> None:
        self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script and MARK.search(data):
            self.found.append(f"<script>{data[:60]}")


def assert_no_live_markup(response) -> None:
    assert response.status_code < 500
    parser = _LiveMarkup()
    parser.feed(response.content.decode())
    assert not parser.found, f"{response.wsgi_request.path} shows live markup: {parser.found}"


# Stored straight in the database, as a form would store it: forms refuse NUL characters, and
# PostgreSQL's text cannot hold them.
stored_marked_text = marked_text.map(lambda text: text.replace("\x00", ""))


@examples(20)
@given(text=stored_marked_text)
def test_markdown_with_html_is_sanitised(author, published, text):
    """Markdown keeps a stray quote as text, which the shared check would mistake for an
    attribute; so these pages are read as HTML, for markup that is alive."""
    with each_example():
        reply = ReplyFactory(practice_test=published, body=text)
        PracticeTest.objects.filter(pk=published.pk).update(why=text, title=text[:150])
        TrialFactory(practice_test=published, result="helped", reflection=text)
        for path in (published.get_absolute_url(), "/movement/practice/"):
            assert_no_live_markup(hostile_client().get(path))
        assert_no_live_markup(
            signed_in(author).get(f"/movement/practice/{published.pk}/report/reply/{reply.pk}/")
        )
        feed = hostile_client().get("/movement/practice/feed/")
        assert feed.status_code == 200
        assert "<script" not in feed.content.decode()


@examples(25)
@given(
    q=field_value,
    topic=field_value,
    status=field_value,
    finding=field_value,
    intervention=field_value,
    page=field_value,
)
def test_the_list_answers_any_search_and_filters(
    published, q, topic, status, finding, intervention, page
):
    params = {"q": q, "topic": topic, "status": status, "finding": finding}
    params |= {"intervention": intervention, "page": page}
    with each_example():
        response = hostile_client().get("/movement/practice/", params)
        body(response)
        # The project refuses a NUL anywhere in a request (400) before any view sees it.
        values = [
            v for value in params.values() for v in (value if isinstance(value, list) else [value])
        ]
        assert response.status_code == (400 if any("\x00" in v for v in values) else 200)


@examples(20)
@given(
    kind=st.one_of(st.sampled_from(["test", "reply", "update", "finding", "trial"]), hostile_text),
    post_id=st.one_of(st.integers(-5, 10**12).map(str), hostile_text),
    reason=field_value,
)
def test_reports_of_tampered_kinds_and_ids_are_not_found(author, published, kind, post_id, reason):
    with each_example():
        reporter = MemberFactory().user
        before = ModerationStep.objects.count()
        response = signed_in(reporter).post(
            f"/movement/practice/{published.pk}/report/{kind}/{post_id}/", {"reason": reason}
        )
        body(response)
        is_this_test = kind == "test" and post_id == str(published.pk)
        if not is_this_test:
            assert response.status_code == 404
            assert ModerationStep.objects.count() == before


@examples(20)
@given(token=st.one_of(st.uuids().map(str), hostile_text), one_click=st.booleans())
def test_tampered_unfollow_tokens_never_unfollow_anyone_else(published, token, one_click):
    with each_example():
        follow = FollowFactory(practice_test=published)
        # A client of its own: the shared one must keep skipping CSRF checks.
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        data = "List-Unsubscribe=One-Click" if one_click else ""
        response = client.post(
            f"/movement/practice/unfollow/{token}/",
            data,
            content_type="application/x-www-form-urlencoded",
        )
        body(response)
        assert response.status_code in (200, 404)
        assert type(follow).objects.filter(pk=follow.pk).exists() == (token != str(follow.token))


@examples(20)
@given(
    data=form(display_name=st.just("Sam"), role=st.just("Social worker"), organisation=st.just("")),
    next_url=field_value,
)
def test_the_profile_saves_whole_and_never_sends_anyone_off_the_site(data, next_url):
    with each_example():
        user = MemberFactory().user
        before = Member.objects.filter(user=user).values_list("display_name", "role").get()
        response = signed_in(user).post("/movement/practice/profile/", {**data, "next": next_url})
        page = body(response)  # checks that a redirect stays on the site
        if response.status_code != 302:
            assert (
                Member.objects.filter(user=user).values_list("display_name", "role").get() == before
            )
            assert_kept(page, data, "display_name", "role")
