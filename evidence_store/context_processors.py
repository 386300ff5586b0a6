"""Template context from the evidence store: whether to warn that the ratings are illustrative.

Only the pages that show ratings include the warning (templates/includes/demo_banner.html).
"""

from django.http import HttpRequest

from evidence_store import demo


def demo_banner(request: HttpRequest) -> dict:
    # A callable, so its one query runs only on a page that includes the warning.
    return {"show_demo_banner": demo.is_loaded}
