"""Admin for PINE projects: the list and its export, stages and their sign-off, meetings, documents,
evaluation reports and project events. Every change of state goes through pine.services.projects.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from config.csv_export import streaming_csv_response
from pine.admin.applications import RegionFilter
from pine.forms.versioned import VersionedModelForm
from pine.models import (
    Action,
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    StageTemplate,
)
from pine.services import ActionRefused, Conflict
from pine.services.project_emails import project_event_send_emails
from pine.services.projects import (
    STAGE_ACTIONS,
    document_upload,
    meeting_save,
    report_publish,
    report_unpublish,
    stage_add,
    validate_report_pdf,
)

Stage = ProjectStage.Status
UNDER_WAY = [Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF]


# --- Stages as staff pick them: "Project – Stage", because stage names repeat ---------------------


def stage_label(stage: ProjectStage) -> str:
    return f"{stage.project} – {stage.name}"


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, stage: ProjectStage) -> str:
        return stage_label(stage)


class StageAutocompleteView(AutocompleteJsonView):
    """The admin's stage search, with each stage labelled by its project."""

    def serialize_result(self, obj: ProjectStage, to_field_name: str) -> dict:
        return {"id": str(getattr(obj, to_field_name)), "text": stage_label(obj)}


class StageSelect(AutocompleteSelect):
    url_name = "%s:pine_projectstage_autocomplete"


def stage_field(db_field: models.ForeignKey, admin_site: admin.AdminSite) -> StageChoiceField:
    return StageChoiceField(
        queryset=ProjectStage.objects.select_related("project__organisation"),
        widget=StageSelect(db_field, admin_site),
        label="Project and stage",
    )


# --- Stage templates -------------------------------------------------------------------------


@admin.register(StageTemplate)
class StageTemplateAdmin(admin.ModelAdmin):
    """Templates are copied into a project when it starts: editing one changes only later projects."""

    list_display = ["name", "position", "active"]
    list_editable = ["position"]
    search_fields = ["name"]
    fields = ["name", "guidance", "position", "active"]


# --- Projects --------------------------------------------------------------------------------


def _count(stages: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(stages.order_by().values("project").annotate(n=Count("pk")).values("n")), 0
    )


def with_progress(projects: QuerySet) -> QuerySet:
    """Each project's current stage and progress, as annotations: one query for any number of rows.

    The current stage is the first (by position) in progress or awaiting sign-off, else the first
    not started, as pine.services.projects.current_stage decides. A stage's meeting is overdue when
    the stage is not done, its due date has passed, and no meeting for it has taken place.
    """
    today, now = timezone.localdate(), timezone.now()
    stages = ProjectStage.objects.filter(project=OuterRef("pk"))
    current = stages.filter(status__in=[*UNDER_WAY, Stage.NOT_STARTED]).order_by(
        Case(When(status__in=UNDER_WAY, then=0), default=1), "position", "pk"
    )
    under_way = stages.filter(status__in=UNDER_WAY).order_by("position", "pk")
    held = Meeting.objects.filter(stage=OuterRef("pk"), starts_at__lte=now)
    overdue = stages.exclude(status__in=ProjectStage.DONE).filter(due_date__lt=today)
    return projects.annotate(
        current_stage_name=Subquery(current.values("name")[:1]),
        current_stage_started_at=Subquery(under_way.values("started_at")[:1]),
        overdue_meetings=_count(overdue.exclude(Exists(held))),
        stages_complete=_count(stages.filter(status=Stage.COMPLETE)),
        stages_total=_count(stages.exclude(status=Stage.SKIPPED)),
    )


def days_in_stage(project: Project, today: date) -> int | None:
    started = project.current_stage_started_at
    return None if started is None else (today - timezone.localdate(started)).days


EXPORT_HEADER = [
    "slug", "title", "organisation", "region", "status", "current_stage", "days_in_stage",
    "overdue_meetings", "stages_complete", "stages_total", "intervention", "started_on",
]  # fmt: skip


def project_export_rows(projects: QuerySet) -> Iterator[list]:
    """One row a project, from the annotated list: one query whatever the number of rows."""
    today = timezone.localdate()
    for p in projects.select_related("organisation", "intervention").iterator(chunk_size=500):
        yield [
            p.slug, p.title, p.organisation.name, p.organisation.get_region_display(),
            p.get_status_display(), p.current_stage_name or "", days_in_stage(p, today),
            p.overdue_meetings, p.stages_complete, p.stages_total,
            p.intervention.name if p.intervention else "", p.started_on,
        ]  # fmt: skip


class OverdueMeetingsFilter(admin.SimpleListFilter):
    title = "overdue meetings"
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(overdue_meetings__gt=0)
        if self.value() == "no":
            return queryset.filter(overdue_meetings=0)
        return queryset


