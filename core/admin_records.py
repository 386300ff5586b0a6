"""For admins of records (logs, requests decided, messages sent): nobody adds, changes or
deletes one in the admin; what it shows is what happened."""

from django.http import HttpRequest


class ReadOnlyAdminMixin:
    """Mixed in before admin.ModelAdmin or an inline: every add, change and delete is refused."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
