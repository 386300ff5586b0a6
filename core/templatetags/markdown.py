"""The `markdown` template filter: sanitised Markdown rendering for templates."""

from django import template

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None):
    return render_markdown(text)
