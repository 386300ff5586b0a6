"""The accounts app's models: users, organisations, memberships, invitations and join requests."""

from accounts.models.invitations import Invitation
from accounts.models.join_requests import JoinRequest
from accounts.models.organisations import Membership, Organisation
from accounts.models.users import DELETED_USER_NAME, User, UserManager

__all__ = [
    "DELETED_USER_NAME",
    "Invitation",
    "JoinRequest",
    "Membership",
    "Organisation",
    "User",
    "UserManager",
]
