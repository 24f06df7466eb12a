"""Touchpoints and their consistency scores.

A touchpoint is one place the brand meets people: a website (grouped by its site root,
``https://host/``), a social profile or an app listing (grouped by the seed URL it was
crawled from). Pages and findings are assigned to a touchpoint by their kind and URL.

The score (0–100, higher is more consistent) works like a page-level penalty average:

* every page of the touchpoint starts at 100;
* each finding on it costs by severity: error 25, warning 10, info 2; a page floors at 0;
* the touchpoint's score is the mean over its pages, rounded to one decimal.

Why this shape: averaging per page means one bad page on a large site does not sink the
whole site, while a site where every page repeats a mistake scores low; four errors make
a page fully non-compliant, which matches how a brand team would judge it. A failed page
counts with its `crawl.error` warning, so an unreadable site cannot look perfect. Findings
about the audit itself (touchpoint ``audit``, e.g. a crashed check) belong to no touchpoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

PENALTY = {"error": 25.0, "warning": 10.0, "info": 2.0}
NOT_A_TOUCHPOINT = "audit"

TouchpointKey = tuple[str, str]  # (kind, url)


def site_root(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    return f"{parts.scheme}://{parts.netloc}/"


def touchpoint_of(kind: str, url: str, seeds: Iterable[str]) -> TouchpointKey:
    """The touchpoint a page or finding belongs to."""
    if kind == "website":
        return kind, site_root(url)
    # A profile or listing: the longest seed that prefixes the URL, else its own URL.
    matching = [seed for seed in seeds if url.startswith(seed)]
    return kind, max(matching, key=len) if matching else url


def page_score(severities: Iterable[str]) -> float:
    return max(0.0, 100.0 - sum(PENALTY.get(severity, 0.0) for severity in severities))


def touchpoint_summaries(
    pages: Iterable[Mapping[str, Any]],
    findings: Iterable[Mapping[str, Any]],
    seeds: Iterable[str],
) -> list[dict[str, Any]]:
    """One entry per touchpoint: kind, url, pages, score, finding counts; sorted by url."""
    seeds = tuple(seeds)
    page_urls: dict[TouchpointKey, set[str]] = defaultdict(set)
    severities: dict[TouchpointKey, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page in pages:
        page_urls[touchpoint_of(page["touchpoint"], page["url"], seeds)].add(page["url"])
    for finding in findings:
        if finding["touchpoint"] == NOT_A_TOUCHPOINT:
            continue
        key = touchpoint_of(finding["touchpoint"], finding["url"], seeds)
        page_urls[key].add(finding["url"])
        severities[key][finding["url"]].append(finding["severity"])
    summaries = []
    for key in sorted(page_urls, key=lambda k: (k[1], k[0])):
        urls = page_urls[key]
        scores = [page_score(severities[key].get(url, ())) for url in urls]
        found = [s for per_page in severities[key].values() for s in per_page]
        summaries.append(
            {
                "kind": key[0],
                "url": key[1],
                "pages": len(urls),
                "score": round(sum(scores) / len(scores), 1),
                "findings": {severity: found.count(severity) for severity in PENALTY},
            }
        )
    return summaries
