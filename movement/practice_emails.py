"""The practice network's emails: a moderator's decision to the author, and news of an update
or finding to each follower, with a one-click unfollow link that needs no sign-in.

Worded by templates/movement/email/practice_<kind>_subject.txt and _message.txt; links on
SITE_URL; replies go to the Movement team.
"""

from django.conf import settings
from django.urls import reverse

from core.emails import Email
from core.links import absolute_url
from movement.models import Finding, Follow, PracticeTest, PracticeUpdate, Trial
from movement.models.moderation import Post

DECISIONS = ("approved", "refused", "hidden")


def _test_of(post: Post) -> PracticeTest:
    return post if isinstance(post, PracticeTest) else post.practice_test


def _what(post: Post) -> str:
    if isinstance(post, PracticeTest):
        return "practice test"
    if isinstance(post, PracticeUpdate):
        return "update"
    if isinstance(post, Finding | Trial):
        return "finding"
    return "reply"


def decision(post: Post, kind: str) -> list[Email]:
    if kind not in DECISIONS:
        raise ValueError(f"No moderation email called {kind!r}.")
    practice_test = _test_of(post)
    context = {
        "post": post,
        "what": _what(post),
        "practice_test": practice_test,
        "test_url": absolute_url(practice_test.get_absolute_url()),
        "team_email": settings.MOVEMENT_TEAM_EMAIL,
    }
    return [
        Email(
            f"movement/email/practice_{kind}",
            post.author.email,
            context,
            reply_to=(settings.MOVEMENT_TEAM_EMAIL,),
        )
    ]


def unfollow_url(follow: Follow) -> str:
    return absolute_url(reverse("movement:practice_unfollow", kwargs={"token": follow.token}))


def to_followers(post: Post, follows: list[Follow]) -> list[Email]:
    practice_test = _test_of(post)
    context = {
        "post": post,
        "what": _what(post),
        "practice_test": practice_test,
        "test_url": absolute_url(practice_test.get_absolute_url()),
        "team_email": settings.MOVEMENT_TEAM_EMAIL,
    }
    emails = []
    for follow in follows:
        link = unfollow_url(follow)
        emails.append(
            Email(
                "movement/email/practice_followers",
                follow.user.email,
                {**context, "unfollow_url": link},
                reply_to=(settings.MOVEMENT_TEAM_EMAIL,),
                # One click in the mail client unfollows (RFC 8058).
                headers=(
                    ("List-Unsubscribe", f"<{link}>"),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ),
            )
        )
    return emails
