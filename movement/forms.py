"""The registration form: who is coming, where they work, and what they need on the day."""

from django import forms

from accounts.models import Organisation, User
from core.forms import GovukFormMixin

ANOTHER = "another"
NOT_SAYING = "none"
NEEDS_LIMIT = 1000


def _text(label: str, *, required: bool, hint: str = "", max_length: int = 200, **kwargs):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=max_length,
        error_messages={
            "max_length": f"{label.rstrip('?')} must be {max_length:,} characters or fewer.",
        },
        **kwargs,
    )


def _needs(label: str, hint: str):
    field = _text(f"{label} (optional)", required=False, hint=hint, max_length=NEEDS_LIMIT)
    field.error_messages["max_length"] = f"{label} must be {NEEDS_LIMIT:,} characters or fewer."
    field.widget = forms.Textarea(attrs={"rows": 4})
    return field


class RegistrationForm(GovukFormMixin, forms.Form):
    """Name and role are asked for the list of people coming; an organisation is not
    required. The person's own organisations are offered as a choice when they have some, and
    any other is typed (movement/includes/organisation_question.html draws the two)."""

    name = _text(
        "Your name", required=True, hint="As you would like it on the list of people coming."
    )
    role = _text("Your job title or role", required=True, hint="For example, social worker.")
    organisation = forms.ChoiceField(
        label="Which organisation do you work for? (optional)",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select one of your organisations, or type its name."},
    )
    organisation_name = _text(
        "If another organisation, its name", required=False, hint="For example, Anytown Council."
    )
    access_needs = _needs(
        "Access needs",
        "For example, step-free access, a hearing loop, a quiet room or a reserved seat. "
        "We ask so that we can make the day work for you. Only the staff who run this event "
        "can see this. We delete it 30 days after the event.",
    )
    dietary_needs = _needs(
        "Dietary needs",
        "For example, vegetarian, halal, or an allergy. Only the staff who run this event can "
        "see this. We delete it 30 days after the event.",
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.pk): org for org in Organisation.objects.for_user(user)}
        choices = [(pk, org.name) for pk, org in self.organisations.items()]
        self.fields["organisation"].choices = [
            *choices,
            (ANOTHER, "Another organisation"),
            (NOT_SAYING, "I would rather not say"),
        ]
        if not self.organisations:
            # Nothing to choose from: the text box alone asks the question.
            del self.fields["organisation"]
            self.fields[
                "organisation_name"
            ].label = "Which organisation do you work for? (optional)"
        if not self.is_bound:
            self.initial.setdefault("name", user.full_name)
            self.initial.setdefault("role", user.job_title)

    @property
    def has_organisations(self) -> bool:
        return bool(self.organisations)

    def clean(self) -> dict:
        data = super().clean()
        if not self.organisations or "organisation" not in data:
            return data
        choice, name = data["organisation"], data.get("organisation_name", "")
        if choice in self.organisations or choice == NOT_SAYING:
            data["organisation_name"] = ""  # a name typed, then another answer chosen
        elif choice == ANOTHER and not name and "organisation_name" in data:
            self.add_error(
                "organisation_name",
                "Enter the name of the organisation, or select “I would rather not say”.",
            )
        return data

    def registration_fields(self) -> dict:
        """The answers as registration_create's keyword arguments."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "role": data["role"],
            "organisation": self.organisations.get(data.get("organisation") or ""),
            "organisation_name": data.get("organisation_name", ""),
            "access_needs": data["access_needs"],
            "dietary_needs": data["dietary_needs"],
        }
