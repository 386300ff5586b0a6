"""Forms of the evidence store's admin that need more than a model's own checks."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from core.concurrency import VersionedFormMixin
from core.uploads import validate_upload
from evidence_store.models import ResourceFile


class ResourceFileForm(forms.ModelForm):
    class Meta:
        model = ResourceFile
        fields = ["title", "file"]
        error_messages = {
            "title": {"required": "Enter a title for the file."},
            "file": {
                "required": "Select a file to upload.",
                "empty": "The selected file is empty.",
            },
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):  # a new file, rather than the one already stored
            kind = validate_upload(upload)
            self.instance.original_name = upload.name[:255]
            self.instance.content_type = kind.content_type
            self.instance.size = upload.size
        return upload


class HistoryVersionedForm(VersionedFormMixin, forms.ModelForm):
    """The evidence store's models keep their history (django-simple-history) rather than a
    version field: the newest history record is the version, and it moves on by itself."""

    class Meta:
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields it shows

    def version_of(self, instance: models.Model) -> int | None:
        return instance.history.order_by("-history_id").values_list("history_id", flat=True).first()

    def advance(self, instance: models.Model, current) -> None:
        pass  # saving writes the next history record


def concurrent_edit_form(model: type[models.Model]) -> type[forms.ModelForm]:
    """An admin form that refuses to overwrite a save made after the form was opened."""

    class ConcurrentEditForm(HistoryVersionedForm):
        class Meta(HistoryVersionedForm.Meta):
            pass

    ConcurrentEditForm.Meta.model = model
    return ConcurrentEditForm
