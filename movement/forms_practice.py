"""The practice network's forms: how a person appears, a practice test, the checklist before
posting, and the smaller posts (an update, a finding, a reply), reports and putting forward."""

from django import forms

from accounts.models import Organisation, User
from core.forms import GovukFormMixin
from evidence_store.models import Intervention, Outcome, Topic
from movement.models import Duration, Result
from movement.services.practice import TEST_FIELDS

TITLE_LIMIT = 150
TEXT_LIMIT = 5000
REPLY_LIMIT = 3000
NAME_LIMIT = 100
CONFIRM_ONE_LINE = (
    "This does not name or describe a child, a family or a colleague, and has no personal "
    "details such as dates of birth, addresses, phone numbers, emails or case numbers"
)


def _text(label: str, *, limit: int, missing: str, hint: str = "", rows: int = 0):
    """A text answer with GOV.UK wording for empty (`missing`) and too long."""
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {limit:,} characters or fewer.",
        },
    )


def _confirm(label: str, error: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, error_messages={"required": error})


def _choose_many(label: str, queryset, hint: str) -> forms.ModelMultipleChoiceField:
    from_list = f"Select {label.lower()} from the list."  # noqa: S608 - words, not SQL
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        help_text=hint,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": from_list,
            "invalid_pk_value": from_list,
            "list": from_list,
        },
    )


class MemberForm(GovukFormMixin, forms.Form):
    """The name and role shown with a person's posts; their organisation only if they say so."""

    display_name = _text(
        "Display name",
        limit=NAME_LIMIT,
        missing="Enter the name to show with your posts.",
        hint="Shown with your posts. You can use your first name only, or initials.",
    )
    role = _text(
        "Your role",
        limit=NAME_LIMIT,
        missing="Enter your role.",
        hint="For example, social worker or team manager.",
    )
    organisation = forms.ModelChoiceField(
        label="Your organisation (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label="None",
        error_messages={"invalid_choice": "Select one of your organisations, or none."},
    )
    show_organisation = forms.BooleanField(
        label="Show my organisation with my posts", required=False
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_user(user).order_by("name")
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]
            del self.fields["show_organisation"]


class PracticeTestForm(GovukFormMixin, forms.Form):
    """The structured idea, as practice_test_save takes it (TEST_FIELDS and its links)."""

    title = _text(
        "Title", limit=TITLE_LIMIT, missing="Enter a title.", hint="A short name for the idea."
    )
    what_we_will_try = _text(
        "What I will try",
        limit=TEXT_LIMIT,
        missing="Enter what you will try.",
        rows=5,
        hint="Describe the change to your practice. Do not name or describe anyone.",
    )
    expected_change = _text(
        "What I expect to change, and for whom",
        limit=TEXT_LIMIT,
        missing="Enter what you expect to change, and for whom.",
        rows=5,
    )
    why = _text(
        "Why I think so",
        limit=TEXT_LIMIT,
        missing="Enter why you think so.",
        rows=5,
        hint="For example, research you have read or what you have seen work before.",
    )
    how_we_will_tell = _text(
        "How I will tell whether it worked",
        limit=TEXT_LIMIT,
        missing="Enter how you will tell whether it worked.",
        rows=5,
        hint="What you will notice or count.",
    )
    duration = forms.ChoiceField(
        label="How long it will take",
        choices=Duration.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how long it will take.",
            "invalid_choice": "Select how long it will take from the list.",
        },
    )
    interventions = _choose_many(
        "Interventions",
        Intervention.objects.published().order_by("name"),
        "Select any from the evidence store that your idea draws on.",
    )
    outcomes = _choose_many(
        "Outcomes", Outcome.objects.order_by("name"), "Select any outcomes you hope to change."
    )
    topics = _choose_many("Topics", Topic.objects.order_by("name"), "Select any that apply.")

    def fields_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "fields": {name: data[name] for name in TEST_FIELDS},
            "interventions": data["interventions"],
            "outcomes": data["outcomes"],
            "topics": data["topics"],
        }


class PostChecklistForm(GovukFormMixin, forms.Form):
    """What the author confirms before a practice test is posted."""

    no_one_identified = _confirm(
        "It does not name or describe a child, a family or a colleague",
        "Confirm that your practice test does not name or describe a child, a family or a "
        "colleague.",
    )
    no_personal_details = _confirm(
        "It has no dates of birth, addresses, phone numbers, emails or case numbers",
        "Confirm that your practice test has no dates of birth, addresses, phone numbers, "
        "emails or case numbers.",
    )
    permission = _confirm(
        "I have permission to share what my team does",
        "Confirm that you have permission to share what your team does.",
    )


def _checklist_field() -> forms.BooleanField:
    return _confirm(
        CONFIRM_ONE_LINE,
        "Confirm that your post does not identify anyone and has no personal details.",
    )


class UpdateForm(GovukFormMixin, forms.Form):
    body = _text(
        "Your update",
        limit=TEXT_LIMIT,
        missing="Enter your update.",
        rows=6,
        hint="What has happened so far.",
    )
    checklist = _checklist_field()


class FindingForm(GovukFormMixin, forms.Form):
    result = forms.ChoiceField(
        label="What did you find?",
        choices=Result.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what you found.",
            "invalid_choice": "Select what you found from the list.",
        },
    )
    reflection = _text(
        "Your reflection",
        limit=TEXT_LIMIT,
        missing="Enter your reflection on what you found.",
        rows=6,
        hint="What you noticed or counted, what surprised you, and what you would change.",
    )
    checklist = _checklist_field()


class ReplyForm(GovukFormMixin, forms.Form):
    body = _text(
        "Your reply",
        limit=REPLY_LIMIT,
        missing="Enter your reply.",
        rows=5,
        hint="Your own experience of the idea, or a question or critique.",
    )
    checklist = _checklist_field()


class ReportForm(GovukFormMixin, forms.Form):
    reason = _text(
        "Why are you reporting this post?",
        limit=REPLY_LIMIT,
        missing="Enter why you are reporting this post.",
        rows=4,
        hint="For example, it could identify a child or family, or it is unkind.",
    )
    reason.error_messages["max_length"] = f"The reason must be {REPLY_LIMIT:,} characters or fewer."


class PutForwardForm(GovukFormMixin, forms.Form):
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

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.for_user(user).order_by("name")
        self.fields["organisation"].queryset = organisations
        found = list(organisations[:2])
        # With only one organisation there is nothing to ask.
        self.only = found[0] if len(found) == 1 else None
        if self.only:
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_organisation(self) -> Organisation:
        return self.cleaned_data["organisation"] or self.only
