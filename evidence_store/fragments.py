"""Rendered fragments of the evidence store's public pages, cached under the content version.

The page around a fragment is rendered on every request, because it carries that response's
CSP nonce and the visitor's own header and messages. A fragment holds only what the evidence
decides, so its key is the evidence's content version (read once per request), the language,
the page's normalised query string, and whatever else the view says changes it (gap map layers,
today's date). An edit therefore shows at once on every worker, whose caches are their own.
The demo warning needs no part of its own: whether it shows is decided by the evidence.
"""

import hashlib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import caches
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from evidence_store import content_version

# A separate cache (config/settings.py), so that filling it with many distinct URLs evicts only
# fragments, never the sign-in rate limits kept in the default one.
CACHE = "fragments"
# Keys are exact, so expiry only bounds how long a write that sends no signal can stay hidden.
TIMEOUT = 10 * 60
# Stored compressed: a list page's 40 KB is about 6 KB, an unfiltered gap map's 2 MB about 70 KB.
# A larger one is rendered every time, so that the cache's MAX_ENTRIES bounds its memory.
MAX_STORED_BYTES = 256 * 1024


@dataclass(frozen=True)
class Fragment:
    html: SafeString
    title: str = ""  # the page's title, when what the fragment shows decides it


def kept(params: QueryDict, names: Iterable[str]) -> QueryDict:
    """The parameters a page reads, in the order they came, without any other: the page is
    rendered from these alone, so that `?utm_source=…` and the like share one fragment."""
    wanted = set(names)
    result = QueryDict(mutable=True)
    for name in params:
        if name in wanted:
            result.setlist(name, params.getlist(name))
    return result


def cached(name: str, *parts: str, render: Callable[[], Fragment]) -> Fragment:
    """The fragment `name` for `parts` at the current content version, rendered on a miss."""
    key_text = "\n".join([content_version.current(), get_language(), *parts])
    key = f"evidence_store:{name}:{hashlib.sha256(key_text.encode()).hexdigest()}"
    cache = caches[CACHE]
    stored = cache.get(key)
    if stored is not None:
        title, packed = stored
        html = zlib.decompress(packed).decode()
        return Fragment(html=mark_safe(html), title=title)  # noqa: S308 - as we rendered it
    fragment = render()
    packed = zlib.compress(fragment.html.encode(), 1)
    if len(packed) <= MAX_STORED_BYTES:
        cache.set(key, (fragment.title, packed), TIMEOUT)
    return fragment
