"""PINE's services: every change to calls, applications, reviews and projects happens through one
of these. They refuse with core.refusals' ActionRefused and Conflict, as every app's do."""

from core.refusals import ActionRefused, Conflict

__all__ = ["ActionRefused", "Conflict"]
