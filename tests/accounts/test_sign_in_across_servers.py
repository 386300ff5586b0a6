"""Servers that share Redis share the sign-in throttle and the record of used security codes:
a guesser who is sent to each server in turn gets the limit once, not once per server."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.accounts.factories import UserFactory
from tests.accounts.journeys import current_code, sign_in

pytestmark = pytest.mark.django_db


def test_failed_sign_ins_on_two_servers_add_up_to_one_limit(client, member, two_servers):
    for attempt in range(5):
        caches["default"] = two_servers[attempt % 2]
        response = sign_in(client, "sam@example.org", "wrong", REMOTE_ADDR=f"10.2.0.{attempt}")
        assert response.status_code == 200
    for server in two_servers:
        caches["default"] = server
        assert sign_in(client, "sam@example.org", REMOTE_ADDR="10.2.0.99").status_code == 429


def test_a_security_code_used_on_one_server_is_refused_on_the_other(two_servers):
    person = UserFactory(email="twofa@example.org", totp=True)
    code = current_code(person)
    first, second = Client(), Client()
    caches["default"] = two_servers[0]
    sign_in(first, "twofa@example.org")
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    caches["default"] = two_servers[1]
    sign_in(second, "twofa@example.org")
    response = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert "The code is not correct" in response.content.decode()
    assert second.get("/accounts/profile/").status_code == 302
