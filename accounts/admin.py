"""Admin for users, organisations (with their members), invitations, requests to join and
sessions."""

from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import Invitation, JoinRequest, Membership, Organisation, User
from accounts.services.users import user_deactivate
from core.admin_records import ReadOnlyAdminMixin
from core.admin_widgets import SafeAutocompleteMixin


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role", "groups"]
    search_fields = ["email", "full_name", "job_title"]
    readonly_fields = ["last_login", "date_joined", "deleted_at"]
    actions = ["deactivate"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal details", {"fields": ["full_name", "job_title", "role"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Important dates", {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivating:
            # Unticking "active" must end their sessions too, as the action does.
            user_deactivate(user=obj)

    @admin.action(description="Deactivate selected users and sign them out", permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        users = list(queryset.filter(is_active=True))
        for user in users:
            user_deactivate(user=user)
        self.message_user(
            request, f"{len(users)} user(s) deactivated and signed out.", messages.SUCCESS
        )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "verified", "created_at"]
    list_filter = ["verified", "kind", "region"]
    search_fields = ["name", "slug", "memberships__user__email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "region"]}),
        ("Checks by staff", {"fields": ["verified", "created_at"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organisation",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_filter = ["accepted_at", "expires_at"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    readonly_fields = [
        "organisation", "email", "invited_by", "created_at", "expires_at", "accepted_at",
        "accepted_by",
    ]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations are sent by organisation admins, so the email and its link go out.
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A record for staff: the organisation's admins decide requests, on its page."""

    list_display = ["user", "organisation", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation", "decided_by"]
    readonly_fields = ["user", "organisation", "status", "created_at", "decided_by", "decided_at"]
    fields = readonly_fields


admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(BaseUserSessionAdmin):
    # Our users have an email address, not a username, to search by.
    search_fields = ["user__email", "user__full_name", "ip"]
