"""Each section is saved on its own: save for later, mark as complete, and concurrent edits."""

import pytest
from django import forms

from pine.models import SectionAnswer
from pine.sections import BY_SLUG, SECTIONS
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(application):
    return f"/pine/applications/{application.reference}/theory-of-change/"


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def test_save_for_later_keeps_a_partial_answer(signed_in, url):
    response = signed_in.post(url, {"version": "0", "action": "save", "outcomes": "Safer homes"})
    assert response.status_code == 302
    row = SectionAnswer.objects.get()
    assert (row.answers, row.progress) == ({"outcomes": "Safer homes"}, "in_progress")


def test_completing_with_a_missing_answer_shows_the_error_and_keeps_the_input(signed_in, url):
    response = signed_in.post(
        url, {"version": "0", "action": "complete", "outcomes": "Safer homes"}
    )
    page = response.content.decode()
    assert page.count("<title>Error: ") == 1
    assert 'href="#id_activities"' in page
    assert "Safer homes" in page
    assert not SectionAnswer.objects.exists()


def test_a_section_is_saved_even_when_other_sections_are_incomplete(signed_in, url):
    signed_in.post(url, {"version": "0", "action": "complete", "outcomes": "A", "activities": "B"})
    assert SectionAnswer.objects.get().progress == "completed"


def test_second_save_from_the_same_version_shows_a_conflict_and_both_versions(signed_in, url):
    signed_in.post(url, {"version": "0", "action": "save", "outcomes": "First person's words"})
    response = signed_in.post(
        url, {"version": "0", "action": "save", "outcomes": "Second person's words"}
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert "Someone else changed this section" in page
    assert "First person's words" in page and "Second person's words" in page
    assert 'name="version" value="1"' in page
    assert SectionAnswer.objects.get().answers == {"outcomes": "First person's words"}


def test_tampered_version_is_treated_as_a_conflict_not_a_500(signed_in, url):
    signed_in.post(url, {"version": "0", "action": "save", "outcomes": "Kept"})
    response = signed_in.post(url, {"version": "abc", "action": "save", "outcomes": "Lost?"})
    assert response.status_code == 200
    assert SectionAnswer.objects.get().answers == {"outcomes": "Kept"}


def test_bad_number_is_an_error_not_a_500(signed_in, application):
    url = f"/pine/applications/{application.reference}/the-practice/"
    response = signed_in.post(
        url, {"version": "0", "action": "save", "reach": "lots", "priorities": ["nope"]}
    )
    page = response.content.decode()
    assert "Enter the number of children and families as a whole number" in page
    assert "Select priorities from the list." in page


def test_unknown_section_gives_404(signed_in, application):
    assert (
        signed_in.get(f"/pine/applications/{application.reference}/no-such-section/").status_code
        == 404
    )


def test_submitted_application_sections_cannot_be_changed(signed_in, applicant):
    application = ApplicationFactory(
        status=Status.SUBMITTED, organisation=applicant.memberships.get().organisation
    )
    response = signed_in.post(
        f"/pine/applications/{application.reference}/theory-of-change/",
        {"version": "0", "action": "save", "outcomes": "x"},
    )
    assert response.status_code == 302
    assert not SectionAnswer.objects.exists()


@pytest.mark.parametrize("typed, kept", [("120", 120), ("  150 ", 150), ("1,500", 1500)])
def test_reach_takes_a_whole_number_as_people_write_it(signed_in, application, typed, kept):
    url = f"/pine/applications/{application.reference}/the-practice/"
    response = signed_in.post(url, {"version": "0", "action": "save", "reach": typed})
    assert response.status_code == 302
    assert SectionAnswer.objects.get().answers["reach"] == kept


@pytest.mark.parametrize("typed", ["About 150", "1,50", "12.5", "-3"])
def test_reach_that_is_not_a_whole_number_gets_a_clear_error(signed_in, application, typed):
    url = f"/pine/applications/{application.reference}/the-practice/"
    response = signed_in.post(url, {"version": "0", "action": "save", "reach": typed})
    page = response.content.decode()
    assert (
        "Enter the number of children and families as a whole number, like 120." in page
        or "The number of children and families must be 0 or more." in page
    )
    assert not SectionAnswer.objects.exists()


def test_reach_hint_comes_before_the_box(signed_in, application):
    page = signed_in.get(f"/pine/applications/{application.reference}/the-practice/")
    html = page.content.decode()
    hint = html.index("A whole number, for example 120.")
    assert html.index("About how many children") < hint < html.index('name="reach"')
    assert 'aria-describedby="id_reach_hint"' in html


# Django's own wording, which no error on these pages should use.
FRAMEWORK_WORDING = [
    "Select a valid choice",
    "is not one of the available choices",
    "Enter a whole number",
    "Enter a list of values",
    "Ensure this value",
    "This field is required",
    "Enter a valid email address",
]


@pytest.mark.parametrize("section", [s.slug for s in SECTIONS])
def test_every_error_on_every_section_is_in_plain_words_with_a_full_stop(
    signed_in, application, section
):
    form = BY_SLUG[section].form()
    data = {"version": "0", "action": "complete"}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            data[name] = ["x"]
        elif isinstance(field, forms.ChoiceField):
            data[name] = "x"
        elif isinstance(field, forms.IntegerField):
            data[name] = "lots"
        elif isinstance(field, forms.EmailField):
            data[name] = "x" * 250 + "@example.org"
        elif not isinstance(field, forms.BooleanField):
            data[name] = "x" * (field.max_length + 1)
    response = signed_in.post(f"/pine/applications/{application.reference}/{section}/", data)
    bound = response.context["form"]
    messages = [message for errors in bound.errors.values() for message in errors]
    assert len(bound.errors) == len(form.fields), bound.errors
    for message in messages:
        assert message.endswith("."), message
        assert not any(wording in message for wording in FRAMEWORK_WORDING), message
