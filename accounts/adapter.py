"""How allauth fits this service: the full name at sign-up, emails queued like all others, plain
words."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.http import HttpRequest

from core.emails import Email, queue
from core.links import on_site_url

# allauth's messages for the errors people meet, in the service's own words.
ERROR_MESSAGES = {
    "email_password_mismatch": "Enter a correct email address and password.",
    "email_taken": "An account already uses this email address.",
    "enter_current_password": "Enter your current password.",
    "incorrect_code": "The code is not correct. Check it and try again.",
    "incorrect_password": "The password is not correct.",
    "invalid_password_reset": "The link to reset your password is not valid.",
    "same_as_current": "Enter an email address that is different from your current one.",
    "too_many_login_attempts": (
        "You have tried to sign in too many times. Wait 15 minutes and try again."
    ),
}


def user_display(user) -> str:
    return str(user)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, **ERROR_MESSAGES}

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user.full_name = form.cleaned_data.get("full_name", "").strip()
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue through core.emails, with the change that caused it, like every other email.

        allauth builds the links it passes (`activate_url`, `password_reset_url`, `signup_url`)
        from the request's Host; every one of them is moved onto SITE_URL.
        """
        links = {
            key: on_site_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        message = Email(template_prefix, email, {"email": email, **context, **links})
        queue([message], about={"template": template_prefix})

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """Failed sign-ins count against the account typed, whatever Host the request named.

        allauth puts the site's domain in front, and without django.contrib.sites that is the
        request's Host: each port or letter case of an allowed host started a fresh count.
        """
        return credentials.get("email", credentials.get("username", "")).strip().lower()


def _secrets_cipher() -> MultiFernet:
    """Keys derived from SECRET_KEY; SECRET_KEY_FALLBACKS still decrypt during a key rotation."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"mfa-secrets:{key}".encode()).digest()))
            for key in keys
        ]
    )


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "You cannot change the email address of an account that uses two-factor "
            "authentication. Turn off two-factor authentication, change your email address, "
            "then turn it on again."
        ),
        "incorrect_code": "The code is not correct. Check your authenticator app and try again.",
        "unverified_email": (
            "Confirm your email address before you set up two-factor authentication."
        ),
    }

    def encrypt(self, text: str) -> str:
        """Authenticator secrets and recovery-code seeds are stored encrypted, never in the clear."""
        return _secrets_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        try:
            return _secrets_cipher().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            # Not encrypted with any current key: a wrong value simply fails as a code would.
            return encrypted_text
