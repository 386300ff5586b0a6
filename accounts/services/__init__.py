"""Every change to accounts, organisations and invitations happens through these functions."""


class ActionRefused(Exception):
    """The change cannot be made; the message says why, in words the person understands."""
