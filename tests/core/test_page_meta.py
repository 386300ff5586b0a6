"""Every public page describes itself for search engines and link previews, on SITE_URL."""

import io
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.template import Context, Engine
from django.test import RequestFactory

from core.templatetags.page_meta import DEFAULT_DESCRIPTION
from evidence_store.models import Intervention
from pine.models import Call, EvaluationReport, Project

SITE = "https://evidence.example.org"


class _Head(HTMLParser):
    """The <meta> and <link rel=canonical> tags of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs["property"]
            self.meta.setdefault(key, []).append(attrs.get("content") or "")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs.get("href") or "")


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


@pytest.fixture
def demo(db, settings):
    settings.SITE_URL = SITE
    call_command("load_demo_data", stdout=io.StringIO())


def _public_paths() -> list[str]:
    intervention = Intervention.objects.published().first()
    project = Project.objects.filter(organisation__isnull=False).first()
    report = EvaluationReport.objects.filter(published_on__isnull=False).first()
    return [
        "/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        "/evidence/",
        "/evidence/?topic=parenting",
        intervention.get_absolute_url(),
        "/evidence/compare/",
        "/evidence/compare/?i=kinship-care&i=mellow-parenting",
        "/evidence/ratings/",
        "/evidence/data/",
        "/pine/",
        Call.objects.first().get_absolute_url(),
        "/pine/partners/",
        project.get_public_url(),
        "/pine/evaluations/",
        report.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
        "/no-such-page/",
    ]


def test_every_public_page_has_a_description_open_graph_tags_and_one_canonical_link(
    client, demo, settings
):
    # A host the service answers on (say, an internal name) that is not its address.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "internal.example"]
    for path in _public_paths():
        response = client.get(path, HTTP_HOST="internal.example")
        assert response.status_code in (200, 404), path
        tags = head(response.content.decode())
        for key in ["description", "og:title", "og:description", "og:type", "og:site_name"]:
            assert len(tags.meta.get(key, [])) == 1 and tags.meta[key][0].strip(), (path, key)
        assert tags.meta["og:description"] == tags.meta["description"], path
        # The query is a variant of the page, and the Host header is whoever asked.
        expected = SITE + path.split("?")[0]
        assert tags.meta["og:url"] == [expected], path
        assert tags.canonical == [expected], path


def test_pages_with_their_own_description_do_not_fall_back_to_the_default(client, demo):
    for path in ["/", "/pine/", "/pine/partners/", "/evidence/ratings/", "/accounts/login/"]:
        tags = head(client.get(path).content.decode())
        assert tags.meta["description"] != [DEFAULT_DESCRIPTION], path


def test_open_graph_title_is_the_page_title_without_the_site_name(client, demo):
    tags = head(client.get("/pine/partners/").content.decode())
    assert tags.meta["og:title"] == ["PINE partners"]


def _engine(templates: dict[str, str]) -> Engine:
    return Engine(
        # The inclusion tag's own template comes from the project's templates.
        dirs=[str(django_settings.BASE_DIR / "templates")],
        loaders=[
            ("django.template.loaders.locmem.Loader", templates),
            "django.template.loaders.filesystem.Loader",
        ],
        libraries={"page_meta": "core.templatetags.page_meta"},
    )


def _render(source: str, parent: str, request=None) -> str:
    page = _engine({"page.html": source, "base": parent}).get_template("page.html")
    return page.render(Context({"request": request}))


PARENT = (
    "{% load page_meta %}<title>{% block title %}{% endblock %}</title>{% page_meta %}"
    "<body>{% block content %}{% endblock %}</body>"
)


def test_a_childs_description_is_plain_text_escaped_once(settings):
    settings.SITE_URL = SITE
    request = RequestFactory().get("/a/path/?q=1", HTTP_HOST="attacker.example")
    html = _render(
        '{% extends "base" %}{% block title %}A <em>page</em>{% endblock %}'
        '{% block description %}Says "hello" &amp; <strong>waves</strong>\n  twice.'
        "{% endblock %}",
        PARENT,
        request,
    )
    tags = head(html)
    assert tags.meta["description"] == ['Says "hello" & waves twice.']
    assert 'content="Says &quot;hello&quot; &amp; waves twice."' in html
    assert tags.meta["og:title"] == ["A page"]
    assert tags.meta["og:url"] == [f"{SITE}/a/path/"] and tags.canonical == [f"{SITE}/a/path/"]
    # The description is only in the head: the block is not a visible part of the page.
    assert "waves" not in html.split("<body>")[1]


def test_blocks_are_read_through_every_level_of_extends_with_block_super(settings):
    settings.SITE_URL = SITE
    middle = (
        '{% extends "base" %}{% block title %}Section: {% block head_title %}{% endblock %}'
        "{% endblock %}{% block description %}About the section.{% endblock %}"
    )
    page = (
        '{% extends "middle" %}{% block head_title %}Sign in{% endblock %}'
        "{% block description %}{{ block.super }} Sign in here.{% endblock %}"
    )
    engine = _engine({"page.html": page, "middle": middle, "base": PARENT})
    html = engine.get_template("page.html").render(Context({}))
    tags = head(html)
    assert tags.meta["og:title"] == ["Section: Sign in"]
    assert tags.meta["description"] == ["About the section. Sign in here."]
    assert "<title>Section: Sign in</title>" in html


def test_a_page_without_a_description_gets_the_default_and_no_request_no_address():
    tags = head(_render('{% extends "base" %}{% block title %}Plain{% endblock %}', PARENT))
    assert tags.meta["description"] == [DEFAULT_DESCRIPTION]
    assert tags.meta["og:description"] == [DEFAULT_DESCRIPTION]
    assert "og:url" not in tags.meta and tags.canonical == []


def test_the_500_page_rendered_without_a_request_still_describes_itself(client):
    from django.template import loader

    tags = head(loader.get_template("500.html").render({"contact_email": "x@example.org"}))
    assert tags.meta["description"] == ["There is a problem with the service."]
    assert tags.canonical == []
