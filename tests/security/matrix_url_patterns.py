"""The URL patterns the project defines, and the pattern a path of the matrix resolves to."""

from django.urls import URLPattern, URLResolver, resolve


def _join(route: str, inner: str) -> str:
    return route + inner.removeprefix("^")  # as Django joins the routes of a match


def defined_patterns(resolver: URLResolver, route: str = "", namespace: str = ""):
    """Each URL pattern the project answers: by its name, or by its route if it has none."""
    for pattern in resolver.url_patterns:
        inner = _join(route, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from defined_patterns(pattern, inner, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else inner


def pattern_of(path: str) -> str:
    match = resolve(path.split("?")[0])
    return match.view_name if match.url_name else match.route
