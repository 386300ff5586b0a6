"""Admin forms that refuse to overwrite a save made after the form was opened.

Each versioned model has a `version` that goes up on every save. The form carries the version it
was opened with; on save it locks the row and compares, so of two people saving at once, the second
is told and keeps what they typed.
"""

from django import forms
from django.core.exceptions import ValidationError

CONFLICT = (
    "Someone else saved changes to this since you opened it, so yours have not been saved. "
    "Copy anything you need from this page, then open it again to see their changes."
)


class VersionedModelForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.has_changed():
            # Lock the row until this save commits, so two saves cannot both pass the check.
            current = (
                type(self.instance)
                .objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("seen_version") != current:
                raise ValidationError(CONFLICT, code="conflict")
            self.instance.version = (current or 0) + 1
        return cleaned
