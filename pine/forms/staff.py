"""Staff forms in the admin: the export's one choice, and a reviewer's score for one criterion."""

from django import forms

from pine.models import ReviewScore
from pine.models.reviews import SCORE_RANGE


class ExportForm(forms.Form):
    include_contact_details = forms.BooleanField(
        label="Include contact details (names, job titles, email addresses and phone numbers)",
        required=False,
        help_text="Leave this unticked unless you need to contact applicants. Each export is logged.",
    )


class ReviewScoreForm(forms.ModelForm):
    """The model refuses a score out of range too; the form also tells the browser the range."""

    score = forms.IntegerField(
        min_value=1,
        max_value=5,
        help_text="From 1 to 5.",
        error_messages={
            "required": "Enter a score between 1 and 5.",
            "invalid": "Score must be a whole number between 1 and 5.",
            "min_value": SCORE_RANGE,
            "max_value": SCORE_RANGE,
        },
    )

    class Meta:
        model = ReviewScore
        fields = ["criterion", "score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3, "class": "app-admin-comment"})}
        error_messages = {
            "criterion": {
                "required": "Select a criterion.",
                "invalid_choice": "Select a criterion from the list.",
            }
        }
