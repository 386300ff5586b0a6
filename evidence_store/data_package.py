"""The Frictionless data package that describes the exports, so they load typed: the three
files of the store, and the gap map's two."""

from django.urls import reverse

from core.csv_export import NEUTRALISATION_RULE
from core.links import absolute_url
from evidence_store.exports import EXPORTS, Column, Export
from evidence_store.gap_exports import GAP_EXPORTS, export_path


def data_package() -> dict:
    """A Frictionless tabular data package describing the five files, with their columns typed.

    Each file's path is absolute, on SITE_URL: never the Host of whoever asked.
    """
    return {
        "profile": "tabular-data-package",
        "name": "wwcsc-evidence-store",
        "title": "Evidence store: interventions, outcome ratings, studies and evidence gaps",
        "description": "UTF-8 CSV files with a header row. " + NEUTRALISATION_RULE,
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0"}],
        "resources": [
            *(_resource(export, _export_path(export)) for export in EXPORTS.values()),
            *(_resource(export, export_path(export)) for export in GAP_EXPORTS.values()),
        ],
    }


def _export_path(export: Export) -> str:
    return reverse("evidence_store:export", kwargs={"slug": export.slug})


def _resource(export: Export, path: str) -> dict:
    return {
        "profile": "tabular-data-resource",
        "name": export.slug,
        "title": export.title,
        "description": export.description,
        "path": absolute_url(path),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {"fields": [_field(column) for column in export.columns]},
    }


def _field(column: Column) -> dict:
    field = {"name": column.name, "type": column.type, "description": column.full_description}
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    return field
