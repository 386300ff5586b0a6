"""Staff see the emails the service queued, sent or failed to send (administrators all of them,
a programme's staff that programme's), and can send failed ones again. Bodies are not shown:
they hold people's one-time links."""

from django.contrib import admin, messages
from django_tasks_db.models import DBTaskResult

from core import email_audiences
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

    # Staff of a programme see, and send again, that programme's emails (core/email_audiences.py).
    def _prefixes(self, request) -> tuple[str, ...] | None:
        """The templates this person sees; None: every one."""
        return email_audiences.templates_seen_by(request.user)

    def get_queryset(self, request):
        emails = super().get_queryset(request)
        prefixes = self._prefixes(request)
        if not prefixes:
            # Everything for administrators; for staff of no programme the permissions refuse
            # every page first, with a 403, whether or not the email exists.
            return emails
        return emails.filter(email_audiences.of_templates(prefixes))

    def _sees(self, request, obj=None) -> bool:
        prefixes = self._prefixes(request)
        if prefixes is None:
            return True
        return bool(prefixes) and (obj is None or obj.template.startswith(prefixes))

    def has_module_permission(self, request) -> bool:
        return super().has_module_permission(request) or self._sees(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) or self._sees(request, obj)

    def has_send_again_permission(self, request) -> bool:
        return request.user.has_perm("core.change_outboundemail") or bool(self._prefixes(request))

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
