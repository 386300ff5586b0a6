"""Moderating the practice network: what is held on posting and why, and what moderators do
(approve, refuse with a reason, hide, show again) and anyone signed in (report). Every step is
recorded as a ModerationStep; the author hears of each decision by email."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.emails import queue
from movement import practice_emails
from movement.models import Finding, ModerationStep, PracticeTest, PracticeUpdate, Reply, Trial
from movement.models.moderation import Post
from movement.personal_patterns import personal_details_in
from movement.services import ActionRefused
from movement.services.following import published

State, Action, Kind = Post.State, ModerationStep.Action, ModerationStep.Kind
FIRST_POST = "it is your first post"
KIND_OF = {
    PracticeTest: Kind.TEST,
    PracticeUpdate: Kind.UPDATE,
    Finding: Kind.FINDING,
    Reply: Kind.REPLY,
    Trial: Kind.TRIAL,
}
MODEL_OF = {kind: model for model, kind in KIND_OF.items()}


def test_of(post: Post) -> PracticeTest:
    return post if isinstance(post, PracticeTest) else post.practice_test


def has_published(user: User) -> bool:
    """Whether a moderator or the rules have let anything of theirs through before."""
    # Saying "I'm trying this too" says nothing, so it does not count.
    return any(
        model.objects.filter(author=user, state=State.APPROVED)
        .exclude(**({"result": ""} if model is Trial else {}))
        .exists()
        for model in KIND_OF
    )


def record(post: Post, action: str, *, by: User | None, reason: str = "") -> ModerationStep:
    return ModerationStep.objects.create(
        kind=KIND_OF[type(post)],
        post_id=post.pk,
        practice_test=test_of(post),
        action=action,
        by=by,
        reason=reason,
    )


def hold_reasons(post: Post, *texts: str) -> list[str]:
    """Why this post must wait for a moderator; none means it can be published at once."""
    reasons = personal_details_in(*texts)
    if not has_published(post.author):
        reasons.insert(0, FIRST_POST)
    return reasons


def post_submit(post: Post, *texts: str, on_published=None) -> Post:
    """Publish the post at once, or hold it for a moderator saying why. The post is saved.

    `on_published` runs if and when it is published: now, or when a moderator approves it.
    """
    reasons = hold_reasons(post, *texts)
    now = timezone.now()
    if reasons:
        post.state = State.HELD
        post.held_because = "; ".join(reasons)
        post.save()
        record(post, Action.HELD, by=None, reason=post.held_because)
        return post
    post.state, post.published_at, post.held_because = State.APPROVED, now, ""
    post.save()
    if on_published is not None:
        on_published(post)
    return post


def _locked(post: Post) -> Post:
    return type(post).objects.select_for_update().get(pk=post.pk)


def _tell_author(post: Post, kind: str) -> None:
    queue(
        practice_emails.decision(post, kind),
        about={"practice_test": test_of(post).pk, "post": post.pk, "kind": kind},
    )


@transaction.atomic
def post_approve(*, post: Post, by: User) -> Post:
    post = _locked(post)
    if post.state != State.HELD:
        raise ActionRefused(
            f"This post is not waiting for a moderator ({post.get_state_display().lower()})."
        )
    post.state, post.decided_by, post.decided_at = State.APPROVED, by, timezone.now()
    post.published_at = post.decided_at
    post.save()
    record(post, Action.APPROVED, by=by)
    _tell_author(post, "approved")
    published(post)
    return post


@transaction.atomic
def post_refuse(*, post: Post, by: User, reason: str) -> Post:
    reason = reason.strip()
    if not reason:
        raise ActionRefused("Enter the reason, so that the author knows what to change.")
    post = _locked(post)
    if post.state != State.HELD:
        raise ActionRefused(
            f"This post is not waiting for a moderator ({post.get_state_display().lower()})."
        )
    post.state, post.decided_by, post.decided_at = State.REFUSED, by, timezone.now()
    post.refusal_reason = reason
    post.save()
    record(post, Action.REFUSED, by=by, reason=reason)
    _tell_author(post, "refused")
    return post


@transaction.atomic
def post_report(*, post: Post, by: User, reason: str) -> ModerationStep:
    """Anyone signed in can report a published post; moderators see the open reports."""
    reason = reason.strip()
    if not reason:
        raise ActionRefused("Enter why you are reporting this post.")
    if not post.is_visible:
        raise ActionRefused("This post is not published, so it cannot be reported.")
    already = ModerationStep.objects.filter(
        kind=KIND_OF[type(post)], post_id=post.pk, action=Action.REPORTED, by=by, resolved_at=None
    )
    if already.exists():
        raise ActionRefused("You have already reported this post. A moderator will look at it.")
    return record(post, Action.REPORTED, by=by, reason=reason)


def _resolve_reports(post: Post) -> None:
    ModerationStep.objects.filter(
        kind=KIND_OF[type(post)], post_id=post.pk, action=Action.REPORTED, resolved_at=None
    ).update(resolved_at=timezone.now())


@transaction.atomic
def post_hide(*, post: Post, by: User, reason: str) -> Post:
    reason = reason.strip()
    if not reason:
        raise ActionRefused("Enter why you are hiding this post.")
    post = _locked(post)
    if post.hidden_at is not None:
        raise ActionRefused("This post is already hidden.")
    post.hidden_at = timezone.now()
    post.save(update_fields=["hidden_at"])
    record(post, Action.HIDDEN, by=by, reason=reason)
    _resolve_reports(post)
    _tell_author(post, "hidden")
    return post


@transaction.atomic
def post_show(*, post: Post, by: User, reason: str = "") -> Post:
    post = _locked(post)
    if post.hidden_at is None:
        raise ActionRefused("This post is not hidden.")
    post.hidden_at = None
    post.save(update_fields=["hidden_at"])
    record(post, Action.SHOWN, by=by, reason=reason)
    return post


@transaction.atomic
def reports_dismiss(*, post: Post, by: User) -> int:
    """Close the open reports of a post that a moderator has read and leaves up."""
    count = ModerationStep.objects.filter(
        kind=KIND_OF[type(post)], post_id=post.pk, action=Action.REPORTED, resolved_at=None
    ).update(resolved_at=timezone.now())
    if count:
        record(post, Action.SHOWN, by=by, reason="Reports read; the post stays up.")
    return count
