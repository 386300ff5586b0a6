"""Markdown becomes safe HTML; a link that leaves the site says so in full."""

import pytest

from core.markdown import render_markdown


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("[x](//evil.example/login)", "https://evil.example/login"),  # as found
        ("[x]( //evil.example)", "https://evil.example"),
        ("[x](/\\evil.example/)", "https://evil.example/"),  # browsers read \ as /
        ("[x](\\\\\\\\evil.example)", "https://evil.example"),  # two backslashes, once rendered
        ("[x](///evil.example)", "https://evil.example"),
    ],
)
def test_protocol_relative_links_are_written_as_the_external_links_they_are(written, href):
    assert f'href="{href}" rel="noopener noreferrer"' in render_markdown(written)


@pytest.mark.parametrize(
    "href", ["/evidence/", "evidence/", "#contents", "https://a.example/x", "mailto:a@example.org"]
)
def test_other_links_are_left_as_they_were_written(href):
    assert f'href="{href}"' in render_markdown(f"[x]({href})")


def test_scripts_and_script_links_are_removed():
    html = render_markdown("<script>alert(1)</script> [x](javascript:alert(1)) **bold**")
    assert "<script" not in html and "javascript:" not in html and "<strong>bold</strong>" in html
