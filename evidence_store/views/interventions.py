"""One published intervention's page, its earlier versions, and its further resources."""

from datetime import date

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.links import absolute_url
from core.uploads import attachment_response
from evidence_store import fragments, practice_links, versions
from evidence_store.models import IMPLEMENTATION_SECTIONS, SECTIONS, Intervention, ResourceFile

# What the page reads on every request: its title, and what other apps' links need.
HEAD_FIELDS = ["pk", "slug", "name", "summary"]


def _version_url(intervention: Intervention, day: date) -> str:
    return reverse(
        "evidence_store:intervention_as_of",
        kwargs={"slug": intervention.slug, "as_of": day.isoformat()},
    )


def intervention_page(request: HttpRequest, intervention: Intervention, **extra) -> HttpResponse:
    """Render an intervention's page, uncached: the admin's draft preview uses it."""
    links = practice_links.links_for(intervention)
    return _page(request, intervention, _body(request, intervention, links, **extra))


def _page(
    request: HttpRequest, intervention: Intervention, body: fragments.Fragment
) -> HttpResponse:
    context = {"intervention": intervention, "fragment": body}
    return render(request, "evidence_store/intervention_detail.html", context)


def _body(
    request: HttpRequest, intervention: Intervention, links: list, **extra
) -> fragments.Fragment:
    """Everything below the breadcrumbs; `intervention` needs with_ratings, studies and files."""
    sections = [(field, heading, getattr(intervention, field)) for field, heading in SECTIONS]
    implementation = [
        (field, heading, getattr(intervention, field)) for field, heading in IMPLEMENTATION_SECTIONS
    ]
    ratings = list(intervention.ratings.all())
    history = versions.RatingHistory(intervention)
    found = history.versions()
    cited = versions.citation_day(found, intervention.last_reviewed)
    context = {
        "intervention": intervention,
        "sections": [s for s in sections if s[2]],
        "implementation": [s for s in implementation if s[2]],
        "ratings": ratings,
        "strength_range": versions.strength_range(ratings),
        "versions": [(v, _version_url(intervention, v.day)) for v in reversed(found)],
        "cited_day": cited,
        "permanent_url": absolute_url(_version_url(intervention, cited)) if cited else "",
        "practice_links": links,
        **extra,
    }
    template = "evidence_store/fragments/intervention_detail.html"
    return fragments.Fragment(html=render_to_string(template, context, request))


@require_safe
def intervention_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published intervention. Drafts are previewed in the admin, never here."""
    head = get_object_or_404(Intervention.objects.published().only(*HEAD_FIELDS), slug=slug)
    links = practice_links.links_for(head)

    def render_body() -> fragments.Fragment:
        interventions = Intervention.objects.with_ratings().prefetch_related(
            "studies", "resource_files"
        )
        return _body(request, interventions.get(pk=head.pk), links)

    # Today's date, because the day a page is cited by can be a review date still to come.
    today = timezone.localdate().isoformat()
    fragment = fragments.cached("intervention_detail", slug, repr(links), today, render=render_body)
    return _page(request, head, fragment)


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
def intervention_as_of(request: HttpRequest, slug: str, as_of: str) -> HttpResponse:
    """The ratings of a published intervention as they stood at the end of a given day."""
    intervention = get_object_or_404(Intervention.objects.published(), slug=slug)
    history = versions.RatingHistory(intervention)
    try:
        version = history.version_on(versions.parse_day(as_of))
    except versions.VersionUnavailable as refusal:
        context = {"intervention": intervention, "reason": str(refusal)}
        return render(
            request, "evidence_store/intervention_version_missing.html", context, status=404
        )
    context = {
        "intervention": intervention,
        "version": version,
        "strength_range": versions.strength_range(version.ratings),
    }
    return render(request, "evidence_store/intervention_version.html", context)
