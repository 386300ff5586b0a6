"""Staff forms in the admin: the export's one choice."""

from django import forms


class ExportForm(forms.Form):
    include_contact_details = forms.BooleanField(
        label="Include contact details (names, job titles, email addresses and phone numbers)",
        required=False,
        help_text="Leave this unticked unless you need to contact applicants. Each export is logged.",
    )
