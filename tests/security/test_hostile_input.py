"""Hostile input anywhere on the site: made-up addresses, and bodies of any kind posted to pages
that take none.

It also holds what the other test_hostile_* modules share: the values Hypothesis draws from and
the checks every response must pass (no server error, no markup reflected unescaped, no redirect
off the site, what was typed kept on an error page). Set HOSTILE_INPUT_SCALE=10 to try ten times
as many examples.
"""

import os
import re
import traceback
from contextlib import contextmanager
from functools import cache
from http.cookies import SimpleCookie
from urllib.parse import quote, urlsplit

import pytest
from django.core.cache import cache as django_cache
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# --- What Hypothesis draws from ----------------------------------------------------------------

settings.register_profile(
    "hostile-input",
    deadline=None,
    print_blob=True,
    report_multiple_bugs=False,  # stop at the first defect, rather than shrink them all
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SCALE = float(os.environ.get("HOSTILE_INPUT_SCALE", "1"))


def examples(count: int) -> settings:
    """The shared profile with `count` examples: sized so every module runs in seconds."""
    return settings(settings.get_profile("hostile-input"), max_examples=max(1, int(count * SCALE)))


# Markup that may reach a page only escaped; "hx" and a number make each one recognisable.
MARKUP = (
    "<script>{m}</script>",
    '"><img src=x onerror={m}>',
    "'><svg onload={m}>",
    "</textarea><b id={m}>",
    '" onfocus="{m}',
    "' onfocus='{m}",
)
RAW_MARKUP = re.compile(
    r"<script>hx\d+|<img src=x onerror=hx\d+|<svg onload=hx\d+|<b id=hx\d+"
    r"|\" onfocus=\"hx\d+|' onfocus='hx\d+"
)
UNICODE = (
    "\u202eevil\u202c",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "e\u0301\u0308\u20dd",  # combining marks
    "Z\u0334\u0321\u0349\u0344a\u0337",
    "\U0001f600\U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",  # astral, joined
    "\U0001d518\U0001d52b\U0001d526",  # astral letters
    "\ufeff\u200b\u2028\u2029",
    "İı ß ﬃ \u212a",  # case mappings that change length or script
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f\x9f",
    "\r\n\r\n",
    "\t",
    "１２３",  # full-width digits
    "٣٤",  # Arabic-Indic digits
)
SQL = (
    "' OR '1'='1",
    "'; DROP TABLE accounts_user; --",
    '" OR ""="',
    "1 UNION SELECT password FROM accounts_user--",
    "%",
    "_",
    "\\",
    "%' AND 1=1 --",
    "') OR ('a'='a",
    "1; SELECT pg_sleep(5)--",
    "$$",
    "::text",
    "-- ",
    "!:&|",
    '"unclosed',
    "a:* & !b",
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["-0", "1e309", "NaN", "inf", "-1", "0x10", "1_000", "2.5"]),
    st.integers(4301, 6000).map(lambda digits: "9" * digits),  # past int()'s digit limit
)
every_character = st.characters(exclude_categories=("Cs",))
marked_markup = st.builds(
    lambda template, n: template.format(m=f"hx{n}"), st.sampled_from(MARKUP), st.integers(0, 10**9)
)
long_text = st.builds(
    lambda unit, size: (unit * size)[:size],
    st.text(every_character, min_size=1, max_size=4),
    st.integers(201, 12_000),
)
piece = st.one_of(
    st.text(every_character, max_size=40),
    st.sampled_from(UNICODE + SQL),
    NUMBERS,
    marked_markup,
    long_text,
    st.sampled_from(["\x00", "a\x00", "\x00" * 3]),  # PostgreSQL refuses NUL in text
)
# One typed value: a few hostile pieces run together.
hostile_text = st.lists(piece, min_size=1, max_size=3).map("".join)
# A value that always carries markup, so that every example checks the escaping.
marked_text = st.tuples(hostile_text, marked_markup, hostile_text).map("".join)
# What a browser, or something pretending to be one, may send for one field.
field_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def typed(value) -> str | None:
    """The value a form field shows back: the last of repeated values, as Django reads them."""
    return value[-1] if isinstance(value, list) else value


