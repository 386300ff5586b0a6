"""The Movement's part of a person's data, for "download your data": their event registrations,
and their profile, posts and follows in the practice network; and what deleting their account
does to them. Registered in MovementConfig.ready()."""

from django.utils import timezone

from accounts.models import User
from movement.models import (
    Finding,
    Follow,
    Member,
    PracticeTest,
    PracticeUpdate,
    Registration,
    Reply,
    Trial,
)
from movement.services.registrations import registration_cancel


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def registrations_of(user: User) -> list[dict]:
    return [
        {
            "event": registration.event.title,
            "event_starts": _iso(registration.event.starts_at),
            "status": registration.get_status_display(),
            "name": registration.name,
            "role": registration.role,
            "organisation": registration.organisation_label,
            "access_needs": registration.access_needs,
            "dietary_needs": registration.dietary_needs,
            "registered_at": _iso(registration.created_at),
        }
        for registration in Registration.objects.for_user(user).select_related("organisation")
    ]


def cancel_places_of(user: User) -> None:
    """Free the person's places at events to come, so they go to the waiting list, and forget
    what they told us about themselves on every registration."""
    now = timezone.now()
    live = Registration.objects.for_user(user).filter(
        event__ends_at__gte=now,
        status__in=[
            Registration.Status.CONFIRMED,
            Registration.Status.WAITING,
            Registration.Status.OFFERED,
        ],
    )
    for registration in live:
        registration_cancel(registration=registration, because=Registration.Ended.ACCOUNT_DELETED)
    Registration.objects.filter(user=user).update(
        name="Deleted user",
        role="",
        organisation_name="",
        organisation=None,
        access_needs="",
        dietary_needs="",
        needs_deleted_at=now,
    )


def _post(post, **fields) -> dict:
    return {
        **fields,
        "state": post.get_state_display(),
        "written_at": _iso(post.created_at),
        "published_at": _iso(post.published_at),
    }


def practice_posts_of(user: User) -> dict:
    member = Member.objects.filter(user=user).select_related("organisation").first()
    tests = PracticeTest.objects.filter(author=user).prefetch_related("interventions")
    return {
        "profile": {
            "display_name": member.display_name,
            "role": member.role,
            "organisation": member.organisation.name if member.organisation else "",
            "show_organisation": member.show_organisation,
        }
        if member
        else None,
        "practice_tests": [
            _post(
                test,
                title=test.title,
                what_i_will_try=test.what_we_will_try,
                expected_change=test.expected_change,
                why=test.why,
                how_i_will_tell=test.how_we_will_tell,
                duration=test.get_duration_display(),
                interventions=[i.name for i in test.interventions.all()],
            )
            for test in tests
        ],
        "updates": [
            _post(u, practice_test=u.practice_test.title, text=u.body)
            for u in PracticeUpdate.objects.filter(author=user).select_related("practice_test")
        ],
        "findings": [
            _post(
                f, practice_test=f.practice_test.title, result=f.get_result_display(),
                reflection=f.reflection,
            )
            for f in Finding.objects.filter(author=user).select_related("practice_test")
        ],
        "replies": [
            _post(r, practice_test=r.practice_test.title, text=r.body)
            for r in Reply.objects.filter(author=user).select_related("practice_test")
        ],
        "trying": [
            _post(
                t, practice_test=t.practice_test.title,
                result=t.get_result_display() if t.result else "", reflection=t.reflection,
            )
            for t in Trial.objects.filter(author=user).select_related("practice_test")
        ],
        "following": [
            f.practice_test.title
            for f in Follow.objects.filter(user=user).select_related("practice_test")
        ],
    }  # fmt: skip


def forget_practice_profile_of(user: User) -> None:
    """Posts stay, shown as by "Deleted user" (the account's name goes with it); the profile
    that named them and the follows that emailed them go."""
    Member.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
