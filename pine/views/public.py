"""Public pages: the partners and their projects, and the published evaluation reports.

They show public fields only: never meeting notes, documents, people or contact details.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.uploads import attachment_response
from pine import selectors
from pine.models import EvaluationReport, Project, ProjectStage
from pine.services.projects.progress import stage_counts, tracker_steps

PUBLIC_PROJECT_FIELDS = ["slug", "title", "summary", "status", "organisation__name", "organisation__region"]  # fmt: skip
# A stage's name and status are public; its guidance, dates and people are not.
PUBLIC_STAGE_FIELDS = ["project", "name", "status", "position"]


def _public_projects():
    stages = ProjectStage.objects.only(*PUBLIC_STAGE_FIELDS)
    return (
        Project.objects.public()
        .with_current_stage()
        .select_related("organisation", "report")
        .only(*PUBLIC_PROJECT_FIELDS, "report__slug", "report__published_on", "report__title")
        .prefetch_related(Prefetch("stages", queryset=stages))
    )


def _with_progress(project: Project) -> Project:
    """Attach the stage tracker, the stage counts and the published report, if any."""
    stages = selectors.numbered_stages(project)
    project.tracker = tracker_steps(project, stages)
    project.progress = stage_counts(stages)
    project.published_report = selectors.published_report(project)
    return project


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    projects = [_with_progress(project) for project in _public_projects()]
    return render(request, "pine/partner_list.html", {"projects": projects})


@require_safe
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = _with_progress(get_object_or_404(_public_projects(), slug=slug))
    return render(request, "pine/partner_detail.html", {"project": project})


def _published():
    return EvaluationReport.objects.published().select_related(
        "project__organisation", "project__intervention", "project__topic"
    )


@require_safe
def evaluation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "pine/evaluation_list.html", {"reports": _published()})


@require_safe
def evaluation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = get_object_or_404(_published(), slug=slug)
    intervention = report.project.intervention
    if intervention is not None and not intervention.is_published:
        intervention = None  # a draft in the evidence store is not linked
    context = {"report": report, "project": report.project, "intervention": intervention}
    return render(request, "pine/evaluation_detail.html", context)


@require_safe
def evaluation_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    report = get_object_or_404(_published(), slug=slug)
    if not report.pdf:
        raise Http404("This report has no PDF.")
    return attachment_response(
        report.pdf,
        title=report.title,
        original_name=report.pdf.name,
        content_type="application/pdf",
    )
