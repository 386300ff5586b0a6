"""Load the practice network's demo content from fixtures/movement/practice_tests.json
(idempotent): illustrative practice tests linked to the demo interventions, with their updates,
finding, replies and people trying them, one reply waiting for a moderator and one reported."""

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from evidence_store.models import Intervention, Outcome, Topic
from movement.demo import load_people
from movement.models import (
    Finding,
    Follow,
    Member,
    ModerationStep,
    PracticeTest,
    PracticeUpdate,
    Reply,
    Trial,
)
from movement.models.moderation import Post
from movement.services.moderation import FIRST_POST
from movement.services.practice import TEST_FIELDS

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "movement" / "practice_tests.json"
State, Action, Kind = Post.State, ModerationStep.Action, ModerationStep.Kind


def load(*, stdout, style, path: Path = FIXTURE) -> None:
    """The tests' words are refreshed on every load; what was posted on them is made once,
    when the test is first made, so that loading again adds nothing."""
    if not settings.DEBUG:
        stdout.write(
            "Practice network: its illustrative tests are by illustrative people, who are only "
            "made when DEBUG=true; none made."
        )
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    people = dict(enumerate(load_people(), start=1))
    now = timezone.now()
    made = sum(_load_test(item, people, now) for item in data["tests"])
    tests = PracticeTest.objects.filter(illustrative=True)
    stdout.write(
        style.SUCCESS(
            f"Practice network: {tests.count()} illustrative practice tests ({made} new), with "
            f"{PracticeUpdate.objects.filter(practice_test__in=tests).count()} updates, "
            f"{Reply.objects.filter(practice_test__in=tests).count()} replies and "
            f"{Trial.objects.filter(practice_test__in=tests).count()} people trying them."
        )
    )


def _member(person: User) -> User:
    """How an illustrative person shows in the network: their example name and role."""
    Member.objects.get_or_create(
        user=person, defaults={"display_name": person.full_name, "role": person.job_title}
    )
    return person


def _published(at: datetime) -> dict:
    return {"state": State.APPROVED, "created_at": at, "published_at": at}


def _load_test(item: dict, people: dict[int, User], now: datetime) -> int:
    """Returns 1 if the test was made now, 0 if it was there already."""
    words = {name: item[name] for name in TEST_FIELDS}
    existing = PracticeTest.objects.filter(illustrative=True, title=item["title"]).first()
    if existing is not None:
        PracticeTest.objects.filter(pk=existing.pk).update(**words)
        return 0
    author = _member(people[item["author"]])
    at = now - timedelta(days=item["published_days_ago"])
    practice_test = PracticeTest.objects.create(
        **words,
        **_published(at),
        author=author,
        illustrative=True,
        checklist_confirmed_at=at,
        version=1,
    )
    practice_test.interventions.set(Intervention.objects.filter(slug__in=item["interventions"]))
    practice_test.outcomes.set(Outcome.objects.filter(slug__in=item["outcomes"]))
    practice_test.topics.set(Topic.objects.filter(slug__in=item["topics"]))
    Follow.objects.create(practice_test=practice_test, user=author, created_at=at)
    for update in item.get("updates", []):
        PracticeUpdate.objects.create(
            practice_test=practice_test,
            author=author,
            body=update["body"],
            **_published(now - timedelta(days=update["days_ago"])),
        )
    if "finding" in item:
        found = item["finding"]
        Finding.objects.create(
            practice_test=practice_test,
            author=author,
            result=found["result"],
            reflection=found["reflection"],
            **_published(now - timedelta(days=found["days_ago"])),
        )
    for reply in item.get("replies", []):
        _load_reply(practice_test, reply, people, now)
    for trial in item.get("trials", []):
        _load_trial(practice_test, trial, people, now)
    return 1


def _load_reply(practice_test: PracticeTest, item: dict, people: dict, now: datetime) -> None:
    """A published reply; or a person's first post, waiting for a moderator as it would."""
    at = now - timedelta(days=item["days_ago"])
    by = _member(people[item["by"]])
    if item.get("held"):
        reply = Reply.objects.create(
            practice_test=practice_test,
            author=by,
            body=item["body"],
            state=State.HELD,
            held_because=FIRST_POST,
            created_at=at,
        )
        _step(reply, Kind.REPLY, Action.HELD, None, FIRST_POST, at)
        return
    reply = Reply.objects.create(
        practice_test=practice_test, author=by, body=item["body"], **_published(at)
    )
    if "reported" in item:
        report = item["reported"]
        reporter = _member(people[report["by"]])
        reported_at = now - timedelta(days=report["days_ago"])
        _step(reply, Kind.REPLY, Action.REPORTED, reporter, report["reason"], reported_at)


def _load_trial(practice_test: PracticeTest, item: dict, people: dict, now: datetime) -> None:
    """ "I'm trying this too", and what they found if the fixture says."""
    at = now - timedelta(days=item["days_ago"])
    by = _member(people[item["by"]])
    found = item.get("finding", {})
    found_at = now - timedelta(days=found["days_ago"]) if found else None
    Trial.objects.create(
        practice_test=practice_test,
        author=by,
        result=found.get("result", ""),
        reflection=found.get("reflection", ""),
        found_at=found_at,
        state=State.APPROVED,
        created_at=at,
        published_at=found_at or at,
    )
    Follow.objects.create(practice_test=practice_test, user=by, created_at=at)


def _step(post: Post, kind: str, action: str, by: User | None, reason: str, at: datetime) -> None:
    ModerationStep.objects.create(
        kind=kind,
        post_id=post.pk,
        practice_test=post.practice_test,
        action=action,
        by=by,
        reason=reason,
        at=at,
    )
