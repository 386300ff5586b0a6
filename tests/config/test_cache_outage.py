"""With the cache (Redis) down, pages still serve and every action it throttles gets the 503
page (config/cache_outage.py): refused, never let through uncounted and never a 500."""

import logging

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from accounts.models import Invitation, User
from config.cache_outage import action_in_words
from movement.models import Post, Reply
from tests.accounts.factories import PASSWORD, AdminMembershipFactory, UserFactory
from tests.accounts.journeys import current_code, sign_in
from tests.evidence_store.factories import InterventionFactory
from tests.manage_process import STRONG_KEY, run_manage
from tests.movement.factories import MemberFactory, PracticeTestFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once.
DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}


@pytest.fixture
def redis_down(settings):
    caches["default"].clear()  # the usual in-memory cache, before it is replaced
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {**settings.CACHES, "default": DOWN}


def assert_refused(response, action: str) -> None:
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert f"<title>Sorry, {action} is unavailable" in html
    assert "is unavailable for a few minutes. Try again in a few minutes." in html


def test_pages_that_do_not_need_the_cache_still_serve(client, redis_down):
    intervention = InterventionFactory()
    for path in [
        "/",
        "/evidence/",
        intervention.get_absolute_url(),
        "/pine/",
        "/movement/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/healthz",
    ]:
        assert client.get(path).status_code == 200, path


def test_pages_for_someone_signed_in_still_serve(client, redis_down):
    client.force_login(UserFactory())
    for path in ["/accounts/", "/accounts/profile/", "/evidence/"]:
        assert client.get(path).status_code == 200, path


def test_signing_in_is_refused_with_the_503_page_and_nobody_is_signed_in(
    client, redis_down, caplog
):
    UserFactory(email="sam@example.org")
    with caplog.at_level(logging.ERROR):
        response = sign_in(client, "sam@example.org", PASSWORD)
    assert_refused(response, "signing in")
    assert "Signing in is unavailable for a few minutes." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/profile/").status_code == 302
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        "Cache unavailable: POST /accounts/login/ refused with 503"
    ]


def test_the_admins_sign_in_is_refused_the_same_way(client, redis_down):
    UserFactory(email="staff@example.org", is_staff=True)
    response = client.post("/admin/login/", {"login": "staff@example.org", "password": PASSWORD})
    assert_refused(response, "signing in")


def test_the_security_code_check_is_refused_and_the_code_does_not_sign_in(client, settings):
    person = UserFactory(email="twofa@example.org", totp=True)
    assert sign_in(client, "twofa@example.org")["Location"] == "/accounts/2fa/authenticate/"
    settings.CACHES = {**settings.CACHES, "default": DOWN}
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(person)})
    assert_refused(response, "signing in")
    assert client.get("/accounts/profile/").status_code == 302


def test_creating_an_account_is_refused_and_nothing_is_created_or_sent(client, redis_down):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "password1": "a-long-and-unusual-passphrase-77",
            "password2": "a-long-and-unusual-passphrase-77",
        },
    )
    assert_refused(response, "creating an account")
    assert not User.objects.filter(email="new@example.org").exists()
    assert mail.outbox == []


def test_a_password_reset_is_refused_and_no_email_is_sent(client, redis_down):
    UserFactory(email="sam@example.org")
    response = client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    assert_refused(response, "resetting your password")
    assert mail.outbox == []


def test_an_invitation_is_refused_and_none_is_made_or_sent(client, redis_down):
    membership = AdminMembershipFactory()
    client.force_login(membership.user)
    path = f"/accounts/organisation/{membership.organisation.slug}/invite/"
    response = client.post(path, {"email": "someone@example.org"})
    assert_refused(response, "sending invitations")
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_posting_in_the_practice_network_is_refused_and_the_draft_stays_a_draft(client, redis_down):
    user = MemberFactory().user
    draft = PracticeTestFactory(author=user, state=Post.State.DRAFT)
    client.force_login(user)
    checklist = {"no_one_identified": "on", "no_personal_details": "on", "permission": "on"}
    response = client.post(f"/movement/practice/{draft.pk}/check/", checklist)
    assert_refused(response, "posting")
    draft.refresh_from_db()
    assert draft.state == Post.State.DRAFT


def test_replying_in_the_practice_network_is_refused_and_no_reply_is_kept(client, redis_down):
    user = MemberFactory().user
    practice_test = PracticeTestFactory()
    client.force_login(user)
    path = reverse("movement:practice_reply_add", args=[practice_test.pk])
    response = client.post(path, {"body": "Same here.", "checklist": "on"})
    assert_refused(response, "replying")
    assert not Reply.objects.exists()


@pytest.mark.parametrize(
    ("path", "data", "action"),
    [
        (
            "/accounts/password/change/",
            {
                "oldpassword": PASSWORD,
                "password1": "x-new-passphrase-91",
                "password2": "x-new-passphrase-91",
            },
            "changing your password",
        ),
        (
            "/accounts/email/",
            {"email": "other@example.org", "action_add": ""},
            "changing your email address",
        ),
        ("/accounts/reauthenticate/", {"password": PASSWORD}, "confirming it is you"),
    ],
)
def test_account_changes_that_are_throttled_are_refused(client, redis_down, path, data, action):
    user = UserFactory(email="sam@example.org")
    client.force_login(user)
    assert_refused(client.post(path, data), action)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert mail.outbox == []


def test_an_action_without_words_of_its_own_is_called_this(rf):
    request = rf.post("/somewhere/")
    assert action_in_words(request) == "this"


def test_a_redis_cache_gives_up_within_half_a_second():
    show = "from django.conf import settings as s; print(sorted(s.CACHES['default']['OPTIONS'].items()))"
    result = run_manage(
        "shell",
        "-c",
        show,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    options = result.stdout.strip().splitlines()[-1]
    assert options == "[('socket_connect_timeout', 0.5), ('socket_timeout', 0.5)]"
