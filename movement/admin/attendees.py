"""An event's pages for the day: the attendee list as CSV (each download logged), the printable
sign-in sheet and marking attendance. Access and dietary needs appear only for staff who may see
them, and only when they ask."""

from collections.abc import Iterator
from typing import NamedTuple

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from core.admin_records import ReadOnlyAdminMixin
from core.csv_export import streaming_csv_response
from movement.forms_staff import AttendanceForm, NeedsChoiceForm
from movement.models import AttendeeExport, Event, Registration
from movement.services.staff import attendance_mark, attendance_refusal, attendee_export_log

Status = Registration.Status
NEEDS_PERMISSION = "movement.view_access_needs"
HEADER = ["name", "role", "organisation", "email", "status", "confirmed_at"]
NEEDS_HEADER = ["access_needs", "dietary_needs"]


class StaffPage(NamedTuple):
    """One of an event's staff pages: its URL name, its link, who may open it, and its link in
    the list of events, where room is short."""

    url_name: str
    label: str
    permission: str
    short: str


def may_see_needs(request: HttpRequest) -> bool:
    return request.user.has_perm(NEEDS_PERMISSION)


def attendees(event: Event) -> QuerySet:
    """Everyone with a place, confirmed or already marked as attended, by name."""
    return (
        event.registrations.filter(status__in=[Status.CONFIRMED, Status.ATTENDED])
        .select_related("user", "organisation")
        .order_by(Lower("name"), "pk")
    )


def attendee_rows(places: QuerySet, *, include_needs: bool) -> tuple[list[str], Iterator[list]]:
    """The header and the rows, in one query however many there are. Needs only if asked for."""

    def rows() -> Iterator[list]:
        for place in places.iterator(chunk_size=500):
            row = [
                place.name,
                place.role,
                place.organisation_label,
                place.user.email,
                place.get_status_display(),
                place.confirmed_at,
            ]
            if include_needs:
                row += [place.access_needs, place.dietary_needs]
            yield row

    return HEADER + (NEEDS_HEADER if include_needs else []), rows()


class AttendeePagesMixin:
    """For the event admin: the attendee list, the sign-in sheet and attendance, each a page of
    its own under the event, behind the admin's sign-in and two-factor gate."""

    def attendee_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/attendees/", view(self.attendee_list_view), name="movement_event_attendees"),
            path("<int:pk>/sign-in-sheet/", view(self.sign_in_sheet_view), name="movement_event_sign_in_sheet"),
            path("<int:pk>/attendance/", view(self.attendance_view), name="movement_event_attendance"),
        ]  # fmt: skip

    def attendee_pages(self) -> list[StaffPage]:
        return [
            StaffPage("admin:movement_event_attendees", "Attendee list", "movement.export_registration", "Attendees"),
            StaffPage("admin:movement_event_sign_in_sheet", "Sign-in sheet", "movement.view_registration", "Sign-in sheet"),
            StaffPage("admin:movement_event_attendance", "Attendance", "movement.change_registration", "Attendance"),
        ]  # fmt: skip

    def staff_event(self, request: HttpRequest, pk: int, permission: str) -> Event:
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return get_object_or_404(Event, pk=pk)

    def staff_page_context(self, request: HttpRequest, event: Event, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": event,
            "event": event,
            "title": title,
        }

    def attendee_list_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.staff_event(request, pk, "movement.export_registration")
        form = NeedsChoiceForm(
            request.POST if request.method == "POST" else None,
            may_see_needs=may_see_needs(request),
            help_text="Leave this unticked unless you need them to plan the day. Each "
            "download is logged, with whether it held them.",
        )
        if request.method == "POST" and form.is_valid():
            include = form.wants_needs()
            places = attendees(event)
            attendee_export_log(
                event=event, by=request.user, included_needs=include, rows=places.count()
            )
            header, rows = attendee_rows(places, include_needs=include)
            return streaming_csv_response(f"attendees-{event.slug}.csv", header, rows)
        context = {
            **self.staff_page_context(request, event, f"Attendee list: {event.title}"),
            "form": form,
            "count": attendees(event).count(),
            "exports": event.exports.select_related("exported_by")[:20],
        }
        return TemplateResponse(request, "admin/movement/event/attendees.html", context)

    def sign_in_sheet_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.staff_event(request, pk, "movement.view_registration")
        form = NeedsChoiceForm(
            request.GET,
            may_see_needs=may_see_needs(request),
            help_text="Only for a sheet that stays with the event's staff.",
        )
        context = {
            **self.staff_page_context(request, event, f"Sign-in sheet: {event.title}"),
            "form": form,
            "show_needs": form.wants_needs(),
            "places": attendees(event),
        }
        return TemplateResponse(request, "admin/movement/event/sign_in_sheet.html", context)

    def attendance_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.staff_event(request, pk, "movement.change_registration")
        places = list(attendees(event))
        form = AttendanceForm(request.POST if request.method == "POST" else None, places=places)
        not_yet = attendance_refusal(event)
        if request.method == "POST" and not not_yet and form.is_valid():
            came = attendance_mark(event=event, attended=form.attended_ids(), by=request.user)
            messages.success(request, f"{came} of {len(places)} people are marked as attended.")
            return redirect("admin:movement_event_attendance", event.pk)
        context = {
            **self.staff_page_context(request, event, f"Attendance: {event.title}"),
            "form": form,
            "places": places,
            "not_yet": not_yet,
        }
        return TemplateResponse(request, "admin/movement/event/attendance.html", context)


@admin.register(AttendeeExport)
class AttendeeExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log of attendee list downloads: a record, so nobody adds, changes or deletes one."""

    list_display = ["exported_at", "event", "exported_by", "included_needs", "rows"]
    list_filter = ["included_needs", "event"]
    list_select_related = ["event", "exported_by"]
    search_fields = ["event__title", "exported_by__email"]
    readonly_fields = list_display
