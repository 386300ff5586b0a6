"""The sections of a person's account home, in order: accounts' own and those other apps add.

accounts knows no other app, so other apps add their sections when they start, e.g. in their
AppConfig.ready():

    account_home.register("pine_applications", applications_section, order=10)

A section takes the signed-in user and returns a `Section` (a template to include and its
context), or None to leave itself out. Each section should make a fixed number of queries,
however many rows it shows, so the page stays as quick for a busy account as for a new one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.models import Invitation, JoinRequest, Membership, User


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionBuilder = Callable[[User], Section | None]

# accounts' own sections come after the ones other apps add about the person's work.
ORGANISATIONS_ORDER = 100

_builders: dict[str, tuple[int, SectionBuilder]] = {}


def register(name: str, builder: SectionBuilder, *, order: int) -> None:
    """Add a section; lower `order` comes first, and the name breaks ties."""
    if name in _builders or name == "organisations":
        raise ValueError(f"An account home section called {name!r} is already registered.")
    _builders[name] = (order, builder)


def unregister(name: str) -> None:
    _builders.pop(name, None)


def _organisations(user: User) -> Section:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    invitations = Invitation.objects.received_by(user)
    join_requests = JoinRequest.objects.made_by(user).select_related("organisation")
    return Section(
        "accounts/includes/account_home_organisations.html",
        {
            "memberships": list(memberships),
            "invitations": list(invitations),
            "join_requests": list(join_requests),
        },
    )


def sections(user: User) -> list[Section]:
    """Every section for this person, in order, leaving out those that return None."""
    builders = {**_builders, "organisations": (ORGANISATIONS_ORDER, _organisations)}
    ordered = sorted(builders.items(), key=lambda item: (item[1][0], item[0]))
    built = (builder(user) for _, (_, builder) in ordered)
    return [section for section in built if section is not None]
