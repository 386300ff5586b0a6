"""Admin for evaluation reports, with their publish and unpublish pages, and for project events,
whose failed emails can be sent again."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin_widgets import SafeAutocompleteMixin
from core.concurrency import VersionedModelForm
from pine.admin.events import send_emails_again
from pine.models import EvaluationReport, ProjectEvent
from pine.services import ActionRefused, Conflict
from pine.services.projects import report_publish, report_unpublish, validate_report_pdf


class EvaluationReportForm(VersionedModelForm):
    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if isinstance(upload, UploadedFile):  # a new file, rather than the one already stored
            validate_report_pdf(upload)
            self.instance.pdf_size = upload.size
        return upload


class PublishForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@admin.register(EvaluationReport)
class EvaluationReportAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
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

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # unpublish instead

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/publish/",
                view(self.publish_view),
                {"publish": True},
                name="pine_evaluationreport_publish",
            ),
            path(
                "<int:pk>/unpublish/",
                view(self.publish_view),
                {"publish": False},
                name="pine_evaluationreport_unpublish",
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request: HttpRequest, pk: int, publish: bool) -> HttpResponse:
        if not request.user.has_perm("pine.publish_evaluationreport"):
            raise PermissionDenied
        report = get_object_or_404(EvaluationReport.objects.select_related("project"), pk=pk)
        change_url = reverse("admin:pine_evaluationreport_change", args=[report.pk])
        form = PublishForm(
            request.POST if request.method == "POST" else None,
            initial={"seen_version": report.version},
        )
        conflict = False
        if request.method == "POST" and form.is_valid():
            service = report_publish if publish else report_unpublish
            seen = form.cleaned_data["seen_version"]
            try:
                service(report=report, user=request.user, seen_version=seen)
            except ActionRefused as refused:
                conflict = isinstance(refused, Conflict)
                form.add_error(None, str(refused))
            else:
                done = "published, and its project is complete" if publish else "unpublished"
                messages.success(request, f"{report.title} was {done}.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "publish": publish,
            "form": form,
            "conflict": conflict,
            "change_url": change_url,
            "title": f"{'Publish' if publish else 'Unpublish'}: {report.title}",
        }
        return TemplateResponse(request, "admin/pine/evaluationreport/publish.html", context)


@admin.register(ProjectEvent)
class ProjectEventAdmin(admin.ModelAdmin):
    list_display = ["project", "stage", "kind", "actor", "created_at", "emails_pending"]
    list_filter = ["emails_pending", "kind"]
    list_select_related = ["project__organisation", "stage", "actor"]
    search_fields = ["project__title", "project__organisation__name"]
    readonly_fields = [f.name for f in ProjectEvent._meta.fields]
    actions = [send_emails_again]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
