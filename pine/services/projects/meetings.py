"""A stage's meetings: scheduling or moving one records it, and the partner is emailed."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from pine.models import Meeting
from pine.services.projects.progress import Kind, record_event


@transaction.atomic
def meeting_save(*, meeting: Meeting, user: User) -> Meeting:
    """Save a meeting; a new or moved meeting is recorded and the partner is emailed."""
    before = (
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first() if meeting.pk else None
    )
    kind = None
    if before is None:
        kind = Kind.MEETING_SCHEDULED
    elif (before.starts_at, before.duration_minutes, before.location) != (
        meeting.starts_at,
        meeting.duration_minutes,
        meeting.location,
    ):
        kind = Kind.MEETING_MOVED
        meeting.sequence = before.sequence + 1
    meeting.version = (before.version if before else 0) + 1
    meeting.save()
    if kind is not None:
        project = meeting.stage.project
        when = timezone.localtime(meeting.starts_at)
        record_event(
            project,
            kind,
            user=user,
            stage=meeting.stage,
            meeting=meeting,
            message=f"{when:%-d %B %Y at %H:%M}, {meeting.location}",
        )
    return meeting
