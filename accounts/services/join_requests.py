"""Asking to join an organisation, and its admins approving or refusing; each side is emailed."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import JoinRequest, Membership, Organisation, User
from accounts.services import ActionRefused
from accounts.services.limits import count_one
from core.concurrency import lock_unchanged
from core.emails import Email, queue
from core.links import absolute_url

# Each request emails every admin of the organisation, so a person may make only so many.
JOIN_REQUESTS_PER_PERSON = (10, 24 * 60 * 60)

Status = JoinRequest.Status


class JoinRequestLimitReached(ActionRefused):
    """Too many requests from one person today."""


@transaction.atomic
def join_request_ask(*, organisation: Organisation, user: User) -> JoinRequest:
    """Ask the organisation's admins to let this person join; each admin is emailed."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.memberships.filter(user=user).exists():
        raise ActionRefused(f"You are already a member of {organisation}.")
    if JoinRequest.objects.pending().filter(organisation=organisation, user=user).exists():
        raise ActionRefused(
            f"You have already asked to join {organisation}. We will email you when an admin "
            "replies."
        )
    admins = [m.user for m in organisation.memberships.admins().select_related("user")]
    if not admins:
        raise ActionRefused(
            f"{organisation} has no admin to approve your request. Ask someone there to get in "
            "touch with us."
        )
    if not count_one(f"accounts:join_requests:person:{user.pk}", JOIN_REQUESTS_PER_PERSON):
        raise JoinRequestLimitReached(
            f"You have asked to join {JOIN_REQUESTS_PER_PERSON[0]} organisations today. "
            "Try again tomorrow."
        )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(organisation=organisation, user=user)
    except IntegrityError:  # the same request from another tab, just now
        raise ActionRefused(f"You have already asked to join {organisation}.") from None
    context = {
        "join_request": join_request,
        "link": absolute_url(organisation.get_absolute_url()) + "#join-requests",
    }
    queue(
        [Email("accounts/email/joinrequest_asked", a.email, context) for a in admins],
        about={"join_request": join_request.pk},
    )
    return join_request


def _already_decided(join_request: JoinRequest) -> ActionRefused:
    by = join_request.decided_by or "Another admin"
    verb = "approved" if join_request.status == Status.APPROVED else "refused"
    return ActionRefused(f"{by} has already {verb} this request. Nothing was changed.")


def _decide(*, join_request: JoinRequest, user: User, status: str) -> JoinRequest:
    """Lock the request and record the decision, if it is still waiting and `user` may decide."""
    join_request = lock_unchanged(
        JoinRequest.objects,
        pk=join_request.pk,
        seen=Status.PENDING,
        version=lambda row: row.status,
        conflict=_already_decided,
    )
    organisation = join_request.organisation
    if not organisation.memberships.admins().filter(user=user).exists():
        raise ActionRefused(f"Only admins of {organisation} can decide who joins it.")
    join_request.status = status
    join_request.decided_by = user
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    context = {"join_request": join_request, "link": absolute_url(reverse("account_home"))}
    queue(
        [Email(f"accounts/email/joinrequest_{status}", join_request.user.email, context)],
        about={"join_request": join_request.pk},
    )
    return join_request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, user: User) -> Membership:
    """Let the person join as a member. Of two admins deciding at once, the first wins."""
    join_request = _decide(join_request=join_request, user=user, status=Status.APPROVED)
    membership, _ = Membership.objects.get_or_create(
        user=join_request.user, organisation=join_request.organisation
    )
    return membership


@transaction.atomic
def join_request_refuse(*, join_request: JoinRequest, user: User) -> JoinRequest:
    """Say no. The person is told, and may ask again later."""
    return _decide(join_request=join_request, user=user, status=Status.REFUSED)
