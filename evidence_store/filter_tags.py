"""What the list page says about its filters: the active ones, each with a link that removes it,
and why each result matched the rating filters."""

from dataclasses import dataclass

from django.http import QueryDict

from evidence_store.filters import InterventionFilter
from evidence_store.models import OutcomeRating

# The filters a person chooses, in the order the page lists them; sort and page are not filters.
FILTERS = ["q", "topic", "outcome", "effectiveness", "strength", "age"]


@dataclass(frozen=True)
class FilterTag:
    label: str  # "Topic: Child protection"
    query: str  # the list's query string without this value (and without a page number)


def active_filters(params: QueryDict, filterset: InterventionFilter) -> list[FilterTag]:
    """One tag for each value of a filter that was applied (values left out get no tag)."""
    data = filterset.form.cleaned_data
    chosen: list[tuple[str, str, str]] = []  # (parameter, value in the URL, label)
    if data.get("q"):
        chosen.append(("q", params.get("q", ""), f"Search: “{data['q']}”"))
    for name in FILTERS[1:]:
        field = filterset.form.fields[name]
        for item in data.get(name) or []:
            if isinstance(item, str):  # a level of effectiveness or strength
                value, shown = item, dict(field.choices)[item]
            else:  # a topic, outcome or age group
                value, shown = item.slug, item.name
            chosen.append((name, value, f"{field.label}: {shown}"))
    return [FilterTag(label, _without(params, name, value)) for name, value, label in chosen]


def _without(params: QueryDict, name: str, value: str) -> str:
    kept = params.copy()
    kept.pop("page", None)
    kept.setlist(name, [v for v in params.getlist(name) if v != value])
    return kept.urlencode()


def clear_query(filterset: InterventionFilter) -> str:
    """The list's query string with every filter removed; a sort that was chosen stays."""
    kept = QueryDict(mutable=True)
    if filterset.form.cleaned_data.get("sort"):
        kept["sort"] = filterset.sort_key()
    return kept.urlencode()


def match_reason(ratings: list[OutcomeRating], filterset: InterventionFilter) -> str:
    """Why a result matched the rating filters, in words: effect and strength for each outcome."""
    data = filterset.form.cleaned_data
    reasons = []
    for rating in ratings:
        words = []
        if data.get("effectiveness"):
            words.append(rating.get_effectiveness_display())
        if data.get("strength"):
            strength = f"{rating.get_strength_display()} strength of evidence"
            words.append(strength if not words else strength.lower())
        what = " with ".join(words) if words else "Rated"
        reasons.append(f"{what} for ‘{rating.outcome.name}’")
    return "; ".join(reasons)
