"""Forms for a person's own account: their details and deleting the account."""

from django import forms

from accounts.models import User
from core.forms import GovukFormMixin


class ProfileForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title", "role"]
        labels = {"full_name": "Full name", "job_title": "Job title", "role": "Your role"}
        help_texts = {"job_title": "For example, advanced practitioner or head of service."}
        widgets = {"role": forms.RadioSelect}
        error_messages = {"full_name": {"required": "Enter your full name."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        # A radio group needs no empty choice: not choosing one leaves the role blank.
        self.fields["role"].choices = User.Role.choices


class AccountDeleteForm(GovukFormMixin, forms.Form):
    password = forms.CharField(
        label="Your password",
        help_text="To confirm it is you, enter the password you use to sign in.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct.", code="incorrect")
        return password
