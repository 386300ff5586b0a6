"""Demo calls and applications: the 2019 partners', the current ones, and a review."""

from datetime import datetime, timedelta

from accounts.models import Organisation, User
from evidence_store.models import Outcome, Topic
from pine.models import (
    Application,
    ApplicationGap,
    Call,
    Criterion,
    Event,
    Priority,
    Review,
    ReviewScore,
    SectionAnswer,
)
from pine.named_gaps import gap_choices, gap_key, parse_gap_key
from pine.sections import SECTIONS
from pine.workflow import Status

# Complete answers for the demo applications; the practice's own name and words are added.
ANSWERS = {
    "your-organisation": {"contact_name": "Demo Contact", "contact_job_title": "Service manager", "contact_email": "contact@example.org"},
    "the-practice": {"who_for": "Children and families known to children's social care.", "running_for": "1_to_3", "reach": 150},
    "theory-of-change": {"outcomes": "Fewer children entering care; families who feel heard.", "activities": "Family meetings, planned with a trained coordinator."},
    "evidence-so-far": {"data_collected": "Case records and feedback from families.", "evidence_stage": "some_data"},
    "what-you-want-to-learn": {"questions": "Does the practice help families stay together safely?", "use_of_findings": "To decide whether to extend it across the service."},
    "capacity-and-commitment": {"staff_time": "Half a day a week from a practice lead.", "analyst_support": "yes", "data_access": "From our case management system.", "sponsor_name": "Demo Sponsor", "sponsor_job_title": "Director of children's services"},
    "declarations": {"accurate": True, "sponsor_agreed": True, "data_protection": True},
}  # fmt: skip


def load_calls(data: dict, *, now: datetime) -> tuple[Call, Call]:
    """The call open now, for six months more, and the 2019 partners' call."""
    open_call, _ = Call.objects.update_or_create(
        slug=data["open_call"]["slug"],
        defaults={
            "title": data["open_call"]["title"],
            "summary": data["open_call"]["summary"],
            "opens_at": now - timedelta(days=30),
            "closes_at": now + timedelta(days=180),
            # Illustrative: about eight weeks of screening and consultation after it closes.
            "decisions_by": (now + timedelta(days=180 + 56)).date(),
        },
    )
    open_call.priorities.set(Priority.objects.all())
    past = data["partners_call"]
    partners_call, _ = Call.objects.update_or_create(
        slug=past["slug"],
        defaults={
            "title": past["title"],
            "summary": past["summary"],
            "opens_at": datetime.fromisoformat(past["opens_at"]),
            "closes_at": datetime.fromisoformat(past["closes_at"]),
        },
    )
    return open_call, partners_call


def load_partners(partners_call: Call, partners: list[dict]) -> None:
    """The 2019 partners' applications, accepted."""
    for number, partner in enumerate(partners, start=1):
        application = _application(partners_call, partner, 2019, number, Status.ACCEPTED)
        _answer(application, partner, ["the-practice"])
        if not application.events.exists():
            Event.objects.create(application=application, transition="accept", from_status=Status.CONSULTATION, to_status=Status.ACCEPTED, message="Announced as a PINE partnership on 2 July 2019.")  # fmt: skip


def load_current(open_call: Call, items: list[dict], *, year: int) -> None:
    """This year's applications to the open call; a submitted one is also reviewed."""
    for number, item in enumerate(items, start=1):
        application = _application(open_call, item, year, number, item["status"])
        sections = [s.slug for s in SECTIONS] if item["sections"] == "all" else item["sections"]
        _answer(application, item, sections)
        if "what-you-want-to-learn" in sections:
            _name_gaps(application, item.get("gaps", []))
        if item["status"] == Status.SUBMITTED:
            if not application.events.exists():
                Event.objects.create(application=application, transition="submit", from_status=Status.DRAFT, to_status=Status.SUBMITTED)  # fmt: skip
            _review(application)


def _application(call: Call, item: dict, year: int, number: int, status: str) -> Application:
    reference = f"PINE-{year}-{number:04d}"
    application = Application.objects.filter(reference=reference).first()
    if application is None:
        # The status is set only on creation: after that it changes only through the workflow.
        application = Application.objects.create(
            reference=reference,
            year=year,
            number=number,
            organisation=Organisation.objects.get(slug=item["organisation"]),
            call=call,
            status=status,
            submitted_at=call.opens_at if status != Status.DRAFT else None,
        )
    application.title = item["practice_name"]
    application.save(update_fields=["title"])
    application.priorities.set(Priority.objects.filter(slug__in=item.get("priorities", [])))
    return application


def _answer(application: Application, item: dict, sections: list[str]) -> None:
    for slug in sections:
        answers = dict(ANSWERS[slug])
        if slug == "the-practice":
            answers |= {"practice_name": item["practice_name"], "description": item.get("description", "A new way of working with families."), "priorities": item.get("priorities", ["risk-and-decision-making"])}  # fmt: skip
        SectionAnswer.objects.update_or_create(
            application=application,
            section=slug,
            defaults={
                "answers": answers,
                "progress": SectionAnswer.Progress.COMPLETED,
                "version": 1,
            },
        )


def _name_gaps(application: Application, slugs: list[list[str]]) -> None:
    """The gaps a demo application names: those of the (topic, outcome) slugs listed that are
    gaps inside its call's priorities, given the evidence store's demo ratings."""
    topics = dict(Topic.objects.values_list("slug", "pk"))
    outcomes = dict(Outcome.objects.values_list("slug", "pk"))
    offered = dict(gap_choices(application))
    wanted = (gap_key(topics.get(t), outcomes.get(o)) for t, o in slugs)
    keys = [key for key in wanted if key in offered]
    ApplicationGap.objects.filter(application=application).delete()
    ApplicationGap.objects.bulk_create(
        ApplicationGap(application=application, topic_id=t, outcome_id=o)
        for t, o in map(parse_gap_key, keys)
    )
    row = SectionAnswer.objects.get(application=application, section="what-you-want-to-learn")
    row.answers = {**ANSWERS["what-you-want-to-learn"], **({"gaps": keys} if keys else {})}
    row.save(update_fields=["answers"])


def _review(application: Application) -> None:
    # The reviewer is a demo account, which exists only when DEBUG is true.
    reviewer = User.objects.filter(email="reviewer@example.org").first()
    if reviewer is None:
        return
    review, _ = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "recommendation": Review.Recommendation.MAYBE,
            "is_draft": False,
            "comment": "Promising; the data plan needs more detail.",
        },
    )
    for n, criterion in enumerate(Criterion.objects.all()):
        ReviewScore.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": 3 + n % 2, "comment": ""}
        )
