"""Admin for stage templates and projects: the list with each project's progress, its CSV export,
and a project's page with its own stages."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone

from core.concurrency import VersionedModelForm
from core.csv_export import streaming_csv_response
from pine.admin.applications import RegionFilter
from pine.admin.transition_pages import TransitionPagesMixin
from pine.models import Export, Project, ProjectStage, StageTemplate
from pine.services.exports import days_in_stage, export_log, project_export_rows
from pine.services.projects import project_transition, stage_add
from pine.workflow.projects import PROJECT_TRANSITIONS


@admin.register(StageTemplate)
class StageTemplateAdmin(admin.ModelAdmin):
    """Templates are copied into a project when it starts: editing one changes only later projects."""

    list_display = ["name", "position", "active"]
    list_editable = ["position"]
    search_fields = ["name"]
    fields = ["name", "guidance", "position", "active"]


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
class ProjectAdmin(TransitionPagesMixin, admin.ModelAdmin):
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
    # The status changes only through the pages of pine.workflow.projects, each with a reason.
    readonly_fields = ["organisation", "application", "status"]
    inlines = [ProjectStageInline]
    change_form_template = "admin/pine/project/change_form.html"
    change_list_template = "admin/pine/project/change_list.html"
    # Interventions and topics are plain lists: programme managers cannot view the evidence
    # store's admin, which autocomplete would ask.

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_progress()

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
        counted = f"{project.stages_complete} of {project.stages_total}"
        return f"{counted}, {project.stages_skipped} skipped" if project.stages_skipped else counted

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a project starts when its application is accepted

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    transitions = PROJECT_TRANSITIONS
    permission = "pine.change_project"
    noun = "project"

    def make_transition(self, request, project, name: str, text: str, seen) -> None:
        project_transition(
            project=project,
            transition=name,
            user=request.user,
            text=text,
            seen_version=seen,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="pine_project_export"),
            *self.transition_urls(),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            context["acts"] = self.offered_transitions(request, obj)
            context["events"] = obj.events.select_related("actor", "stage").order_by(
                "-created_at", "-pk"
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        for stage in formset.save(commit=False):
            if stage.pk is not None:
                stage.save()
                continue
            stage_add(
                project=form.instance,
                user=request.user,
                name=stage.name,
                due_date=stage.due_date,
                position=stage.position,
            )

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("pine.export_project"):
            raise PermissionDenied
        try:
            projects = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            messages.error(request, "Those filters are not valid. Choose them again.")
            return redirect("admin:pine_project_changelist")
        export_log(
            user=request.user,
            kind=Export.Kind.PROJECTS,
            filters=request.GET.urlencode(),
            rows=projects.count(),
        )
        header, rows = project_export_rows(projects)
        return streaming_csv_response("pine-projects.csv", header, rows)
