"""The gap map's filters, read from the URL: topic, outcome, age group and minimum strength.

Topic and age group narrow the interventions; outcome narrows the columns; a minimum strength
keeps the interventions with at least one rating that strong (on the chosen outcomes, if any).
A value that is not recognised is left out and explained, as on the list page.
"""

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict

from core.forms import not_one_of, plain_error_messages
from evidence_store.models import AgeGroup, Intervention, Outcome, OutcomeRating, Topic
from evidence_store.ratings import Strength, strength_rank

VIEWS = {"matrix": "Interventions by outcome", "topic": "Topics by outcome"}
FILTERS = ["topic", "outcome", "age", "strength"]


def _choices(label: str, queryset: QuerySet, things: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of(things),
    )


class GapMapFilter(forms.Form):
    view = forms.ChoiceField(
        label="Show",
        choices=list(VIEWS.items()),
        required=False,
        error_messages=not_one_of("ways to show the map"),
    )
    topic = _choices("Topic", Topic.objects.all(), "topics")
    outcome = _choices("Outcome", Outcome.objects.all(), "outcomes")
    age = _choices("Age group", AgeGroup.objects.all(), "age groups")
    strength = forms.ChoiceField(
        label="Minimum strength of evidence",
        choices=[("", "Any strength"), *Strength.choices],
        required=False,
        error_messages=not_one_of("levels of strength of evidence"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_error_messages(self)

    @property
    def view_key(self) -> str:
        return self.cleaned_data.get("view") or "matrix"

    def chosen(self, name: str) -> list:
        return list(self.cleaned_data.get(name) or [])

    def interventions(self) -> QuerySet:
        """The published interventions the topic, age group and strength filters keep."""
        queryset = Intervention.objects.published()
        for name, column, model in (
            ("topic", "topic", "topics"),
            ("age", "agegroup", "age_groups"),
        ):
            if chosen := self.chosen(name):
                through = getattr(Intervention, model).through
                links = through.objects.filter(
                    intervention=OuterRef("pk"), **{f"{column}__in": chosen}
                )
                queryset = queryset.filter(Exists(links))
        if minimum := self.cleaned_data.get("strength"):
            levels = [s for s in Strength.values if strength_rank(s) >= strength_rank(minimum)]
            ratings = OutcomeRating.objects.filter(intervention=OuterRef("pk"), strength__in=levels)
            if outcomes := self.chosen("outcome"):
                ratings = ratings.filter(outcome__in=outcomes)
            queryset = queryset.filter(Exists(ratings))
        return queryset


def read_filters(params: QueryDict) -> tuple[GapMapFilter, dict]:
    """The filter form with the valid values, and the errors of any value that was left out."""
    form = GapMapFilter(params)
    if form.is_valid():
        return form, {}
    errors = form.errors
    valid = params.copy()
    for name in errors:
        valid.pop(name, None)
    form = GapMapFilter(valid)
    form.is_valid()
    return form, errors


def query_without(params: QueryDict, name: str, value: str = "") -> str:
    """The query string without one value of a filter (or all of it)."""
    kept = params.copy()
    if value:
        kept.setlist(name, [v for v in params.getlist(name) if v != value])
    else:
        kept.pop(name, None)
    return kept.urlencode()
