"""Admin for reviews: a reviewer scores each criterion from 1 to 5, with a comment.

A reviewer reaches their review from the application's page ("Review this application") and
comes back to it after saving.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from pine.forms.staff import ReviewScoreForm
from pine.models import Application, Criterion, Review, ReviewScore
from pine.workflow import STAFF_GROUPS, Actor, Status

REVIEWABLE = [Status.SUBMITTED, Status.SCREENING, Status.MORE_INFORMATION, Status.CONSULTATION]


def sees_every_review(request: HttpRequest) -> bool:
    user = request.user
    return user.is_superuser or user.groups.filter(name=STAFF_GROUPS[Actor.MANAGER]).exists()


def own_review_url(request: HttpRequest, application: Application) -> str | None:
    """Where "Review this application" goes: this person's review, or a new one if they have
    none and the application can still be reviewed; None if they may not review it."""
    user = request.user
    own = Review.objects.filter(application=application, reviewer=user).only("pk").first()
    if own is not None:
        if not user.has_perm("pine.change_review"):
            return None
        return reverse("admin:pine_review_change", args=[own.pk])
    if application.status in REVIEWABLE and user.has_perm("pine.add_review"):
        return f"{reverse('admin:pine_review_add')}?application={application.pk}"
    return None


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    form = ReviewScoreForm
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

    # After "Save", back to the application, where the scores sit beside the answers.
    def response_post_save_add(self, request: HttpRequest, obj: Review) -> HttpResponse:
        return self._back_to_application(request, obj) or super().response_post_save_add(request, obj)  # fmt: skip

    def response_post_save_change(self, request: HttpRequest, obj: Review) -> HttpResponse:
        return self._back_to_application(request, obj) or super().response_post_save_change(request, obj)  # fmt: skip

    def _back_to_application(self, request: HttpRequest, obj: Review) -> HttpResponse | None:
        if not request.user.has_perm("pine.view_application"):
            return None
        return HttpResponseRedirect(
            reverse("admin:pine_application_change", args=[obj.application_id])
        )
