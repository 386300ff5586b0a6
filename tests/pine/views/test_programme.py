"""The public programme page and call pages."""

import pytest

from pine.models import Priority
from tests.pine.factories import CallFactory, ClosedCallFactory

pytestmark = pytest.mark.django_db


def test_programme_page_lists_priorities_and_only_open_calls(client):
    open_call = CallFactory(title="Spring call")
    ClosedCallFactory(title="Old call")
    response = client.get("/pine/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Spring call" in page and "Old call" not in page
    assert all(p.name in page.replace("&#x27;", "'") for p in Priority.objects.all())
    assert open_call.get_absolute_url() in page


def test_call_page_shows_its_dates_and_priorities_and_offers_to_apply(client):
    call = CallFactory()
    call.priorities.set(Priority.objects.filter(slug="domestic-abuse"))
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Domestic abuse" in page
    assert f"/pine/applications/new/?call={call.slug}" in page


def test_closed_call_page_offers_no_application(client):
    call = ClosedCallFactory()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Closed" in page and "/pine/applications/new/" not in page


def test_unknown_call_gives_404(client):
    assert client.get("/pine/calls/no-such-call/").status_code == 404
