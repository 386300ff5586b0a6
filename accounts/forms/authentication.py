"""allauth's forms with the service's labels and hints, and without placeholders.

GOV.UK pages use a visible label and, where needed, a hint; placeholder text disappears as
someone types, so it is removed.
"""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest

from accounts.models import User
from accounts.validators import validate_no_address
from core.forms import GovukBoundField, plain_error_messages

NEW_CREDENTIAL_HINT = (
    "Use at least 12 characters. Avoid common passwords and anything close to your name or "
    "email address."
)
CODE_HINT = "Enter the 6-digit code from your authenticator app, or one of your recovery codes."


class PlainFieldsMixin:
    """Set labels, hints and "missing" messages from the dicts below, and drop placeholders.

    Messages the dicts leave out fall back on GOV.UK wording (core.forms)."""

    bound_field_class = GovukBoundField
    labels: dict[str, str] = {}
    hints: dict[str, str] = {}
    required: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.hints or field.help_text:
                field.help_text = self.hints.get(name, "")
            if name in self.required:
                field.error_messages["required"] = self.required[name]
        plain_error_messages(self)


class SignInForm(PlainFieldsMixin, account_forms.LoginForm):
    labels = {"login": "Email address", "password": "Password"}
    required = {"login": "Enter your email address.", "password": "Enter your password."}


class SignUpForm(PlainFieldsMixin, account_forms.SignupForm):
    full_name = forms.CharField(label="Full name", max_length=200, validators=[validate_no_address])
    field_order = ["full_name", "email", "password1", "password2"]
    labels = {
        "email": "Email address",
        "password1": "Create a password",
        "password2": "Confirm your password",
    }
    hints = {
        "email": "We will send you an email to check it is yours.",
        "password1": NEW_CREDENTIAL_HINT,
    }
    required = {
        "full_name": "Enter your full name.",
        "email": "Enter your email address.",
        "password1": "Create a password.",
        "password2": "Confirm your password.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean_full_name(self) -> str:
        return self.cleaned_data["full_name"].strip()

    def try_save(self, request: HttpRequest):
        """Take as long for an address that has an account as for a new one.

        Both get the same answer; without this, the time would still tell them apart, since a
        new account costs a password hash (about 0.1 s with Argon2) and a taken address none.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # allauth checks the password against the email address only; check the name too.
        password = cleaned_data.get("password1")
        if password and not self.has_error("password1"):
            person = User(
                email=cleaned_data.get("email", ""), full_name=cleaned_data.get("full_name", "")
            )
            try:
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class ChangeEmailForm(PlainFieldsMixin, account_forms.AddEmailForm):
    labels = {"email": "New email address"}
    hints = {"email": "We will send an email to this address to check it is yours."}
    required = {"email": "Enter your new email address."}


class ChangePasswordForm(PlainFieldsMixin, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm your new password",
    }
    hints = {"password1": NEW_CREDENTIAL_HINT}
    required = {
        "oldpassword": "Enter your current password.",
        "password1": "Enter a new password.",
        "password2": "Confirm your new password.",
    }


class SetPasswordForm(PlainFieldsMixin, account_forms.SetPasswordForm):
    labels = {"password1": "Create a password", "password2": "Confirm your password"}
    hints = {"password1": NEW_CREDENTIAL_HINT}
    required = {"password1": "Create a password.", "password2": "Confirm your password."}


class ResetPasswordForm(PlainFieldsMixin, account_forms.ResetPasswordForm):
    labels = {"email": "Email address"}
    required = {"email": "Enter your email address."}


class ResetPasswordKeyForm(PlainFieldsMixin, account_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm your new password"}
    hints = {"password1": NEW_CREDENTIAL_HINT}
    required = {"password1": "Enter a new password.", "password2": "Confirm your new password."}


class MFAAuthenticateForm(PlainFieldsMixin, mfa_forms.AuthenticateForm):
    labels = {"code": "Security code"}
    hints = {"code": CODE_HINT}
    required = {"code": "Enter the security code."}


class MFAReauthenticateForm(PlainFieldsMixin, mfa_forms.ReauthenticateForm):
    labels = {"code": "Security code"}
    hints = {"code": CODE_HINT}
    required = {"code": "Enter the security code."}


class ActivateTOTPForm(PlainFieldsMixin, totp_forms.ActivateTOTPForm):
    labels = {"code": "Code from your authenticator app"}
    hints = {"code": "Enter the 6-digit code the app shows for this service."}
    required = {"code": "Enter the code from your authenticator app."}


class ReauthenticateForm(PlainFieldsMixin, account_forms.ReauthenticateForm):
    labels = {"password": "Password"}
    required = {"password": "Enter your password."}
