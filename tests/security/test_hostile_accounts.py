"""Hostile input to the accounts forms: sign-up, sign-in, password reset, your details, your
email and password, organisations, invitations and deleting your account."""

from urllib.parse import quote

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Invitation, Membership, Organisation, User
from tests.accounts.factories import PASSWORD, AdminMembershipFactory, MembershipFactory
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_client,
    hostile_text,
    marked_text,
    signed_in,
    typed,
)

pytestmark = pytest.mark.django_db

STRONG = "a long enough passphrase 42"
OFF_SITE = st.sampled_from(
    ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
     "http:/evil.example", "/accounts/profile/", "\x00//evil.example"]
)  # fmt: skip
emails = st.one_of(
    st.emails(),
    st.sampled_from(
        ["SAM@EXAMPLE.ORG", "sam@example.org", "ſam@example.org", "sam@example.org\x00",
         "sam@ex\u212aample.org", "sam+x@example.org", "a@b", "@example.org", "sam@", "x" * 300]
    ),
)  # fmt: skip


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin(db):
    """Ada, an admin of an organisation with one other member, Sam (sam@example.org)."""
    membership = AdminMembershipFactory(
        user__email="ada@example.org", organisation__name="Kirklees"
    )
    MembershipFactory(organisation=membership.organisation, user__email="sam@example.org")
    return membership.user


def counts(*models) -> list[int]:
    return [model.objects.count() for model in models]


@examples(30)
@given(
    data=form(
        full_name=st.sampled_from(["Sam Jones", "Zoë O’Neill"]),
        email=emails,
        password1=st.just(STRONG),
        password2=st.just(STRONG),
    )
)
def test_sign_up_saves_a_whole_account_or_nothing(admin, data):
    with each_example():
        before = counts(User, EmailAddress)
        response = hostile_client().post("/accounts/signup/", data)
        page = body(response)
        if response.status_code == 200:
            assert counts(User, EmailAddress) == before
            assert_kept(page, data, "full_name", "email")


@examples(25)
@given(
    data=st.one_of(
        form(login=st.just("ada@example.org"), password=st.just(PASSWORD)),
        st.just({"login": "ADA@example.org", "password": PASSWORD}),  # signs in, then redirects
    ),
    next_url=st.one_of(OFF_SITE, hostile_text, marked_text),
)
def test_sign_in_refuses_hostile_input_and_never_redirects_off_the_site(admin, data, next_url):
    with each_example():
        for path in ("/accounts/login/", "/admin/login/"):
            response = hostile_client().post(
                f"{path}?next={quote(next_url)}", data | {"next": next_url}
            )
            page = body(response)
            if response.status_code == 200:
                assert_kept(page, data, "login")


@examples(20)
@given(data=form(email=emails))
def test_password_reset_keeps_the_email_address_on_an_error(admin, data):
    with each_example():
        response = hostile_client().post("/accounts/password/reset/", data)
        page = body(response)
        if response.status_code == 200:
            assert_kept(page, data, "email")


@examples(25)
@given(
    data=form(
        full_name=st.just("Ada Lovelace"),
        job_title=st.just("Head of service"),
        role=st.sampled_from([r.value for r in User.Role]),
    )
)
def test_your_details_are_saved_whole_or_not_at_all(admin, data):
    fields = ["full_name", "job_title", "role"]
    with each_example():
        before = User.objects.values(*fields).get(pk=admin.pk)
        response = signed_in(admin).post("/accounts/profile/details/", data)
        page = body(response)
        if response.status_code == 200:
            assert User.objects.values(*fields).get(pk=admin.pk) == before
            assert_kept(page, data, "full_name", "job_title")


@examples(20)
@given(data=form(email=emails))
def test_changing_your_email_address_keeps_it_on_an_error(admin, data):
    with each_example():
        before = counts(EmailAddress)
        response = signed_in(admin).post("/accounts/email/", data | {"action_add": ""})
        page = body(response)
        if response.status_code == 200:
            assert counts(EmailAddress) == before
            assert_kept(page, data, "email")


