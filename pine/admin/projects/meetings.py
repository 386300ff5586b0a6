"""Admin for a stage's meetings and their agreed actions. Meetings are saved through meeting_save,
which emails the partner a calendar file when one is new or moved."""

from django.contrib import admin
from django.http import HttpRequest

from core.concurrency import VersionedModelForm
from pine.admin.projects.stages import stage_field, stage_label
from pine.models import Action, Meeting
from pine.services.projects import meeting_save

FIELDS = ["stage", "starts_at", "duration_minutes", "location", "attendees", "notes", "sequence", "seen_version"]  # fmt: skip


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
    fieldsets = [
        (
            None,
            {
                "fields": FIELDS,
                "description": (
                    "Meetings are not deleted: the partner has been sent each one for their "
                    "calendar. If a meeting will not happen when planned, move it to its new "
                    "date, time or place, and the partner is sent the change."
                ),
            },
        )
    ]
    readonly_fields = ["sequence"]
    inlines = [ActionInline]

    @admin.display(description="project and stage", ordering="stage__project__title")
    def project_and_stage(self, meeting: Meeting) -> str:
        return stage_label(meeting.stage)

    def get_readonly_fields(self, request: HttpRequest, obj: Meeting | None = None):
        return [*self.readonly_fields, "stage"] if obj else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # not even for superusers: move the meeting instead

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "stage":
            return stage_field(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:
        # Records the event and emails the partner when the meeting is new or has moved.
        meeting_save(meeting=obj, user=request.user)
