"""Every change to events and places, one function each: they lock the event's row, so that
places are counted and given out one decision at a time, and email once the change commits."""

from core.refusals import ActionRefused, Conflict

__all__ = ["ActionRefused", "Conflict"]
