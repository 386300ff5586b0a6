"""The programme managers' portfolio in the admin: each count drawn as a chart, with its table
beside it, and every figure a link to the admin list it counts."""

from dataclasses import dataclass, field

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from core.charts import Bar, bar_chart
from pine import portfolio
from pine.models import Project
from pine.workflow import Status


@dataclass(frozen=True)
class Cell:
    text: object
    url: str = ""


@dataclass(frozen=True)
class Panel:
    """One part of the page: its charts, and the table that is their text equivalent."""

    heading: str
    charts: list[tuple[str, SafeString]]  # each chart's visible title, and the chart
    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = "None yet."
    shows_meetings: bool = False  # the next meetings follow this part's table


def _list(model: str, **filters) -> str:
    return f"{reverse(f'admin:pine_{model}_changelist')}?{urlencode(filters)}"


def _days(days: int | None) -> str:
    return "–" if days is None else str(days)


def _applications() -> Panel:
    figures = portfolio.applications_by_status()
    chart = bar_chart(
        chart_id="applications-by-status",
        title="Applications by status",
        summary="How many applications are at each status.",
        bars=[Bar(f.label, f.count) for f in figures],
    )
    rows = [
        [
            Cell(f.label),
            Cell(f.count, _list("application", status__exact=f.status)),
            Cell(_days(f.average_days)),
            Cell(_days(f.longest_days)),
        ]
        for f in figures
    ]
    columns = ["Status", "Applications", "Average days in this status", "Longest (days)"]
    title = "Applications by status"
    return Panel(title, [(title, chart)], title, columns, rows)


def _reviews() -> Panel:
    figures = portfolio.reviews_outstanding()
    chart = bar_chart(
        chart_id="reviews-outstanding",
        title="Reviews outstanding per reviewer",
        summary="How many reviews each reviewer has still to finish or start.",
        bars=[Bar(str(f.reviewer), f.outstanding) for f in figures],
    )
    rows = [
        [
            Cell(f.reviewer),
            Cell(f.drafts, _list("review", reviewer__id__exact=f.reviewer.pk, is_draft__exact=1)),
            Cell(f.not_started, _list("application", not_reviewed_by=f.reviewer.pk)),
            Cell(f.outstanding),
        ]
        for f in figures
    ]
    columns = ["Reviewer", "Started, not finished", "Not started", "Outstanding"]
    caption = "Reviews outstanding per reviewer"
    return Panel(caption, [(caption, chart)], caption, columns, rows, "There are no reviewers yet.")


def _stages() -> Panel:
    figures = portfolio.projects_by_stage()
    at_stage = bar_chart(
        chart_id="projects-by-stage",
        title="Active projects by current stage",
        summary="How many active projects are at each stage.",
        bars=[Bar(f.name, f.projects) for f in figures],
    )
    overdue = bar_chart(
        chart_id="overdue-stages",
        title="Overdue stages",
        summary="How many active projects have each stage past its due date and not done.",
        bars=[Bar(f.name, f.overdue) for f in figures],
    )
    active = Project.Status.ACTIVE
    rows = [
        [
            Cell(f.name),
            Cell(f.projects, _list("project", status__exact=active, stage=f.name)),
            Cell(
                f.overdue,
                _list("projectstage", overdue="yes", project__status__exact=active, name=f.name),
            ),
        ]
        for f in figures
    ]
    columns = ["Stage", "Active projects at this stage", "Overdue stages"]
    caption = "Active projects by stage, and overdue stages"
    return Panel(
        "Projects by stage",
        [("Active projects by current stage", at_stage), ("Overdue stages", overdue)],
        caption,
        columns,
        rows,
        shows_meetings=True,
    )


def _priorities() -> Panel:
    figures = portfolio.priorities_covered()
    chart = bar_chart(
        chart_id="priorities-covered",
        title="PINE priorities covered by accepted projects",
        summary="How many accepted applications seek each priority.",
        bars=[Bar(f.priority.name, f.accepted) for f in figures],
    )
    rows = [
        [
            Cell(f.priority.name),
            Cell(
                f.accepted,
                _list(
                    "application",
                    priorities__id__exact=f.priority.pk,
                    status__exact=Status.ACCEPTED,
                ),
            ),
        ]
        for f in figures
    ]
    caption = "PINE priorities covered by accepted projects"
    return Panel(caption, [(caption, chart)], caption, ["Priority", "Accepted projects"], rows)


def _gaps() -> Panel:
    figures = portfolio.gaps_covered()
    under_review = bar_chart(
        chart_id="gaps-under-review",
        title="Evidence gaps named by applications under review",
        summary="How many applications under review say they would help fill each gap.",
        bars=[Bar(f.label, f.under_review) for f in figures],
    )
    accepted = bar_chart(
        chart_id="gaps-accepted",
        title="Evidence gaps named by accepted projects",
        summary="How many accepted projects said they would help fill each gap.",
        bars=[Bar(f.label, f.accepted) for f in figures],
    )
    reviewing = ",".join(portfolio.UNDER_REVIEW)
    rows = [
        [
            Cell(f.label),
            Cell(f.under_review, _list("application", gap=f.key, status__in=reviewing)),
            Cell(f.accepted, _list("application", gap=f.key, status__exact=Status.ACCEPTED)),
        ]
        for f in figures
    ]
    return Panel(
        "Evidence gaps covered",
        [
            ("Named by applications under review", under_review),
            ("Named by accepted projects", accepted),
        ],
        "Gaps in the evidence inside current priorities, and the applications that name them",
        ["Gap (topic: outcome)", "Applications under review", "Accepted projects"],
        rows,
        "No current priority has a gap in the evidence.",
    )


def portfolio_view(request: HttpRequest) -> HttpResponse:
    if not portfolio.may_see_portfolio(request.user):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": "PINE portfolio",
        "today": timezone.localdate(),
        "panels": [_applications(), _reviews(), _stages(), _priorities(), _gaps()],
        "meetings": portfolio.next_meetings(),
        "upcoming": portfolio.upcoming_meeting_count(),
        "upcoming_url": _list("meeting", when="upcoming"),
    }
    return TemplateResponse(request, "admin/pine/portfolio.html", context)
