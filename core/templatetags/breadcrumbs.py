"""The GOV.UK breadcrumbs, from pairs of URL name and label: one include for every page."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*names_and_labels: str) -> dict:
    """{% breadcrumbs "home" "Home" "evidence_store:intervention_list" "Evidence store" %}"""
    if len(names_and_labels) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of URL name and label")
    pairs = zip(names_and_labels[::2], names_and_labels[1::2], strict=True)
    return {"crumbs": [(reverse(name), label) for name, label in pairs]}
