"""The partner's forms in the project workspace."""

from django import forms

from core.uploads import ALLOWED_LIST
from pine.models import Document


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, 'Theory of change, first draft'.",
        error_messages={
            "required": "Enter a title for the document",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Document.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the document is",
            "invalid_choice": "Select what the document is",
        },
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A {ALLOWED_LIST} file, smaller than 20MB.",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )
