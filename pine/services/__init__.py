"""PINE's services: every change to calls, applications and reviews happens through one of these."""


class ActionRefused(Exception):
    """The change is not allowed; the message says why, in words the person can act on."""


class Conflict(ActionRefused):
    """Someone else changed the same thing first; nothing was saved."""
