"""Public pages: the partners and their projects, and the published evaluation reports.

They show public fields only: never meeting notes, documents, people or contact details.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.uploads import attachment_response
from pine.models import EvaluationReport, Project

PUBLIC_PROJECT_FIELDS = ["slug", "title", "summary", "status", "organisation__name", "organisation__region"]  # fmt: skip


def _public_projects():
    return (
        Project.objects.public()
        .with_current_stage()
        .select_related("organisation", "report")
        .only(*PUBLIC_PROJECT_FIELDS, "report__slug", "report__published_on", "report__title")
    )


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    projects = list(_public_projects())
    return render(request, "pine/partner_list.html", {"projects": projects})


@require_safe
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(_public_projects(), slug=slug)
    report = getattr(project, "report", None)
    context = {"project": project, "report": report if report and report.is_published else None}
    return render(request, "pine/partner_detail.html", context)


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
