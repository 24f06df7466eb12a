"""Resolved link and image URLs, remembered across the pages of a crawl.

Every page of a site repeats its navigation, footer and logo references; resolving one
(`urljoin`, dropping the fragment, `safe_url_string`) costs ~10 µs, and a page holds dozens.
A reference that starts with "/" (root-relative or scheme-relative) or is an absolute
http(s) URL resolves against a base URL's scheme and host alone, so its result is kept under
(what it was resolved for, the base's origin, the reference) and reused on every page of that
origin. Other references (relative paths, "?query") depend on the base's path: they are
resolved every time. The result is what the resolver gives, by construction.
"""

from __future__ import annotations

from collections.abc import Callable

MAX_ENTRIES = 100_000  # a bound, not a tuning: cleared when full
_ORIGIN_FREE = ("/", "http://", "https://")
_memo: dict[tuple[str, str, str], str | None] = {}


def resolved(
    kind: str, base_url: str, reference: str, resolve: Callable[[str, str], str | None]
) -> str | None:
    """`resolve(base_url, reference)`, from the memo when only the base's origin matters.

    `kind` names the resolver: two resolvers never share entries.
    """
    if not reference.startswith(_ORIGIN_FREE) or not base_url.startswith(_ORIGIN_FREE[1:]):
        return resolve(base_url, reference)
    scheme_end = base_url.index("//") + 2
    path_start = base_url.find("/", scheme_end)
    origin = base_url if path_start < 0 else base_url[:path_start]
    key = (kind, origin, reference)
    try:
        return _memo[key]
    except KeyError:
        pass
    result = resolve(base_url, reference)
    if len(_memo) >= MAX_ENTRIES:
        _memo.clear()
    _memo[key] = result
    return result
