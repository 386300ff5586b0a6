"""Requesting every route as the person who gets its real page, and keeping each answer."""

from dataclasses import dataclass
from http.cookies import Morsel

from django.conf import settings
from django.test import Client

from tests.accounts.factories import PASSWORD
from tests.accounts.journeys import current_code
from tests.security.header_routes import ROUTES
from tests.security.header_routes_admin import admin_model_routes, admin_model_visits
from tests.security.header_visits import (
    ANONYMOUS,
    APPLICANT,
    PAGE,
    PASSWORDLESS,
    SIGNING_IN,
    STAFF,
    TWO_FACTOR,
    Visit,
    World,
)


@dataclass
class Answer:
    """What one visit got back, kept after the database has been rolled back."""

    key: str
    visit: Visit
    path: str
    status: int
    expected_status: int
    headers: dict
    body: str
    signed_in: bool
    had_session: bool  # the browser sent a session cookie (an anonymous one, part-way through)
    set_cookies: list[str]  # the names of the cookies the response set


@dataclass
class Crawl:
    """Every answer, and every cookie any response set."""

    answers: list[Answer]
    cookies: list[tuple[str, Morsel]]  # (the path that set it, the cookie)


class _Browsers:
    """One test client per person, recording every cookie that any response sets."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients = {role: Client() for role in (ANONYMOUS, *world.people, SIGNING_IN)}
        self.cookies: list[tuple[str, Morsel]] = []

    def request(self, role: str, method: str, path: str, data=None, follow=False):
        response = getattr(self.clients[role], method)(path, data=data, secure=True, follow=follow)
        self.cookies.extend((path, morsel) for morsel in response.cookies.values())
        return response

    def sign_everyone_in(self) -> None:
        """Sign in through the real pages, then confirm the password as two-factor settings ask."""
        people = self.world.people
        password = {"password": PASSWORD}
        for role in (APPLICANT, TWO_FACTOR, SIGNING_IN):
            person = people[TWO_FACTOR] if role == SIGNING_IN else people[role]
            response = self.request(
                role, "post", "/accounts/login/", {"login": person.email, **password}
            )
            assert response.status_code == 302, (role, response.status_code)
        code = {"code": current_code(people[TWO_FACTOR])}
        response = self.request(TWO_FACTOR, "post", "/accounts/2fa/authenticate/", code)
        assert response.status_code == 302, response
        for role in (APPLICANT, TWO_FACTOR):
            response = self.request(role, "post", "/accounts/reauthenticate/", password)
            assert response.status_code == 302, (role, response.status_code)
        self.clients[PASSWORDLESS].force_login(people[PASSWORDLESS])
        self.clients[STAFF].force_login(people[STAFF])


def _all_visits(staff) -> list[tuple[str, Visit]]:
    visits = [(key, visit) for key, entries in ROUTES.items() for visit in entries]
    for key, (model, view) in admin_model_routes().items():
        visits.extend((key, visit) for visit in admin_model_visits(model, view, staff))
    return visits


def _visit(browsers: _Browsers, key: str, visit: Visit) -> Answer:
    world = browsers.world
    path = visit.path(world)
    expected_status = visit.status(world) if callable(visit.status) else visit.status
    data = visit.data(world) if visit.data else None
    had_session = settings.SESSION_COOKIE_NAME in browsers.clients[visit.role].cookies
    response = browsers.request(visit.role, visit.method, path, data, visit.follow)
    # Reading a streamed body to its end closes it, as the test client closes other responses;
    # closing again would end the database connection inside the crawl's transaction.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Answer(
        key=key,
        visit=visit,
        path=path,
        status=response.status_code,
        expected_status=expected_status,
        headers=dict(response.headers),
        body=body.decode(errors="replace") if visit.kind == PAGE else "",
        signed_in=visit.role != ANONYMOUS,
        had_session=had_session,
        set_cookies=sorted(response.cookies),
    )
