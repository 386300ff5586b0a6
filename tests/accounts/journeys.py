"""Steps a person takes, shared by the accounts tests: signing in and following emailed links."""

import re
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from tests.accounts.factories import PASSWORD


def sign_in(client, email: str, password: str = PASSWORD, next_url: str = "", **extra):
    """Sign in through the real sign-in page, as a person would."""
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data, **extra)


def link_in(body: str) -> str:
    """The first link to this service in an email's body, as a path."""
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def current_code(user) -> str:
    """The code the person's authenticator app shows now."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_with_two_factor(client, user) -> None:
    """Sign in with password and security code, as staff must to use the admin."""
    response = sign_in(client, user.email)
    assert response["Location"] == "/accounts/2fa/authenticate/", response
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(user)})
    assert response.status_code == 302, response
