"""The refusals every app's services raise: the message says why, in words a person can act on."""


class ActionRefused(Exception):
    """The change is not allowed now; nothing was changed."""


class Conflict(ActionRefused):
    """Someone else changed the same thing since the person saw it; nothing was saved."""
