"""The header's links for the person looking: sign in, or their account and sign out; staff
also get the admin."""

import re

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _navigation(client, path: str = "/") -> list[tuple[str, str]]:
    html = client.get(path).content.decode()
    menu = html.split('<nav aria-label="Menu"')[1].split("</nav>")[0]
    links = re.findall(
        r'<a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>(.*?)</a>', menu, re.S
    )
    return [(href, re.sub(r"<[^>]+>", "", text).strip()) for href, text in links]


def test_signed_out_people_are_offered_sign_in_and_no_account_links(client):
    links = _navigation(client)
    assert ("/accounts/login/", "Sign in") in links
    hrefs = [href for href, _ in links]
    assert "/accounts/" not in hrefs and "/accounts/logout/" not in hrefs and "/admin/" not in hrefs


def test_signed_in_people_get_their_account_and_sign_out_but_not_the_admin(client, member):
    client.force_login(member)
    links = _navigation(client)
    assert links[-2:] == [("/accounts/", "Your account"), ("/accounts/logout/", "Sign out")]
    assert "/admin/" not in [href for href, _ in links]
    assert "Sign in" not in [text for _, text in links]


def test_staff_also_get_the_admin(client):
    client.force_login(UserFactory(is_staff=True))
    assert ("/admin/", "Admin") in _navigation(client)


def test_sign_out_in_the_header_opens_a_page_that_signs_out_only_by_post(client, member):
    client.force_login(member)
    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert '<form method="post" action="/accounts/logout/"' in page.content.decode()
    assert client.get("/accounts/").status_code == 200  # opening the page signed no one out
    client.post("/accounts/logout/")
    assert client.get("/accounts/").status_code == 302


def test_only_the_page_you_are_on_is_marked_current(client, member):
    client.force_login(member)
    html = client.get("/accounts/logout/").content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', html)
    assert current == ["/accounts/logout/"]
    html = client.get("/accounts/profile/").content.decode()
    assert re.findall(r'href="([^"]+)" aria-current="page"', html) == ["/accounts/"]
