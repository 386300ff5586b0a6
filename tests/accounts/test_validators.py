"""Names people choose hold no web or email address, since the service repeats them to others."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation, User
from accounts.validators import validate_no_address
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in

SPOOFS = [
    "Your account is suspended - verify now at https://evil.example/login",  # as found
    "Verify at evil.example/login",
    "Visit www.evil",
    "Write to help@evil.example",
    "Sam (sam@evil.example)",
    "HTTPS://EVIL.EXAMPLE",
    "javascript:/alert(1)",
    "Go to ｅｖｉｌ．ｅｘａｍｐｌｅ",  # full-width letters and full stop
    "Go to evil。example",  # an ideographic full stop
    "bit.ly",
]
NAMES = [
    "Barking and Dagenham",
    "Royal Borough of Greenwich",
    "St. Helens Council",
    "A.B.C. Family Trust",
    "Children's Services (North) & Partners",
    "Renée O'Brien-Smith",
    "Dr. Priya Shah",
    "Web 3.0 Youth Project",
    "Sam Jones",
]


@pytest.mark.parametrize("name", SPOOFS)
def test_names_holding_a_web_or_email_address_are_refused(name):
    with pytest.raises(ValidationError, match="without a web address or email address"):
        validate_no_address(name)


@pytest.mark.parametrize("name", NAMES)
def test_real_names_are_accepted(name):
    validate_no_address(name)


@pytest.mark.django_db
def test_every_place_a_name_is_typed_refuses_an_address(client):
    spoof = SPOOFS[0]
    data = {
        "full_name": spoof,
        "email": "new@example.org",
        "password1": "lantern-orchard-velvet-93",
    }
    page = client.post("/accounts/signup/", {**data, "password2": data["password1"]})
    assert page.status_code == 200 and "without a web address" in page.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()

    UserFactory(email="sam@example.org", full_name="Sam Jones")
    sign_in(client, "sam@example.org")
    page = client.post("/accounts/profile/details/", {"full_name": spoof, "job_title": ""})
    assert "without a web address" in page.content.decode()
    assert User.objects.get(email="sam@example.org").full_name == "Sam Jones"

    page = client.post(
        "/accounts/organisation/new/",
        {"name": spoof, "kind": "local_authority", "region": "london"},
    )
    assert "without a web address" in page.content.decode()
    assert not Organisation.objects.exists()

    # The admin's forms run the model's validators too.
    with pytest.raises(ValidationError):
        Organisation(name=spoof, slug="x", kind="local_authority", region="london").full_clean()
