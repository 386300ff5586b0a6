"""One admin page for each workflow step: it asks for the words the step needs, carries the
version the person saw, and shows a refusal or a conflict in words, keeping what was typed.
Applications, stages, projects and evaluation reports use it; an admin says what differs
through the few hooks below."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from pine.services import ActionRefused, Conflict
from pine.workflow.rules import choices


@dataclass(frozen=True)
class Words:
    """The words a step asks for: the label, whether they are needed, the error if missing."""

    label: str
    required: bool = False
    missing: str = ""


class TransitionForm(forms.Form):
    def __init__(self, *args, seen: str, words: Words | None, words_field: str, **kwargs) -> None:
        hidden = kwargs.pop("hidden", {})
        super().__init__(*args, **kwargs)
        for name in hidden:
            self.fields[name] = forms.CharField(widget=forms.HiddenInput)
        self.fields[seen] = forms.CharField(widget=forms.HiddenInput, required=False)
        if words is not None:
            self.fields[words_field] = forms.CharField(
                label=words.label,
                required=words.required,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": words.missing},
            )


class TransitionPagesMixin:
    """For a ModelAdmin whose objects have a workflow. `transitions` is its table, `permission`
    what a person needs to open the pages, `noun` what they act on in words, and
    `make_transition` calls the service."""

    transitions: dict
    permission: str
    noun: str
    seen_field = "seen_version"  # the hidden field carrying the version the person saw
    words_field = "text"

    def make_transition(self, request: HttpRequest, obj, name: str, text: str, seen) -> None:
        raise NotImplementedError

    def may_open(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm(self.permission)

    def transition_label(self, obj) -> str:
        return str(obj)

    def seen_version(self, obj):
        return obj.version

    def parse_seen(self, posted: str):
        """The version the person saw, as posted; a missing or tampered one counts as stale."""
        try:
            return int(posted)
        except ValueError:
            return -1  # no row has it, so the service answers with the conflict

    def words(self, transition) -> Words | None:
        if not transition.text:
            return None
        return Words(transition.text_label, transition.text == "required", transition.text_missing)

    def button(self, transition) -> str:
        return transition.label

    def done_message(self, obj, transition) -> str:
        return f"{self.transition_label(obj)}: {transition.done}."

    def explanation(self, obj, transition) -> list[str]:
        """What the page says before the form: by default, what is acted on and its status."""
        return [f"{self.transition_label(obj)}. Status: {obj.get_status_display().lower()}."]

    def hidden_fields(self, transition) -> dict:
        return {}

    def refusal(self, request: HttpRequest, obj, name: str) -> str | None:
        """Why the step cannot be taken now, said before the person fills anything in; the
        page then offers no button. By default the service alone answers, on sending."""
        return None

    def offered_transitions(self, request: HttpRequest, obj) -> list:
        if not self.may_open(request, obj):
            return []
        return choices(user=request.user, subject=obj, page="admin")

    def transition_urls(self) -> list:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.transition_view)
        return [path("<int:pk>/act/<str:name>/", view, name=f"{info}_act")]

    def action_url(self, obj, name: str) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_act", args=[obj.pk, name]
        )

    def transition_view(self, request: HttpRequest, pk: int, name: str) -> HttpResponse:
        if not self.may_open(request):
            raise PermissionDenied
        transition = self.transitions.get(name)
        if transition is None:
            raise Http404("No such action.")
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )
        words = self.words(transition)
        hidden = self.hidden_fields(transition)
        form = TransitionForm(
            request.POST if request.method == "POST" else None,
            seen=self.seen_field,
            words=words,
            words_field=self.words_field,
            hidden=hidden,
            initial={**hidden, self.seen_field: self.seen_version(obj)},
        )
        conflict = False
        cannot = self.refusal(request, obj, name) if request.method == "GET" else None
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data.get(self.words_field, "")
            seen = self.parse_seen(form.cleaned_data[self.seen_field])
            try:
                self.make_transition(request, obj, name, text, seen)
            except ActionRefused as refused:
                conflict = isinstance(refused, Conflict)
                form.add_error(None, str(refused))
            else:
                messages.success(request, self.done_message(obj, transition))
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "label": self.transition_label(obj),
            "noun": self.noun,
            "explanation": self.explanation(obj, transition),
            "button": self.button(transition),
            "action_url": self.action_url(obj, name),
            "form": form,
            "asks_for_words": words is not None,
            "conflict": conflict,
            "cannot": cannot,
            "change_url": change_url,
            "title": f"{self.button(transition)}: {self.transition_label(obj)}",
        }
        return TemplateResponse(request, "admin/pine/transition.html", context)
