"""The reads behind the programme managers' portfolio: applications by status, reviews
outstanding, projects by stage with their overdue stages and next meetings, the priorities
that accepted applications cover, and the gaps in the evidence that applications name. Each
read is a fixed number of queries, however many rows.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from evidence_store.gaps import TopicGap
from pine.models import (
    Application,
    ApplicationGap,
    Event,
    Meeting,
    Priority,
    Project,
    ProjectStage,
    Review,
    StageTemplate,
)
from pine.named_gaps import current_pairs, gap_key, gaps_inside
from pine.workflow import STAFF_GROUPS, Actor, Status

# Who may see the portfolio: programme managers, who run the projects (reviewers only view
# them), and superusers, who have every permission.
PORTFOLIO_PERMISSION = "pine.change_project"

# Submitted and not yet decided: the applications reviewers score.
UNDER_REVIEW = (Status.SUBMITTED, Status.SCREENING, Status.MORE_INFORMATION, Status.CONSULTATION)


def may_see_portfolio(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(PORTFOLIO_PERMISSION))


@dataclass(frozen=True)
class StatusFigures:
    status: str
    label: str
    count: int
    average_days: int | None  # days in this status, on average; None when there are none
    longest_days: int | None


def applications_by_status(today: date | None = None) -> list[StatusFigures]:
    """Every status, in the workflow's order, with how long its applications have been in it.

    An application entered its status with the latest event that moved it there; a draft that
    has none has been a draft since it was started.
    """
    today = today or timezone.localdate()
    entered = (
        Event.objects.filter(application=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    rows = Application.objects.order_by().annotate(since=Coalesce(Subquery(entered), "created_at"))
    days: dict[str, list[int]] = {status: [] for status in Status.values}
    for status, since in rows.values_list("status", "since"):
        days[status].append((today - timezone.localdate(since)).days)
    return [
        StatusFigures(
            status=status,
            label=Status(status).label,
            count=len(waits),
            average_days=round(sum(waits) / len(waits)) if waits else None,
            longest_days=max(waits, default=None),
        )
        for status, waits in days.items()
    ]


@dataclass(frozen=True)
class ReviewerFigures:
    reviewer: User
    drafts: int  # reviews started and not finished, of any application
    not_started: int  # applications under review that they have not started

    @property
    def outstanding(self) -> int:
        return self.drafts + self.not_started


def _count(reviews: QuerySet) -> Coalesce:
    per_reviewer = reviews.order_by().values("reviewer").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_reviewer), 0)


def reviewers() -> QuerySet[User]:
    """The PINE reviewers, and anyone else with a draft review, by name."""
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__name=STAFF_GROUPS[Actor.REVIEWER])
            | Q(pk__in=Review.objects.filter(is_draft=True).values("reviewer"))
        )
        .distinct()
        .order_by("full_name", "email")
    )


def not_begun_by(applications: QuerySet[Application], reviewer_id: int) -> QuerySet[Application]:
    """The applications under review that this reviewer has no review of yet."""
    begun = Review.objects.filter(reviewer_id=reviewer_id).values("application")
    return applications.filter(status__in=UNDER_REVIEW).exclude(pk__in=begun)


def reviews_outstanding() -> list[ReviewerFigures]:
    """For each reviewer, the reviews they have started and not finished, and the applications
    under review they have not begun."""
    under_review = Application.objects.filter(status__in=UNDER_REVIEW).count()
    theirs = Review.objects.filter(reviewer=OuterRef("pk"))
    reviewers_with_counts = reviewers().annotate(
        drafts=_count(theirs.filter(is_draft=True)),
        begun=_count(theirs.filter(application__status__in=UNDER_REVIEW)),
    )
    return [
        ReviewerFigures(reviewer=r, drafts=r.drafts, not_started=max(under_review - r.begun, 0))
        for r in reviewers_with_counts
    ]


@dataclass(frozen=True)
class StageFigures:
    name: str
    projects: int  # active projects whose current stage has this name
    overdue: int  # active projects with a stage of this name past its due date, not done


def _overdue_stages(today: date) -> QuerySet:
    return ProjectStage.objects.filter(
        project__status=Project.Status.ACTIVE, due_date__lt=today
    ).exclude(status__in=ProjectStage.DONE)


def projects_by_stage(today: date | None = None) -> list[StageFigures]:
    """Stage by stage, in the templates' order and then by name: the active projects at it and
    the overdue stages of that name. Stages with neither are left out."""
    today = today or timezone.localdate()
    active = Project.objects.filter(status=Project.Status.ACTIVE).order_by().with_current_stage()
    at_stage = Counter(name for name in active.values_list("current_stage_name", flat=True) if name)
    overdue = Counter(_overdue_stages(today).values_list("name", flat=True))
    order = {name: i for i, name in enumerate(StageTemplate.objects.values_list("name", flat=True))}
    names = sorted(at_stage.keys() | overdue.keys(), key=lambda n: (order.get(n, len(order)), n))
    return [StageFigures(name, at_stage[name], overdue[name]) for name in names]


def next_meetings(limit: int = 10) -> list[Meeting]:
    """The meetings still to come, soonest first."""
    return list(
        Meeting.objects.filter(starts_at__gte=timezone.now())
        .select_related("stage__project__organisation")
        .order_by("starts_at", "pk")[:limit]
    )


def upcoming_meeting_count() -> int:
    return Meeting.objects.filter(starts_at__gte=timezone.now()).count()


@dataclass(frozen=True)
class PriorityFigures:
    priority: Priority
    accepted: int


def priorities_covered() -> list[PriorityFigures]:
    """Every priority, with how many accepted applications (each now a project) seek it; a
    priority with none is a gap in the portfolio."""
    accepted = Count("applications", filter=Q(applications__status=Status.ACCEPTED))
    return [
        PriorityFigures(priority, priority.accepted)
        for priority in Priority.objects.annotate(accepted=accepted)
    ]


@dataclass(frozen=True)
class GapFigures:
    gap: TopicGap
    under_review: int  # applications under review that name it
    accepted: int  # accepted applications (each now a project) that name it

    @property
    def key(self) -> str:
        return gap_key(self.gap.topic.pk, self.gap.outcome.pk)

    @property
    def label(self) -> str:
        return f"{self.gap.topic.name}: {self.gap.outcome.name}"


def gaps_covered() -> list[GapFigures]:
    """Each gap in the evidence inside a current priority, in topic then outcome order, with how
    many applications under review and accepted projects name it; a gap none names is open."""
    gaps = gaps_inside(current_pairs())
    if not gaps:
        return []
    named = (
        ApplicationGap.objects.order_by()
        .values_list("topic_id", "outcome_id")
        .annotate(
            under_review=Count("pk", filter=Q(application__status__in=UNDER_REVIEW)),
            accepted=Count("pk", filter=Q(application__status=Status.ACCEPTED)),
        )
    )
    counts = {(t, o): (review, accepted) for t, o, review, accepted in named}
    return [GapFigures(g, *counts.get((g.topic.pk, g.outcome.pk), (0, 0))) for g in gaps]
