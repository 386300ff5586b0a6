"""Admin for events: the list with the places each holds, the change form in the order staff
plan an event, its documents, and its capacity, which changes only through the waiting list's
service so that lowering it is refused and raising it offers the new places at once."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from core.concurrency import VersionedModelForm
from core.scanning import scan
from core.uploads import ALLOWED_LIST, validate_upload
from movement.admin.attendees import AttendeePagesMixin, StaffPage
from movement.admin.messages import MessagePageMixin
from movement.models import Event, EventDocument, Registration
from movement.services.waiting_list import capacity_refusal, event_capacity_change
from pine.admin.projects.meetings import LabelledSplitDateTime

Status = Registration.Status


class EventForm(VersionedModelForm):
    """The version guard of every versioned admin form, and the capacity rule said next to the
    field: the row is locked by the guard, so the check and the save see the same places."""

    def clean(self):
        cleaned = super().clean()
        capacity = cleaned.get("capacity")
        if self.instance.pk and capacity is not None and "capacity" in self.changed_data:
            refusal = capacity_refusal(self.instance, capacity)
            if refusal:
                self.add_error("capacity", refusal)
        return cleaned


class EventDocumentForm(forms.ModelForm):
    class Meta:
        model = EventDocument
        fields = ["title", "file"]
        help_texts = {"file": f"A {ALLOWED_LIST} file, smaller than 20MB."}
        error_messages = {
            "title": {"required": "Enter a title for the document."},
            "file": {"required": "Select a file to upload."},
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new file, rather than the one already stored
            kind = validate_upload(upload)
            scan(upload)
            self.instance.original_name = (upload.name or "")[:255]
            self.instance.content_type = kind.content_type
            self.instance.size = upload.size
        return upload


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    form = EventDocumentForm
    fields = ["title", "file", "stored_file"]
    readonly_fields = ["stored_file"]
    extra = 1
    verbose_name = "document"
    verbose_name_plural = "documents (flyer, agenda, slides)"
    view_on_site = False  # the stored file's column links to the download instead
    # Stored files have no address of their own: the file box does not link to the current one.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("event")

    @admin.display(description="stored file")
    def stored_file(self, document: EventDocument) -> str:
        if not document.pk:
            return "–"
        about = f"{document.kind_label}, {filesizeformat(document.size)}"
        if document.event.is_published:
            return format_html('<a href="{}">{}</a>', document.get_absolute_url(), about)
        return f"{about} (it can be downloaded once the event is published)"


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("upcoming", "Still to come"), ("past", "Finished")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(ends_at__lt=timezone.now())
        return queryset


def registrations_url(event: Event, **filters: str) -> str:
    query = urlencode({"event__id__exact": event.pk, **filters})
    return f"{reverse('admin:movement_registration_changelist')}?{query}"


@admin.register(Event)
class EventAdmin(AttendeePagesMixin, MessagePageMixin, admin.ModelAdmin):
    form = EventForm
    list_display = ["title", "starts", "is_published", "capacity", "held", "waiting"]
    list_filter = [WhenFilter, "is_published", "illustrative"]
    search_fields = ["title", "slug", "venue_name"]
    ordering = ["-starts_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventDocumentInline]
    readonly_fields = ["places_now"]
    fieldsets = [
        ("What", {"fields": ["title", "slug", "summary", "description", "agenda", "illustrative", "seen_version"]}),
        ("When", {"fields": ["starts_at", "ends_at", "registration_closes_at"]}),
        ("Where", {"fields": ["venue_name", "venue_address", "access_information"]}),
        ("Places", {
            "fields": ["capacity", "places_now"],
            "description": (
                "Places cannot be fewer than the places already held. When you add places, "
                "they are offered at once to the people first on the waiting list, who have up to "
                f"{settings.MOVEMENT_OFFER_HOURS} hours to accept."
            ),
        }),
        ("Publishing", {"fields": ["is_published"]}),
    ]  # fmt: skip
    change_form_template = "admin/movement/event/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_places()

    def get_list_display(self, request: HttpRequest) -> list:
        return [*self.list_display, self.staff_links_column(request)]

    @admin.display(description="starts", ordering="starts_at")
    def starts(self, event: Event) -> str:
        return date_format(timezone.localtime(event.starts_at), "j M Y, H:i")

    @admin.display(description="places held", ordering="held")
    def held(self, event: Event) -> str:
        return format_html('<a href="{}">{}</a>', registrations_url(event), event.held)

    @admin.display(description="waiting", ordering="waiting")
    def waiting(self, event: Event) -> str:
        url = registrations_url(event, status__exact=Status.WAITING)
        return format_html('<a href="{}">{}</a>', url, event.waiting)

    @admin.display(description="places now")
    def places_now(self, event: Event) -> str:
        if not event.pk:
            return "None yet: the event is new."
        counts = dict.fromkeys(Status.values, 0)
        for status, n in (
            event.registrations.values_list("status").annotate(n=models.Count("pk")).order_by()
        ):
            counts[status] = n
        held = sum(counts[s] for s in Status.holding())
        return (
            f"{held} held ({counts[Status.CONFIRMED]} confirmed, {counts[Status.OFFERED]} "
            f"offered, {counts[Status.ATTENDED]} attended); {counts[Status.WAITING]} waiting"
        )

    def view_on_site(self, event: Event) -> str | None:
        # An unpublished event's page is a 404 for everyone, staff too.
        return event.get_absolute_url() if event.is_published else None

    def get_urls(self):
        return [*self.attendee_urls(), *self.message_urls(), *super().get_urls()]

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = LabelledSplitDateTime
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, event: Event, form, change: bool) -> None:
        if not change or "capacity" not in form.changed_data:
            super().save_model(request, event, form, change)
            return
        # The other answers are saved first, so that offers use the event as it now is; the
        # capacity then changes through the service. The form checked it under the same lock.
        capacity, event.capacity = event.capacity, form.initial["capacity"]
        super().save_model(request, event, form, change)
        waiting = event.registrations.filter(status=Status.WAITING).count()
        changed = event_capacity_change(event=event, capacity=capacity, seen_version=event.version)
        event.capacity, event.version = changed.capacity, changed.version
        offered = waiting - event.registrations.filter(status=Status.WAITING).count()
        if offered:
            people = "person" if offered == 1 else "people"
            messages.info(
                request,
                f"The new places were offered to the {offered} {people} first on the waiting "
                f"list. They have up to {settings.MOVEMENT_OFFER_HOURS} hours to accept.",
            )

    def staff_links_column(self, request: HttpRequest):
        """The event's own staff pages, as a column: only those this person may open."""
        pages = [
            (page.url_name, page.short)
            for page in self.staff_pages()
            if request.user.has_perm(page.permission)
        ]

        @admin.display(description="staff pages")
        def staff_pages(event: Event) -> str:
            return format_html_join(
                ", ", '<a href="{}">{}</a>', ((reverse(n, args=[event.pk]), t) for n, t in pages)
            )

        return staff_pages

    def staff_pages(self) -> list[StaffPage]:
        return [*self.attendee_pages(), *self.message_pages()]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            context["staff_pages"] = [
                (reverse(page.url_name, args=[obj.pk]), page.label)
                for page in self.staff_pages()
                if request.user.has_perm(page.permission)
            ]
            if request.user.has_perm("movement.view_registration"):
                context["registrations_url"] = registrations_url(obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
