"""Demo organisations always load; demo accounts only in development (DEBUG=true)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.color import no_style

from accounts import demo
from accounts.models import Membership, Organisation, User
from config.management.commands.load_demo_data import LOADERS
from tests.accounts.journeys import sign_in

pytestmark = pytest.mark.django_db


def _load() -> None:
    demo.load(stdout=io.StringIO(), style=no_style())


def test_production_gets_the_organisations_but_no_demo_accounts():
    _load()
    assert Organisation.objects.count() == 9
    assert Organisation.objects.get(slug="warrington").verified
    assert not User.objects.exists()


def test_development_gets_every_demo_account_and_is_idempotent(settings, client):
    settings.DEBUG = True
    _load()
    _load()
    emails = set(User.objects.values_list("email", flat=True))
    assert emails == {
        "editor@example.org",
        "reviewer@example.org",
        "manager@example.org",
        "applicant@barking-dagenham.example.org",
        "applicant@warrington.example.org",
    }
    editor = User.objects.get(email="editor@example.org")
    assert editor.is_staff and editor.groups.filter(name="Evidence editors").exists()
    assert (
        User.objects.get(email="manager@example.org")
        .groups.filter(name="PINE programme managers")
        .exists()
    )
    applicant = User.objects.get(email="applicant@warrington.example.org")
    assert Membership.objects.get(user=applicant).organisation.slug == "warrington"
    assert (
        Membership.objects.get(
            user__email="applicant@barking-dagenham.example.org"
        ).organisation.slug
        == "barking-and-dagenham"
    )
    assert (
        sign_in(client, "applicant@warrington.example.org", "demo-password-123").status_code == 302
    )


def test_load_demo_data_command_loads_accounts_before_the_evidence_store():
    assert LOADERS.index("accounts.demo.load") < LOADERS.index("evidence_store.demo.load")
    call_command("load_demo_data", stdout=io.StringIO())
    assert Organisation.objects.filter(slug="barking-and-dagenham").exists()
