"""Writes to the evidence store that have rules or touch more than one row."""

from django.db import transaction
from django.utils import timezone

from evidence_store.models import Intervention


class PublishingError(Exception):
    """The change cannot be made; the message says why, in words an editor understands."""


@transaction.atomic
def intervention_publish(*, intervention: Intervention) -> Intervention:
    """Publish a draft. The first publication date is kept when a page is republished."""
    locked = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if locked.is_published:
        raise PublishingError(f"“{locked.name}” is already published.")
    if not locked.summary.strip():
        raise PublishingError(f"“{locked.name}” needs a summary before it can be published.")
    locked.status = Intervention.Status.PUBLISHED
    locked.published_at = locked.published_at or timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked


@transaction.atomic
def intervention_unpublish(*, intervention: Intervention) -> Intervention:
    """Return a page to draft, which hides it from the public, search and exports."""
    locked = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if not locked.is_published:
        raise PublishingError(f"“{locked.name}” is already a draft.")
    locked.status = Intervention.Status.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    return locked