@examples(20)
@given(
    data=form(oldpassword=st.just(PASSWORD), password1=st.just(STRONG), password2=st.just(STRONG))
)
def test_changing_your_password_changes_nothing_on_an_error(admin, data):
    with each_example():
        response = signed_in(admin).post("/accounts/password/change/", data)
        body(response)
        if response.status_code == 200:
            assert User.objects.get(pk=admin.pk).password == admin.password


@examples(30)
@given(
    data=form(
        name=st.sampled_from(
            ["Warrington Borough Council", "kirklees", "KIRKLEES", "\u212airklees"]
        ),
        kind=st.sampled_from([k.value for k in Organisation.Kind]),
        region=st.sampled_from([r.value for r in Organisation.Region]),
    )
)
def test_new_organisation_is_made_with_its_admin_or_not_at_all(admin, data):
    with each_example():
        before = counts(Organisation, Membership)
        response = signed_in(admin).post("/accounts/organisation/new/", data)
        page = body(response)
        if response.status_code == 200:
            assert counts(Organisation, Membership) == before
            assert_kept(page, data, "name")


@examples(25)
@given(data=form(email=emails))
def test_invitation_with_a_bad_address_sends_nothing_and_keeps_it(admin, data):
    organisation = admin.memberships.get().organisation
    with each_example():
        before = counts(Invitation)
        response = signed_in(admin).post(f"{organisation.get_absolute_url()}invite/", data)
        page = body(response)
        if response.status_code != 302:
            assert counts(Invitation) == before
            assert_kept(page, data, "email")


@examples(20)
@given(role=st.one_of(field_value, st.sampled_from(["admin", "member"])))
def test_a_member_s_role_changes_only_to_member_or_admin(admin, role):
    sam = Membership.objects.get(user__email="sam@example.org")
    url = f"{sam.organisation.get_absolute_url()}members/{sam.pk}/role/"
    with each_example():
        body(signed_in(admin).post(url, {"role": role}, follow=True))
        after = Membership.objects.get(pk=sam.pk).role
    assert after == (typed(role) if typed(role) in ("admin", "member") else sam.role)


@examples(20)
@given(
    data=form(password=st.just(PASSWORD)),
    who=st.sampled_from(["ada@example.org", "sam@example.org"]),
)
def test_deleting_your_account_needs_your_password_and_happens_whole(admin, data, who):
    person = User.objects.get(email=who)  # Ada is the only admin, so she may not leave
    with each_example():
        before = counts(Membership, EmailAddress, Invitation)
        response = signed_in(person).post("/accounts/delete/", data)
        body(response)
        if response.status_code != 302:
            assert counts(Membership, EmailAddress, Invitation) == before
            assert User.objects.filter(pk=person.pk, is_active=True, email=who).exists()
    if typed(data.get("password")) != PASSWORD:
        assert response.status_code != 302


@examples(15)
@given(data=form(password1=st.just(STRONG), password2=st.just(STRONG)))
def test_new_password_from_a_reset_link_changes_nothing_on_an_error(admin, data):
    link = f"/accounts/password/reset/key/{user_pk_to_url_str(admin)}-"
    with each_example():
        client = hostile_client()
        opened = client.get(link + default_token_generator.make_token(admin) + "/")
        assert opened.status_code == 302  # to the same form, with the key kept in the session
        response = client.post(link + "set-password/", data)
        body(response)
        if response.status_code == 200:
            assert User.objects.get(pk=admin.pk).password == admin.password


@examples(15)
@given(token=st.one_of(hostile_text, marked_text), signed=st.booleans())
def test_accepting_an_invitation_with_a_made_up_token_joins_nothing(admin, token, signed):
    newcomer = User.objects.get(email="sam@example.org")
    with each_example():
        client = signed_in(newcomer) if signed else hostile_client()
        before = counts(Membership, Invitation)
        response = client.post(f"/accounts/invitations/{quote(token, safe='')}/")
        body(response)
        assert counts(Membership, Invitation) == before
