"""Public pages of the evidence store: the list, an intervention, comparison, guides and exports."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.csv_export import streaming_csv_response
from core.uploads import attachment_response
from evidence_store import compare, exports
from evidence_store.filters import SORTS, filter_interventions
from evidence_store.models import (
    IMPLEMENTATION_SECTIONS,
    SECTIONS,
    Intervention,
    Outcome,
    ResourceFile,
)
from evidence_store.ratings import (
    EFFECTIVENESS_MEANINGS,
    EFFECTIVENESS_SYMBOLS,
    STRENGTH_MEANINGS,
    Effectiveness,
    Strength,
)

PAGE_SIZE = 20


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    filterset = filter_interventions(request.GET, Intervention.objects.published())
    paginator = Paginator(filterset.qs.for_listing(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "bad_parameters": filterset.bad_parameters,
        "sorts": SORTS,
        "sort": filterset.sort_key(),
        "query_without_page": _query_without(request, "page"),
        "export_query": _query_without(request, "page", "sort"),
        "has_filters": any(
            request.GET.getlist(k)
            for k in ("q", "topic", "outcome", "effectiveness", "strength", "age")
        ),
    }
    return render(request, "evidence_store/intervention_list.html", context)


def intervention_page(request: HttpRequest, intervention: Intervention, **extra) -> HttpResponse:
    """Render an intervention's page; the admin's draft preview uses it too."""
    sections = [(field, heading, getattr(intervention, field)) for field, heading in SECTIONS]
    implementation = [
        (field, heading, getattr(intervention, field)) for field, heading in IMPLEMENTATION_SECTIONS
    ]
    context = {
        "intervention": intervention,
        "sections": [s for s in sections if s[2]],
        "implementation": [s for s in implementation if s[2]],
        "ratings": list(intervention.ratings.all()),
        **extra,
    }
    return render(request, "evidence_store/intervention_detail.html", context)


@require_safe
def intervention_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published intervention. Drafts are previewed in the admin, never here."""
    interventions = Intervention.objects.published().with_ratings()
    intervention = get_object_or_404(
        interventions.prefetch_related("studies", "resource_files"), slug=slug
    )
    return intervention_page(request, intervention)


def resource_file_response(resource: ResourceFile) -> FileResponse:
    """A resource file as a private attachment; 404 if the stored file has gone missing."""
    return attachment_response(
        resource.file,
        title=resource.title,
        original_name=resource.original_name,
        content_type=resource.content_type,
    )


@require_safe
def resource_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A further resource of a published intervention."""
    resource = get_object_or_404(
        ResourceFile.objects.select_related("intervention"),
        pk=pk,
        intervention__slug=slug,
        intervention__status=Intervention.Status.PUBLISHED,
    )
    return resource_file_response(resource)


@require_safe
def intervention_compare(request: HttpRequest) -> HttpResponse:
    comparison = compare.comparison(request.GET.getlist("i"))
    # "Compare this intervention with others" starts here with its own box ticked, which is
    # a first choice rather than a choice of too few.
    starting = request.GET.get("with", "")[:200]
    context = {
        "interventions": comparison.interventions,
        "choice_error": comparison.choice_error,
        "unknown": comparison.unknown,
        "too_many": comparison.too_many,
        "too_few": comparison.too_few,
        "rating_rows": comparison.rating_rows,
        "choices": compare.choices(),
        "selected": {*comparison.slugs, starting},
        "compare_min": compare.COMPARE_MIN,
        "compare_max": compare.COMPARE_MAX,
    }
    return render(request, "evidence_store/intervention_compare.html", context)


@require_safe
def ratings_guide(request: HttpRequest) -> HttpResponse:
    effectiveness = [
        (level, EFFECTIVENESS_SYMBOLS[level], EFFECTIVENESS_MEANINGS[level])
        for level in Effectiveness
    ]
    strength = [(level, rank, STRENGTH_MEANINGS[level]) for rank, level in enumerate(Strength)]
    context = {"effectiveness_levels": effectiveness, "strength_levels": strength}
    return render(request, "evidence_store/ratings_guide.html", context)


@require_safe
def data_dictionary(request: HttpRequest) -> HttpResponse:
    context = {"exports": exports.EXPORTS.values(), "outcomes": Outcome.objects.all()}
    return render(request, "evidence_store/data_dictionary.html", context)


@require_safe
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    export = exports.EXPORTS.get(slug)
    if export is None:
        raise Http404
    filterset = filter_interventions(request.GET, Intervention.objects.published())
    interventions = filterset.qs.order_by()
    if export is exports.INTERVENTIONS:
        rows = exports.intervention_rows(interventions)
    elif export is exports.OUTCOME_RATINGS:
        rows = exports.outcome_rating_rows(interventions, filterset.rating_filters())
    else:
        rows = exports.study_rows(interventions)
    return streaming_csv_response(export.filename, export.header, rows)


@require_safe
def datapackage(request: HttpRequest) -> JsonResponse:
    """A Frictionless data package, so researchers can load the three files typed."""
    package = exports.datapackage()
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response
