"""Render Markdown written by users or editors to HTML that is safe to show.

Nothing reaches a template as safe unless it passed through nh3 here.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "abbr", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def _protocol_relative_as_external(tag: str, attribute: str, value: str) -> str:
    """A link to `//host/path` leaves the site, so it is written as the https link it is.

    Browsers read backslashes as slashes, so `/\\host` and `\\\\host` leave the site too. Every
    other external link is written out in full; these now are as well, rather than passing for a
    path on this site.
    """
    if tag == "a" and attribute == "href":
        link = value.strip()
        if len(link) >= 2 and link[0] in "/\\" and link[1] in "/\\":
            return "https://" + link.lstrip("/\\").replace("\\", "/")
    return value


def render_markdown(text: str | None) -> SafeString:
    if not text:
        return SafeString("")
    html = markdown_lib.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_protocol_relative_as_external,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
