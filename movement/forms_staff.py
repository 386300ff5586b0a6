"""The forms of the event staff's own admin pages: the attendee list's one choice, the sign-in
sheet's, marking attendance, and a message to everyone confirmed."""

from django import forms

from core.forms import plain_error_messages
from movement.models import EventMessage, Registration

NEEDS_LABEL = "Include access and dietary needs"


class NeedsChoiceForm(forms.Form):
    """Whether to show access and dietary needs: asked only of staff who may see them, so for
    anyone else the field is not there and the answer is always no."""

    include_needs = forms.BooleanField(label=NEEDS_LABEL, required=False)

    def __init__(self, *args, may_see_needs: bool, help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if may_see_needs:
            self.fields["include_needs"].help_text = help_text
        else:
            del self.fields["include_needs"]
        plain_error_messages(self)

    def wants_needs(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("include_needs"))


class AttendanceForm(forms.Form):
    """A box for each confirmed place, ticked for those who came."""

    attended = forms.MultipleChoiceField(
        label="Who came",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick everyone who came. Untick anyone marked by mistake.",
    )

    def __init__(self, *args, places: list[Registration], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        attended = self.fields["attended"]
        attended.choices = [(str(p.pk), _place_label(p)) for p in places]
        attended.initial = [str(p.pk) for p in places if p.status == Registration.Status.ATTENDED]
        plain_error_messages(self)

    def attended_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["attended"]]


def _place_label(place: Registration) -> str:
    organisation = place.organisation_label
    return f"{place.name}, {organisation}" if organisation else place.name


class EventMessageForm(forms.ModelForm):
    class Meta:
        model = EventMessage
        fields = ["subject", "body"]
        labels = {"body": "Message"}
        help_texts = {
            "subject": "The subject line of the email.",
            "body": "Plain text. It is sent as it is, with the event's details below it.",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "subject": {"required": "Enter a subject."},
            "body": {"required": "Enter the message."},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_error_messages(self)
