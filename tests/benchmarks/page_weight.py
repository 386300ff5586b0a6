"""First-load page weight, measured in headless Chromium: everything a page fetches, cache empty.

"Transferred" is what crossed the wire, headers included, as DevTools counts it: static files
compressed as WhiteNoise serves them, HTML as the application sends it. "Decoded" is the same
responses uncompressed.
"""

from collections import Counter
from dataclasses import dataclass, field

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts"}
# Everything else a page fetches (the favicon, images) is counted as "other".
ORDER = [*KINDS.values(), "other"]
KB = 1024


@dataclass
class PageWeight:
    transferred: Counter = field(default_factory=Counter)
    decoded: Counter = field(default_factory=Counter)
    requests: int = 0

    def breakdown(self) -> str:
        """Transferred KB by kind, for example "HTML 16, CSS 13, JS 10, fonts 0, other 1"."""
        return ", ".join(f"{kind} {self.transferred[kind] / KB:.0f}" for kind in ORDER)


def chromium_available() -> bool:
    return CHROMIUM.exists()


def first_load_weights(base_url: str, paths: list[str]) -> dict[str, PageWeight]:
    """The first-load weight of each path, each in a fresh browser context (an empty cache)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return {path: _first_load(browser, base_url + path) for path in paths}
        finally:
            browser.close()


def _first_load(browser, url: str) -> PageWeight:
    context = browser.new_context()
    try:
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        response = page.goto(url, wait_until="networkidle")
        if response is None or response.status != 200:
            raise RuntimeError(f"{url} did not load: {response and response.status}")
        weight = PageWeight(requests=len(finished))
        for request in finished:
            sizes = request.sizes()
            kind = KINDS.get(request.resource_type, "other")
            weight.transferred[kind] += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            weight.decoded[kind] += len(request.response().body())
        return weight
    finally:
        context.close()
