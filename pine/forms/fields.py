"""Field builders with GOV.UK error messages, so each section's form reads as a list of questions."""

from django import forms

LONG_ANSWER = 5000


def text(label: str, missing: str, *, hint: str = "", max_length: int = 200, **kwargs):
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=max_length,
        error_messages={
            "required": missing,
            "max_length": f"{label.rstrip('?')} must be {max_length:,} characters or fewer.",
        },
        **kwargs,
    )


def long_text(label: str, missing: str, *, hint: str = "", **kwargs):
    field = text(label, missing, hint=hint, max_length=LONG_ANSWER, **kwargs)
    field.widget = forms.Textarea(attrs={"rows": 5})
    return field


def choice(label: str, missing: str, choices: list[tuple[str, str]], *, hint: str = ""):
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
    )


def confirm(label: str, missing: str):
    return forms.BooleanField(label=label, error_messages={"required": missing})
