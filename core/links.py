"""Absolute links to the service, built from SITE_URL: never from a request's Host header."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """This service's address for `path`, a path on the site as reverse() gives it."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"Not a path on this site: {path!r}")
    return settings.SITE_URL + path


def on_site_url(url: str) -> str:
    """A link to this service that something built from a request, moved onto SITE_URL.

    Only the path, query and fragment are kept; the scheme, host and port come from SITE_URL.
    """
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))
