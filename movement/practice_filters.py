"""The practice list's search and filters, read from the URL so a filtered list can be shared.

Repeatable filters mean "any of". Status and finding go by the author's own finding: a test
has finished once it is published. A value that is not one of the choices is explained on the
page and left out, as on the evidence store's list.
"""

import re

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from core.forms import filter_leaving_out_bad, not_one_of, plain_error_messages
from evidence_store.models import Intervention, Outcome, Topic
from movement.models import Finding, PracticeTest, Result

SEARCH_FIELDS = ("title", "what_we_will_try", "expected_change", "why", "how_we_will_tell")
# No real search needs more, and each word adds to the SQL.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
STATUSES = [("testing", "Being tested"), ("finished", "Finished")]
FILTERS = ("topic", "outcome", "intervention", "status", "finding")


def _by_slug(label: str, queryset: QuerySet, things: str, field_name: str):
    return django_filters.ModelMultipleChoiceFilter(
        label=label,
        field_name=field_name,
        queryset=queryset,
        to_field_name="slug",
        method="filter_linked",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of(things),
    )


def published_finding() -> QuerySet:
    return Finding.objects.visible().filter(practice_test=OuterRef("pk"))


class PracticeTestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    topic = _by_slug("Topic", Topic.objects.order_by("name"), "topics", "topics")
    outcome = _by_slug("Outcome", Outcome.objects.order_by("name"), "outcomes", "outcomes")
    intervention = _by_slug(
        "Intervention",
        Intervention.objects.published().order_by("name"),
        "interventions in the evidence store",
        "interventions",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=STATUSES,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("statuses"),
    )
    finding = django_filters.MultipleChoiceFilter(
        label="What they found",
        choices=Result.choices,
        method="filter_finding",
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_one_of("findings"),
    )

    class Meta:
        model = PracticeTest
        fields: list[str] = []

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            plain_error_messages(super().form)
        return super().form

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word (or "quoted phrase") must appear somewhere in the test's words."""
        words = re.findall(r'"([^"]+)"|(\S+)', value.strip()[:MAX_QUERY_LENGTH])[:MAX_TERMS]
        for phrase, word in words:
            term = (phrase or word).strip()
            matches = Q()
            for field in SEARCH_FIELDS:
                matches |= Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(matches)
        return queryset

    def filter_linked(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return queryset
        through = getattr(PracticeTest, name).through
        column = {"topics": "topic", "outcomes": "outcome", "interventions": "intervention"}[name]
        links = through.objects.filter(practicetest=OuterRef("pk"), **{f"{column}__in": value})
        return queryset.filter(Exists(links))

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value or set(value) == {"testing", "finished"}:
            return queryset
        finished = Exists(published_finding())
        return queryset.filter(finished if "finished" in value else ~finished)

    def filter_finding(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(published_finding().filter(result__in=value)))


def for_listing(queryset: QuerySet) -> QuerySet:
    """What each row shows, fetched with the page: author, result, tries and interventions."""
    return (
        queryset.select_related("author__movement_member__organisation")
        .annotate(
            tried_by=Count("trials", distinct=True),
            result=Subquery(published_finding().values("result")[:1]),
        )
        .prefetch_related(
            Prefetch("interventions", queryset=Intervention.objects.published().order_by("name"))
        )
        .order_by("-published_at", "-pk")
    )


def filter_practice_tests(params, queryset: QuerySet) -> PracticeTestFilter:
    """Apply the valid parameters and keep the invalid ones' errors for the page to show."""
    return filter_leaving_out_bad(PracticeTestFilter, params, queryset)
