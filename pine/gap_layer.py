"""PINE's layer on the evidence gap map: the cells inside a priority that a call open now seeks.

PineConfig.ready() registers `priority_layer` with evidence_store.gap_layers.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product

from evidence_store.gap_layers import GapLayer
from evidence_store.models import Outcome, Topic
from pine.models import Call, Priority

KEY = "pine"
LEGEND = "Inside a current PINE priority"
# The gap map puts it after "Does your practice address one of these gaps?", as this app does.
LINK_TEXT = "Apply to PINE"


@dataclass(frozen=True)
class Sought:
    """The priorities the calls open now seek, and the call to apply to for them."""

    priorities: list[Priority]  # with their topics and outcomes prefetched
    call: Call | None  # the soonest to close of the open calls that seek a priority with links


def sought_now() -> Sought:
    """Current priorities: those a call open now seeks, in five queries whatever their number.

    A call that names no priorities of its own seeks all of the programme's, as its page says.
    """
    calls = list(Call.objects.open().order_by("closes_at", "pk"))
    if not calls:
        return Sought(priorities=[], call=None)
    named = defaultdict(set)
    through = Call.priorities.through.objects.filter(call__in=calls)
    for call_id, priority_id in through.values_list("call_id", "priority_id"):
        named[call_id].add(priority_id)
    priorities = Priority.objects.prefetch_related("topics", "outcomes")
    if all(named[call.pk] for call in calls):
        priorities = priorities.filter(pk__in=set().union(*named.values()))
    priorities = list(priorities)
    linked = {p.pk for p in priorities if p.topics.all() or p.outcomes.all()}
    # A call that names none seeks every priority, so any linked one will do.
    call = next((c for c in calls if linked & (named[c.pk] or linked)), None)
    return Sought(priorities=priorities, call=call)


def covered_pairs(
    priority: Priority, topic_ids: Iterable[int], outcome_ids: Iterable[int]
) -> set[tuple[int, int]]:
    """The (topic id, outcome id) cells of the gap map that a priority covers.

    A priority with topics T and outcomes O covers every pair in T x O. One with outcomes but
    no topics covers those outcomes in every topic; one with topics but no outcomes covers
    every outcome in those topics. One with neither covers nothing. `topic_ids` and
    `outcome_ids` are every topic and outcome on the map. Topics and outcomes must be
    prefetched, or this costs two queries.
    """
    topics = [topic.pk for topic in priority.topics.all()]
    outcomes = [outcome.pk for outcome in priority.outcomes.all()]
    if not topics and not outcomes:
        return set()
    return set(product(topics or topic_ids, outcomes or outcome_ids))


def priority_layer() -> GapLayer | None:
    """The gap map's PINE layer; None while no open call seeks a priority that covers a cell."""
    sought = sought_now()
    if sought.call is None:
        return None
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    outcome_ids = list(Outcome.objects.values_list("pk", flat=True))
    pairs = set().union(*(covered_pairs(p, topic_ids, outcome_ids) for p in sought.priorities))
    if not pairs:
        return None
    return GapLayer(
        key=KEY,
        legend=LEGEND,
        pairs=frozenset(pairs),
        link_text=LINK_TEXT,
        link_url=sought.call.get_absolute_url(),
    )
