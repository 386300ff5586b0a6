"""Hostile input to the PINE applicant's forms: starting an application, each section, submitting
and withdrawing with tampered hidden fields."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from pine.models import Application, Event, SectionAnswer
from pine.sections import SECTIONS
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory
from tests.pine.factories import (
    COMPLETE_ANSWERS,
    ApplicationFactory,
    CallFactory,
    ClosedCallFactory,
    complete_sections,
    member_of,
)
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_text,
    signed_in,
    typed,
)

pytestmark = pytest.mark.django_db

seen_status = st.one_of(st.sampled_from(["", *Status.values]), field_value)
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft():
    return ApplicationFactory(status=Status.DRAFT)


@pytest.fixture
def applicant(draft):
    return member_of(draft.organisation)


def saved_state(application: Application) -> tuple:
    """Everything saving a section may change, read afresh from the database."""
    fresh = Application.objects.get(pk=application.pk)
    rows = SectionAnswer.objects.filter(application=application).order_by("section")
    return (
        fresh.title,
        fresh.status,
        sorted(fresh.priorities.values_list("slug", flat=True)),
        list(rows.values_list("section", "answers", "progress", "version")),
        Event.objects.filter(application=application).count(),
    )


def _as_posted(value):
    if value is True:
        return "on"
    return [str(v) for v in value] if isinstance(value, list) else str(value)


@examples(25)
@given(
    call=st.one_of(st.sampled_from(["open", "closed"]), hostile_text),
    data=form(organisation=st.sampled_from(["mine", "theirs"])),
    two_organisations=st.booleans(),
)
def test_starting_an_application_makes_one_or_nothing(applicant, call, data, two_organisations):
    with each_example():
        calls = {"open": CallFactory(), "closed": ClosedCallFactory()}
        slug = calls[call].slug if call in calls else call
        organisations = {
            "mine": applicant.memberships.first().organisation_id,
            "theirs": ApplicationFactory().organisation_id,
        }
        posted = {k: organisations.get(typed(v), v) for k, v in data.items()}
        if two_organisations:
            MembershipFactory(user=applicant)
        before = Application.objects.count()
        response = signed_in(applicant).post(f"/pine/applications/new/?call={slug}", posted)
        body(response)
        if response.status_code != 302 or call != "open":
            assert Application.objects.count() == before


@st.composite
def section_post(draw) -> tuple:
    section = draw(st.sampled_from(SECTIONS))
    realistic = {
        name: st.just(_as_posted(value)) for name, value in COMPLETE_ANSWERS[section.slug].items()
    }
    for name in section.form().fields:
        realistic.setdefault(name, st.just("Some words"))
    data = draw(form(**realistic, version=st.sampled_from(["0", "1"]), action=st.just("complete")))
    return section, data


@examples(40)
@given(posted=section_post())
def test_section_saves_whole_or_not_at_all_and_keeps_what_was_typed(applicant, draft, posted):
    section, data = posted
    url = f"/pine/applications/{draft.reference}/{section.slug}/"
    typed_fields = [
        name
        for name, field in section.form().fields.items()
        if not isinstance(field.widget, CHOICE_WIDGETS)
    ]
    with each_example():
        before = saved_state(draft)
        response = signed_in(applicant).post(url, data)
        page = body(response)
        if response.status_code != 302:
            assert saved_state(draft) == before
            assert_kept(page, data, *typed_fields)


@examples(25)
@given(seen=seen_status, complete=st.booleans(), extra=form(transition=st.just("submit")))
def test_submitting_with_tampered_hidden_fields_changes_nothing(
    applicant, draft, seen, complete, extra
):
    with each_example():
        if complete:
            complete_sections(draft)
        before = saved_state(draft)
        response = signed_in(applicant).post(
            f"/pine/applications/{draft.reference}/submit/", extra | {"seen_status": seen}
        )
        body(response)
        after = saved_state(draft)
    if typed(seen) not in ("", Status.DRAFT) or not complete:
        assert after == before
    assert (after[1] == Status.SUBMITTED) == (response.status_code == 302)


@examples(25)
@given(seen=seen_status, status=st.sampled_from([Status.DRAFT, Status.SCREENING, Status.ACCEPTED]))
def test_withdrawing_with_tampered_hidden_fields_changes_nothing(applicant, draft, seen, status):
    with each_example():
        Application.objects.filter(pk=draft.pk).update(status=status)
        draft.refresh_from_db()
        before = saved_state(draft)
        response = signed_in(applicant).post(
            f"/pine/applications/{draft.reference}/withdraw/", {"seen_status": seen}
        )
        body(response)
        after = saved_state(draft)
    if typed(seen) not in ("", status) or status == Status.ACCEPTED:
        assert after == before
    assert (after[1] == Status.WITHDRAWN) == (response.status_code == 302)
