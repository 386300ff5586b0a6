"""core.concurrency: one guard against concurrent edits, one conflict, one form mixin."""

import pytest
from django import forms

from core.concurrency import (
    SAVED_MEANWHILE,
    VersionedModelForm,
    changed_meanwhile,
    lock_unchanged,
)
from core.refusals import ActionRefused, Conflict
from pine.models import Project
from tests.pine.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_row_comes_back_locked_while_its_version_is_the_one_seen():
    project = ProjectFactory()
    assert lock_unchanged(Project.objects, pk=project.pk, seen=project.version) == project
    assert lock_unchanged(Project.objects, pk=project.pk, seen=None) == project  # not checked


def test_a_version_changed_since_it_was_seen_is_a_conflict_saying_what_changed():
    project = ProjectFactory()
    Project.objects.filter(pk=project.pk).update(version=project.version + 1)
    with pytest.raises(Conflict, match="Someone else changed this project while"):
        lock_unchanged(
            Project.objects,
            pk=project.pk,
            seen=project.version,
            conflict=lambda row: changed_meanwhile("this project"),
        )


def test_every_apps_services_refuse_with_the_same_exceptions():
    import accounts.services
    import pine.services

    assert accounts.services.ActionRefused is pine.services.ActionRefused is ActionRefused
    assert pine.services.Conflict is Conflict and issubclass(Conflict, ActionRefused)


class TitleForm(VersionedModelForm):
    class Meta:
        model = Project
        fields = ["title", "seen_version"]


@pytest.mark.parametrize("seen", ["stale", "missing", "tampered"])
def test_the_form_refuses_to_save_over_a_change_made_since_it_was_opened(seen):
    project = ProjectFactory(title="Family Circles")
    posted = {"title": "My title", "seen_version": str(project.version)}
    if seen == "stale":
        Project.objects.filter(pk=project.pk).update(version=project.version + 1)
    elif seen == "missing":
        posted["seen_version"] = ""
    else:
        posted["seen_version"] = str(project.version + 7)
    form = TitleForm(posted, instance=project)
    assert not form.is_valid()
    assert form.non_field_errors() == [SAVED_MEANWHILE]


def test_the_form_saves_when_nothing_changed_meanwhile_and_moves_the_version_on():
    project = ProjectFactory(title="Family Circles")
    before = project.version
    form = TitleForm({"title": "My title", "seen_version": before}, instance=project)
    assert form.is_valid(), form.errors
    form.save()
    assert Project.objects.values_list("title", "version").get(pk=project.pk) == (
        "My title",
        before + 1,
    )
    assert isinstance(TitleForm().fields["seen_version"].widget, forms.HiddenInput)
