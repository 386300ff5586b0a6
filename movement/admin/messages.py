"""A message from event staff to everyone with a confirmed place, and the record of those sent."""

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from core.admin_records import ReadOnlyAdminMixin
from movement.admin.attendees import StaffPage
from movement.forms_staff import EventMessageForm
from movement.models import EventMessage, Registration
from movement.services import ActionRefused
from movement.services.staff import event_message_send


class MessagePageMixin:
    """For the event admin: the page that writes and sends the message (uses the attendee
    pages' `staff_event` and `staff_page_context`)."""

    def message_urls(self) -> list:
        view = self.admin_site.admin_view(self.message_view)
        return [path("<int:pk>/message/", view, name="movement_event_message")]

    def message_pages(self) -> list[StaffPage]:
        return [
            StaffPage(
                "admin:movement_event_message",
                "Message everyone confirmed",
                "movement.add_eventmessage",
                "Message",
            )
        ]

    def message_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.staff_event(request, pk, "movement.add_eventmessage")
        form = EventMessageForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                sent = event_message_send(
                    event=event,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
            except ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                people = "person" if sent.recipients == 1 else "people"
                messages.success(
                    request,
                    f"Your message was sent to the {sent.recipients} {people} with a "
                    "confirmed place.",
                )
                return redirect("admin:movement_event_message", event.pk)
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        context = {
            **self.staff_page_context(request, event, f"Message everyone confirmed: {event.title}"),
            "form": form,
            "confirmed": confirmed,
            "sent": event.messages.select_related("sent_by"),
        }
        return TemplateResponse(request, "admin/movement/event/message.html", context)


@admin.register(EventMessage)
class EventMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Messages already sent: a record. A new one is written on its event's message page."""

    list_display = ["sent_at", "subject", "event", "sent_by", "recipients"]
    list_filter = ["event"]
    list_select_related = ["event", "sent_by"]
    search_fields = ["subject", "event__title"]
    fields = ["event", "subject", "body", "sent_by", "sent_at", "recipients"]
    readonly_fields = fields
