"""Admin for registrations: the list by event and status with each person's place in line, and
the three things staff do to a place, each through its service. Nobody adds or edits one here:
people register themselves, and a status changes only through the services. Access and dietary
needs are shown only to staff with movement.view_access_needs."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template.response import TemplateResponse

from core.templatetags.govuk_dates import govuk_datetime
from movement.admin.attendees import may_see_needs
from movement.models import Registration
from movement.services import ActionRefused
from movement.services.registrations import registration_cancel
from movement.services.waiting_list import offer_by_hand, waiting_move_to_top

Status = Registration.Status
NEEDS_FIELDS = ("access_needs", "dietary_needs", "needs_deleted_at")


def with_waiting_position(queryset: QuerySet) -> QuerySet:
    """Each registration with `waiting_position` (1 is next), counted in the same query, in the
    order of RegistrationQuerySet.waiting_in_order; None unless they are waiting."""
    same = Q(waiting_priority=OuterRef("waiting_priority"))
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=Status.WAITING)
        .filter(
            Q(waiting_priority__gt=OuterRef("waiting_priority"))
            | (same & Q(waiting_since__lt=OuterRef("waiting_since")))
            | (same & Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk")))
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        waiting_position=Case(
            When(status=Status.WAITING, then=Coalesce(Subquery(ahead), 0) + 1),
            output_field=IntegerField(),
        )
    )


def _act(modeladmin, request: HttpRequest, queryset: QuerySet, service, done: str) -> None:
    """Call the service for each chosen registration; say what was done and what was refused."""
    changed = 0
    for registration in queryset.select_related("event"):
        try:
            service(registration)
        except ActionRefused as refused:
            reason = str(refused)
            # The waiting list's refusals already name the person.
            if registration.name not in reason:
                reason = f"{registration.name}: {reason}"
            messages.error(request, reason)
        else:
            modeladmin.log_change(request, registration, done)
            changed += 1
    if changed:
        messages.success(request, f"{done}: {changed} {'place' if changed == 1 else 'places'}.")


@admin.action(description="Move to the top of the waiting list", permissions=["change"])
def move_to_top(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    _act(
        modeladmin,
        request,
        queryset,
        lambda r: waiting_move_to_top(registration=r, by=request.user),
        "Moved to the top of the waiting list",
    )


@admin.action(
    description="Offer a place now (if the event is full, this adds a place)",
    permissions=["change"],
)
def offer_now(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    _act(
        modeladmin,
        request,
        queryset,
        lambda r: offer_by_hand(registration=r, by=request.user),
        "Offered a place",
    )


@admin.action(description="Cancel the place", permissions=["change"])
def cancel_places(modeladmin, request: HttpRequest, queryset: QuerySet):
    """Asks first, as Django's own delete does: the person is emailed and the place is gone."""
    if request.POST.get("confirmed") == "yes":
        _act(
            modeladmin,
            request,
            queryset,
            lambda r: registration_cancel(registration=r, because=Registration.Ended.BY_STAFF),
            "Cancelled",
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": "Cancel these places?",
        "places": queryset.select_related("event"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/movement/registration/cancel_places.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_name_of", "event", "status", "in_line"]
    list_filter = ["status", "event"]
    list_select_related = ["event", "organisation"]
    search_fields = ["name", "user__email", "organisation_name", "organisation__name"]
    actions = [move_to_top, offer_now, cancel_places]
    fieldsets = [
        ("The person", {"fields": ["name", "role", "organisation_name_of", "email"]}),
        ("Their place", {"fields": ["event", "status", "in_line", "ended_because", "created_at", "confirmed_at", "offered_at", "cancelled_at", "reminder_sent_at"]}),
        ("Access and dietary needs", {"fields": list(NEEDS_FIELDS)}),
    ]  # fmt: skip
    readonly_fields = ["organisation_name_of", "email", "in_line"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return with_waiting_position(super().get_queryset(request))

    def get_fieldsets(self, request: HttpRequest, obj=None) -> list:
        if may_see_needs(request):
            return self.fieldsets
        return [(name, opts) for name, opts in self.fieldsets if set(opts["fields"]).isdisjoint(NEEDS_FIELDS)]  # fmt: skip

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # Filtering by needs in the address would tell who has which, without showing them.
        if lookup.split("__")[0] in NEEDS_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description="organisation", ordering="organisation_name")
    def organisation_name_of(self, registration: Registration) -> str:
        return registration.organisation_label or "–"

    @admin.display(description="email address")
    def email(self, registration: Registration) -> str:
        return registration.user.email

    @admin.display(description="waiting list or offer", ordering="waiting_position")
    def in_line(self, registration: Registration) -> str:
        if registration.status == Status.WAITING:
            return f"Number {registration.waiting_position} on the waiting list"
        if registration.status == Status.OFFERED and registration.offer_expires_at:
            return f"Offer open until {govuk_datetime(registration.offer_expires_at)}"
        return "–"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people register themselves

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # The list keeps the permission, which its actions need; a registration's own page is
        # read-only, with no Save buttons, and refuses a POST.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # cancel the place instead: the record of it stays
