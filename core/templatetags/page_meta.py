"""The page's meta description, Open Graph tags and canonical link, from its title and
description blocks: Django allows a block once per template, so the tag renders them again."""

import html
import re

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags

register = template.Library()

SITE_NAME = "Evidence Store and PINE"
DEFAULT_DESCRIPTION = (
    "Evidence on what works in children's social care, and PINE (Practice In Need of "
    "Evidence), from the What Works Centre for Children's Social Care."
)
_SPACE = re.compile(r"\s+")


def block_text(context: template.Context, name: str) -> str:
    """The named block as the page renders it (the child's own, if it has one), as plain text."""
    block = _block(context, name)
    if block is None:
        return ""
    # BlockNode.render looks up the most derived block of that name, as the page itself does.
    rendered = block.render(context)
    return _SPACE.sub(" ", html.unescape(strip_tags(rendered))).strip()


def _block(context: template.Context, name: str) -> BlockNode | None:
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    if block_context is not None:
        return block_context.get_block(name)
    # A template that extends nothing has no block context: its blocks are in its own nodes.
    template_ = getattr(context, "template", None)
    if template_ is None:
        return None
    return next(
        (node for node in template_.nodelist.get_nodes_by_type(BlockNode) if node.name == name),
        None,
    )


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context: template.Context) -> dict:
    """Description, Open Graph and canonical tags; addresses are on SITE_URL, never the Host."""
    request = context.get("request")
    # Only the path: query strings (filters, pages) are variants of the one page.
    url = settings.SITE_URL + escape_uri_path(request.path) if request is not None else ""
    return {
        "title": block_text(context, "title") or SITE_NAME,
        "description": block_text(context, "description") or DEFAULT_DESCRIPTION,
        "site_name": SITE_NAME,
        "url": url,
    }
