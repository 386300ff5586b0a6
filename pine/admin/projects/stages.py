"""Admin for project stages: the list of stages to sign off, and the sign-off, return, skip and
restore pages. Also the stage picker that meetings and documents use."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.admin_widgets import SafeAutocompleteSelect
from pine.admin.applications import RegionFilter
from pine.forms.versioned import VersionedModelForm
from pine.models import ProjectStage
from pine.services import ActionRefused, Conflict
from pine.services.projects import STAGE_ACTIONS

Stage = ProjectStage.Status


# --- Stages as staff pick them: "Project – Stage", because stage names repeat ---------------------


def stage_label(stage: ProjectStage) -> str:
    return f"{stage.project} – {stage.name}"


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, stage: ProjectStage) -> str:
        return stage_label(stage)


class StageAutocompleteView(AutocompleteJsonView):
    """The admin's stage search, with each stage labelled by its project."""

    def serialize_result(self, obj: ProjectStage, to_field_name: str) -> dict:
        return {"id": str(getattr(obj, to_field_name)), "text": stage_label(obj)}


class StageSelect(SafeAutocompleteSelect):
    url_name = "%s:pine_projectstage_autocomplete"


def stage_field(db_field: models.ForeignKey, admin_site: admin.AdminSite) -> StageChoiceField:
    return StageChoiceField(
        queryset=ProjectStage.objects.select_related("project__organisation"),
        widget=StageSelect(db_field, admin_site),
        label="Project and stage",
    )


# --- Sign-off and the other actions on a stage -----------------------------------------------


@dataclass(frozen=True)
class StageAct:
    """A staff action on a stage: its button, when it applies, and the text it asks for."""

    label: str
    done: str
    applies: Callable[[ProjectStage], bool]
    text_argument: str | None = None  # the service's argument for the text typed, if any
    text_label: str = ""
    text_required: bool = False


STAGE_ACTS = {
    "sign_off": StageAct(
        "Sign off", "signed off", lambda s: s.status == Stage.AWAITING_SIGN_OFF, "comment",
        "Comment for the partner (optional: it goes in the email to them)",
    ),
    "return": StageAct(
        "Return to the partner", "returned to the partner",
        lambda s: s.status == Stage.AWAITING_SIGN_OFF, "comment",
        "What still needs to be done (this is emailed to the partner)", text_required=True,
    ),
    "skip": StageAct(
        "Skip stage", "skipped", lambda s: s.status not in ProjectStage.DONE, "reason",
        "Why this project does not need the stage (optional, for the history)",
    ),
    "restore": StageAct("Restore stage", "restored", lambda s: s.status == Stage.SKIPPED),
}  # fmt: skip


class StageActForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, act: StageAct, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if act.text_argument is None:
            del self.fields["text"]
            return
        field = self.fields["text"]
        field.label, field.required = act.text_label, act.text_required
        field.error_messages["required"] = "Say what still needs to be done."


@admin.register(ProjectStage)
class ProjectStageAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    list_display = ["name", "project", "status", "due_date", "ready_at"]
    list_filter = ["status", ("project__organisation__region", RegionFilter)]
    list_select_related = ["project__organisation"]
    search_fields = ["name", "project__title", "project__organisation__name"]
    readonly_fields = ["project", "status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["project", "name", "guidance", "position", "due_date", "seen_version"]}),
        ("Sign-off", {"fields": ["status", "started_at", "ready_at", "ready_by", "signed_off_at", "signed_off_by", "returned_comment"]}),
    ]  # fmt: skip
    change_form_template = "admin/pine/projectstage/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("project__organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # stages are added to one project on the project's page

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # skip a stage instead: its meetings and documents stay

    def get_urls(self):
        view = self.admin_site.admin_view
        search = StageAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path("autocomplete/", view(search), name="pine_projectstage_autocomplete"),
            path("<int:pk>/act/<str:action>/", view(self.act_view), name="pine_projectstage_act"),
            *super().get_urls(),
        ]

    def render_change_form(self, request: HttpRequest, context: dict, *args, obj=None, **kwargs):
        if obj is not None:
            may_act = request.user.has_perm("pine.sign_off_projectstage")
            context.update(
                acts=[(n, a) for n, a in STAGE_ACTS.items() if may_act and a.applies(obj)],
                meetings=obj.meetings.all(),
                documents=obj.documents.select_related("uploaded_by"),
                events=obj.events.select_related("actor").order_by("-created_at", "-pk"),
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def act_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if not request.user.has_perm("pine.sign_off_projectstage"):
            raise PermissionDenied
        act = STAGE_ACTS.get(action)
        if act is None:
            raise Http404("No such action.")
        stages = ProjectStage.objects.select_related("project__organisation")
        stage = get_object_or_404(stages, pk=pk)
        change_url = reverse("admin:pine_projectstage_change", args=[stage.pk])
        form = StageActForm(
            request.POST if request.method == "POST" else None,
            act=act,
            initial={"seen_version": stage.version},
        )
        conflict = False
        if request.method == "POST" and form.is_valid():
            text = {act.text_argument: form.cleaned_data["text"]} if act.text_argument else {}
            try:
                STAGE_ACTIONS[action](
                    stage=stage,
                    user=request.user,
                    seen_version=form.cleaned_data["seen_version"],
                    **text,
                )
            except ActionRefused as refused:
                conflict = isinstance(refused, Conflict)
                form.add_error(None, str(refused))
            else:
                messages.success(request, f"{stage_label(stage)}: {act.done}.")
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": stage,
            "act": act,
            "action": action,
            "form": form,
            "conflict": conflict,
            "change_url": change_url,
            "title": f"{act.label}: {stage.name}",
        }
        return TemplateResponse(request, "admin/pine/projectstage/act.html", context)
