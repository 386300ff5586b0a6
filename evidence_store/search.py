"""Full-text search over interventions.

On PostgreSQL: a stored, weighted tsvector kept current by a trigger, a GIN index, and ranked
`websearch` queries (stemming, "phrases", -exclusions). Elsewhere: a portable substring search.
Either way a broad search ranks only its first RANKED_MATCHES matches.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, Expression, F, IntegerField, Q, QuerySet, Value, When

from evidence_store.models import SEARCH_FIELDS

CONFIG = "english"
# Longer queries are cut: no real search needs more, and each term adds to the SQL.
MAX_QUERY_LENGTH = 500
MAX_TERMS = 20
# Weights for D, C, B, A: a match in the name counts far more than one in the body.
RANK_WEIGHTS = [0.02, 0.1, 0.4, 1.0]
# Ranking reads each match's whole search vector, as counting every match would. A broad search
# ranks and lists only this many matches, the first by id, so it costs the same however many
# interventions match; the list then says "more than" (docs/performance.md: what that costs).
RANKED_MATCHES = 1000


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Matches annotated with `rank` (higher is better); an empty query returns all.

    At most RANKED_MATCHES are returned, the first by id: when fewer match, all of them are.
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    matches, rank = _matches(queryset, text)
    first = matches.order_by("pk").values("pk")[:RANKED_MATCHES]
    return queryset.filter(pk__in=first).annotate(rank=rank)


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """Every match, unranked and without a limit (for the exports); an empty query returns all."""
    text = text.strip()[:MAX_QUERY_LENGTH]
    return _matches(queryset, text)[0] if text else queryset


def has_unranked_matches(queryset: QuerySet, text: str) -> bool:
    """Whether more than RANKED_MATCHES match, so that search() leaves some out."""
    if not text.strip():
        return False
    first = matching(queryset, text).order_by("pk")
    return first[RANKED_MATCHES : RANKED_MATCHES + 1].exists()


def _matches(queryset: QuerySet, text: str) -> tuple[QuerySet, Expression]:
    """The queryset filtered to matches of `text`, and the expression that ranks them."""
    if uses_full_text(queryset):
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        rank = SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
        return queryset.filter(search_vector=query), rank
    return _portable_search(queryset, text)


_TERM = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


def _portable_search(queryset: QuerySet, text: str) -> tuple[QuerySet, Expression]:
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
        return queryset, Value(0, output_field=IntegerField())
    first = include[0]
    return queryset, Case(
        When(name__icontains=first, then=Value(2)),
        When(Q(summary__icontains=first) | Q(headline_points__icontains=first), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
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
