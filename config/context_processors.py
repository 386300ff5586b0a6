"""Template context shared by every page: the service's identity and its navigation."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (label, URL name) in the order they appear. An entry whose URL does not exist yet is left out.
_SECTIONS = [
    ("Evidence store", "evidence_store:intervention_list"),
    ("PINE", "pine:index"),
]
_SIGNED_IN = ("Your account", "account_profile")
_SIGNED_OUT = ("Sign in", "account_login")


def _navigation(request: HttpRequest) -> list[dict]:
    user = getattr(request, "user", None)
    entries = [*_SECTIONS, _SIGNED_IN if user and user.is_authenticated else _SIGNED_OUT]
    items = []
    for label, url_name in entries:
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "href": href, "active": request.path.startswith(href)})
    return items


def service(request: HttpRequest) -> dict:
    return {
        "site_name": "Evidence Store and PINE",
        "organisation_name": "What Works Centre for Children's Social Care",
        "contact_email": settings.CONTACT_EMAIL,
        "service_navigation": _navigation(request),
    }
