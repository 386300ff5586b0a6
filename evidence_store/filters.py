"""The list's search, filters and sort, read from the URL so a filtered list can be shared.

Repeatable filters mean "any of". Outcome, effectiveness and strength apply to the same rating:
`outcome=entry-into-care&effectiveness=tends_positive` finds interventions whose entry-into-care
rating tends to positive.
"""

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.utils.functional import cached_property

from core.forms import filter_leaving_out_bad, not_one_of, plain_error_messages
from evidence_store import search
from evidence_store.models import AgeGroup, Intervention, Outcome, OutcomeRating, Topic
from evidence_store.ratings import Effectiveness, Strength


def _rank(field: str, choices: type) -> Case:
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)],
        output_field=IntegerField(),
    )


def _best(field: str, choices: type) -> Subquery:
    ratings = OutcomeRating.objects.filter(intervention=OuterRef("pk"))
    return Subquery(
        ratings.annotate(level=_rank(field, choices)).order_by("-level").values("level")[:1]
    )


SORTS = {
    "relevance": "Best match",
    "name": "Name (A to Z)",
    "effectiveness": "Most effective first",
    "strength": "Strongest evidence first",
    "reviewed": "Most recently reviewed",
}


class InterventionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        # Applied last, in filter_queryset: it keeps the first matches, so it follows the others.
        label="Search",
        method="filter_nothing",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    topic = django_filters.ModelMultipleChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_related",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("topics"),
    )
    age = django_filters.ModelMultipleChoiceFilter(
        label="Age group",
        field_name="age_groups",
        queryset=AgeGroup.objects.all(),
        to_field_name="slug",
        method="filter_related",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("age groups"),
    )
    outcome = django_filters.ModelMultipleChoiceFilter(
        # Named here: the filter reaches outcomes through ratings, so no model field names it.
        label="Outcome",
        queryset=Outcome.objects.all(),
        to_field_name="slug",
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("outcomes"),
    )
    effectiveness = django_filters.MultipleChoiceFilter(
        label="Overall effectiveness",
        choices=Effectiveness.choices,
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("levels of overall effectiveness"),
    )
    strength = django_filters.MultipleChoiceFilter(
        label="Strength of evidence",
        choices=Strength.choices,
        method="filter_nothing",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("levels of strength of evidence"),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=list(SORTS.items()),
        method="filter_nothing",
        empty_label=None,
        error_messages=not_one_of("ways to sort the list"),
    )

    class Meta:
        model = Intervention
        fields: list[str] = []

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            # GOV.UK wording for any message a filter does not set itself.
            plain_error_messages(super().form)
        return super().form

    def filter_related(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        through = getattr(Intervention, name).through
        column = "topic" if name == "topics" else "agegroup"
        links = through.objects.filter(intervention=OuterRef("pk"), **{f"{column}__in": value})
        return queryset.filter(Exists(links))

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # Applied together in filter_queryset, because they describe one rating.
        return queryset

    def rating_filters(self) -> dict:
        data = self.form.cleaned_data
        conditions = {}
        if data.get("outcome"):
            conditions["outcome__in"] = data["outcome"]
        if data.get("effectiveness"):
            conditions["effectiveness__in"] = data["effectiveness"]
        if data.get("strength"):
            conditions["strength__in"] = data["strength"]
        return conditions

    def matches(self, rating: OutcomeRating) -> bool:
        """Whether the rating is one the outcome, effectiveness and strength filters asked for."""
        data = self.form.cleaned_data
        outcomes, levels, strengths = (
            data.get("outcome"),
            data.get("effectiveness"),
            data.get("strength"),
        )
        if not (outcomes or levels or strengths):
            return False
        return (
            (not outcomes or rating.outcome_id in {o.pk for o in outcomes})
            and (not levels or rating.effectiveness in levels)
            and (not strengths or rating.strength in strengths)
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.apply_sort(search.search(self._filtered(queryset), self.search_text()))

    def _filtered(self, queryset: QuerySet) -> QuerySet:
        """Every filter but the search."""
        queryset = super().filter_queryset(queryset)
        if conditions := self.rating_filters():
            ratings = OutcomeRating.objects.filter(intervention=OuterRef("pk"), **conditions)
            queryset = queryset.filter(Exists(ratings))
        return queryset

    def search_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""

    def all_matches(self) -> QuerySet:
        """Every intervention the filters and search match, unranked and without the list's
        limit: the exports hold them all."""
        return search.matching(self._filtered(self.queryset), self.search_text()).order_by()

    @cached_property
    def listed_matches_limit(self) -> int | None:
        """search.RANKED_MATCHES when the search matched more, so only that many are listed."""
        if search.has_unranked_matches(self._filtered(self.queryset), self.search_text()):
            return search.RANKED_MATCHES
        return None

    def sort_key(self) -> str:
        """The chosen sort; "relevance" (the default) means name order when nothing is searched."""
        chosen = self.form.cleaned_data.get("sort")
        return chosen if chosen in SORTS else "relevance"

    def apply_sort(self, queryset: QuerySet) -> QuerySet:
        key = self.sort_key()
        if key == "relevance" and self.search_text():
            return queryset.order_by("-rank", "name")
        if key == "effectiveness":
            return queryset.annotate(best=_best("effectiveness", Effectiveness)).order_by(
                "-best", "name"
            )
        if key == "strength":
            return queryset.annotate(best=_best("strength", Strength)).order_by("-best", "name")
        if key == "reviewed":
            return queryset.order_by("-last_reviewed", "name")
        return queryset.order_by("name")


def filter_interventions(params, queryset: QuerySet) -> InterventionFilter:
    """Apply the valid parameters and keep the invalid ones' errors for the page to show."""
    return filter_leaving_out_bad(InterventionFilter, params, queryset)
