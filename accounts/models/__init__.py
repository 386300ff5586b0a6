"""The accounts app's models: users, organisations, memberships and invitations."""

from accounts.models.invitations import Invitation
from accounts.models.organisations import Membership, Organisation
from accounts.models.users import DELETED_USER_NAME, User, UserManager

__all__ = ["DELETED_USER_NAME", "Invitation", "Membership", "Organisation", "User", "UserManager"]
