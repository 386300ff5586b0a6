"""What the project admin tests share: the admin's addresses, the form data a change page sends
back unchanged, and a stage the partner has marked ready."""

from pathlib import Path

from django import forms

from pine.models import ProjectEvent, ProjectStage
from pine.services.projects import stage_mark_ready
from tests.pine.factories import member_of

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
PROJECTS = "/admin/pine/project/"
STAGES = "/admin/pine/projectstage/"
MEETINGS = "/admin/pine/meeting/"
DOCUMENTS = "/admin/pine/document/"
REPORTS = "/admin/pine/evaluationreport/"


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _post_data(response) -> dict:
    """What the change page would send back unchanged: its form, inlines and management forms."""
    every_form = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        every_form += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in every_form:
        for bound in form:
            if isinstance(bound.field, forms.FileField):
                continue  # a stored file is kept when no new one is sent
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data


def _ready(stage: ProjectStage) -> ProjectStage:
    """The partner marks the stage as ready for sign-off."""
    return stage_mark_ready(stage=stage, user=member_of(stage.project.organisation))
