"""The admin's filter of applications by a gap in the evidence that they name."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest

from pine.models import ApplicationGap
from pine.named_gaps import gap_key, parse_gap_key


class GapFilter(admin.SimpleListFilter):
    """Applications that name a gap in the evidence, as ?gap=<topic id>-<outcome id>."""

    title = "gap in the evidence named"
    parameter_name = "gap"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        named = (
            ApplicationGap.objects.order_by("topic__position", "topic__name", "outcome__position", "outcome__name")
            .values_list("topic_id", "topic__name", "outcome_id", "outcome__name")
            .distinct()
        )  # fmt: skip
        return [(gap_key(t, o), f"{topic}: {outcome}") for t, topic, o, outcome in named]

    def has_output(self) -> bool:
        # Asked for, it filters even before any application names a gap: the list is then empty.
        return super().has_output() or self.value() is not None

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() is None:
            return queryset
        pair = parse_gap_key(self.value())
        if pair is None:
            raise IncorrectLookupParameters
        return queryset.filter(gaps__topic_id=pair[0], gaps__outcome_id=pair[1])
