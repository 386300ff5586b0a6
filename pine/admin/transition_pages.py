"""One admin page for each workflow transition: it asks for the words the transition needs,
carries the version the person saw, and shows a refusal or a conflict in words, keeping what
was typed. Stages and projects use it; their tables are in pine.workflow."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from pine.services import ActionRefused, Conflict
from pine.workflow.rules import choices


class TransitionForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not transition.text:
            del self.fields["text"]
            return
        field = self.fields["text"]
        field.label, field.required = transition.text_label, transition.text == "required"
        field.error_messages["required"] = transition.text_missing


class TransitionPagesMixin:
    """For a ModelAdmin whose objects have a workflow: `transitions` is its table, `permission`
    the one a person needs to open the pages, and `make_transition` calls the service."""

    transitions: dict
    permission: str
    noun: str  # what the person acts on, in words: "stage", "project"

    def make_transition(self, request: HttpRequest, obj, name: str, text: str, seen_version: int):
        raise NotImplementedError

    def transition_label(self, obj) -> str:
        return str(obj)

    def offered_transitions(self, request: HttpRequest, obj) -> list:
        if not request.user.has_perm(self.permission):
            return []
        return choices(user=request.user, subject=obj, page="admin")

    def transition_urls(self) -> list:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.transition_view)
        return [path("<int:pk>/act/<str:name>/", view, name=f"{info}_act")]

    def transition_view(self, request: HttpRequest, pk: int, name: str) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        transition = self.transitions.get(name)
        if transition is None:
            raise Http404("No such action.")
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        change_url = reverse(f"{info}_change", args=[obj.pk])
        form = TransitionForm(
            request.POST if request.method == "POST" else None,
            transition=transition,
            initial={"seen_version": obj.version},
        )
        conflict = False
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data.get("text", "")
            try:
                self.make_transition(request, obj, name, text, form.cleaned_data["seen_version"])
            except ActionRefused as refused:
                conflict = isinstance(refused, Conflict)
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"{self.transition_label(obj)}: {transition.done}.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "label": self.transition_label(obj),
            "noun": self.noun,
            "transition": transition,
            "action_url": reverse(f"{info}_act", args=[obj.pk, name]),
            "form": form,
            "conflict": conflict,
            "change_url": change_url,
            "title": f"{transition.label}: {self.transition_label(obj)}",
        }
        return TemplateResponse(request, "admin/pine/transition.html", context)
