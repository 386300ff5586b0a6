"""The gaps in the evidence an application may name: the (topic, outcome) pairs its call's
priorities cover, the gaps among them, and the keys that name a gap in forms and URLs."""

import re

from django.db.models import QuerySet

from evidence_store.gaps import TopicGap, topic_gaps
from evidence_store.models import Outcome, Topic
from pine.gap_layer import covered_pairs, priority_layer
from pine.models import Application, Call, Priority

Pair = tuple[int, int]  # (topic id, outcome id)
# Short enough that a key never names an id the database cannot hold.
KEY = re.compile(r"^([0-9]{1,9})-([0-9]{1,9})$")


def gap_key(topic_id: int, outcome_id: int) -> str:
    return f"{topic_id}-{outcome_id}"


def parse_gap_key(value: str) -> Pair | None:
    """The pair a key such as "3-12" names, or None when it names none."""
    match = KEY.match(value or "")
    return (int(match[1]), int(match[2])) if match else None


def priority_pairs(priorities: QuerySet[Priority]) -> frozenset[Pair]:
    """The pairs the priorities cover, by the gap map's rule (pine.gap_layer.covered_pairs)."""
    priorities = list(priorities.prefetch_related("topics", "outcomes"))
    if not priorities:
        return frozenset()
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    outcome_ids = list(Outcome.objects.values_list("pk", flat=True))
    return frozenset().union(*(covered_pairs(p, topic_ids, outcome_ids) for p in priorities))


def current_pairs() -> frozenset[Pair]:
    """The pairs inside a current priority: those the gap map's PINE layer marks."""
    layer = priority_layer()
    return layer.pairs if layer else frozenset()


def call_pairs(call: Call | None) -> frozenset[Pair]:
    """The pairs a call's priorities cover; with no call, those inside a current priority."""
    if call is None:
        return current_pairs()
    named = call.priorities.all()
    # A call that names no priorities seeks all of the programme's, as its page says.
    return priority_pairs(named if named.exists() else Priority.objects.all())


def gaps_inside(pairs: frozenset[Pair]) -> list[TopicGap]:
    """The gaps among those pairs, in topic then outcome order."""
    if not pairs:
        return []
    return [g for g in topic_gaps() if g.is_gap and (g.topic.pk, g.outcome.pk) in pairs]


def gap_choices(application: Application | None) -> list[tuple[str, str]]:
    """The gaps an application may name: those inside its call's priorities, as form choices."""
    return [
        (gap_key(g.topic.pk, g.outcome.pk), f"{g.topic.name}: {g.outcome.name}")
        for g in gaps_inside(call_pairs(application.call if application else None))
    ]


def gap_labels(keys: list[str]) -> dict[str, str]:
    """The label ("Topic: Outcome") of each key that names a topic and an outcome, in order."""
    pairs = [pair for pair in map(parse_gap_key, keys) if pair]
    if not pairs:
        return {}
    topics = dict(Topic.objects.filter(pk__in={t for t, _ in pairs}).values_list("pk", "name"))
    outcomes = dict(Outcome.objects.filter(pk__in={o for _, o in pairs}).values_list("pk", "name"))
    return {
        gap_key(t, o): f"{topics[t]}: {outcomes[o]}"
        for t, o in pairs
        if t in topics and o in outcomes
    }