def form(**fields: st.SearchStrategy) -> st.SearchStrategy:
    """POST data for a form whose realistic values `fields` draws: either every field missing,
    realistic or hostile on its own, or every field realistic but one, which is hostile or
    missing (the way to find a form that saves part of what it was sent)."""
    anything = st.one_of(field_value, marked_text)
    each_its_own = st.fixed_dictionaries(
        {}, optional={name: st.one_of(realistic, anything) for name, realistic in fields.items()}
    )
    one_spoilt = st.builds(
        _spoil,
        st.fixed_dictionaries(fields),
        st.sampled_from(sorted(fields)),
        st.one_of(st.none(), anything),
    )
    return st.one_of(each_its_own, one_spoilt)


def _spoil(data: dict, name: str, value) -> dict:
    data = dict(data)
    if value is None:
        del data[name]
    else:
        data[name] = value
    return data


# --- The checks every response must pass ---------------------------------------------------------


@cache
def _client() -> Client:
    # One client for the run: each new one would load the middleware, and rescan static files.
    return Client(raise_request_exception=False)


def hostile_client() -> Client:
    """A signed-out client that answers a view's exception with the 500 page, as production
    does, rather than raising it."""
    client = _client()
    client.cookies = SimpleCookie()
    return client


def signed_in(user) -> Client:
    """The hostile client, signed in as `user` (staff too, where two-factor is not required)."""
    client = hostile_client()
    client.force_login(user)
    return client


def body(response) -> str:
    """The response's text, after checking it is no server error and reflects no raw markup."""
    request = response.wsgi_request
    where = f"{request.method} {request.get_full_path()[:300]}"
    if response.exc_info:
        raised = "".join(traceback.format_exception(*response.exc_info))
        pytest.fail(f"{where} raised (the traceback's end):\n{raised[-3000:]}")
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    event(f"{request.method} answered {response.status_code}")  # see --hypothesis-show-statistics
    location = response.get("Location", "")
    if location:
        target = urlsplit(location)
        assert target.netloc in ("", "testserver") and not location.startswith(("//", "/\\")), (
            f"{where} redirected off the site, to {location[:200]}"
        )
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    if response.get("Content-Type", "").startswith("text/html"):
        raw = RAW_MARKUP.search(content)
        assert raw is None, f"{where} shows unescaped markup: {raw.group()!r}"
    return content


def html_kept(value: str) -> str:
    """How a value typed into a field appears on the page when it is kept: escaped."""
    return escape(value)


def assert_kept(page: str, data: dict, *names: str) -> None:
    """Rule 6: what was typed into these text fields is still in them on the error page."""
    for name in names:
        value = typed(data.get(name))
        if value:
            assert html_kept(value) in page, f"what was typed into {name} was not kept"


@contextmanager
def each_example():
    """Every example starts from the same database and with no throttling counts."""
    django_cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- Addresses and bodies anywhere on the site --------------------------------------------

PUBLIC_PATHS = (
    "/evidence/{}/",
    "/evidence/export/{}.csv",
    "/evidence/{}/resources/{}/",
    "/pine/calls/{}/",
    "/pine/partners/{}/",
    "/pine/evaluations/{}/",
    "/pine/evaluations/{}/report.pdf",
    "/pine/applications/new/?call={}",
    "/accounts/invitations/{}/",
    "/accounts/password/reset/key/{}/",
)


@examples(25)
@given(template=st.sampled_from(PUBLIC_PATHS), segment=st.one_of(hostile_text, marked_text))
def test_addresses_with_hostile_segments_are_not_found_not_errors(template, segment):
    url = template.format(*[quote(segment, safe="")] * template.count("{}"))
    with each_example():
        response = hostile_client().get(url)
        body(response)
    assert response.status_code in (200, 302, 400, 404, 410)


CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/json",
        "text/plain; charset=utf-16",
    ]
)


@examples(20)
@given(
    path=st.sampled_from(["/evidence/", "/evidence/compare/", "/evidence/export/studies.csv"]),
    content_type=CONTENT_TYPES,
    payload=st.binary(max_size=300),
)
def test_pages_that_take_no_form_refuse_posts_of_any_body(path, content_type, payload):
    with each_example():
        response = hostile_client().generic("POST", path, payload, content_type=content_type)
        body(response)
    assert response.status_code == 405


@examples(25)
@given(
    path=st.sampled_from(["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]),
    content_type=CONTENT_TYPES,
    payload=st.one_of(
        st.binary(max_size=300),
        st.builds(lambda text: text.encode(), hostile_text),
        st.just(b'--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n\xff\xfe\r\n--x--'),
    ),
)
def test_forms_answer_bodies_of_any_kind_without_an_error(path, content_type, payload):
    with each_example():
        response = hostile_client().generic("POST", path, payload, content_type=content_type)
        body(response)
    assert response.status_code in (200, 302, 400)
