"""The gap map's downloads, for the pages that describe them (the data dictionary)."""

from django import template

from evidence_store.gap_exports import GAP_EXPORTS, export_path

register = template.Library()


@register.simple_tag
def gap_exports() -> list[tuple]:
    """Each gap map file with the address it is downloaded from."""
    return [(export, export_path(export)) for export in GAP_EXPORTS.values()]
