"""Admin for evidence editors: interventions with their ratings inline, history and publishing."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.admin_widgets import SafeAutocompleteMixin
from evidence_store.forms import ResourceFileForm, concurrent_edit_form
from evidence_store.models import (
    AgeGroup,
    Intervention,
    Outcome,
    OutcomeRating,
    ResourceFile,
    Study,
    Topic,
)
from evidence_store.services import PublishingError, intervention_publish, intervention_unpublish
from evidence_store.views.interventions import intervention_page, resource_file_response


@admin.register(Topic, Outcome, AgeGroup)
class ReferenceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class OutcomeRatingInline(SafeAutocompleteMixin, admin.TabularInline):
    model = OutcomeRating
    extra = 0
    autocomplete_fields = ["outcome"]
    fields = ["outcome", "effectiveness", "strength", "notes", "illustrative"]


class StudyInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Study.interventions.through
    extra = 0
    autocomplete_fields = ["study"]
    verbose_name = "study"
    verbose_name_plural = "studies"


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    form = ResourceFileForm
    extra = 0
    fields = ["title", "file", "content_type", "size", "uploaded_at"]
    readonly_fields = ["content_type", "size", "uploaded_at"]
    verbose_name = "further resource file"


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    form = concurrent_edit_form(Intervention)
    list_display = ["name", "status", "published_at", "last_reviewed", "updated_at", "preview"]
    list_filter = ["status", "topics", "age_groups", "ratings__outcome"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    # Short lists: labelled checkboxes, which work without JavaScript and with screen readers.
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.URLField: {"assume_scheme": "https"},
    }
    readonly_fields = ["status", "published_at", "updated_at", "preview"]
    inlines = [OutcomeRatingInline, StudyInline, ResourceFileInline]
    actions = ["publish", "unpublish"]
    history_list_display = ["status"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "summary",
                    "status",
                    "published_at",
                    "preview",
                    "seen_version",
                ]
            },
        ),
        ("Classification", {"fields": ["topics", "age_groups"]}),
        (
            "Headline points and contacts (Markdown)",
            {"fields": ["headline_points", "useful_contacts"]},
        ),
        (
            "Evidence (Markdown)",
            {
                "fields": [
                    "what_is_it",
                    "how_it_works",
                    "how_effective",
                    "where_studied",
                    "who_it_works_for",
                    "when_where_how",
                    "costs_and_benefits",
                ]
            },
        ),
        (
            "At a glance and for comparison",
            {"fields": ["delivery_summary", "cost_summary", "implementation_summary"]},
        ),
        (
            "Implementation (Markdown)",
            {
                "fields": [
                    "implementation_delivery",
                    "implementation_who",
                    "implementation_training",
                    "implementation_fidelity",
                    "implementation_support",
                ]
            },
        ),
        (
            "Summary and resources (Markdown)",
            {"fields": ["case_study", "in_summary", "further_resources"]},
        ),
        (
            "Source review",
            {
                "fields": [
                    "review_title",
                    "review_authors",
                    "review_year",
                    "review_url",
                    "last_reviewed",
                ]
            },
        ),
    ]

    @admin.display(description="Page")
    def preview(self, obj: Intervention) -> str:
        if not obj.pk:
            return "-"
        if obj.is_published:
            return format_html('<a href="{}">View the public page</a>', obj.get_absolute_url())
        url = reverse("admin:evidence_store_intervention_preview", args=[obj.pk])
        return format_html('<a href="{}">Preview draft</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view  # staff only, MFA-guarded, never cached
        return [
            path(
                "<int:pk>/preview/",
                view(self.preview_view),
                name="evidence_store_intervention_preview",
            ),
            path(
                "<int:pk>/resources/<int:resource_pk>/",
                view(self.resource_view),
                name="evidence_store_intervention_resource",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The public page of any intervention, draft or not, for editors to check before publishing."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        interventions = Intervention.objects.with_ratings().prefetch_related(
            "studies", "resource_files"
        )
        return intervention_page(request, get_object_or_404(interventions, pk=pk), preview=True)

    def resource_view(self, request: HttpRequest, pk: int, resource_pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return resource_file_response(
            get_object_or_404(ResourceFile, pk=resource_pk, intervention_id=pk)
        )

    def _change_status(self, request: HttpRequest, queryset: QuerySet, service, verb: str) -> None:
        if not request.user.has_perm("evidence_store.publish_intervention"):
            self.message_user(request, "You do not have permission to publish.", messages.ERROR)
            return
        done = 0
        for intervention in queryset:
            try:
                service(intervention=intervention)
                done += 1
            except PublishingError as error:
                self.message_user(request, str(error), messages.WARNING)
        if done:
            self.message_user(request, f"{done} intervention(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected interventions", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_status(request, queryset, intervention_publish, "published")

    @admin.action(description="Return selected interventions to draft", permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_status(request, queryset, intervention_unpublish, "returned to draft")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("evidence_store.publish_intervention")


@admin.register(OutcomeRating)
class OutcomeRatingAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    form = concurrent_edit_form(OutcomeRating)
    list_display = ["intervention", "outcome", "effectiveness", "strength", "illustrative"]
    list_filter = ["effectiveness", "strength", "illustrative", "outcome"]
    search_fields = ["intervention__name", "outcome__name"]
    autocomplete_fields = ["intervention", "outcome"]
    list_select_related = ["intervention", "outcome"]


@admin.register(Study)
class StudyAdmin(SafeAutocompleteMixin, SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = concurrent_edit_form(Study)
    list_display = ["citation", "year", "country", "design", "sample_size"]
    list_filter = ["design", "country"]
    search_fields = ["citation", "country"]
    autocomplete_fields = ["interventions"]
