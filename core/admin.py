"""Staff see every email the service queued, sent or failed to send, and can send failed ones
again. Bodies are not shown: they hold people's one-time links."""

from django.contrib import admin, messages
from django_tasks_db.models import DBTaskResult

from core.admin_records import ReadOnlyAdminMixin
from core.email_delivery import send_again
from core.models import OutboundEmail

# The queue's own record of tasks is the worker's business; staff read the emails themselves.
admin.site.unregister(DBTaskResult)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template", "created_at"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "subject",
        "to",
        "from_email",
        "reply_to",
        "template",
        "about",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "message_id",
    ]
    readonly_fields = fields

    def has_send_again_permission(self, request) -> bool:
        return request.user.has_perm("core.change_outboundemail")

    @admin.action(description="Send the selected emails again", permissions=["send_again"])
    def send_again(self, request, queryset):
        total = queryset.count()
        count = send_again(queryset)
        if count:
            self.message_user(request, f"{_emails(count)} will be sent again in a moment.")
        if total - count:
            self.message_user(
                request,
                f"{_emails(total - count)} had not failed and were left alone: queued emails are "
                "tried again by themselves, and sent ones have arrived.",
                messages.WARNING,
            )


def _emails(count: int) -> str:
    return "1 email" if count == 1 else f"{count} emails"
