"""Everything the service holds about one person, for download, and hooks for deleting it.

accounts knows no other app, so other apps add their part here when they start, e.g. in
their AppConfig.ready():

    personal_data.register("pine_applications", applications_authored_by)
    personal_data.register_deletion_hook(forget_application_drafts)

An exporter takes the user and returns JSON-serialisable data. A deletion hook takes the user
and runs inside the deletion's transaction, before the account is anonymised.
"""

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import Q

from accounts.models import Invitation, JoinRequest, Membership, User
from core.models import OutboundEmail

Exporter = Callable[[User], Any]
DeletionHook = Callable[[User], None]

_exporters: dict[str, Exporter] = {}
_deletion_hooks: list[DeletionHook] = []


def register(section: str, exporter: Exporter) -> None:
    if section in _exporters or section in _built_in_sections():
        raise ValueError(f"A personal data section called {section!r} is already registered.")
    _exporters[section] = exporter


def register_deletion_hook(hook: DeletionHook) -> None:
    if hook not in _deletion_hooks:
        _deletion_hooks.append(hook)


def deletion_hooks() -> list[DeletionHook]:
    return list(_deletion_hooks)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "role": user.get_role_display() if user.role else "",
        "date_joined": _iso(user.date_joined),
        "last_sign_in": _iso(user.last_login),
        "staff": user.is_staff,
        "staff_groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _email_addresses(user: User) -> list[dict]:
    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _memberships(user: User) -> list[dict]:
    return [
        {
            "organisation": m.organisation.name,
            "role": m.get_role_display(),
            "since": _iso(m.created_at),
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def _invitation(invitation: Invitation) -> dict:
    return {
        "organisation": invitation.organisation.name,
        "sent": _iso(invitation.created_at),
        "expires": _iso(invitation.expires_at),
        "accepted": _iso(invitation.accepted_at),
        "status": invitation.status.label,
    }


def _invitations_sent(user: User) -> list[dict]:
    # The addresses invited are other people's data, so they are left out.
    return [
        _invitation(i)
        for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
    ]


def _invitations_received(user: User) -> list[dict]:
    return [
        {"email": i.email, **_invitation(i)}
        for i in Invitation.objects.filter(email__iexact=user.email).select_related("organisation")
    ]


def _join_requests(user: User) -> list[dict]:
    # Who decided is left out: that admin's name is their data, not this person's.
    return [
        {
            "organisation": r.organisation.name,
            "asked": _iso(r.created_at),
            "status": r.get_status_display(),
            "decided": _iso(r.decided_at),
        }
        for r in JoinRequest.objects.filter(user=user).select_related("organisation")
    ]


def _two_factor(user: User) -> list[dict]:
    # What is set up and when, never the secrets or codes themselves.
    return [
        {
            "type": a.get_type_display(),
            "added": _iso(a.created_at),
            "last_used": _iso(a.last_used_at),
        }
        for a in Authenticator.objects.filter(user=user).order_by("type")
    ]


def _sessions(user: User) -> list[dict]:
    return [
        {
            "started": _iso(s.created_at),
            "ip_address": s.ip,
            "browser": s.user_agent,
        }
        for s in UserSession.objects.filter(user=user).order_by("-created_at")
    ]


def _emails(user: User) -> list[dict]:
    # What was sent and when; the text of a sent email is not kept (core/models.py).
    return [
        {
            "subject": e.subject,
            "queued": _iso(e.created_at),
            "status": e.get_status_display(),
            "sent": _iso(e.sent_at),
        }
        for e in emails_to(user).order_by("created_at", "pk")
    ]


def emails_to(user: User):
    """The outbox's emails to any address the person has had on their account."""
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    query = Q()
    for address in addresses:
        query |= Q(to__iexact=address)
    return OutboundEmail.objects.filter(query)


def _built_in_sections() -> dict[str, Exporter]:
    return {
        "account": _account,
        "email_addresses": _email_addresses,
        "memberships": _memberships,
        "invitations_sent": _invitations_sent,
        "invitations_received": _invitations_received,
        "join_requests": _join_requests,
        "two_factor_authentication": _two_factor,
        "sessions": _sessions,
        "emails_sent_to_you": _emails,
    }


def personal_data_collect(user: User) -> dict[str, Any]:
    """Every section, built-in ones first, in a stable order."""
    sections = {**_built_in_sections(), **dict(sorted(_exporters.items()))}
    return {name: exporter(user) for name, exporter in sections.items()}
