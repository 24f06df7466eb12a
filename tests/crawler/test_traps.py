"""Crawl-trap guards: ever-growing calendars, repeated segments, query and session-id
explosions are named; ordinary archives, pagination and product pages are not traps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brandaudit.crawler.traps import PARAMETER_SETS, QUERY_VARIANTS, TrapGuard

NOW = datetime(2026, 12, 7, tzinfo=UTC)


@pytest.mark.parametrize("url", [
    "https://x.example/calendar/2029/01/",
    "https://x.example/events?month=2031-04",
    "https://x.example/events?year=1850",
    "https://x.example/a/b/a/b/a/b/a/b/",
    "https://x.example/shop;jsessionid=ABC123",
    "https://x.example/shop?PHPSESSID=abc",
    "https://x.example/" + "/".join(f"s{i}" for i in range(31)),
])  # fmt: skip
def test_traps_are_named(url: str) -> None:
    assert TrapGuard(NOW).why_trap(url)


@pytest.mark.parametrize("url", [
    "https://x.example/blog/2019/05/launch.html",
    "https://x.example/calendar/2028/12/",
    "https://x.example/blog/page/45/",
    "https://x.example/products/4711",
    "https://x.example/search?s=bridges",
    "https://x.example/docs/v2/api/v2/",
])  # fmt: skip
def test_ordinary_pages_are_not_traps(url: str) -> None:
    assert TrapGuard(NOW).why_trap(url) is None


def test_query_strings_and_parameter_sets_per_path_are_bounded() -> None:
    guard = TrapGuard(NOW)
    assert all(guard.why_trap(f"https://x.example/list?page={n}") is None
               for n in range(QUERY_VARIANTS))  # fmt: skip
    assert "query strings" in (guard.why_trap("https://x.example/list?page=100000") or "")
    assert guard.why_trap("https://x.example/list?page=5") is None  # seen before: still fine
    facets = TrapGuard(NOW)
    names = [f"f{i}" for i in range(PARAMETER_SETS + 1)]
    verdicts = [facets.why_trap(f"https://x.example/shop?{name}=1") for name in names]
    assert verdicts[:-1] == [None] * PARAMETER_SETS and "combinations" in (verdicts[-1] or "")
