"""The workflow's data: every state is reachable and every transition names who may act."""

from pine.workflow import APPLICANT_STATUS, STAFF_GROUPS, TRANSITIONS, Actor, Status


def test_every_status_has_a_plain_label_for_applicants():
    assert set(APPLICANT_STATUS) == set(Status)


def test_every_status_but_draft_is_the_target_of_a_transition():
    assert {t.target for t in TRANSITIONS.values()} == set(Status) - {Status.DRAFT}


def test_only_programme_managers_decide():
    decisions = [t for t in TRANSITIONS.values() if t.target in (Status.ACCEPTED, Status.DECLINED)]
    assert decisions and all(t.actors == (Actor.MANAGER,) for t in decisions)
    assert all(t.message_required and t.email_applicant for t in decisions)


def test_staff_actors_are_the_staff_groups():
    assert set(STAFF_GROUPS) == {Actor.REVIEWER, Actor.MANAGER}
