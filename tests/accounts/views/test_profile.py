"""Your profile page and your details: name, job title and role."""

import pytest
from django.core import mail

from tests.accounts.journeys import link_in

pytestmark = pytest.mark.django_db


def test_account_page_shows_details_and_where_to_change_them(client, member):
    client.force_login(member)
    html = client.get("/accounts/profile/").content.decode()
    assert "<title>Your profile" in html
    assert 'href="/accounts/"' in html  # back to the account home
    assert "sam@example.org" in html
    for path in ["/accounts/profile/details/", "/accounts/email/", "/accounts/password/change/",
                 "/accounts/2fa/", "/accounts/data/", "/accounts/delete/"]:  # fmt: skip
        assert f'href="{path}"' in html


def test_person_changes_their_details(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/profile/details/",
        {"full_name": "Sam Jones-Smith", "job_title": "Team manager", "role": "team_manager"},
    )
    assert response["Location"] == "/accounts/profile/"
    member.refresh_from_db()
    assert (member.full_name, member.job_title, member.role) == (
        "Sam Jones-Smith",
        "Team manager",
        "team_manager",
    )


def test_details_form_errors_keep_what_was_typed(client, member):
    client.force_login(member)
    html = client.post(
        "/accounts/profile/details/", {"full_name": "", "job_title": "Analyst", "role": "bogus"}
    ).content.decode()
    assert "<title>Error: Your details" in html
    assert '<a href="#id_full_name">Enter your full name.</a>' in html
    assert '<a href="#id_role_1">' in html
    assert 'value="Analyst"' in html


@pytest.mark.parametrize(
    "path",
    ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/logout/"],
)
def test_allauth_account_pages_render_in_the_service_layout(client, member, path):
    client.force_login(member)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="main-content"' in html and "govuk-heading-l" in html
    assert "style=" not in html


def test_changing_email_needs_the_new_address_confirmed(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"email": "new@example.org", "action_add": ""})
    member.refresh_from_db()
    assert member.email == "sam@example.org"
    confirmation = next(m for m in mail.outbox if m.to == ["new@example.org"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(confirmation.body))
    member.refresh_from_db()
    assert member.email == "new@example.org"


def test_password_check_before_sensitive_changes_uses_plain_fields(client, member):
    client.force_login(member)
    html = client.get("/accounts/reauthenticate/").content.decode()
    assert "Enter your password to continue" in html
    assert "placeholder" not in html
