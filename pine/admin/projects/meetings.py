"""Admin for a stage's meetings and their agreed actions. Meetings are saved through meeting_save,
which emails the partner a calendar file when one is new or moved, and keeps the calendar's
sequence number itself."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from core.concurrency import VersionedModelForm
from pine.admin.projects.stages import stage_field, stage_label
from pine.models import Action, Meeting
from pine.services.projects import meeting_save

FIELDS = ["stage", "starts_at", "duration_minutes", "location", "attendees", "notes", "seen_version"]  # fmt: skip


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with a name: the words Django prints beside them
    are not labels, so assistive technology would announce two unnamed boxes."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = "Date"
        self.widgets[1].attrs["aria-label"] = "Time"


class UpcomingFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("upcoming", "Still to come"), ("past", "Taken place")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(starts_at__lt=timezone.now())
        return queryset


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["description", "owner", "due_date", "done"]
    extra = 1
    verbose_name = "agreed action"


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["starts_at", "project_and_stage", "location"]
    list_filter = [UpcomingFilter]
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
    inlines = [ActionInline]

    @admin.display(description="project and stage", ordering="stage__project__title")
    def project_and_stage(self, meeting: Meeting) -> str:
        return stage_label(meeting.stage)

    def get_readonly_fields(self, request: HttpRequest, obj: Meeting | None = None):
        return ["stage"] if obj else []

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # not even for superusers: move the meeting instead

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "starts_at":
            kwargs["widget"] = LabelledSplitDateTime
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "stage":
            return stage_field(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:
        # Records the event and emails the partner when the meeting is new or has moved.
        meeting_save(meeting=obj, user=request.user)
