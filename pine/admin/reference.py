"""Admin for the reference data staff keep: priorities, calls and selection criteria."""

from django.contrib import admin

from pine.models import Call, Criterion, Priority


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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
