"""Admin for evaluation reports, with their preview, publish and unpublish pages, and for project
events, a read-only record (their emails are in the admin's list of emails)."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin_records import ReadOnlyAdminMixin
from core.admin_widgets import SafeAutocompleteMixin
from core.concurrency import VersionedModelForm
from pine.admin.transition_pages import TransitionPagesMixin
from pine.models import EvaluationReport, ProjectEvent
from pine.services.projects import report_publish, report_unpublish, validate_report_pdf
from pine.services.projects.reports import report_publish_refusal


class EvaluationReportForm(VersionedModelForm):
    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if isinstance(upload, UploadedFile):  # a new file, rather than the one already stored
            validate_report_pdf(upload)
            self.instance.pdf_size = upload.size
        return upload


@dataclass(frozen=True)
class ReportStep:
    """Publishing or unpublishing a report: its button, what the page says, and its service."""

    label: str
    done: str
    explanation: tuple[str, ...]
    service: Callable
    text: str = ""  # it asks for no words


REPORT_STEPS = {
    "publish": ReportStep(
        "Publish the report",
        "published, and its project is complete",
        (
            "{report.title} will be on the public evaluations page from today. The final stage "
            "of {report.project.title} is signed off and the project is marked completed.",
            "Every other stage of the project must be signed off or skipped first.",
        ),
        report_publish,
    ),
    "unpublish": ReportStep(
        "Unpublish the report",
        "unpublished",
        ("{report.title} will be taken off the public pages. The project stays completed.",),
        report_unpublish,
    ),
}


@admin.register(EvaluationReport)
class EvaluationReportAdmin(TransitionPagesMixin, SafeAutocompleteMixin, admin.ModelAdmin):
    form = EvaluationReportForm
    list_display = ["title", "project", "published_on", "illustrative"]
    list_filter = ["illustrative"]
    list_select_related = ["project__organisation"]
    search_fields = ["title", "project__title", "project__organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["project"]
    fields = ["project", "title", "slug", "summary", "findings", "pdf", "current_pdf", "link", "illustrative", "published_on", "seen_version"]  # fmt: skip
    readonly_fields = ["current_pdf", "published_on"]
    # Stored files have no URL of their own, so the file input does not link to the current one.
    formfield_overrides = {
        models.FileField: {"widget": forms.FileInput},
        models.URLField: {"assume_scheme": "https"},
    }
    change_form_template = "admin/pine/evaluationreport/change_form.html"

    @admin.display(description="current PDF")
    def current_pdf(self, report: EvaluationReport) -> str:
        if not report.pdf:
            return "None"
        size = filesizeformat(report.pdf_size or 0)
        if report.is_published:
            url = reverse("pine:evaluation_pdf", kwargs={"slug": report.slug})
            return format_html('<a href="{}">PDF, {}</a>', url, size)
        return f"PDF, {size} (it can be downloaded once the report is published)"

    def get_readonly_fields(self, request: HttpRequest, obj: EvaluationReport | None = None):
        return [*self.readonly_fields, "project"] if obj else self.readonly_fields

    def view_on_site(self, report: EvaluationReport) -> str:
        # The public page is a 404 until the report is published, so staff see a preview.
        if EvaluationReport.objects.published().filter(pk=report.pk).exists():
            return report.get_absolute_url()
        return reverse("admin:pine_evaluationreport_preview", args=[report.pk])

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        reports = self.get_queryset(request).select_related("project__organisation")
        report = get_object_or_404(reports, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "report": report,
            "is_public": EvaluationReport.objects.published().filter(pk=report.pk).exists(),
            "title": f"Preview: {report.title}",
        }
        return TemplateResponse(request, "admin/pine/evaluationreport/preview.html", context)

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None and obj.published_on is None:
            context["publish_refusal"] = report_publish_refusal(report=obj, user=request.user)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # unpublish instead

    # Publishing and unpublishing: a page each (pine/admin/transition_pages.py).
    transitions = REPORT_STEPS
    permission = "pine.publish_evaluationreport"
    noun = "report"

    def get_urls(self):
        view = self.admin_site.admin_view
        preview = view(self.preview_view)
        steps = [
            path(
                f"<int:pk>/{name}/",
                view(self.transition_view),
                {"name": name},
                name=f"pine_evaluationreport_{name}",
            )
            for name in REPORT_STEPS
        ]
        preview = path("<int:pk>/preview/", preview, name="pine_evaluationreport_preview")
        return [preview, *steps, *super().get_urls()]

    def action_url(self, report: EvaluationReport, name: str) -> str:
        return reverse(f"admin:pine_evaluationreport_{name}", args=[report.pk])

    def transition_label(self, report: EvaluationReport) -> str:
        return report.title

    def done_message(self, report: EvaluationReport, step: ReportStep) -> str:
        return f"{report.title} was {step.done}."

    def explanation(self, report: EvaluationReport, step: ReportStep) -> list[str]:
        return [line.format(report=report) for line in step.explanation]

    def refusal(self, request: HttpRequest, report: EvaluationReport, name: str) -> str | None:
        if name == "publish":
            return report_publish_refusal(report=report, user=request.user)
        return None

    def make_transition(self, request, report, name: str, text: str, seen) -> None:
        REPORT_STEPS[name].service(report=report, user=request.user, seen_version=seen)


@admin.register(ProjectEvent)
class ProjectEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["project", "stage", "kind", "actor", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["project__organisation", "stage", "actor"]
    search_fields = ["project__title", "project__organisation__name"]
    readonly_fields = [f.name for f in ProjectEvent._meta.fields]
