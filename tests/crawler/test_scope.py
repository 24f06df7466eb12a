"""Which links are pages of the crawl, and the exact max_pages budget."""

from __future__ import annotations

import pytest

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.scope import CrawlScope, PageBudget, site_key


def test_site_is_host_and_port_with_default_ports_ignored() -> None:
    assert site_key("http://Example.test/a") == "example.test"
    assert site_key("https://example.test:443/") == "example.test"
    assert site_key("http://127.0.0.1:8001/") == "127.0.0.1:8001"
    assert site_key("mailto:x@y") is None


def test_scope_keeps_own_site_depth_and_patterns() -> None:
    scope = CrawlScope(
        CrawlOptions(
            seeds=("http://127.0.0.1:8001/",),
            max_depth=2,
            include=(r"/docs/",),
            exclude=(r"\?print",),
        )
    )
    assert scope.allows_page("http://127.0.0.1:8001/docs/a", 2)
    assert not scope.allows_page("http://127.0.0.1:8001/docs/a", 3)  # too deep
    assert not scope.allows_page("http://127.0.0.1:8002/docs/a", 1)  # other port, other site
    assert not scope.allows_page("http://127.0.0.1:8001/blog/a", 1)  # not included
    assert not scope.allows_page("http://127.0.0.1:8001/docs/a?print=1", 1)  # excluded
    assert not scope.allows_page("http://127.0.0.1:8001/docs/brochure.pdf", 1)  # not a page


def test_budget_counts_emitted_and_in_flight_pages_and_frees_failed_slots() -> None:
    budget = PageBudget(2)
    assert budget.reserve() and budget.reserve()
    assert not budget.reserve()
    budget.release()  # a page failed
    assert budget.reserve()
    budget.emitted_one()
    budget.emitted_one()
    assert budget.exhausted and not budget.reserve()
    assert PageBudget(None).reserve()


def test_options_reject_bad_values_naming_the_field() -> None:
    with pytest.raises(ValueError, match="seeds"):
        CrawlOptions(seeds=())
    with pytest.raises(ValueError, match="max_pages"):
        CrawlOptions(seeds=("http://x.test/",), max_pages=0)
    with pytest.raises(ValueError, match="exclude"):
        CrawlOptions(seeds=("http://x.test/",), exclude=("(",))
    with pytest.raises(ValueError, match="render"):
        CrawlOptions(seeds=("http://x.test/",), render="sometimes")  # type: ignore[arg-type]
    assert "secret" not in repr(
        CrawlOptions(seeds=("http://x.test/",), headers={"Authorization": "secret"})
    )
