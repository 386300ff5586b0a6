"""The registration form: prefilled from the account, an organisation not required, the
person's own organisations only, and GOV.UK wording for limits."""

import pytest

from movement.forms import RegistrationForm
from tests.accounts.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"name": "Sam Rivers", "role": "Social worker"}


def test_name_and_role_are_prefilled_from_the_account():
    form = RegistrationForm(user=UserFactory(full_name="Sam Rivers", job_title="Team manager"))
    assert form["name"].value() == "Sam Rivers" and form["role"].value() == "Team manager"


def test_an_organisation_is_not_required():
    form = RegistrationForm(ANSWERS, user=UserFactory())
    assert form.is_valid(), form.errors
    fields = form.registration_fields()
    assert fields["organisation"] is None and fields["organisation_name"] == ""
    assert "organisation" not in form.fields  # with none of their own there is nothing to pick


def test_someone_with_no_organisation_types_its_name():
    form = RegistrationForm({**ANSWERS, "organisation_name": "Anytown Council"}, user=UserFactory())
    assert form.is_valid()
    assert form.registration_fields()["organisation_name"] == "Anytown Council"


def test_choosing_their_own_organisation_drops_a_typed_name():
    membership = MembershipFactory()
    data = {
        **ANSWERS,
        "organisation": str(membership.organisation.pk),
        "organisation_name": "typed before choosing",
    }
    form = RegistrationForm(data, user=membership.user)
    assert form.is_valid()
    fields = form.registration_fields()
    assert fields["organisation"] == membership.organisation and fields["organisation_name"] == ""


def test_another_persons_organisation_cannot_be_chosen():
    other = MembershipFactory().organisation
    form = RegistrationForm(
        {**ANSWERS, "organisation": str(other.pk)}, user=MembershipFactory().user
    )
    assert not form.is_valid()
    assert form.errors["organisation"] == ["Select one of your organisations, or type its name."]


def test_another_organisation_needs_a_name_but_rather_not_say_does_not():
    user = MembershipFactory().user
    another = RegistrationForm({**ANSWERS, "organisation": "another"}, user=user)
    assert not another.is_valid() and "organisation_name" in another.errors
    rather_not = RegistrationForm(
        {**ANSWERS, "organisation": "none", "organisation_name": "x"}, user=user
    )
    assert rather_not.is_valid()
    assert rather_not.registration_fields()["organisation_name"] == ""


def test_required_and_too_long_answers_get_plain_messages():
    form = RegistrationForm(
        {"name": "", "role": "r" * 201, "dietary_needs": "d" * 1001}, user=UserFactory()
    )
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter your name."]
    assert form.errors["role"] == ["Your job title or role must be 200 characters or fewer."]
    assert form.errors["dietary_needs"] == ["Dietary needs must be 1,000 characters or fewer."]
