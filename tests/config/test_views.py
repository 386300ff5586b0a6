"""Project-wide pages: start page, statements, health check and error pages."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "accessibility", "privacy", "cookies"])
def test_public_page_renders_inside_the_site_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="main-content"' in html
    assert "govuk-skip-link" in html
    assert "GDS Transport" not in html


def test_home_page_routes_to_the_evidence_store_and_pine(client):
    html = client.get("/").content.decode()
    assert 'href="/evidence/"' in html
    assert 'href="/pine/"' in html


def test_healthz_answers_after_a_database_round_trip_without_a_session(client):
    with mock.patch("config.views.connection") as connection:
        connection.cursor.return_value.__enter__.return_value.fetchone.return_value = (1,)
        response = client.get("/healthz")
    assert response.status_code == 200
    connection.cursor.return_value.__enter__.return_value.execute.assert_called_once_with(
        "SELECT 1"
    )
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]


def test_healthz_really_queries_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


def test_healthz_reports_503_when_the_database_is_down(client):
    with mock.patch("config.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_unknown_url_gets_the_branded_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'id="main-content"' in html


def test_csrf_failure_gets_a_page_that_says_what_to_do(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="main-content"' in html
    assert "Refresh the page" in html
    assert "allows cookies" in html


def test_server_error_handler_shows_the_contact_address_without_touching_the_database(
    rf, django_assert_num_queries
):
    from config.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/broken/"))
    assert response.status_code == 500
    assert "mailto:info@evidence.example.org" in response.content.decode()


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html


def test_a_page_whose_database_is_unreachable_answers_503_and_asks_to_retry(
    client, django_assert_num_queries
):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch(
        "evidence_store.views.listing.filter_interventions",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/evidence/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_other_errors_still_answer_500(client):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch(
        "evidence_store.views.listing.filter_interventions", side_effect=ValueError("a bug")
    ):
        response = client.get("/evidence/")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    "path",
    ["/evidence/?q=a%00b", "/admin/pine/application/?status=%00", "/pine/?x%00=1", "/?a=1&b=%00"],
)
def test_a_nul_character_in_the_query_string_is_a_bad_request(client, path):
    from django.test import Client

    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 400
    assert 'id="main-content"' in response.content.decode()
