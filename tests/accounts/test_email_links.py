"""Every link in an email is built from SITE_URL: a Host header the client chose never gets in."""

import re

import pytest
from django.core import mail

from tests.accounts.factories import AdminMembershipFactory, UserFactory
from tests.accounts.journeys import sign_in

pytestmark = pytest.mark.django_db

SITE_URL = "https://evidence.example.org"  # pyproject.toml's test settings
# Allowed hosts (the port is not checked) that an attacker could name instead of the real one.
HOSTILE = {"HTTP_HOST": "localhost:1337"}
NEW = {
    "full_name": "Priya Shah",
    "password1": "lantern-orchard-velvet-93",
    "password2": "lantern-orchard-velvet-93",
}


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def sent_links(client, django_capture_on_commit_callbacks, action) -> list[str]:
    with django_capture_on_commit_callbacks(execute=True):
        action(client)
    assert mail.outbox, "no email was sent"
    found = [link for message in mail.outbox for link in links(message.body)]
    assert found, [message.body for message in mail.outbox]
    return found


def reset_password(client):
    client.post("/accounts/password/reset/", {"email": "sam@example.org"}, **HOSTILE)


def reset_unknown_password(client):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"}, **HOSTILE)


def sign_up(client):
    client.post("/accounts/signup/", {**NEW, "email": "priya@example.org"}, **HOSTILE)


def sign_up_again(client):
    client.post("/accounts/signup/", {**NEW, "email": "sam@example.org"}, **HOSTILE)


def invite(client):
    admin = AdminMembershipFactory(user__email="ada@example.org")
    sign_in(client, "ada@example.org")
    client.post(
        f"/accounts/organisation/{admin.organisation.slug}/invite/",
        {"email": "colleague@example.org"},
        **HOSTILE,
    )


def add_email_address(client):
    sign_in(client, "sam@example.org")
    client.post("/accounts/email/", {"action_add": "", "email": "sam.new@example.org"}, **HOSTILE)


@pytest.mark.parametrize(
    "action",
    [reset_password, reset_unknown_password, sign_up, sign_up_again, invite, add_email_address],
)
def test_links_in_emails_are_on_the_configured_site_whatever_the_host_header(
    client, django_capture_on_commit_callbacks, action
):
    UserFactory(email="sam@example.org")
    for link in sent_links(client, django_capture_on_commit_callbacks, action):
        assert link.startswith(f"{SITE_URL}/"), link
