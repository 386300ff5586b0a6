"""Public pages of the evidence store: the list, an intervention, comparison, guides and exports."""

import re

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.csv_export import streaming_csv_response
from core.links import absolute_url
from core.uploads import attachment_response
from evidence_store import exports
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
COMPARE_MIN, COMPARE_MAX = 2, 4
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


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
    slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("i") if s.strip()))
    # Anything not shaped like a slug cannot name an intervention (and never reaches the database).
    lookup = [s for s in slugs if _SLUG.fullmatch(s)]
    found = {
        i.slug: i
        for i in Intervention.objects.published().with_ratings().filter(slug__in=lookup[:20])
    }
    interventions = [found[s] for s in slugs if s in found][:COMPARE_MAX]
    outcomes = {r.outcome for i in interventions for r in i.ratings.all()}
    rows = [
        (
            outcome,
            [
                next((r for r in i.ratings.all() if r.outcome == outcome), None)
                for i in interventions
            ],
        )
        for outcome in sorted(outcomes, key=lambda o: (o.position, o.name))
    ]
    unknown = [s for s in slugs if s not in found]
    too_many, too_few = len(slugs) > COMPARE_MAX, len(interventions) < COMPARE_MIN
    problems = []
    if unknown:
        problems.append("Some of the interventions you asked for do not exist.")
    if too_many:
        problems.append(f"Choose no more than {COMPARE_MAX}.")
    elif too_few and slugs:
        problems.append(f"Choose at least {COMPARE_MIN}.")
    context = {
        "interventions": interventions,
        "choice_error": " ".join(problems),
        "unknown": unknown,
        "too_many": too_many,
        "too_few": too_few,
        "rating_rows": rows,
        "choices": Intervention.objects.published().only("slug", "name").order_by("name")[:200],
        "selected": set(slugs),
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
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
    resources = [
        {
            "name": export.slug,
            "title": export.title,
            "description": export.description,
            "path": absolute_url(reverse("evidence_store:export", kwargs={"slug": export.slug})),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {
                        "name": c.name,
                        "type": c.type,
                        "description": c.description,
                        **({"constraints": {"required": True}} if c.required else {}),
                    }
                    for c in export.columns
                ]
            },
        }
        for export in exports.EXPORTS.values()
    ]
    package = {
        "profile": "tabular-data-package",
        "name": "wwcsc-evidence-store",
        "title": "Evidence store: interventions, outcome ratings and studies",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0"}],
        "resources": resources,
    }
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response
