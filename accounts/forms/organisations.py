"""Forms for creating an organisation and inviting colleagues to it."""

from django import forms

from accounts.models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "region"]
        labels = {
            "name": "Organisation name",
            "kind": "What kind of organisation is it?",
            "region": "Where does it work?",
        }
        help_texts = {"name": "Use its full name, for example Warrington Borough Council."}
        widgets = {"kind": forms.RadioSelect, "region": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the name of your organisation."},
            "kind": {
                "required": "Select what kind of organisation it is.",
                "invalid_choice": "Select what kind of organisation it is.",
            },
            "region": {
                "required": "Select where your organisation works.",
                "invalid_choice": "Select where your organisation works.",
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "organization"
        self.fields["kind"].choices = Organisation.Kind.choices
        self.fields["region"].choices = Organisation.Region.choices

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to join. The link works once and lasts 14 days.",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person you want to invite.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
