"""Putting a practice test forward to PINE: a draft application for one of the author's
organisations, started and filled through PINE's own services, with the idea carried into the
sections it answers. The applicant checks and completes it in PINE as any other draft."""

from django.db import transaction

from accounts.models import Organisation, User
from core.links import absolute_url
from movement.models import Finding, PracticeTest
from movement.services import ActionRefused
from pine.models import Application, Call
from pine.services.applications import application_create, section_save


def _answers(practice_test: PracticeTest) -> dict[str, dict]:
    """What the test says, in the application's sections; everything else is left to the
    applicant. Sections are saved as in progress, never as complete."""
    finding = Finding.objects.filter(practice_test=practice_test).visible().first()
    found = f"{finding.get_result_display()}. {finding.reflection}" if finding is not None else ""
    trials = practice_test.trials.exclude(result="").visible().count()
    tried_by = (
        f" {trials} other practitioners tried it and shared what they found." if trials else ""
    )
    return {
        "the-practice": {
            "practice_name": practice_test.title,
            "description": practice_test.what_we_will_try,
            "who_for": practice_test.expected_change,
        },
        "theory-of-change": {
            "outcomes": practice_test.expected_change,
            "activities": f"{practice_test.what_we_will_try}\n\nWhy we think it works: "
            f"{practice_test.why}",
        },
        "evidence-so-far": {
            "data_collected": practice_test.how_we_will_tell,
            "previous_evaluation": (
                f"We tested it in our own practice ({absolute_url(practice_test.get_absolute_url())}). "
                f"{found}{tried_by}"
            ).strip(),
        },
    }


def put_forward_refusal(practice_test: PracticeTest, user: User) -> str:
    """Why this person cannot put this test forward now, or ""."""
    if practice_test.author_id != user.pk:
        return "Only the author can put a practice test forward to PINE."
    if not practice_test.is_visible:
        return "Only a published practice test can be put forward to PINE."
    if practice_test.put_forward_as_id:
        return "This practice test has already been put forward to PINE."
    if not Organisation.objects.for_user(user).exists():
        return "You need to belong to an organisation on this service to apply to PINE."
    if not Call.objects.open().exists():
        return "PINE has no call open just now, so there is nothing to apply to."
    return ""


@transaction.atomic
def practice_test_put_forward(
    *, practice_test: PracticeTest, user: User, organisation: Organisation
) -> Application:
    practice_test = PracticeTest.objects.select_for_update().get(pk=practice_test.pk)
    refusal = put_forward_refusal(practice_test, user)
    if refusal:
        raise ActionRefused(refusal)
    call = Call.objects.open().order_by("closes_at", "pk").first()
    application = application_create(call=call, organisation=organisation, user=user)
    for section, answers in _answers(practice_test).items():
        section_save(
            application=application,
            section=section,
            answers=answers,
            complete=False,
            user=user,
            version=0,
        )
    practice_test.put_forward_as = application
    practice_test.save(update_fields=["put_forward_as", "updated_at"])
    application.refresh_from_db()  # its title comes from the practice section just saved
    return application
