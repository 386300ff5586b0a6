"""Layers that other apps lay over the evidence gap map, such as PINE's priorities.

The evidence store imports none of the apps above it, so they add their layer here when they
start, in their AppConfig.ready():

    gap_layers.register("pine", pine_priority_layer)

A builder takes no arguments and returns a GapLayer, or None when it has nothing to show now
(no current priority covers any topic or outcome, say).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class GapLayer:
    key: str
    legend: str  # what a marked cell means, in words: "Inside a current PINE priority"
    pairs: frozenset[tuple[int, int]]  # the (topic id, outcome id) pairs the layer covers
    link_text: str = ""  # where to act on a marked gap: "Apply to PINE"
    link_url: str = ""


LayerBuilder = Callable[[], GapLayer | None]

_builders: dict[str, LayerBuilder] = {}


def register(key: str, builder: LayerBuilder) -> None:
    if key in _builders and _builders[key] is not builder:
        raise ValueError(f"A gap map layer called {key!r} is already registered.")
    _builders[key] = builder


def layers() -> list[GapLayer]:
    """The layers that have something to show, in the order they were registered."""
    built = (builder() for builder in _builders.values())
    return [layer for layer in built if layer is not None]
