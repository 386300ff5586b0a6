"""Template context shared by every page: the service's identity and its navigation."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (label, URL name) in the order they appear. An entry whose URL does not exist yet is left out.
_SECTIONS = [
    ("Evidence store", "evidence_store:intervention_list"),
    ("PINE", "pine:index"),
    ("Movement", "movement:index"),
]
_STAFF = [("Admin", "admin:index")]
# Signing out goes through allauth's page, which asks to confirm with a button: a link cannot
# sign anyone out, so a page elsewhere cannot do it for them.
_SIGNED_IN = [("Your account", "account_home"), ("Sign out", "account_logout")]
_SIGNED_OUT = [("Sign in", "account_login")]


def _entries(request: HttpRequest) -> list[tuple[str, str]]:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return [*_SECTIONS, *_SIGNED_OUT]
    return [*_SECTIONS, *(_STAFF if user.is_staff else []), *_SIGNED_IN]


def _navigation(request: HttpRequest) -> list[dict]:
    items = []
    for label, url_name in _entries(request):
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "href": href, "active": False})
    # The one item whose address is the longest start of this page's: on /accounts/logout/ that
    # is "Sign out", not "Your account" as well.
    matching = [item for item in items if request.path.startswith(item["href"])]
    if matching:
        max(matching, key=lambda item: len(item["href"]))["active"] = True
    return items


def service(request: HttpRequest) -> dict:
    return {
        "site_name": "Evidence Store and PINE",
        "organisation_name": "What Works Centre for Children's Social Care",
        "contact_email": settings.CONTACT_EMAIL,
        "service_navigation": _navigation(request),
    }
