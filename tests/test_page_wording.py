"""Every page speaks in the service's own words: no placeholder names, none of Django's default
validation wording, and no empty label or legend, before and after each form is sent.

The pages are the authorisation matrix's (tests/security/): each GET row is requested, in the
matrix's world, as the first person in the matrix's order who gets the page itself (200), so
public pages are seen signed out, applicants' pages by a member and the admin by staff. Every
form on a page is then sent as that person, once empty and once with bad values. Each request
runs in a savepoint that is rolled back.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.security.matrix_fixtures import ROLES, World
from tests.security.matrix_requests import body
from tests.security.test_access_matrix import (  # noqa: F401 - fixtures, used by name
    GET_ROWS,
    _private_storage_in_a_temporary_directory,
    world,
)

pytestmark = pytest.mark.django_db

PLACEHOLDERS = ["[invalid name]"]
# Django's own wording, which core/forms.py replaces with GOV.UK's ("Enter your email address").
DJANGO_DEFAULTS = [
    "This field is required.",
    "Select a valid choice",
    "is not one of the available choices",
    "Enter a valid",
    "Ensure this value",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a list of values.",
    "No file was submitted",
    "The submitted file is empty.",
    "Upload a valid image",
]


@dataclass
class Form:
    method: str
    action: str
    # (name, kind, value): kind is the input's type, "select" or "textarea"; value as sent.
    fields: list[tuple[str, str, str]] = field(default_factory=list)

    def empty(self) -> dict:
        """What a person sends without answering: the hidden fields and the first button."""
        data: dict[str, list] = {}
        button = next((f for f in self.fields if f[1] in {"submit", "button"}), None)
        for name, kind, value in self.fields:
            if kind == "hidden" or (name, kind, value) == button:
                data.setdefault(name, []).append(value)
        return data

    def bad(self) -> dict:
        """Every question answered wrongly: not a choice, not a number, not a date, not a file."""
        data = self.empty()
        for name, kind, _ in self.fields:
            if kind in {"hidden", "submit", "button", "reset", "image"}:
                continue
            kind = kind.removesuffix("-unchecked")
            data[name] = [_bad_value(kind)]
        return data


def _bad_value(kind: str):
    if kind == "file":
        return SimpleUploadedFile("notes.pdf", b"MZ not a document", "application/pdf")
    # Text is not made too long: a browser stops a person typing past a box's maxlength.
    return {
        "select": "not-a-choice",
        "radio": "not-a-choice",
        "checkbox": "not-a-choice",
        "number": "twelve",
        "numeric": "twelve",
        "email": "not-an-email-address",
        "url": "not a web address",
        "date": "the thirty-first",
        "datetime-local": "tomorrow",
        "time": "noon",
        "password": "x",
    }.get(kind, "x")


class _Page(HTMLParser):
    """The page's visible text, each label and legend's text, and its forms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.empty: list[str] = []  # "<label for=...>" of each label or legend with no text
        self.forms: list[Form] = []
        self._open: list[tuple[str, str, list[str]]] = []  # (tag, start tag, text) of each
        self._skip = 0  # inside <script>, <style> or <template>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in {"script", "style", "template"}:
            self._skip += 1
        elif tag in {"label", "legend"}:
            self._open.append((tag, self.get_starttag_text() or tag, []))
        elif tag == "img" and a.get("alt", "").strip():
            for _, _, words in self._open:
                words.append(a["alt"])  # an image's alternative text names the label
        elif tag == "form":
            self.forms.append(Form(a.get("method", "get").lower(), a.get("action", "")))
        if not self.forms or tag not in {"input", "select", "textarea", "button", "option"}:
            return
        form, name = self.forms[-1], a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if a.get("inputmode") == "numeric" and kind == "text":
                kind = "numeric"
            if kind in {"checkbox", "radio"} and "checked" not in a:
                form.fields.append((name, f"{kind}-unchecked", a.get("value", "on")))
                return
            form.fields.append((name, kind, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit") == "submit":
            form.fields.append((name, "submit", a.get("value", "")))
        elif tag == "select" and name:
            form.fields.append((name, "select", ""))
        elif tag == "textarea" and name:
            form.fields.append((name, "textarea", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"}:
            self._skip = max(0, self._skip - 1)
        elif any(open_tag == tag for open_tag, _, _ in self._open):
            # Close it, and any label or legend left open inside it.
            while True:
                open_tag, start, words = self._open.pop()
                if not "".join(words).strip():
                    self.empty.append(start)
                if open_tag == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for _, _, words in self._open:
            words.append(data)


def read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@dataclass
class Rendered:
    what: str  # how the page was reached, to find it again
    page: _Page


@dataclass
class Crawl:
    pages: list[Rendered]
    crashes: list[str]  # how each request that raised was made, and what it raised
    forms_sent: set[tuple] = field(default_factory=set)


def _send(matrix: World, role: str, method: str, path: str, data: dict | None = None):
    """The response's HTML, or None for a redirect or a download; nothing is kept."""
    cache.clear()  # sign-in throttles count the bad answers sent here
    with transaction.atomic():
        client = matrix.client(role)
        response = client.get(path) if method == "get" else client.post(path, data or {})
        content = body(response)
        transaction.set_rollback(True)
    if response.status_code == 302 or "text/html" not in response.get("Content-Type", ""):
        return None
    return content.decode()


def _first_with_the_page(row) -> str | None:
    return next((role for role in ROLES if row.expected[role] == "200"), None)


def _sent_forms(matrix: World, role: str, path: str, page: _Page, crawl: Crawl) -> None:
    """Each form on the page sent empty and with bad values, and the pages that come back.

    A form met before (the same action and questions, such as "Sign out" on every page) is
    sent once.
    """
    for form in page.forms:
        action = urljoin(path, form.action) if form.action else path
        if urlsplit(action).netloc:
            continue  # another site's form
        seen = (role, form.method, action, tuple(name for name, _, _ in form.fields))
        if seen in crawl.forms_sent:
            continue
        crawl.forms_sent.add(seen)
        states = {"empty": form.empty(), "bad values": form.bad()}
        if form.method == "get" or states["bad values"] == states["empty"]:
            # A search sent empty is the page itself; a form of buttons has nothing to get wrong.
            del states["empty" if form.method == "get" else "bad values"]
        for state, data in states.items():
            what = f"{form.method.upper()} {action} ({state}) as {role}, form on {path}"
            try:
                if form.method == "get":
                    sent = {k: v for k, v in data.items() if not hasattr(v[0], "read")}
                    query = urlencode(sent, doseq=True)
                    html = _send(matrix, role, "get", f"{urlsplit(action).path}?{query}")
                else:
                    html = _send(matrix, role, "post", action, data)
            except Exception as error:  # a 500: reported by its own test
                crawl.crashes.append(f"  {what}: {type(error).__name__}: {error}")
                continue
            if html is not None:
                crawl.pages.append(Rendered(what, read(html)))


@pytest.fixture(scope="module")
def crawl(world) -> Crawl:  # noqa: F811 - the matrix's fixture, imported above
    """Every page of the matrix as its first reader gets it, and after each form is sent."""
    crawl = Crawl(pages=[], crashes=[])
    for row in GET_ROWS:
        role = _first_with_the_page(row)
        if role is None:
            continue
        path = row.path.format(**world.values)
        html = _send(world, role, "get", path)
        if html is None:
            continue
        page = read(html)
        crawl.pages.append(Rendered(f"GET {path} as {role}", page))
        _sent_forms(world, role, path, page, crawl)
    return crawl


def _text(page: _Page) -> str:
    return " ".join(" ".join(page.text).split())


def _found(pages: list[Rendered], phrases: list[str]) -> list[str]:
    """One line for each page that shows any of the phrases: which, and where the first is."""
    wrong = []
    for item in pages:
        text = _text(item.page)
        shown = [phrase for phrase in phrases if phrase in text]
        if shown:
            at = text.find(shown[0])
            wrong.append(f"  {item.what}: {shown}, in {text[max(0, at - 40) : at + 100]!r}")
    return wrong


def test_the_pages_and_their_error_states_were_all_rendered(crawl):
    """The crawl itself: public, applicant and staff pages, and forms sent back with errors."""
    readers = {item.what.split(" as ")[1].split(",")[0] for item in crawl.pages}
    assert {"anon", "memA", "edit", "rev"} <= readers
    assert len(crawl.pages) > 150
    sent = [item for item in crawl.pages if "(bad values)" in item.what]
    assert any("There is a problem" in _text(item.page) for item in sent)


def test_no_page_shows_a_placeholder_name(crawl):
    wrong = _found(crawl.pages, PLACEHOLDERS)
    assert not wrong, "Placeholder names shown:\n" + "\n".join(wrong)


def test_no_page_shows_djangos_default_validation_wording(crawl):
    wrong = _found(crawl.pages, DJANGO_DEFAULTS)
    assert not wrong, "Django's default wording (core/forms.py has ours):\n" + "\n".join(wrong)


def test_every_label_and_legend_has_text(crawl):
    wrong = [f"  {item.what}: {start}" for item in crawl.pages for start in item.page.empty]
    assert not wrong, "Labels and legends with no text:\n" + "\n".join(wrong)


def test_no_form_sent_empty_or_with_bad_values_gives_a_server_error(crawl):
    assert not crawl.crashes, "Requests that raised:\n" + "\n".join(crawl.crashes)


def test_the_checks_catch_what_they_look_for():
    page = read(
        '<form method="post"><legend> <span class="govuk-visually-hidden"></span></legend>'
        '<label for="a"><span class="govuk-visually-hidden">Search</span></label>'
        '<label for="b"><img src="s.svg" alt="Search"></label><label for="c"> </label>'
        '<input type="hidden" name="version" value="3"><select name="o"></select>'
        '<input name="q"><button name="action" value="save">Save</button></form>'
        "<p>Select a valid choice. [invalid name] is not one of the available choices.</p>"
        "<script>var ignored = 'This field is required.';</script>"
    )
    assert page.empty == ["<legend>", '<label for="c">']
    rendered = [Rendered("test", page)]
    assert len(_found(rendered, PLACEHOLDERS)) == 1
    assert (
        "'Select a valid choice', 'is not one of the available choices'"
        in (_found(rendered, DJANGO_DEFAULTS)[0])
    )
    assert page.forms[0].empty() == {"version": ["3"], "action": ["save"]}
    assert page.forms[0].bad() == {
        "version": ["3"],
        "action": ["save"],
        "o": ["not-a-choice"],
        "q": ["x"],
    }
