"""What apps above the evidence store know of an intervention in practice, shown on its page:
for example the Movement's "Practitioners testing this in practice (N)".

The evidence store imports none of those apps, so they add their links here when they start,
in their AppConfig.ready():

    practice_links.register("movement", practice_tests_link)

A builder takes the intervention and returns a PracticeLink, or None when it has nothing to
show for it. Each builder should make one query, so the page stays quick.
"""

from collections.abc import Callable
from dataclasses import dataclass

from evidence_store.models import Intervention


@dataclass(frozen=True)
class PracticeLink:
    heading: str  # "Practitioners testing this in practice (3)"
    text: str  # a sentence saying what the link leads to
    link_text: str
    url: str


LinkBuilder = Callable[[Intervention], PracticeLink | None]

_builders: dict[str, LinkBuilder] = {}


def register(key: str, builder: LinkBuilder) -> None:
    if key in _builders and _builders[key] is not builder:
        raise ValueError(f"A practice link called {key!r} is already registered.")
    _builders[key] = builder


def unregister(key: str) -> None:
    _builders.pop(key, None)


def links_for(intervention: Intervention) -> list[PracticeLink]:
    """The links that have something to show, in the order they were registered."""
    built = (builder(intervention) for builder in _builders.values())
    return [link for link in built if link is not None]
