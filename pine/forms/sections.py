"""One form per section of the application. Questions are optional until a section is completed."""

import re

from django import forms

from pine import named_gaps
from pine.forms.fields import choice, confirm, long_text, text
from pine.models import Priority


class CountField(forms.IntegerField):
    """A whole number as people write it: "150", " 150 " or "1,500" (commas between thousands)."""

    THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if self.THOUSANDS.fullmatch(value):
                value = value.replace(",", "")
        return super().to_python(value)


class SectionForm(forms.Form):
    """Saving for later checks only the format of what was typed; completing also needs answers."""

    def __init__(self, *args, complete: bool = False, application=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        if not complete:
            for field in self.fields.values():
                field.required = False

    def answers(self) -> dict:
        """The cleaned answers, ready to store as JSON."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @classmethod
    def summary(cls, answers: dict) -> list[tuple[str, str, str]]:
        """(field name, question, answer as text) for check your answers."""
        form = cls._summary_form(answers)
        rows = []
        for name, field in form.fields.items():
            value = answers.get(name)
            if isinstance(field, forms.BooleanField):
                shown = "Yes" if value else ""
            elif hasattr(field, "choices") and value:
                labels = dict(field.choices)
                values = value if isinstance(value, list) else [value]
                shown = ", ".join(str(labels.get(v, v)) for v in values)
            else:
                shown = "" if value is None else str(value)
            rows.append((name, field.label, shown))
        return rows

    @classmethod
    def _summary_form(cls, answers: dict) -> "SectionForm":
        return cls()


class OrganisationSection(SectionForm):
    contact_name = text("Full name of the main contact", "Enter the full name of the main contact.")
    contact_job_title = text("Their job title", "Enter the main contact's job title.")
    contact_email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={
            "required": "Enter the main contact's email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
            "max_length": "The email address must be 254 characters or fewer.",
        },
    )
    contact_phone = text(
        "Their phone number (optional)", "", hint="For example 01632 960 001.", max_length=30
    )
    partners = long_text(
        "Other organisations working with you (optional)",
        "",
        hint="For example a health trust, a school or a charity.",
    )
    optional = ("contact_phone", "partners")

    def __init__(self, *args, complete: bool = False, **kwargs) -> None:
        super().__init__(*args, complete=complete, **kwargs)
        for name in self.optional:
            self.fields[name].required = False


class PracticeSection(SectionForm):
    practice_name = text("What is the practice called?", "Enter the name of the practice.")
    description = long_text("What is it?", "Describe the practice.")
    who_for = long_text(
        "Who is it for?", "Say who the practice is for.", hint="For example, the ages of children."
    )
    running_for = choice(
        "How long has it been running?",
        "Select how long the practice has been running.",
        [
            ("under_1", "Less than a year"),
            ("1_to_3", "1 to 3 years"),
            ("over_3", "More than 3 years"),
        ],
    )
    reach = CountField(
        label="About how many children and families does it work with each year?",
        help_text="A whole number, for example 120.",
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "required": "Enter about how many children and families it works with each year.",
            "invalid": "Enter the number of children and families as a whole number, like 120.",
            "min_value": "The number of children and families must be 0 or more.",
            "max_value": "The number of children and families must be 1,000,000 or fewer.",
        },
    )
    priorities = forms.MultipleChoiceField(
        label="Which of our priorities does it fit?",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one priority the practice fits.",
            "invalid_choice": "Select priorities from the list.",
            "invalid_list": "Select priorities from the list.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = list(Priority.objects.values_list("slug", "name"))
        # GOV.UK asks for numbers in a text input: number inputs change value on scroll.
        self.fields["reach"].widget = forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-10"}
        )


class TheoryOfChangeSection(SectionForm):
    outcomes = long_text(
        "What outcomes do you hope for, for children and families?",
        "Enter the outcomes you hope for.",
    )
    activities = long_text(
        "What activities lead to those outcomes, and how?",
        "Describe the activities that lead to the outcomes.",
        hint="Work backwards from the outcomes to what you do.",
    )


class EvidenceSection(SectionForm):
    data_collected = long_text(
        "What data do you collect about the practice?", "Describe the data you collect."
    )
    previous_evaluation = long_text(
        "Has the practice been evaluated before? (optional)", "", hint="Tell us what was found."
    )
    evidence_stage = choice(
        "Where are you on your evidence journey?",
        "Select where you are on your evidence journey.",
        [
            ("starting", "We are just starting to think about evidence"),
            ("some_data", "We collect some data, but have not analysed it"),
            ("routine", "We collect and analyse data routinely"),
            ("evaluated", "The practice has had an evaluation"),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous_evaluation"].required = False


class LearningSection(SectionForm):
    questions = long_text(
        "What do you want to learn about the practice?", "Enter what you want to learn."
    )
    use_of_findings = long_text(
        "How will you use what you learn?", "Say how you will use what you learn."
    )
    gaps = forms.MultipleChoiceField(
        label="Which gaps in the evidence would your evaluation help fill? (optional)",
        help_text=(
            "These are the outcomes, in the topics this call is looking for, where no "
            "intervention in our evidence store has more than low-strength evidence. "
            "Select all that apply."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Select gaps in the evidence from the list.",
            "invalid_list": "Select gaps in the evidence from the list.",
        },
    )

    def __init__(self, *args, gap_choices: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if gap_choices is None:
            gap_choices = named_gaps.gap_choices(self.application)
            if not gap_choices:
                del self.fields["gaps"]  # the call's priorities hold no gap: nothing to ask
                return
        self.fields["gaps"].choices = gap_choices

    @classmethod
    def _summary_form(cls, answers: dict) -> "LearningSection":
        return cls(gap_choices=[])  # the saved keys name their gaps: no evidence store reads

    @classmethod
    def summary(cls, answers: dict) -> list[tuple[str, str, str]]:
        """Each gap named on a line of its own, as "Topic: Outcome". With none named the row is
        left out: not every call's priorities hold a gap, so not every applicant is asked."""
        rows = super().summary({name: v for name, v in answers.items() if name != "gaps"})
        named = "\n".join(named_gaps.gap_labels(answers.get("gaps", [])).values())
        return [
            (name, q, named if name == "gaps" else shown)
            for name, q, shown in rows
            if named or name != "gaps"
        ]


class CapacitySection(SectionForm):
    staff_time = long_text(
        "How much staff time can you give to the evaluation?",
        "Describe the staff time you can give.",
    )
    analyst_support = choice(
        "Do you have an analyst who can help?",
        "Select whether you have an analyst who can help.",
        [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")],
    )
    data_access = long_text(
        "How will you get the data you need?", "Describe how you will get the data you need."
    )
    sponsor_name = text(
        "Who is your senior sponsor?",
        "Enter the name of your senior sponsor.",
        hint="A director or assistant director who supports the application.",
    )
    sponsor_job_title = text("Their job title", "Enter your senior sponsor's job title.")


class DeclarationsSection(SectionForm):
    accurate = confirm(
        "The information in this application is accurate to the best of my knowledge",
        "Confirm that the information is accurate.",
    )
    sponsor_agreed = confirm(
        "Our senior sponsor has agreed to this application",
        "Confirm that your senior sponsor has agreed to this application.",
    )
    data_protection = confirm(
        "I have read how we use the information in applications",
        "Confirm that you have read how we use the information in applications.",
    )
