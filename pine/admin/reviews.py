"""Admin for reviews: a reviewer scores each criterion from 1 to 5, with a comment."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from pine.models import Application, Criterion, Review, ReviewScore
from pine.workflow import STAFF_GROUPS, Actor, Status

REVIEWABLE = [Status.SUBMITTED, Status.SCREENING, Status.MORE_INFORMATION, Status.CONSULTATION]


def sees_every_review(request: HttpRequest) -> bool:
    user = request.user
    return user.is_superuser or user.groups.filter(name=STAFF_GROUPS[Actor.MANAGER]).exists()


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    fields = ["criterion", "score", "comment"]
    min_num = 0

    def get_extra(self, request: HttpRequest, obj: Review | None = None, **kwargs) -> int:
        return 0 if obj else Criterion.objects.count()


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "recommendation", "is_draft", "conflict_of_interest"]
    list_filter = ["is_draft", "recommendation", "application__call"]
    list_select_related = ["application", "reviewer"]
    search_fields = ["application__reference", "application__title"]
    readonly_fields = ["reviewer", "updated_at"]
    inlines = [ReviewScoreInline]
    fieldsets = [
        (None, {"fields": ["application", "reviewer", "is_draft"]}),
        ("Conflict of interest", {"fields": ["conflict_of_interest", "conflict_details"]}),
        ("Your view", {"fields": ["recommendation", "comment", "updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        reviews = super().get_queryset(request)
        # Reviewers see and change only their own reviews; managers see everyone's.
        return reviews if sees_every_review(request) else reviews.filter(reviewer=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Review | None = None):
        return [*self.readonly_fields, "application"] if obj else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "application":
            kwargs["queryset"] = Application.objects.filter(status__in=REVIEWABLE).exclude(
                reviews__reviewer=request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and request.method == "GET":
            kwargs["initial"] = [{"criterion": c.pk} for c in Criterion.objects.all()]
        return kwargs

    def save_model(self, request: HttpRequest, obj: Review, form, change: bool) -> None:
        if not change:
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)