class CurrentStageFilter(admin.SimpleListFilter):
    title = "current stage"
    parameter_name = "stage"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        names = ProjectStage.objects.order_by("name").values_list("name", flat=True).distinct()
        return [(name, name) for name in names]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(current_stage_name=self.value()) if self.value() else queryset


class StageInlineForm(VersionedModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            position = self.fields["position"]
            position.required, position.initial = False, None
            position.help_text = "Leave blank to add the stage at the end."


class ProjectStageInline(admin.TabularInline):
    """This project's own stages; a new row is a new stage of this project only."""

    model = ProjectStage
    form = StageInlineForm
    fields = ["position", "name", "due_date", "status", "signed_off_by", "signed_off_at", "seen_version"]  # fmt: skip
    readonly_fields = ["status", "signed_off_by", "signed_off_at"]
    extra = 0
    can_delete = False  # stages are skipped, never deleted, so their documents and meetings stay
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("signed_off_by")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["title", "organisation", "status", "current_stage", "days_in_stage", "overdue_meetings", "progress"]  # fmt: skip
    list_filter = [
        "status",
        ("organisation__region", RegionFilter),
        OverdueMeetingsFilter,
        CurrentStageFilter,
    ]
    list_select_related = ["organisation"]
    search_fields = ["title", "slug", "organisation__name"]
    fields = ["title", "summary", "slug", "organisation", "application", "intervention", "topic", "status", "started_on", "seen_version"]  # fmt: skip
    readonly_fields = ["organisation", "application"]
    inlines = [ProjectStageInline]
    change_form_template = "admin/pine/project/change_form.html"
    change_list_template = "admin/pine/project/change_list.html"
    # Interventions and topics are plain lists: programme managers cannot view the evidence
    # store's admin, which autocomplete would ask.

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return with_progress(super().get_queryset(request))

    @admin.display(description="current stage", ordering="current_stage_name")
    def current_stage(self, project: Project) -> str | None:
        return project.current_stage_name

    @admin.display(description="days in stage", ordering="-current_stage_started_at")
    def days_in_stage(self, project: Project) -> int | None:
        return days_in_stage(project, timezone.localdate())

    @admin.display(description="overdue meetings", ordering="overdue_meetings")
    def overdue_meetings(self, project: Project) -> int:
        return project.overdue_meetings

    @admin.display(description="stages complete")
    def progress(self, project: Project) -> str:
        return f"{project.stages_complete} of {project.stages_total}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a project starts when its application is accepted

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="pine_project_export"),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            context["events"] = obj.events.select_related("actor", "stage").order_by(
                "-created_at", "-pk"
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is not ProjectStage:
            super().save_formset(request, form, formset, change)
            return
        for stage in formset.save(commit=False):
            if stage.pk is not None:
                stage.save()
                continue
            added = stage_add(project=form.instance, user=request.user, name=stage.name)
            position = added.position if stage.position is None else stage.position
            ProjectStage.objects.filter(pk=added.pk).update(
                position=position, due_date=stage.due_date, version=models.F("version") + 1
            )

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("pine.export_project"):
            raise PermissionDenied
        try:
            projects = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            messages.error(request, "Those filters are not valid. Choose them again.")
            return redirect("admin:pine_project_changelist")
        rows = project_export_rows(projects)
        return streaming_csv_response("pine-projects.csv", EXPORT_HEADER, rows)


# --- Stages and their sign-off ---------------------------------------------------------------


@dataclass(frozen=True)
class StageAct:
    """A staff action on a stage: its button, when it applies, and the text it asks for."""

    label: str
    done: str
    applies: Callable[[ProjectStage], bool]
    text_argument: str | None = None  # the service's argument for the text typed, if any
    text_label: str = ""
    text_required: bool = False


STAGE_ACTS = {
    "sign_off": StageAct(
        "Sign off", "signed off", lambda s: s.status == Stage.AWAITING_SIGN_OFF, "comment",
        "Comment for the partner (optional: it goes in the email to them)",
    ),
    "return": StageAct(
        "Return to the partner", "returned to the partner",
        lambda s: s.status == Stage.AWAITING_SIGN_OFF, "comment",
        "What still needs to be done (this is emailed to the partner)", text_required=True,
    ),
    "skip": StageAct(
        "Skip stage", "skipped", lambda s: s.status not in ProjectStage.DONE, "reason",
        "Why this project does not need the stage (optional, for the history)",
    ),
    "restore": StageAct("Restore stage", "restored", lambda s: s.status == Stage.SKIPPED),
}  # fmt: skip


class StageActForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, act: StageAct, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if act.text_argument is None:
            del self.fields["text"]
            return
        field = self.fields["text"]
        field.label, field.required = act.text_label, act.text_required
        field.error_messages["required"] = "Say what still needs to be done."


@admin.register(ProjectStage)
class ProjectStageAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["name", "project", "status", "due_date", "ready_at"]
    list_filter = ["status", ("project__organisation__region", RegionFilter)]
    list_select_related = ["project__organisation"]
    search_fields = ["name", "project__title", "project__organisation__name"]
    readonly_fields = ["project", "status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["project", "name", "guidance", "position", "due_date", "seen_version"]}),
        ("Sign-off", {"fields": ["status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]}),
    ]  # fmt: skip
    change_form_template = "admin/pine/projectstage/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("project__organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # stages are added to one project on the project's page

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # skip a stage instead: its meetings and documents stay

    def get_urls(self):
        view = self.admin_site.admin_view
        search = StageAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path("autocomplete/", view(search), name="pine_projectstage_autocomplete"),
            path("<int:pk>/act/<str:action>/", view(self.act_view), name="pine_projectstage_act"),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            may_act = request.user.has_perm("pine.sign_off_projectstage")
            context.update(
                acts=[(n, a) for n, a in STAGE_ACTS.items() if may_act and a.applies(obj)],
                meetings=obj.meetings.all(),
                documents=obj.documents.select_related("uploaded_by"),
                events=obj.events.select_related("actor").order_by("-created_at", "-pk"),
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def act_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if not request.user.has_perm("pine.sign_off_projectstage"):
            raise PermissionDenied
        act = STAGE_ACTS.get(action)
        if act is None:
            raise Http404("No such action.")
        stages = ProjectStage.objects.select_related("project__organisation")
        stage = get_object_or_404(stages, pk=pk)
        change_url = reverse("admin:pine_projectstage_change", args=[stage.pk])
        form = StageActForm(
            request.POST if request.method == "POST" else None,
            act=act,
            initial={"seen_version": stage.version},
        )
        conflict = False
        if request.method == "POST" and form.is_valid():
            text = {act.text_argument: form.cleaned_data["text"]} if act.text_argument else {}
            try:
                STAGE_ACTIONS[action](
                    stage=stage,
                    user=request.user,
                    seen_version=form.cleaned_data["seen_version"],
                    **text,
                )
            except ActionRefused as refused:
                conflict = isinstance(refused, Conflict)
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"{stage_label(stage)}: {act.done}.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": stage,
            "act": act,
            "action": action,
            "form": form,
            "conflict": conflict,
            "change_url": change_url,
            "title": f"{act.label}: {stage.name}",
        }
        return TemplateResponse(request, "admin/pine/projectstage/act.html", context)


# --- Meetings --------------------------------------------------------------------------------


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["description", "owner", "due_date", "done"]
    extra = 1
    verbose_name = "agreed action"


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["starts_at", "project_and_stage", "location"]
    list_select_related = ["stage__project__organisation"]
    search_fields = ["stage__name", "stage__project__title", "stage__project__organisation__name"]
    date_hierarchy = "starts_at"
    fields = ["stage", "starts_at", "duration_minutes", "location", "attendees", "notes", "sequence", "seen_version"]  # fmt: skip
    readonly_fields = ["sequence"]
    inlines = [ActionInline]

    @admin.display(description="project and stage", ordering="stage__project__title")
    def project_and_stage(self, meeting: Meeting) -> str:
        return stage_label(meeting.stage)

    def get_readonly_fields(self, request: HttpRequest, obj: Meeting | None = None):
        return [*self.readonly_fields, "stage"] if obj else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "stage":
            return stage_field(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:
        # Records the event and emails the partner when the meeting is new or has moved.
        meeting_save(meeting=obj, user=request.user)


# --- Documents -------------------------------------------------------------------------------


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


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Documents are added through the checking upload and never changed or deleted here."""

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


# --- Evaluation reports ----------------------------------------------------------------------


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
class EvaluationReportAdmin(admin.ModelAdmin):
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
            try:
                if publish:
                    seen = form.cleaned_data["seen_version"]
                    report_publish(report=report, user=request.user, seen_version=seen)
                else:
                    report_unpublish(report=report, user=request.user)
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


# --- Project events --------------------------------------------------------------------------


@admin.register(ProjectEvent)
class ProjectEventAdmin(admin.ModelAdmin):
    list_display = ["project", "stage", "kind", "actor", "created_at", "emails_pending"]
    list_filter = ["emails_pending", "kind"]
    list_select_related = ["project__organisation", "stage", "actor"]
    search_fields = ["project__title", "project__organisation__name"]
    readonly_fields = [f.name for f in ProjectEvent._meta.fields]
    actions = ["send_emails_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description="Send the emails that failed again", permissions=["change"])
    def send_emails_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = [project_event_send_emails(event=e) for e in queryset.filter(emails_pending=True)]
        messages.info(request, f"Sent the emails for {sum(sent)} of {len(sent)} events.")
