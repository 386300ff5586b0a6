"""Forms for finding an organisation by name and asking to join it."""

from django import forms

from accounts.models import Organisation

# Enough letters to name an organisation, not to list them all one letter at a time.
SHORTEST_SEARCH = 3
MOST_RESULTS = 20


class OrganisationSearchForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        help_text="Enter at least 3 letters of its name, for example Warrington.",
        max_length=200,
        error_messages={"required": "Enter the name of the organisation you want to join."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "organization"

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < SHORTEST_SEARCH:
            raise forms.ValidationError(
                f"Enter at least {SHORTEST_SEARCH} letters of the organisation’s name."
            )
        return name

    def matches(self, user) -> list[Organisation]:
        """Organisations whose name contains what was typed, that this person is not in."""
        return list(
            Organisation.objects.filter(name__icontains=self.cleaned_data["name"])
            .exclude(memberships__user=user)
            .order_by("name", "pk")[:MOST_RESULTS]
        )


class JoinRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        label="Which organisation do you want to join?",
        empty_label=None,
        error_messages={
            "required": "Select the organisation you want to join.",
            "invalid_choice": "Select the organisation you want to join.",
        },
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        # The choices shown are the search results; any organisation may be sent back.
        field.queryset = Organisation.objects.all()
        if organisations is not None:
            field.choices = [
                (o.slug, f"{o.name} ({o.get_region_display()})") for o in organisations
            ]
