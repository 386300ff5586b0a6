"""Open data: the data dictionary, the CSV exports and their Frictionless data package."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.csv_export import NEUTRALISATION_RULE, streaming_csv_response
from evidence_store import copy_export, exports
from evidence_store.data_package import data_package
from evidence_store.filters import filter_interventions
from evidence_store.models import Intervention, Outcome


@require_safe
def data_dictionary(request: HttpRequest) -> HttpResponse:
    context = {
        "exports": exports.EXPORTS.values(),
        "outcomes": Outcome.objects.all(),
        "neutralisation_rule": NEUTRALISATION_RULE,
    }
    return render(request, "evidence_store/data_dictionary.html", context)


@require_safe
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    export = exports.EXPORTS.get(slug)
    if export is None:
        raise Http404
    filterset = filter_interventions(request.GET, Intervention.objects.published())
    interventions = filterset.all_matches()
    if export is exports.OUTCOME_RATINGS:
        return copy_export.outcome_ratings_response(interventions, filterset.rating_filters())
    if export is exports.INTERVENTIONS:
        rows = exports.intervention_rows(interventions)
    else:
        rows = exports.study_rows(interventions)
    return streaming_csv_response(export.filename, export.header, rows, export.fixed_columns)


@require_safe
def datapackage(request: HttpRequest) -> JsonResponse:
    """A Frictionless data package, so researchers can load the three files typed."""
    package = data_package()
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response
