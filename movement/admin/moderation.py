"""The practice network's moderation pages in the admin: the posts waiting for a moderator, of
every kind, oldest first; the open reports; the hidden posts; and one page for each step
(approve, refuse, hide, leave it up, show again), which calls its service. Only moderators
(movement.moderate_practicetest: the "Movement moderators" group, and superusers) open them."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.models import User
from core.forms import plain_error_messages
from movement.models import ModerationStep
from movement.models.moderation import Post
from movement.moderation_queue import (
    MODELS,
    Entry,
    held_entries,
    hidden_entries,
    posts_of,
    report_entries,
)
from movement.services import ActionRefused
from movement.services.moderation import (
    KIND_OF,
    post_approve,
    post_hide,
    post_refuse,
    post_show,
    reports_dismiss,
)

MODERATE = "movement.moderate_practicetest"
Action = ModerationStep.Action


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
