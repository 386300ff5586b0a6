"""Staff forms in the admin: a transition with its message, and the export's one choice."""

from django import forms

from pine.workflow import Transition


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    seen_status = forms.CharField(widget=forms.HiddenInput)
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, transition: Transition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["message"]
        field.required = transition.message_required
        if transition.message_required:
            field.label = "Reason (this is emailed to the applicant)"
            field.error_messages["required"] = "Enter a reason. It is sent to the applicant."
        else:
            field.label = "Internal note for the history (optional, not shown to the applicant)"


class ExportForm(forms.Form):
    include_contact_details = forms.BooleanField(
        label="Include contact details (names, job titles, email addresses and phone numbers)",
        required=False,
        help_text="Leave this unticked unless you need to contact applicants. Each export is logged.",
    )
