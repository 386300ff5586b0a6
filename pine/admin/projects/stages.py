"""Admin for project stages: the list of stages to sign off, with the sign-off, return, skip and
restore pages of pine.workflow.stages. Also the stage picker that meetings and documents use."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone

from core.admin_widgets import SafeAutocompleteSelect
from core.concurrency import VersionedModelForm
from pine.admin.applications import RegionFilter
from pine.admin.transition_pages import TransitionPagesMixin
from pine.models import ProjectStage
from pine.services.projects import stage_transition
from pine.workflow.stages import STAGE_TRANSITIONS

Stage = ProjectStage.Status


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


class StageSelect(SafeAutocompleteSelect):
    url_name = "%s:pine_projectstage_autocomplete"


def stage_field(db_field: models.ForeignKey, admin_site: admin.AdminSite) -> StageChoiceField:
    return StageChoiceField(
        queryset=ProjectStage.objects.select_related("project__organisation"),
        widget=StageSelect(db_field, admin_site),
        label="Project and stage",
    )


class OverdueStageFilter(admin.SimpleListFilter):
    """Stages past their due date that are neither signed off nor skipped."""

    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Past their due date")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(status__in=ProjectStage.DONE).filter(
                due_date__lt=timezone.localdate()
            )
        return queryset


class ProjectStatusFilter(admin.ChoicesFieldListFilter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = "project status"


@admin.register(ProjectStage)
class ProjectStageAdmin(TransitionPagesMixin, admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["name", "project", "status", "due_date", "ready_at"]
    list_filter = [
        "status",
        OverdueStageFilter,
        ("project__status", ProjectStatusFilter),
        ("project__organisation__region", RegionFilter),
    ]
    list_select_related = ["project__organisation"]
    search_fields = ["name", "project__title", "project__organisation__name"]
    readonly_fields = ["project", "status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["project", "name", "guidance", "position", "due_date", "seen_version"]}),
        ("Sign-off", {"fields": ["status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]}),
    ]  # fmt: skip
    change_form_template = "admin/pine/projectstage/change_form.html"
    # Sign-off, return, skip and restore: a page each (pine/admin/transition_pages.py).
    transitions = STAGE_TRANSITIONS
    permission = "pine.sign_off_projectstage"
    noun = "stage"

    def make_transition(self, request, stage, name: str, text: str, seen) -> None:
        stage_transition(
            stage=stage, transition=name, user=request.user, text=text, seen_version=seen
        )

    def transition_label(self, stage: ProjectStage) -> str:
        return stage_label(stage)

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
            *self.transition_urls(),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            context.update(
                acts=self.offered_transitions(request, obj),
                meetings=obj.meetings.all(),
                documents=obj.documents.select_related("uploaded_by"),
                events=obj.events.select_related("actor").order_by("-created_at", "-pk"),
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
