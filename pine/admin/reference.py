"""Admin for the reference data staff keep: priorities, calls and selection criteria."""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from pine.models import Call, Criterion, Priority


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["name", "slug", "description", "order", "topics", "outcomes"]
        help_texts = {
            "topics": "Leave empty to cover the outcomes below in every topic.",
            "outcomes": "Leave empty to cover every outcome in the topics above.",
        }


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    form = PriorityForm
    list_display = ["name", "topic_names", "outcome_names", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "outcomes"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description", "order"]}),
        (
            "Where it looks for evidence",
            {
                "description": (
                    "While a call that seeks this priority is open, the evidence gap map marks "
                    "the gaps in each of these topics for each of these outcomes, and the PINE "
                    "page lists them. With no topics and no outcomes, it covers nothing."
                ),
                "fields": ["topics", "outcomes"],
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Priority]:
        return super().get_queryset(request).prefetch_related("topics", "outcomes")

    @admin.display(description="topics")
    def topic_names(self, priority: Priority) -> str:
        return _covered(priority.topics.all(), priority.outcomes.all(), "Every topic")

    @admin.display(description="outcomes")
    def outcome_names(self, priority: Priority) -> str:
        return _covered(priority.outcomes.all(), priority.topics.all(), "Every outcome")


def _covered(chosen: QuerySet, other: QuerySet, every: str) -> str:
    """The names chosen; none chosen means every one, as the gap map reads it, if others are."""
    if chosen:
        return ", ".join(item.name for item in chosen)
    return every if other else "None"


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_open"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["priorities"]
    fields = ["title", "slug", "summary", "opens_at", "closes_at", "decisions_by", "priorities"]

    @admin.display(boolean=True, description="open now")
    def is_open(self, call: Call) -> bool:
        return call.is_open


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "weight", "order"]
    list_editable = ["weight", "order"]
    search_fields = ["name"]
