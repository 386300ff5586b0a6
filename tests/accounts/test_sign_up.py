"""Creating an account: full name, checked email address, Django's password rules."""

import statistics
import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.accounts.factories import PRODUCTION_HASHERS, UserFactory
from tests.accounts.journeys import link_in

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Priya Shah",
    "email": "Priya.Shah@Example.org",
    "password1": "lantern-orchard-velvet-93",
    "password2": "lantern-orchard-velvet-93",
}


def test_sign_up_sends_a_link_that_verifies_the_address_and_signs_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="priya.shah@example.org")
    assert user.full_name == "Priya Shah"
    assert not EmailAddress.objects.get(user=user).verified
    assert client.get("/accounts/profile/").status_code == 302  # not signed in yet

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["priya.shah@example.org"]
    assert email.subject == "Confirm your email address to finish creating your account"
    confirm_path = link_in(email.body)
    assert confirm_path.startswith("/accounts/confirm-email/")

    page = client.get(confirm_path)
    assert "Confirm your email address" in page.content.decode()
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"  # confirming signs in, to the account home
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/accounts/profile/").status_code == 200


def test_email_is_sent_only_after_the_account_is_committed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/accounts/signup/", GOOD)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_sign_up_page_uses_plain_words_and_the_service_layout(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "<title>Create an account – Evidence Store and PINE</title>" in html
    assert 'id="main-content"' in html
    assert 'for="id_full_name"' in html and "Full name" in html
    assert "placeholder" not in html


def test_sign_up_refuses_a_common_password_and_keeps_what_was_typed(client):
    data = {**GOOD, "password1": "password123456", "password2": "password123456"}
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("This password is too common.") == 2  # summary and field
    assert "<title>Error: Create an account" in html
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_password1"' in html
    assert 'value="Priya Shah"' in html
    assert not User.objects.filter(email="priya.shah@example.org").exists()


def test_sign_up_refuses_a_password_like_the_name(client):
    data = {**GOOD, "password1": "PriyaShah1234", "password2": "PriyaShah1234"}
    html = client.post("/accounts/signup/", data).content.decode()
    assert "too similar" in html


def test_missing_fields_get_specific_messages_linked_from_the_summary(client):
    html = client.post("/accounts/signup/", {}).content.decode()
    for message, field in [
        ("Enter your full name.", "id_full_name"),
        ("Enter your email address.", "id_email"),
        ("Create a password.", "id_password1"),
    ]:
        assert f'<a href="#{field}">{message}</a>' in html


def test_signing_up_with_a_taken_address_reveals_nothing_and_emails_the_owner(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", {**GOOD, "email": "taken@example.org"})
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert mail.outbox[0].subject == "You already have an account"


def _seconds_to_sign_up(client, email: str, address: str) -> float:
    started = time.perf_counter()
    response = client.post("/accounts/signup/", {**GOOD, "email": email}, REMOTE_ADDR=address)
    seconds = time.perf_counter() - started
    assert response["Location"] == "/accounts/confirm-email/"
    return seconds


def test_signing_up_takes_as_long_for_a_taken_address_as_for_a_new_one(client, settings):
    """The answer is the same either way, so its time must not tell the two apart either.

    A ratio of medians over repeated requests, measured in one run: never an absolute time.
    The two kinds take turns, so that a change in the machine's load falls on both alike.
    """
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    for attempt in range(9):
        UserFactory(email=f"taken{attempt}@example.org")
    _seconds_to_sign_up(client, "warm-up@example.org", "10.9.2.1")
    new, taken = [], []
    for attempt in range(9):
        new.append(_seconds_to_sign_up(client, f"new{attempt}@example.org", f"10.9.0.{attempt}"))
        taken.append(
            _seconds_to_sign_up(client, f"taken{attempt}@example.org", f"10.9.1.{attempt}")
        )
    new, taken = statistics.median(new), statistics.median(taken)
    assert 1 / 1.5 <= taken / new <= 1.5, f"taken {taken * 1000:.0f} ms, new {new * 1000:.0f} ms"
