"""One practice test's page: the idea, its updates and finding, the people trying it and what
they found, replies, and what this person can do next."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from movement.forms_practice import ReplyForm
from movement.models import Finding, Follow, PracticeTest
from movement.services.practice_pine import put_forward_refusal
from movement.views.practice_lookups import State, test_seen_by

AUTHOR = "author__movement_member__organisation"


def _trials(practice_test: PracticeTest, user) -> dict:
    trials = list(practice_test.trials.filter(hidden_at=None).select_related(AUTHOR))
    mine = (
        next((t for t in trials if t.author_id == user.pk), None) if user.is_authenticated else None
    )
    found = [t for t in trials if t.result and (t.is_visible or t is mine)]
    return {"tried_by": len(trials), "trial_findings": found, "my_trial": mine}


def _actions(practice_test: PracticeTest, user, finding: Finding | None, my_trial) -> dict:
    """What this person may do here, so that the page offers only what would work."""
    if not user.is_authenticated or not practice_test.is_visible:
        return {}
    is_author = practice_test.author_id == user.pk
    finished = finding is not None and finding.state != State.REFUSED
    return {
        "following": Follow.objects.filter(practice_test=practice_test, user=user).exists(),
        "can_update": is_author and not finished,
        "can_find": is_author and not finished,
        "can_try": not is_author and my_trial is None,
        "can_add_trial_finding": my_trial is not None
        and (not my_trial.result or my_trial.state == State.REFUSED),
        "put_forward_refusal": put_forward_refusal(practice_test, user) if is_author else "",
    }


@require_safe
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = test_seen_by(request, pk)
    user = request.user
    finding = Finding.objects.visible_to(user).filter(practice_test=practice_test).first()
    trials = _trials(practice_test, user)
    context = {
        "practice_test": practice_test,
        "is_author": user.is_authenticated and practice_test.author_id == user.pk,
        "interventions": practice_test.interventions.published().order_by("name"),
        "outcomes": practice_test.outcomes.order_by("name"),
        "topics": practice_test.topics.order_by("name"),
        "updates": practice_test.updates.visible_to(user).select_related(AUTHOR),
        "finding": finding,
        "replies": practice_test.replies.visible_to(user).select_related(AUTHOR),
        "reply_form": ReplyForm() if user.is_authenticated else None,
        **trials,
        **_actions(practice_test, user, finding, trials["my_trial"]),
    }
    return render(request, "movement/practice/detail.html", context)
