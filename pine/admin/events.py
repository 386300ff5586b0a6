"""What every event admin shares: events are a record, so their pages are read-only, and the one
action they offer sends again the emails that failed."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from pine.services.events import event_send_emails


@admin.action(description="Send the emails that failed again", permissions=["change"])
def send_emails_again(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    sent = [event_send_emails(event=e) for e in queryset.filter(emails_pending=True)]
    messages.info(request, f"Sent the emails for {sum(sent)} of {len(sent)} events.")


class EventAdminMixin:
    """For the admin of a kind of event: nobody adds, changes or deletes one."""

    actions = [send_emails_again]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # The list keeps the permission, which its action needs; an event's own page is
        # read-only, with no Save buttons, and refuses a POST.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
