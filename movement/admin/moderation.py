"""The practice network's moderation pages in the admin: the posts waiting for a moderator, of
every kind, oldest first; the open reports; the hidden posts; and one page for each step
(approve, refuse, hide, leave it up, show again), which calls its service. Only moderators
(movement.moderate_practicetest: the "Movement moderators" group, and superusers) open them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.models import User
from core.forms import plain_error_messages
from movement.models import ModerationStep, PracticeTest
from movement.models.moderation import Post
from movement.services import ActionRefused
from movement.services.moderation import (
    KIND_OF,
    MODEL_OF,
    post_approve,
    post_hide,
    post_refuse,
    post_show,
    reports_dismiss,
)
from movement.services.practice import TEST_FIELDS
from movement.templatetags.practice import author_label

MODERATE = "movement.moderate_practicetest"
Action = ModerationStep.Action
MODELS = {kind.value: model for kind, model in MODEL_OF.items()}


def post_text(post: Post) -> list[tuple[str, str]]:
    """What the post says, part by part, as (label, text)."""
    if isinstance(post, PracticeTest):
        parts = [
            (PracticeTest._meta.get_field(name).verbose_name.capitalize(), getattr(post, name))
            for name in TEST_FIELDS
        ]
        parts[-1] = (parts[-1][0], post.get_duration_display())
        return parts
    if hasattr(post, "result"):  # a finding, the author's or someone trying it
        return [("What they found", post.get_result_display()), ("Reflection", post.reflection)]
    return [(post._meta.verbose_name.capitalize(), post.body)]


@dataclass
class Entry:
    """One post as a moderator reads it, with the test it belongs to."""

    kind: str
    post: Post
    at: datetime  # waiting since, first reported, or hidden
    reports: list[ModerationStep] = field(default_factory=list)
    hidden_because: str = ""

    @property
    def kind_label(self) -> str:
        return ModerationStep.Kind(self.kind).label

    @property
    def practice_test(self) -> PracticeTest:
        return self.post if isinstance(self.post, PracticeTest) else self.post.practice_test

    @property
    def author(self) -> str:
        return author_label(self.post.author)

    @property
    def test_author(self) -> str:
        return author_label(self.practice_test.author)

    @property
    def text(self) -> list[tuple[str, str]]:
        return post_text(self.post)


def posts_of(model: type[Post]) -> QuerySet:
    """A kind's posts with what a moderator's page shows of them, in the same query."""
    posts = model.objects.select_related("author__movement_member__organisation")
    if model is PracticeTest:
        return posts.prefetch_related("interventions")
    return posts.select_related("practice_test__author__movement_member__organisation")


def _latest_step(kind: str, action: str, value: str) -> Subquery:
    steps = ModerationStep.objects.filter(kind=kind, post_id=OuterRef("pk"), action=action)
    return Subquery(steps.order_by("-at", "-pk").values(value)[:1])


def held_entries() -> list[Entry]:
    """Every post waiting for a moderator, oldest first: one query for each kind."""
    entries = []
    for model, kind in KIND_OF.items():
        # Waiting since it was last held: a refused finding written again waits afresh.
        held = (
            posts_of(model)
            .awaiting_moderation()
            .annotate(
                waiting_since=Coalesce(_latest_step(kind, Action.HELD, "at"), F("created_at"))
            )
        )
        entries += [Entry(kind, post, post.waiting_since) for post in held]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.post.pk))


def report_entries() -> list[Entry]:
    """Every post with an open report, first reported first: one query for the reports and one
    for each kind reported."""
    reports = ModerationStep.objects.filter(action=Action.REPORTED, resolved_at=None)
    grouped: dict[tuple[str, int], list[ModerationStep]] = {}
    for report in reports.select_related("by__movement_member").order_by("at", "pk"):
        grouped.setdefault((report.kind, report.post_id), []).append(report)
    posts = {
        kind: posts_of(MODELS[kind]).in_bulk([pk for k, pk in grouped if k == kind])
        for kind in {kind for kind, _ in grouped}
    }
    return [
        Entry(kind, posts[kind][pk], found[0].at, reports=found)
        for (kind, pk), found in grouped.items()
        if pk in posts[kind]
    ]


def hidden_entries() -> list[Entry]:
    """Every hidden post, the most recently hidden first, with why: one query for each kind."""
    entries = []
    for model, kind in KIND_OF.items():
        hidden = posts_of(model).filter(hidden_at__isnull=False)
        hidden = hidden.annotate(because=_latest_step(kind, Action.HIDDEN, "reason"))
        entries += [Entry(kind, p, p.hidden_at, hidden_because=p.because or "") for p in hidden]
    return sorted(entries, key=lambda e: (e.at, e.kind, e.post.pk), reverse=True)


class ReasonForm(forms.Form):
    """The reason a step asks for, if it asks for one."""

    def __init__(self, *args, step: "Step", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if step.reason_label:
            self.fields["reason"] = forms.CharField(
                label=step.reason_label,
                required=bool(step.reason_missing),
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": step.reason_missing},
            )
        plain_error_messages(self)


@dataclass(frozen=True)
class Step:
    """A moderator's step: its button, the reason it asks for, and the service it calls, which
    returns what the moderator is told afterwards."""

    button: str
    run: Callable[[Post, User, str], str]
    reason_label: str = ""
    reason_missing: str = ""  # the error when the reason is needed and left out
    explanation: str = ""
    back_to: str = "admin:movement_moderation"


def _approve(post: Post, by: User, reason: str) -> str:
    post_approve(post=post, by=by)
    return "approved and published. The author has been emailed."


def _refuse(post: Post, by: User, reason: str) -> str:
    post_refuse(post=post, by=by, reason=reason)
    return "refused. The author has been emailed your reason."


def _hide(post: Post, by: User, reason: str) -> str:
    post_hide(post=post, by=by, reason=reason)
    return "hidden. Its reports are closed and the author has been emailed."


def _leave_up(post: Post, by: User, reason: str) -> str:
    if not reports_dismiss(post=post, by=by):
        raise ActionRefused(not_open_because("leave-up", post, KIND_OF[type(post)]))
    return "left up. Its reports are closed."


def _show(post: Post, by: User, reason: str) -> str:
    post_show(post=post, by=by, reason=reason)
    return "shown again. Anyone can read it."


STEPS: dict[str, Step] = {
    "approve": Step(
        "Approve", _approve, explanation="It is published at once, and the author is emailed."
    ),
    "refuse": Step(
        "Refuse",
        _refuse,
        reason_label="Reason (this is emailed to the author)",
        reason_missing="Enter the reason, so that the author knows what to change.",
        explanation="It is not published. The author is emailed your reason, and can change "
        "what they wrote and post it again.",
    ),
    "hide": Step(
        "Hide",
        _hide,
        reason_label="Why you are hiding it (kept in the moderation record)",
        reason_missing="Enter why you are hiding this post.",
        explanation="Nobody but its author can read it once it is hidden. Its open reports are "
        "closed, and the author is emailed that it was hidden.",
    ),
    "leave-up": Step(
        "Leave it up",
        _leave_up,
        explanation="It stays published. Its open reports are closed, and that is recorded.",
    ),
    "show": Step(
        "Show again",
        _show,
        reason_label="Why you are showing it again (optional, kept in the moderation record)",
        explanation="Anyone can read it again once it is shown.",
        back_to="admin:movement_moderation_hidden",
    ),
}


def not_open_because(step: str, post: Post, kind: str) -> str:
    """Why the step cannot be taken on the post as it is now, said before the moderator acts;
    "" if it can. The service checks again when they do, under its lock."""
    if step in ("approve", "refuse") and post.state != Post.State.HELD:
        return f"This post is not waiting for a moderator ({post.get_state_display().lower()})."
    if step == "hide" and not post.is_visible:
        return "This post is not published, or is already hidden."
    if step == "show" and post.hidden_at is None:
        return "This post is not hidden."
    open_reports = ModerationStep.objects.filter(
        kind=kind, post_id=post.pk, action=Action.REPORTED, resolved_at=None
    )
    if step == "leave-up" and not open_reports.exists():
        return "This post has no open reports: another moderator may have read them."
    return ""


def step_url(kind: str, post_id: int, step: str) -> str:
    return reverse("admin:movement_moderation_step", args=[kind, post_id, step])


class ModerationPagesMixin:
    """For the practice test admin: the moderation pages, behind the admin's sign-in and
    two-factor gate, and refused (403) to anyone who is not a moderator."""

    def moderation_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path("moderation/", view(self.moderation_view), name="movement_moderation"),
            path("moderation/hidden/", view(self.hidden_view), name="movement_moderation_hidden"),
            path(
                "moderation/<str:kind>/<int:post_id>/<str:step>/",
                view(self.moderation_step_view),
                name="movement_moderation_step",
            ),
        ]

    def moderator_context(self, request: HttpRequest, title: str) -> dict:
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title}

    def moderation_view(self, request: HttpRequest) -> HttpResponse:
        context = {
            **self.moderator_context(request, "Moderation: posts waiting and reports"),
            "held": held_entries(),
            "reported": report_entries(),
        }
        return TemplateResponse(request, "admin/movement/moderation/queue.html", context)

    def hidden_view(self, request: HttpRequest) -> HttpResponse:
        context = {
            **self.moderator_context(request, "Moderation: hidden posts"),
            "hidden": hidden_entries(),
        }
        return TemplateResponse(request, "admin/movement/moderation/hidden.html", context)

    def moderation_step_view(
        self, request: HttpRequest, kind: str, post_id: int, step: str
    ) -> HttpResponse:
        context = self.moderator_context(request, "")
        if kind not in MODELS or step not in STEPS:
            raise Http404("No such post or step.")
        chosen = STEPS[step]
        entry = Entry(kind, get_object_or_404(posts_of(MODELS[kind]), pk=post_id), None)
        form = ReasonForm(request.POST if request.method == "POST" else None, step=chosen)
        if request.method == "POST" and form.is_valid():
            try:
                done = chosen.run(entry.post, request.user, form.cleaned_data.get("reason", ""))
            except ActionRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, f"{entry.kind_label} by {entry.author}: {done}")
                return redirect(chosen.back_to)
        context.update(
            title=f"{'Error: ' if form.errors else ''}{chosen.button}: "
            f"{entry.kind_label.lower()} by {entry.author}",
            entry=entry,
            step=chosen,
            form=form,
            action_url=step_url(kind, post_id, step),
            cannot=not_open_because(step, entry.post, kind) if request.method == "GET" else "",
            back_url=reverse(chosen.back_to),
        )
        return TemplateResponse(request, "admin/movement/moderation/step.html", context)
