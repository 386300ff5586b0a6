"""Demo links from PINE's priorities to the topics and outcomes of the evidence store they cover."""

import json
from pathlib import Path

from evidence_store.models import Outcome, Topic
from pine.models import Priority


def load_priority_links(path: Path) -> None:
    """Set the topics and outcomes of each priority the file lists.

    The links are illustrative. Before the evidence store's demo is loaded there are no topics
    or outcomes to link, so the priorities cover nothing until it is.
    """
    links = json.loads(path.read_text(encoding="utf-8"))["priorities"]
    for priority in Priority.objects.filter(slug__in=links):
        priority.topics.set(Topic.objects.filter(slug__in=links[priority.slug]["topics"]))
        priority.outcomes.set(Outcome.objects.filter(slug__in=links[priority.slug]["outcomes"]))
