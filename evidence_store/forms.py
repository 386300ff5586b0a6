"""Forms of the evidence store's admin that need more than a model's own checks."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from config.uploads import validate_upload
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
