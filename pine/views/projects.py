"""The project workspace, for the partner organisation's members and PINE staff.

Every project, stage and document is looked up through a queryset scoped to the person:
anyone else's gives 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.middleware import passed_two_factor
from core.links import absolute_url
from core.uploads import attachment_response
from pine import selectors
from pine.calendar import calendar_for
from pine.forms.projects import DocumentForm
from pine.models import Document, Project, ProjectStage
from pine.models.projects import ProjectQuerySet
from pine.services import ActionRefused
from pine.services.projects import document_upload, stage_mark_ready
from pine.services.projects.progress import project_current_stage, stage_counts, tracker_steps
from pine.workflow.rules import can_upload, is_partner, refusal


def _staff_verified(request: HttpRequest) -> bool:
    """Staff reach other organisations' projects only in a session that passed two-factor."""
    return not settings.STAFF_MFA_REQUIRED or passed_two_factor(request)


def _projects(request: HttpRequest) -> ProjectQuerySet:
    return Project.objects.for_user(request.user, staff_verified=_staff_verified(request))


def _project(request: HttpRequest, slug: str) -> Project:
    return get_object_or_404(_projects(request), slug=slug)


def _stage_url(project: Project, stage: ProjectStage) -> str:
    return reverse("pine:stage_detail", kwargs={"slug": project.slug, "number": stage.number})


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.with_next_steps(_projects(request))
    return render(request, "pine/project_list.html", {"projects": projects})


@login_required
@require_safe
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(_projects(request).select_related("report"), slug=slug)
    stages = selectors.numbered_stages(project)
    current = project_current_stage(project, stages)
    context = {
        "project": project,
        "stages": stages,
        "current": current,
        "next_stage": selectors.next_stage(stages, current),
        "progress": stage_counts(stages),
        "tracker": tracker_steps(project, stages),
        "report": selectors.published_report(project),
        "has_meetings": selectors.project_meetings(project).exists(),
        "upcoming": selectors.upcoming_meetings(project, stages),
        "actions": selectors.open_actions(project, stages),
        "documents": selectors.recent_documents(project, stages),
        "events": selectors.recent_events(project),
        "is_partner": is_partner(request.user, project),
    }
    return render(request, "pine/project_detail.html", context)


def _stage_or_404(stages: list[ProjectStage], number: int) -> ProjectStage:
    if not 1 <= number <= len(stages):
        raise Http404("No such stage.")
    return stages[number - 1]


def _render_stage(
    request: HttpRequest,
    project: Project,
    stages: list[ProjectStage],
    stage: ProjectStage,
    *,
    form: DocumentForm | None = None,
    error: str = "",
) -> HttpResponse:
    current = project_current_stage(project, stages)
    uploads = can_upload(request.user, project)
    ready = refusal(user=request.user, subject=stage, transition="mark_ready") is None
    context = {
        "project": project,
        "stages": stages,
        "stage": stage,
        "is_current": current is not None and current.pk == stage.pk,
        "previous": stages[stage.number - 2] if stage.number > 1 else None,
        "next": stages[stage.number] if stage.number < len(stages) else None,
        "meetings": selectors.stage_meetings(stage),
        "documents": selectors.stage_documents(stage),
        "form": form or DocumentForm(),
        "can_upload": uploads,
        "can_mark_ready": ready,
        "error": error,
        # A refusal links to the ready form, or to the page when that form is not on it now.
        "error_target": "ready" if ready else "main-content",
        "today": timezone.localdate(),
    }
    return render(request, "pine/stage_detail.html", context)


def _stage_moved(request: HttpRequest, stage: ProjectStage) -> str:
    """A refusal if the form was for a different stage than the one now at this number."""
    if request.POST.get("stage", "") == str(stage.pk):
        return ""
    return (
        f"The project's stages changed while you were looking at them: stage {stage.number} is "
        f"now {stage.name}. Nothing was saved. Check the stage and try again."
    )


@login_required
@require_safe
def stage_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(request, slug)
    stages = selectors.numbered_stages(project)
    return _render_stage(request, project, stages, _stage_or_404(stages, number))


@login_required
@require_POST
def stage_upload(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A larger body than any form takes never gets here: see RefuseOversizeBodiesMiddleware."""
    project = _project(request, slug)
    stages = selectors.numbered_stages(project)
    stage = _stage_or_404(stages, number)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        moved = _stage_moved(request, stage)
        if moved:
            form.add_error(None, moved)
            return _render_stage(request, project, stages, stage, form=form)
        try:
            document = document_upload(
                stage=stage,
                user=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"‘{document.title}’ has been uploaded.")
            return redirect(_stage_url(project, stage) + "#documents")
    return _render_stage(request, project, stages, stage, form=form)


@login_required
@require_POST
def stage_ready(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project(request, slug)
    stages = selectors.numbered_stages(project)
    stage = _stage_or_404(stages, number)
    moved = _stage_moved(request, stage)
    if moved:
        return _render_stage(request, project, stages, stage, error=moved)
    try:
        seen = int(request.POST.get("seen_version", ""))
    except ValueError:
        seen = -1  # a tampered form: treated as out of date
    try:
        stage_mark_ready(stage=stage, user=request.user, seen_version=seen)
    except ActionRefused as refused:
        stage.refresh_from_db()
        return _render_stage(request, project, stages, stage, error=str(refused))
    messages.success(
        request,
        f"Stage {stage.number}, {stage.name}, is ready for sign-off. "
        "We will email you when it has been signed off.",
    )
    return redirect(_stage_url(project, stage))


@login_required
@require_safe
def meetings_ics(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project(request, slug)
    stages = selectors.numbered_stages(project)
    urls = {stage.pk: absolute_url(_stage_url(project, stage)) for stage in stages}
    meetings = list(selectors.project_meetings(project))
    if not meetings:
        raise Http404("No meetings yet.")  # a calendar must hold at least one event
    response = HttpResponse(
        calendar_for(project, meetings, stage_urls=urls),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{project.slug}-meetings.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    documents = Document.objects.for_user(request.user, staff_verified=_staff_verified(request))
    document = get_object_or_404(documents, pk=pk)
    return attachment_response(
        document.file,
        title=document.title,
        original_name=document.original_name,
        content_type=document.content_type,
    )
