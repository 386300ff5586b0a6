"""Starting an application and saving its sections, one at a time, without lost updates."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from core.concurrency import lock_unchanged
from pine.models import Application, ApplicationGap, Call, Priority, SectionAnswer
from pine.named_gaps import call_pairs, gap_key, parse_gap_key
from pine.sections import BY_SLUG
from pine.services import ActionRefused, Conflict
from pine.workflow import EDITABLE


class SectionConflict(Conflict):
    """The section was saved by someone else since the form was loaded."""

    def __init__(self, current: SectionAnswer) -> None:
        super().__init__(
            "Someone else changed this section since you opened it. Your answers have not been "
            "saved. Check their version below, then save yours again if it is still right."
        )
        self.current = current


def application_create(*, call: Call, organisation: Organisation, user: User) -> Application:
    """Start a draft application for one of the person's organisations, while the call is open."""
    if not call.is_open:
        raise ActionRefused(f"{call} is not open, so it cannot take new applications.")
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ActionRefused("You can only apply for an organisation you belong to.")
    year = timezone.now().year
    for _ in range(5):
        latest = Application.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0
        try:
            with transaction.atomic():
                return Application.objects.create(
                    reference=f"PINE-{year}-{latest + 1:04d}",
                    year=year,
                    number=latest + 1,
                    organisation=organisation,
                    call=call,
                    created_by=user,
                )
        except IntegrityError:
            continue  # someone took that number at the same moment: take the next one
    raise ActionRefused("We could not start your application just now. Try again.")


@transaction.atomic
def section_save(
    *,
    application: Application,
    section: str,
    answers: dict,
    complete: bool,
    user: User,
    version: int,
) -> SectionAnswer:
    """Save one section's answers, unless someone else saved it since `version` was read."""
    if section not in BY_SLUG:
        raise ActionRefused("There is no such section.")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status not in EDITABLE:
        raise ActionRefused(
            "This application has been sent to us, so its answers cannot be changed now."
        )
    row, _ = SectionAnswer.objects.get_or_create(application=locked, section=section)
    row = lock_unchanged(SectionAnswer.objects, pk=row.pk, seen=version, conflict=SectionConflict)
    if section == "what-you-want-to-learn":
        answers = {**answers, "gaps": _name_gaps(locked, answers.get("gaps", []))}
        if not answers["gaps"]:
            del answers["gaps"]
    row.answers = answers
    row.progress = (
        SectionAnswer.Progress.COMPLETED if complete else SectionAnswer.Progress.IN_PROGRESS
    )
    row.version += 1
    row.updated_by = user
    row.save()
    if section == "the-practice":
        locked.title = answers.get("practice_name", "")[:200]
        locked.save(update_fields=["title"])
        locked.priorities.set(Priority.objects.filter(slug__in=answers.get("priorities", [])))
    return row


def _name_gaps(application: Application, keys: list[str]) -> list[str]:
    """Record the gaps the application names, keeping only those inside its call's priorities."""
    covered = call_pairs(application.call)
    named = [pair for pair in dict.fromkeys(map(parse_gap_key, keys)) if pair in covered]
    ApplicationGap.objects.filter(application=application).delete()
    ApplicationGap.objects.bulk_create(
        ApplicationGap(application=application, topic_id=topic, outcome_id=outcome)
        for topic, outcome in named
    )
    return [gap_key(*pair) for pair in named]
