"""Every route the header tests visit (ROUTES, one entry per URL name), and every route the
project defines, so that a route with no entry is found.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.header_routes_admin import ADMIN_ROUTES
from tests.security.header_routes_practice import PRACTICE_ROUTES
from tests.security.header_routes_site import SITE_ROUTES
from tests.security.header_visits import Visit

# The pages outside the admin first, then the admin's, as the crawl requests them.
ROUTES: dict[str, list[Visit]] = {**SITE_ROUTES, **PRACTICE_ROUTES, **ADMIN_ROUTES}


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def discovered_routes() -> dict[str, str]:
    """Every URL pattern the project defines: its name (or its route when it has none)."""
    return dict(_walk(get_resolver().url_patterns))
