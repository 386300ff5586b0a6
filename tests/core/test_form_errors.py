"""Every kind of field in an error state looks like a GOV.UK field in error, in GOV.UK words."""

import re

import pytest
from crispy_forms_gds.fields import DateInputField
from django import forms
from django.template import Context, Template

from core.forms import GovukFormMixin, GovukFormRenderer

pytestmark = pytest.mark.django_db


class EveryWidgetForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Full name")
    email = forms.EmailField(label="Email address")
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    notes = forms.CharField(label="Notes", widget=forms.Textarea)
    colour = forms.ChoiceField(label="Colour", choices=[("", "Choose"), ("red", "Red")])
    size = forms.ChoiceField(label="Size", choices=[("s", "Small")], widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(
        label="Topics", choices=[("care", "Care")], widget=forms.CheckboxSelectMultiple
    )
    born = DateInputField(label="Date of birth")
    report = forms.FileField(label="Report")
    children = forms.IntegerField(label="How many children", min_value=1)
    website = forms.URLField(label="Website", assume_scheme="https")


BAD = {"email": "not-an-email", "colour": "blue", "children": "about 150", "website": "x y"}


def _render(form: forms.Form) -> str:
    template = Template(
        "{% load crispy_forms_filters %}{% for f in form %}{{ f|as_crispy_field }}{% endfor %}"
    )
    return template.render(Context({"form": form}))


def _element(html: str, name: str) -> str:
    found = re.search(rf'<(input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html)
    assert found, f"no element named {name}"
    return found.group(0)


def _classes(html: str, name: str) -> set[str]:
    return set(re.search(r'class="([^"]*)"', _element(html, name)).group(1).split())


@pytest.fixture
def rendered() -> str:
    form = EveryWidgetForm(data=BAD, files={})
    assert not form.is_valid()
    return _render(form)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("name", {"govuk-input", "govuk-input--error"}),
        ("email", {"govuk-input", "govuk-input--error"}),
        ("password", {"govuk-input", "govuk-input--error"}),
        ("children", {"govuk-input", "govuk-input--error"}),
        ("website", {"govuk-input", "govuk-input--error"}),
        ("notes", {"govuk-textarea", "govuk-textarea--error"}),
        ("colour", {"govuk-select", "govuk-select--error"}),
        ("report", {"govuk-file-upload", "govuk-file-upload--error"}),
        ("born_0", {"govuk-input", "govuk-date-input__input", "govuk-input--error"}),
        ("born_2", {"govuk-input", "govuk-date-input__input", "govuk-input--error"}),
    ],
)
def test_a_field_in_error_has_the_gov_uk_error_class_of_its_widget(rendered, name, expected):
    assert expected <= _classes(rendered, name)


@pytest.mark.parametrize("name", ["notes", "colour", "children"])
def test_no_field_keeps_a_class_meant_for_another_widget(rendered, name):
    classes = _classes(rendered, name)
    assert "numberinput" not in classes
    if name != "children":
        assert "govuk-input--error" not in classes


@pytest.mark.parametrize("name", ["size", "topics"])
def test_radios_and_checkboxes_show_the_error_on_their_form_group(rendered, name):
    group = re.search(rf'<div id="div_id_{name}" class="([^"]*)"', rendered).group(1)
    assert "govuk-form-group--error" in group.split()
    assert "--error" not in _element(rendered, name)


def test_a_valid_field_has_its_gov_uk_class_and_no_error_class():
    form = EveryWidgetForm(data={**BAD, "password": "secret", "children": "12"}, files={})
    form.is_valid()
    html = _render(form)
    assert _classes(html, "children") == {"govuk-input"}
    assert "govuk-input--error" not in _classes(html, "password")


def test_an_unbound_form_shows_no_error_classes():
    assert "--error" not in _render(EveryWidgetForm())


def test_every_form_in_the_project_uses_the_gov_uk_renderer():
    """So forms that do not mix in GovukFormMixin (PINE's sections, say) are styled too."""
    assert isinstance(forms.Form().renderer, GovukFormRenderer)


DJANGO_DEFAULTS = [
    "This field is required.",
    "Select a valid choice",
    "is not one of the available choices",
    "Enter a whole number.",
    "Enter a valid",
    "Ensure this value",
]


def test_framework_wording_is_replaced_with_gov_uk_wording():
    form = EveryWidgetForm(data={**BAD, "children": "0"}, files={})
    form.is_valid()
    messages = {name: errors[0] for name, errors in form.errors.items()}
    assert messages["name"] == "Enter full name."
    assert messages["email"] == (
        "Enter an email address in the correct format, like name@example.org."
    )
    assert messages["colour"] == "Select colour from the list."
    assert messages["size"] == "Select size."
    assert messages["report"] == "Select report."
    assert messages["children"] == "How many children must be 1 or more."
    assert messages["website"] == (
        "Enter a web address in the correct format, like https://example.org."
    )
    for message in messages.values():
        assert not any(default in message for default in DJANGO_DEFAULTS), message
        assert message.endswith(".")
    form = EveryWidgetForm(data=BAD, files={})
    form.is_valid()
    assert form.errors["children"] == ["How many children must be a whole number, like 12."]


def test_a_form_s_own_messages_are_kept():
    class OwnWords(GovukFormMixin, forms.Form):
        name = forms.CharField(error_messages={"required": "Enter your full name."})

    form = OwnWords(data={})
    form.is_valid()
    assert form.errors["name"] == ["Enter your full name."]


def _error_page(client, url: str, data: dict) -> str:
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


def test_sign_in_password_in_error_has_the_error_class(client):
    page = _error_page(client, "/accounts/login/", {"login": "someone@example.org"})
    assert "Enter your password." in page
    assert "govuk-input--error" in _classes(page, "password")


def test_sign_up_passwords_in_error_have_the_error_class(client):
    page = _error_page(
        client,
        "/accounts/signup/",
        {"full_name": "Sam", "email": "sam@example.org", "password1": "short", "password2": ""},
    )
    assert "govuk-input--error" in _classes(page, "password1")
    assert "govuk-input--error" in _classes(page, "password2")
    assert "govuk-input--error" not in _classes(page, "email")


def test_account_pages_in_error_use_no_framework_wording(client, django_user_model):
    user = django_user_model.objects.create_user(email="pat@example.org", password="x" * 16)
    client.force_login(user)
    pages = [
        _error_page(client, "/accounts/password/change/", {}),
        _error_page(client, "/accounts/profile/details/", {"role": "astronaut"}),
    ]
    for page in pages:
        assert not any(default in page for default in DJANGO_DEFAULTS)
    assert "govuk-input--error" in _classes(pages[0], "oldpassword")


def test_a_field_drawn_outside_the_template_pack_keeps_its_own_look():
    """The admin draws its own widgets (and loads the site's styles): no GOV.UK classes there."""
    form = EveryWidgetForm(data=BAD, files={})
    form.is_valid()
    for name in ["password", "children", "colour", "notes"]:
        assert "govuk-" not in str(form[name])
