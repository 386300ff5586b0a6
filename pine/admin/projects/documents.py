"""Admin for a stage's documents: added through the checking upload, never changed or deleted."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.html import format_html

from core.forms import plain_error_messages
from pine.admin.projects.stages import stage_field, stage_label
from pine.models import Document, Project
from pine.services import ActionRefused
from pine.services.projects import document_upload


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave blank to use the file's name."
    )
    kind = forms.ChoiceField(choices=Document.Kind.choices, initial=Document.Kind.OTHER)
    file = forms.FileField(help_text="A PDF, DOCX, XLSX, ODT or CSV file, smaller than 20MB.")

    def __init__(self, *args, admin_site: admin.AdminSite, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"] = stage_field(Document._meta.get_field("stage"), admin_site)
        self.order_fields(["stage"])
        plain_error_messages(self)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "stage", "kind", "uploaded_by", "uploaded_at", "file_size"]
    list_filter = ["kind"]
    list_select_related = ["stage__project__organisation", "uploaded_by"]
    search_fields = ["title", "stage__project__title", "stage__project__organisation__name"]
    fields = ["title", "project", "stage", "kind", "original_name", "content_type", "file_size", "uploaded_by", "uploaded_at", "download"]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="project", ordering="stage__project__title")
    def project(self, document: Document) -> Project:
        return document.stage.project

    @admin.display(description="size", ordering="size")
    def file_size(self, document: Document) -> str:
        return filesizeformat(document.size)

    @admin.display(description="download")
    def download(self, document: Document) -> str:
        url = document.get_absolute_url()
        return format_html('<a href="{}">Download {}</a>', url, document.original_name)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DocumentUploadForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            admin_site=self.admin_site,
            initial={"stage": request.GET.get("stage")},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                document = document_upload(
                    stage=data["stage"],
                    user=request.user,
                    upload=data["file"],
                    title=data["title"],
                    kind=data["kind"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            except ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                self.log_addition(request, document, [{"added": {}}])
                where = stage_label(document.stage)
                messages.success(request, f"{document.title} was added to {where}.")
                return redirect("admin:pine_projectstage_change", document.stage_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "title": "Add a document",
        }
        return TemplateResponse(request, "admin/pine/document/upload.html", context)
