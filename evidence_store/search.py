"""Full-text search over interventions.

On PostgreSQL: a stored, weighted tsvector kept current by a trigger, a GIN index, and ranked
`websearch` queries (stemming, "phrases", -exclusions). Elsewhere: a portable substring search.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from evidence_store.models import SEARCH_FIELDS

CONFIG = "english"
# Longer queries are cut: no real search needs more, and each term adds to the SQL.
MAX_QUERY_LENGTH = 500
MAX_TERMS = 20
# Weights for D, C, B, A: a match in the name counts far more than one in the body.
RANK_WEIGHTS = [0.02, 0.1, 0.4, 1.0]


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Filter to matches and annotate `rank` (higher is better); an empty query returns all."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if uses_full_text(queryset):
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
        )
    return _portable_search(queryset, text)


_TERM = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


def _portable_search(queryset: QuerySet, text: str) -> QuerySet:
    fields = [field for weight in "ABC" for field in SEARCH_FIELDS[weight]]
    include: list[str] = []
    for quoted_minus, phrase, minus, word in _TERM.findall(text)[:MAX_TERMS]:
        term = (phrase or word).strip()
        if not term or term.lower() == "or":
            continue
        matches = Q()
        for field in fields:
            matches |= Q(**{f"{field}__icontains": term})
        if quoted_minus or minus:
            queryset = queryset.exclude(matches)
        else:
            queryset = queryset.filter(matches)
            include.append(term)
    if not include:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    first = include[0]
    return queryset.annotate(
        rank=Case(
            When(name__icontains=first, then=Value(2)),
            When(Q(summary__icontains=first) | Q(headline_points__icontains=first), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def trigger_sql() -> tuple[str, str]:
    """SQL that creates and drops the trigger keeping `search_vector` current on PostgreSQL."""
    parts = []
    for weight, fields in SEARCH_FIELDS.items():
        columns = ", ".join(f"NEW.{field}" for field in fields)
        parts.append(f"setweight(to_tsvector('{CONFIG}', concat_ws(' ', {columns})), '{weight}')")
    body = " || ".join(parts)
    # Built only from the constants above, never from input.
    create = f"""
CREATE OR REPLACE FUNCTION evidence_store_intervention_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector := {body};
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS intervention_search_vector ON evidence_store_intervention;
CREATE TRIGGER intervention_search_vector BEFORE INSERT OR UPDATE
  ON evidence_store_intervention FOR EACH ROW
  EXECUTE FUNCTION evidence_store_intervention_search_vector();
UPDATE evidence_store_intervention SET id = id;
"""  # noqa: S608
    drop = """
DROP TRIGGER IF EXISTS intervention_search_vector ON evidence_store_intervention;
DROP FUNCTION IF EXISTS evidence_store_intervention_search_vector();
"""
    return create, drop
