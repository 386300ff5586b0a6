"""Forms of the evidence store's admin that need more than a model's own checks."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from core.uploads import validate_upload
from evidence_store.models import ResourceFile


class ResourceFileForm(forms.ModelForm):
    class Meta:
        model = ResourceFile
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):  # a new file, rather than the one already stored
            kind = validate_upload(upload)
            self.instance.original_name = upload.name[:255]
            self.instance.content_type = kind.content_type
            self.instance.size = upload.size
        return upload


CONFLICT = (
    "Someone else saved changes to this since you opened it, so yours have not been saved. "
    "Copy anything you need from this page, then open it again to see their changes."
)


def _version(instance: models.Model) -> int | None:
    """The newest history record of the object: it changes with every save."""
    return instance.history.order_by("-history_id").values_list("history_id", flat=True).first()


def concurrent_edit_form(model: type[models.Model]) -> type[forms.ModelForm]:
    """An admin form that refuses to overwrite a save made after the form was opened."""

    class ConcurrentEditForm(forms.ModelForm):
        loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

        class Meta:
            fields = "__all__"  # noqa: DJ007 - the admin chooses the fields it shows

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk:
                self.fields["loaded_version"].initial = _version(self.instance)

        def clean(self):
            cleaned = super().clean()
            if self.instance.pk:
                # Lock the row until this save commits, so two saves cannot both pass the check.
                type(self.instance).objects.select_for_update().filter(pk=self.instance.pk).exists()
                if cleaned.get("loaded_version") != _version(self.instance):
                    raise ValidationError(CONFLICT, code="conflict")
            return cleaned

    ConcurrentEditForm.Meta.model = model
    return ConcurrentEditForm
