"""Template context from the evidence store that every page may show: the demo content banner."""

from django.http import HttpRequest

from evidence_store import demo


def demo_banner(request: HttpRequest) -> dict:
    # A callable, so its one query runs only when a page renders the banner.
    return {"show_demo_banner": demo.is_loaded}
