"""The practice network's forms: GOV.UK wording for empty, long and unknown answers, choices
only from the published store and the person's own organisations, and the checklists."""

import pytest

from movement.forms_practice import (
    FindingForm,
    MemberForm,
    PostChecklistForm,
    PracticeTestForm,
    PutForwardForm,
    ReplyForm,
)
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.evidence_store.factories import DraftInterventionFactory, InterventionFactory
from tests.movement.test_practice_moderation import FIELDS

pytestmark = pytest.mark.django_db


def test_the_test_form_limits_the_title_and_each_text():
    form = PracticeTestForm({**FIELDS, "title": "t" * 151, "what_we_will_try": "w" * 5001})
    assert form.errors == {
        "title": ["Title must be 150 characters or fewer."],
        "what_we_will_try": ["What I will try must be 5,000 characters or fewer."],
    }


def test_the_test_form_says_what_to_enter_when_answers_are_missing():
    form = PracticeTestForm({"title": "  "})
    assert form.errors["title"] == ["Enter a title."]
    assert form.errors["how_we_will_tell"] == ["Enter how you will tell whether it worked."]
    assert form.errors["duration"] == ["Select how long it will take."]


def test_the_test_form_offers_only_published_interventions():
    published, draft = InterventionFactory(), DraftInterventionFactory()
    assert PracticeTestForm({**FIELDS, "interventions": [published.pk]}).is_valid()
    form = PracticeTestForm({**FIELDS, "interventions": [draft.pk]})
    assert form.errors["interventions"] == ["Select interventions from the list."]
    form = PracticeTestForm({**FIELDS, "interventions": ["not-a-number"]})
    assert form.errors["interventions"] == ["Select interventions from the list."]


def test_the_checklist_needs_every_box():
    assert PostChecklistForm(
        {"no_one_identified": "on", "no_personal_details": "on", "permission": "on"}
    ).is_valid()
    form = PostChecklistForm({"no_one_identified": "on"})
    assert set(form.errors) == {"no_personal_details", "permission"}


def test_a_reply_is_limited_to_3000_characters_and_needs_its_confirmation():
    assert ReplyForm({"body": "r" * 3000, "checklist": "on"}).is_valid()
    form = ReplyForm({"body": "r" * 3001})
    assert form.errors["body"] == ["Your reply must be 3,000 characters or fewer."]
    assert "checklist" in form.errors


def test_a_finding_result_must_be_one_of_the_choices():
    form = FindingForm({"result": "great", "reflection": "x", "checklist": "on"})
    assert form.errors == {"result": ["Select what you found from the list."]}


def test_the_profile_offers_only_the_persons_own_organisations():
    user = MembershipFactory().user
    own = user.memberships.get().organisation
    other = OrganisationFactory()
    data = {"display_name": "Sam", "role": "Social worker"}
    assert MemberForm({**data, "organisation": own.pk}, user=user).is_valid()
    form = MemberForm({**data, "organisation": other.pk}, user=user)
    assert form.errors == {"organisation": ["Select one of your organisations, or none."]}


def test_the_profile_asks_nothing_about_organisations_of_someone_without_one():
    form = MemberForm({"display_name": "Sam", "role": "Social worker"}, user=UserFactory())
    assert form.is_valid()
    assert "organisation" not in form.fields


def test_putting_forward_with_one_organisation_asks_nothing():
    user = MembershipFactory().user
    form = PutForwardForm({}, user=user)
    assert form.is_valid()
    assert form.cleaned_data["organisation"] == user.memberships.get().organisation
