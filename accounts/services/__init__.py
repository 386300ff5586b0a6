"""Every change to accounts, organisations and invitations happens through these functions.

They refuse with core.refusals.ActionRefused, as every app's services do."""

from core.refusals import ActionRefused

__all__ = ["ActionRefused"]
