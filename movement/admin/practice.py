"""Admin for the practice network, for moderators: practice tests with their updates, finding,
replies and trials, and the record of every moderation step, all read-only. A post's words are
its author's, so nobody changes them here; moderators act through the moderation pages."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from core.admin_records import ReadOnlyAdminMixin
from movement.admin.moderation import MODERATE, ModerationPagesMixin, step_url
from movement.models import (
    Finding,
    ModerationStep,
    PracticeTest,
    PracticeUpdate,
    Reply,
    Trial,
)
from movement.models.moderation import Post
from movement.services.moderation import KIND_OF
from movement.templatetags.practice import author_label

State = Post.State


def moderation_links(post: Post) -> list[tuple[str, str]]:
    """The moderation steps open to a post as it is now: (address, link text)."""
    kind = KIND_OF[type(post)]
    if post.state == State.HELD:
        steps = [("approve", "Approve"), ("refuse", "Refuse")]
    elif post.hidden_at is not None:
        steps = [("show", "Show again")]
    elif post.is_visible and not (isinstance(post, Trial) and not post.result):
        steps = [("hide", "Hide")]  # saying "I'm trying this too" says nothing to hide
    else:
        steps = []
    return [(step_url(kind, post.pk, step), label) for step, label in steps]


class PostInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False
    words: list[str] = []

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = ["by", *self.words, "state", "hidden", "created_at"]
        return [*fields, "moderate"] if request.user.has_perm(MODERATE) else fields

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return self.get_fields(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("author__movement_member__organisation")

    @admin.display(description="by")
    def by(self, post: Post) -> str:
        return author_label(post.author)

    @admin.display(description="hidden", boolean=True)
    def hidden(self, post: Post) -> bool:
        return post.hidden_at is not None

    @admin.display(description="moderate")
    def moderate(self, post: Post) -> str:
        return format_html_join(", ", '<a href="{}">{}</a>', moderation_links(post)) or "–"


class UpdateInline(PostInline):
    model = PracticeUpdate
    words = ["body"]


class FindingInline(PostInline):
    model = Finding
    words = ["result", "reflection"]
    verbose_name_plural = "what the author found"


class ReplyInline(PostInline):
    model = Reply
    words = ["body"]


class TrialInline(PostInline):
    model = Trial
    words = ["result", "reflection", "found_at"]
    verbose_name = "person trying it"
    verbose_name_plural = "people trying it (the state is that of what they found)"


class StepInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ModerationStep
    extra = 0
    can_delete = False
    fields = ["at", "action", "kind", "post_id", "by", "reason", "resolved_at"]
    readonly_fields = fields
    verbose_name_plural = "moderation steps"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("by")


class HiddenFilter(admin.SimpleListFilter):
    title = "hidden by a moderator"
    parameter_name = "hidden"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Hidden"), ("no", "Not hidden")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(hidden_at__isnull=self.value() == "no")
        return queryset


@admin.register(PracticeTest)
class PracticeTestAdmin(ModerationPagesMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "state", "by", "published", "illustrative"]
    list_filter = ["state", HiddenFilter, "illustrative", "topics", "interventions"]
    list_select_related = ["author__movement_member__organisation"]
    search_fields = ["title", "what_we_will_try", "author__movement_member__display_name"]
    change_list_template = "admin/movement/moderation/practicetest_change_list.html"
    change_form_template = "admin/movement/moderation/practicetest_change_form.html"
    fieldsets = [
        ("The idea", {"fields": ["title", "what_we_will_try", "expected_change", "why", "how_we_will_tell", "duration", "interventions", "outcomes", "topics"]}),
        ("Its author and moderation", {"fields": ["by", "state", "held_because", "decided_by", "decided_at", "refusal_reason", "hidden_at", "checklist_confirmed_at"]}),
        ("Dates and PINE", {"fields": ["created_at", "published_at", "illustrative", "put_forward_as"]}),
    ]  # fmt: skip
    readonly_fields = ["by", "held_because", "decided_at", "hidden_at", "checklist_confirmed_at", "created_at", "published_at"]  # fmt: skip
    inlines = [UpdateInline, FindingInline, ReplyInline, TrialInline, StepInline]

    @admin.display(description="by", ordering="author__movement_member__display_name")
    def by(self, practice_test: PracticeTest) -> str:
        return author_label(practice_test.author)

    @admin.display(description="published", ordering="published_at")
    def published(self, practice_test: PracticeTest) -> str:
        when = practice_test.published_at
        return "–" if when is None else date_format(localtime(when), "j M Y")

    def view_on_site(self, practice_test: PracticeTest) -> str | None:
        # Anyone else's unpublished test is a 404 on the site, moderators' too.
        return practice_test.get_absolute_url() if practice_test.is_visible else None

    def get_urls(self):
        return [*self.moderation_urls(), *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {**(extra_context or {}), "moderator": request.user.has_perm(MODERATE)}
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None and request.user.has_perm(MODERATE):
            context["moderation_links"] = moderation_links(obj)
            steps = reverse("admin:movement_moderationstep_changelist")
            context["steps_url"] = f"{steps}?practice_test__id__exact={obj.pk}"
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(ModerationStep)
class ModerationStepAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every step in every post's moderation, newest first: a record nobody changes."""

    list_display = ["at", "action", "kind", "post_id", "test", "by", "reason", "resolved_at"]
    list_filter = ["action", "kind", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["practice_test", "by"]
    search_fields = ["practice_test__title", "reason"]
    fields = ["at", "action", "kind", "post_id", "practice_test", "by", "reason", "resolved_at"]
    readonly_fields = fields

    @admin.display(description="practice test", ordering="practice_test__title")
    def test(self, step: ModerationStep) -> str:
        url = reverse("admin:movement_practicetest_change", args=[step.practice_test_id])
        return format_html('<a href="{}">{}</a>', url, step.practice_test.title)
