"""How the practice network names the author of a post: "Display name, role", with their
organisation only if they chose to show it; "Deleted user" once the account is gone."""

from django import template

from accounts.models import User
from accounts.models.users import DELETED_USER_NAME

register = template.Library()

DELETED = DELETED_USER_NAME


@register.filter
def author_label(user: User | None) -> str:
    """Never the person's email or account name: only what they chose to show."""
    if user is None or user.deleted_at:
        return DELETED
    try:
        member = user.movement_member
    except User.movement_member.RelatedObjectDoesNotExist:
        # Posts outlive the profile only when the account was deleted.
        return DELETED
    parts = [member.display_name, member.role]
    if member.show_organisation and member.organisation_id:
        parts.append(member.organisation.name)
    return ", ".join(part for part in parts if part)


@register.filter
def held_reasons(held_because: str) -> list[str]:
    """Why a post waits for a moderator, one reason each: the services join them with "; "."""
    return [reason for reason in held_because.split("; ") if reason]


@register.filter
def reasons_in_words(held_because: str) -> str:
    """The same reasons in a sentence: "it is your first post and a phone number"."""
    reasons = held_reasons(held_because)
    if len(reasons) < 2:
        return "".join(reasons)
    return f"{', '.join(reasons[:-1])} and {reasons[-1]}"
