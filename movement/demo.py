"""Load the Movement's demo content from fixtures/movement/ (idempotent): the real #IUseEvidence
event of January 2019 with its flyer, and illustrative events to come with their places."""

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone

from accounts.models import Organisation, User
from core.uploads import validate_upload
from movement.models import Event, EventDocument, Registration
from pine.demo.files import render_pdf

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "movement"
APPLICANT = "applicant@barking-dagenham.example.org"
# Illustrative people: they hold the demo places, and cannot sign in (no usable password).
PEOPLE = 100
ROLES = [
    "Social worker",
    "Senior social worker",
    "Team manager",
    "Advanced practitioner",
    "Principal social worker",
    "Practice supervisor",
]
ORGANISATIONS = [
    "Example City Council",
    "Example County Council",
    "Example Borough Council",
    "Example Children's Trust",
]
# (access needs, dietary needs) of the first few places at an illustrative event.
NEEDS = [
    ("Step-free access, and a seat near the front of the room.", "Vegetarian"),
    ("A hearing loop, please.", ""),
    ("", "Gluten free"),
]
# Refreshed on every load; dates and places are set when the event is first made.
WORDS = ["title", "summary", "description", "agenda", "venue_name", "access_information"]
Status = Registration.Status


def load(*, stdout, style, directory: Path = FIXTURES) -> None:
    """The events and the flyer always; people and their places only with the demo accounts."""
    data = json.loads((directory / "events.json").read_text(encoding="utf-8"))
    now = timezone.now()
    events = [(_load_event(item, now), item) for item in data["events"]]
    flyers = sum(_load_flyer(event, item["flyer"]) for event, item in events if "flyer" in item)
    summary = f"Movement: {len(events)} events and {flyers} flyer{'' if flyers == 1 else 's'}"
    if not settings.DEBUG:
        stdout.write(
            style.SUCCESS(f"{summary}.")
            + " Illustrative people and their places are only made when DEBUG=true; none made."
        )
        return
    people = load_people()
    taken = 0  # events to come share out the people in turn; past ones start again
    for event, item in events:
        if event.starts_at < now:
            _load_places(event, item["places"], people, _registered(event, item, now))
        else:
            count = _load_places(
                event, item["places"], people[taken:], _registered(event, item, now)
            )
            taken += count
            if item["places"].get("applicant"):
                _load_applicant_place(event, now)
    counts = dict(
        Registration.objects.filter(event__in=[event for event, _ in events])
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    stdout.write(
        style.SUCCESS(
            f"{summary}; {len(people)} illustrative people with "
            f"{counts.get(Status.ATTENDED, 0)} places attended, "
            f"{counts.get(Status.CONFIRMED, 0)} confirmed and "
            f"{counts.get(Status.WAITING, 0)} on a waiting list."
        )
    )


def _london(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def _load_event(item: dict, now: datetime) -> Event:
    if "starts_at" in item:
        starts, ends = _london(item["starts_at"]), _london(item["ends_at"])
    else:
        day = (timezone.localdate(now) + timedelta(days=item["starts_in_days"])).isoformat()
        starts, ends = _london(f"{day}T{item['starts']}"), _london(f"{day}T{item['ends']}")
    words = {
        **{field: item[field] for field in WORDS},
        "venue_address": "\n".join(item["venue_address"]),
        "illustrative": item["illustrative"],
        "is_published": True,
    }
    event, _ = Event.objects.update_or_create(
        slug=item["slug"],
        defaults=words,
        create_defaults={
            **words,
            "starts_at": starts,
            "ends_at": ends,
            "capacity": item["capacity"],
        },
    )
    return event


def _load_flyer(event: Event, spec: dict) -> int:
    """A small, real PDF made from the fixture's words, checked as any upload is; made once."""
    if event.documents.filter(original_name=spec["filename"]).exists():
        event.documents.filter(original_name=spec["filename"]).update(title=spec["title"])
        return 1
    upload = SimpleUploadedFile(spec["filename"], render_pdf(spec["content"]))
    kind = validate_upload(upload)
    document = EventDocument(
        event=event,
        title=spec["title"],
        original_name=spec["filename"],
        content_type=kind.content_type,
        size=upload.size,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    return 1


def load_people() -> list[User]:
    """The illustrative people, made in one query the first time."""
    emails = [f"practitioner-{n:03d}@example.org" for n in range(1, PEOPLE + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(
            email=email,
            full_name=f"Example Practitioner {n:03d}",
            job_title=ROLES[n % len(ROLES)],
            password=make_password(None),
        )
        for n, email in enumerate(emails, start=1)
        if email not in existing
    )
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _registered(event: Event, item: dict, now: datetime) -> tuple[datetime, datetime]:
    """When people registered: from the announcement to two days before the event, or over
    the three weeks to yesterday for an event to come."""
    if "registered_from" in item:
        return _london(item["registered_from"]), event.starts_at - timedelta(days=2)
    return now - timedelta(days=21), now - timedelta(days=1)


def _load_places(event: Event, places: dict, people: list[User], registered) -> int:
    """Places for the first people, in the order they registered: attended, confirmed, then
    waiting; anyone who already has a registration here keeps it as it is. Returns how many
    people the event uses."""
    statuses = [
        *[Status.ATTENDED] * places.get("attended", 0),
        *[Status.CONFIRMED] * places.get("confirmed", 0),
        *[Status.WAITING] * places.get("waiting", 0),
    ]
    first, last = registered
    step = (last - first) / max(len(statuses), 1)
    already = set(event.registrations.values_list("user_id", flat=True))
    new = []
    for n, (person, status) in enumerate(zip(people, statuses, strict=False)):
        if person.pk in already:
            continue
        at = first + n * step
        access, dietary = NEEDS[n] if n < places.get("with_needs", 0) else ("", "")
        new.append(
            Registration(
                event=event,
                user=person,
                status=status,
                name=person.full_name,
                role=person.job_title,
                organisation_name=ORGANISATIONS[n % len(ORGANISATIONS)],
                access_needs=access,
                dietary_needs=dietary,
                confirmed_at=None if status == Status.WAITING else at,
                waiting_since=at if status == Status.WAITING else None,
                created_at=at,
            )
        )
    Registration.objects.bulk_create(new)
    return len(statuses)


def _load_applicant_place(event: Event, now: datetime) -> None:
    """A confirmed place for the Barking and Dagenham demo applicant, so their account home
    shows one; left alone once made, even if they cancel it."""
    applicant = User.objects.filter(email=APPLICANT).first()
    if applicant is None or event.registrations.filter(user=applicant).exists():
        return
    Registration.objects.create(
        event=event,
        user=applicant,
        status=Status.CONFIRMED,
        name=applicant.full_name,
        role=applicant.job_title,
        organisation=Organisation.objects.for_user(applicant).order_by("pk").first(),
        confirmed_at=now - timedelta(days=2),
        created_at=now - timedelta(days=2),
    )
