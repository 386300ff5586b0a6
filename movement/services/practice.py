"""Posting in the practice network: a person's profile, a practice test from draft to post,
its updates and finding, others' replies and trials, and following a test.

Every post passes through moderation.post_submit, which publishes it or holds it, saying why.
Followers are emailed when an update or finding is published, now or on approval.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from core.concurrency import changed_meanwhile
from movement.models import (
    Finding,
    Follow,
    Member,
    PracticeTest,
    PracticeUpdate,
    Reply,
    Trial,
)
from movement.models.moderation import Post
from movement.services import ActionRefused
from movement.services.following import published
from movement.services.moderation import post_submit

State = Post.State
CHECKLIST_MISSING = "Confirm that your post does not identify a child, a family or a colleague."
TEST_FIELDS = (
    "title",
    "what_we_will_try",
    "expected_change",
    "why",
    "how_we_will_tell",
    "duration",
)


@transaction.atomic
def member_save(
    *,
    user: User,
    display_name: str,
    role: str,
    organisation: Organisation | None = None,
    show_organisation: bool = False,
) -> Member:
    """How the person appears in the network; an organisation must be one of their own."""
    if (
        organisation is not None
        and not Organisation.objects.for_user(user).filter(pk=organisation.pk).exists()
    ):
        raise ActionRefused("Select one of your own organisations.")
    member, _ = Member.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name.strip(),
            "role": role.strip(),
            "organisation": organisation,
            "show_organisation": show_organisation and organisation is not None,
        },
    )
    return member


def _member_of(user: User) -> Member:
    member = Member.objects.filter(user=user).first()
    if member is None:
        raise ActionRefused("Tell us the name and role to show with your posts first.")
    return member


@transaction.atomic
def practice_test_save(
    *,
    user: User,
    fields: dict,
    interventions=(),
    outcomes=(),
    topics=(),
    practice_test: PracticeTest | None = None,
    seen_version: int | None = None,
) -> PracticeTest:
    """Save a draft (new, or the author's own); a posted test's words are no longer changed."""
    if practice_test is None:
        practice_test = PracticeTest(author=user, state=State.DRAFT)
    else:
        practice_test = PracticeTest.objects.select_for_update().get(pk=practice_test.pk)
        if practice_test.author_id != user.pk:
            raise ActionRefused("Only the author can change a practice test.")
        if practice_test.state != State.DRAFT and practice_test.state != State.REFUSED:
            raise ActionRefused(
                "This practice test has been posted, so it can no longer be changed. Add an "
                "update instead."
            )
        if seen_version is not None and practice_test.version != seen_version:
            raise changed_meanwhile("this practice test")
    for name in TEST_FIELDS:
        setattr(practice_test, name, fields[name].strip() if name != "duration" else fields[name])
    practice_test.version += 1
    if practice_test.state == State.REFUSED:  # changed after a refusal: a draft again
        practice_test.state = State.DRAFT
    practice_test.save()
    practice_test.interventions.set(interventions)
    practice_test.outcomes.set(outcomes)
    practice_test.topics.set(topics)
    return practice_test


def _texts(practice_test: PracticeTest) -> list[str]:
    return [getattr(practice_test, name) for name in TEST_FIELDS if name != "duration"]


@transaction.atomic
def practice_test_post(*, practice_test: PracticeTest, user: User, checklist: bool) -> PracticeTest:
    """Post a draft: published at once, or held for a moderator with the reasons."""
    practice_test = PracticeTest.objects.select_for_update().get(pk=practice_test.pk)
    if practice_test.author_id != user.pk:
        raise ActionRefused("Only the author can post a practice test.")
    if practice_test.state != State.DRAFT:
        raise ActionRefused(
            f"This practice test has already been posted ({practice_test.get_state_display().lower()})."
        )
    if not checklist:
        raise ActionRefused(CHECKLIST_MISSING)
    _member_of(user)
    practice_test.checklist_confirmed_at = timezone.now()
    Follow.objects.get_or_create(practice_test=practice_test, user=user)
    return post_submit(practice_test, *_texts(practice_test))


def _open_test(practice_test: PracticeTest, user: User) -> PracticeTest:
    locked = PracticeTest.objects.select_for_update().get(pk=practice_test.pk)
    if not locked.is_visible:
        raise ActionRefused("This practice test is not published.")
    return locked


@transaction.atomic
def practice_update_add(
    *, practice_test: PracticeTest, user: User, body: str, checklist: bool
) -> PracticeUpdate:
    practice_test = _open_test(practice_test, user)
    if practice_test.author_id != user.pk:
        raise ActionRefused("Only the author can add an update.")
    if Finding.objects.filter(practice_test=practice_test).exclude(state=State.REFUSED).exists():
        raise ActionRefused("This practice test has finished, so it takes no more updates.")
    if not checklist:
        raise ActionRefused(CHECKLIST_MISSING)
    update = PracticeUpdate(practice_test=practice_test, author=user, body=body.strip())
    return post_submit(update, update.body, on_published=published)


@transaction.atomic
def finding_add(
    *, practice_test: PracticeTest, user: User, result: str, reflection: str, checklist: bool
) -> Finding:
    """The author's "what we found"; one per test (a refused one can be written again)."""
    practice_test = _open_test(practice_test, user)
    if practice_test.author_id != user.pk:
        raise ActionRefused("Only the author can add what they found.")
    if not checklist:
        raise ActionRefused(CHECKLIST_MISSING)
    finding = Finding.objects.filter(practice_test=practice_test).first()
    if finding is not None and finding.state != State.REFUSED:
        raise ActionRefused("You have already added what you found.")
    finding = finding or Finding(practice_test=practice_test, author=user)
    finding.result, finding.reflection = result, reflection.strip()
    finding.refusal_reason, finding.decided_by, finding.decided_at = "", None, None
    return post_submit(finding, finding.reflection, on_published=published)


@transaction.atomic
def reply_add(*, practice_test: PracticeTest, user: User, body: str, checklist: bool) -> Reply:
    practice_test = _open_test(practice_test, user)
    if not checklist:
        raise ActionRefused(CHECKLIST_MISSING)
    _member_of(user)
    reply = Reply(practice_test=practice_test, author=user, body=body.strip())
    return post_submit(reply, reply.body)


@transaction.atomic
def trial_start(*, practice_test: PracticeTest, user: User) -> Trial:
    """ "I'm trying this too". The person follows the test too."""
    practice_test = _open_test(practice_test, user)
    if practice_test.author_id == user.pk:
        raise ActionRefused("This is your own practice test.")
    _member_of(user)
    try:
        with transaction.atomic():
            trial = Trial.objects.create(
                practice_test=practice_test, author=user, state=State.APPROVED,
                published_at=timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise ActionRefused("You are already trying this.") from None
    Follow.objects.get_or_create(practice_test=practice_test, user=user)
    return trial


@transaction.atomic
def trial_finding_add(
    *, trial: Trial, user: User, result: str, reflection: str, checklist: bool
) -> Trial:
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if trial.author_id != user.pk:
        raise ActionRefused("Only the person trying it can add what they found.")
    if trial.result and trial.state != State.REFUSED:
        raise ActionRefused("You have already added what you found.")
    if not checklist:
        raise ActionRefused(CHECKLIST_MISSING)
    trial.result, trial.reflection, trial.found_at = result, reflection.strip(), timezone.now()
    trial.refusal_reason, trial.decided_by, trial.decided_at = "", None, None
    return post_submit(trial, trial.reflection, on_published=published)


def follow(*, practice_test: PracticeTest, user: User) -> Follow:
    if not practice_test.is_visible:
        raise ActionRefused("This practice test is not published.")
    return Follow.objects.get_or_create(practice_test=practice_test, user=user)[0]


def unfollow(*, token) -> PracticeTest | None:
    """Stop following, by the token in an email's link: works signed in or not. None if the
    token follows nothing (already unfollowed, or never)."""
    found = Follow.objects.filter(token=token).select_related("practice_test").first()
    if found is None:
        return None
    found.delete()
    return found.practice_test
