"""Which staff see which emails in the admin's list of emails, by the kind of email (its
template). core knows no app above it, so each app names its own staff group and its emails,
in its AppConfig.ready():

    email_audiences.register("PINE programme managers", ["pine/email/"])

Superusers, and staff given "Can view email", see every email; a member of a registered group
sees those whose template starts with one of the group's prefixes, and can send them again.
"""

from collections.abc import Iterable

from django.db.models import Q

_prefixes: dict[str, tuple[str, ...]] = {}


def register(group: str, template_prefixes: Iterable[str]) -> None:
    _prefixes[group] = (*_prefixes.get(group, ()), *template_prefixes)


def templates_seen_by(user) -> tuple[str, ...] | None:
    """The template prefixes of the emails this person may see; None means every email."""
    if not (user.is_active and user.is_staff):
        return ()
    if user.is_superuser or user.has_perm("core.view_outboundemail"):
        return None
    groups = set(user.groups.values_list("name", flat=True))
    return tuple(p for group, prefixes in _prefixes.items() if group in groups for p in prefixes)


def of_templates(prefixes: tuple[str, ...]) -> Q:
    """A filter on OutboundEmail for the emails whose template starts with one of these."""
    query = Q(pk__in=[])
    for prefix in prefixes:
        query |= Q(template__startswith=prefix)
    return query
