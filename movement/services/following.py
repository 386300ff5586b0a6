"""Telling a practice test's followers when it has news: an update, or a finding, once it is
published (at once, or when a moderator approves it)."""

from core.emails import queue
from movement import practice_emails
from movement.models import Finding, Follow, PracticeUpdate, Trial
from movement.models.moderation import Post


def published(post: Post) -> None:
    """A post has just been published: tell the test's followers of updates and findings."""
    if not isinstance(post, PracticeUpdate | Finding | Trial):
        return
    if isinstance(post, Trial) and not post.result:
        return
    practice_test = post.practice_test
    follows = list(
        Follow.objects.filter(practice_test=practice_test)
        .exclude(user=post.author)
        .select_related("user")
    )
    if follows:
        queue(
            practice_emails.to_followers(post, follows),
            about={"practice_test": practice_test.pk, "post": post.pk, "kind": "followers"},
        )
