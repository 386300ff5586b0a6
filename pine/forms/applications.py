"""The applicant's small forms: which organisation is applying."""

from django import forms

from accounts.models import Organisation


class StartApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Which organisation is applying?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation that is applying.",
            "invalid_choice": "Select the organisation that is applying.",
        },
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = list(Organisation.objects.for_user(user))
        self.fields["organisation"].queryset = Organisation.objects.for_user(user)
        # With only one organisation there is nothing to ask.
        self.only = organisations[0] if len(organisations) == 1 else None
        if self.only:
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_organisation(self) -> Organisation:
        return self.cleaned_data["organisation"] or self.only
