"""Crawl-trap guards: what lets a crawl with no depth limit still end.

With no default depth limit (a 45-page "older posts" chain must be crawled whole), the crawl
needs other guards against URL spaces that never end. Each guard names the trap it saw, so
the URL lands in coverage under `trap` with that explanation, never silently:

- a calendar that links the next month for ever: a date in the URL too far from today;
- repeated path segments (/a/b/a/b/a/b, relative links resolved against themselves);
- query-string explosions: too many distinct query strings, or parameter sets, on one path
  (faceted navigation, tracking ids);
- session ids in the URL: the same page under a new id on every visit.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

# A calendar page more than this many years from today is a calendar walking into the void;
# real archives start after the web did.
YEARS_AHEAD = 2
EARLIEST_YEAR = 1995
# One segment more often than this in one path is a relative link resolved against itself.
SEGMENT_REPEATS = 3
MAX_SEGMENTS = 30
# Distinct query strings for one path: beyond it, parameters are no longer pages but
# permutations (sort x filter x page). Pagination of a very large archive (?page=N past
# 1,000) is cut too, and says so in coverage.
QUERY_VARIANTS = 1_000
PARAMETER_SETS = 64  # distinct combinations of parameter names on one path
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid",
     "cftoken", "sessid"}
)  # fmt: skip
_DATE = re.compile(r"(?<![\d.])([12]\d\d\d)[-/_](0?[1-9]|1[0-2])(?:[-/_]\d{1,2})?(?![\d.])")
_YEAR_PARAM = re.compile(r"^(?:year|yr|y)$", re.I)
_PATH_SESSION = re.compile(r";\s*(?:jsessionid|phpsessid|sid)=", re.I)


class TrapGuard:
    """Says why a URL belongs to a crawl trap, or None. Counts what it has seen per path."""

    def __init__(self, now: datetime | None = None) -> None:
        year = (now or datetime.now(UTC)).year
        self.latest_year = year + YEARS_AHEAD
        self.queries: defaultdict[str, set[str]] = defaultdict(set)
        self.param_sets: defaultdict[str, set[frozenset[str]]] = defaultdict(set)

    def why_trap(self, url: str) -> str | None:
        parts = urlsplit(url)
        path = parts.path
        if _PATH_SESSION.search(path):
            return "session id in the path"
        segments = [segment for segment in path.split("/") if segment]
        if len(segments) > MAX_SEGMENTS:
            return f"more than {MAX_SEGMENTS} path segments"
        if segments:
            segment, times = Counter(segments).most_common(1)[0]
            if times > SEGMENT_REPEATS:
                return f"path segment {segment!r} repeated {times} times"
        year = self._far_year(path, parts.query)
        if year is not None:
            return f"calendar date {year} outside {EARLIEST_YEAR}-{self.latest_year}"
        if parts.query:
            return self._query_trap(f"{parts.netloc}{path}", parts.query)
        return None

    def _far_year(self, path: str, query: str) -> int | None:
        years = [int(match.group(1)) for match in _DATE.finditer(path)]
        years += [int(match.group(1)) for match in _DATE.finditer(query)]
        if query:
            years += [
                int(value)
                for name, value in parse_qsl(query)
                if _YEAR_PARAM.match(name) and value.isdigit() and len(value) == 4
            ]
        for year in years:
            if year > self.latest_year or year < EARLIEST_YEAR:
                return year
        return None

    def _query_trap(self, where: str, query: str) -> str | None:
        params = parse_qsl(query, keep_blank_values=True)
        names = frozenset(name.lower() for name, _ in params)
        if names & SESSION_PARAMS:
            return f"session id in the query ({', '.join(sorted(names & SESSION_PARAMS))})"
        seen = self.queries[where]
        if query not in seen:
            if len(seen) >= QUERY_VARIANTS:
                return f"more than {QUERY_VARIANTS:,} query strings on {where}"
            seen.add(query)
        sets = self.param_sets[where]
        if names not in sets:
            if len(sets) >= PARAMETER_SETS:
                return f"more than {PARAMETER_SETS} parameter combinations on {where}"
            sets.add(names)
        return None
