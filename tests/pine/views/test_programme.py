"""The public programme page and call pages."""

from datetime import date

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


def test_call_page_is_a_start_page_with_what_you_need_and_what_happens_after(client):
    call = CallFactory()
    page = client.get(call.get_absolute_url()).content.decode()
    for heading in [
        "Who can apply",
        "What we are looking for",
        "Before you start",
        "How long it takes",
        "What happens after you apply",
    ]:
        assert f">{heading}</h2>" in page, heading
    assert "govuk-button--start" in page and "Start now" in page
    assert "The application has 7 sections." in page


def test_call_without_its_own_priorities_shows_the_programmes(client):
    call = CallFactory()
    page = client.get(call.get_absolute_url()).content.decode().replace("&#x27;", "'")
    assert "Priorities for this call" not in page
    assert all(p.name in page for p in Priority.objects.all())


def test_call_page_links_sign_in_and_create_an_account_back_to_the_call(client):
    call = CallFactory(slug="spring-2027")
    page = client.get(call.get_absolute_url()).content.decode()
    back = "next=%2Fpine%2Fcalls%2Fspring-2027%2F"
    assert f'<a class="govuk-link" href="/accounts/login/?{back}">Sign in</a>' in page
    assert f'<a class="govuk-link" href="/accounts/signup/?{back}">create an account</a>' in page


def test_signed_in_people_are_not_asked_to_sign_in_and_see_their_applications_to_the_call(
    client, application, applicant
):
    client.force_login(applicant)
    page = client.get(application.call.get_absolute_url()).content.decode()
    assert "/accounts/login/" not in page and "/accounts/signup/" not in page
    assert f'href="{application.get_absolute_url()}"' in page


def test_closed_call_page_leads_to_the_open_calls(client):
    page = client.get(ClosedCallFactory().get_absolute_url()).content.decode()
    assert 'href="/pine/#open-calls"' in page and "Start now" not in page


def test_programme_page_leads_signed_in_people_to_their_applications(client, applicant):
    assert "/pine/applications/" not in client.get("/pine/").content.decode()
    client.force_login(applicant)
    assert 'href="/pine/applications/"' in client.get("/pine/").content.decode()


def test_call_page_gives_the_decision_date_only_when_the_call_sets_one(client):
    call = CallFactory()
    assert "tell you our decision by" not in client.get(call.get_absolute_url()).content.decode()
    call.decisions_by = date(2027, 3, 31)
    call.save()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "We aim to tell you our decision by 31 March 2027." in page
