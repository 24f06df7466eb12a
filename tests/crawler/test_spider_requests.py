"""The requests SiteSpider builds: render hook, header scoping, de-duplication."""

from __future__ import annotations

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.spider import SiteSpider

SEED = "https://www.example.test/"


def spider(**options: object) -> SiteSpider:
    return SiteSpider(options=CrawlOptions(seeds=(SEED,), **options))  # type: ignore[arg-type]


def test_pages_ask_for_a_browser_only_when_render_says_always() -> None:
    assert (
        spider(render="always")._page_request(SEED, 0, None, seed=True).meta["playwright"] is True
    )  # type: ignore[union-attr]
    assert "playwright" not in spider()._page_request(SEED, 0, None, seed=True).meta  # type: ignore[union-attr]


def test_extra_headers_ride_on_requests_to_the_audited_site_only_while_downloaded() -> None:
    from scrapy.http import Response

    from brandaudit.crawler.secrets import SecretHeadersMiddleware

    token = "Basic c3RhZ2luZw=="
    crawler_spider = spider(headers={"Authorization": token, "Cookie": "preview=1"})
    own = crawler_spider._image_request(SEED + "logo.png", SEED, 0)
    cdn = crawler_spider._image_request("https://cdn.other.test/logo.png", SEED, 0)
    other_port = crawler_spider._image_request("https://www.example.test:8443/a.png", SEED, 0)
    assert own.headers.get("Authorization") is None  # queued (and pickled by JOBDIR) bare
    middleware = SecretHeadersMiddleware()
    own.headers[b"Cookie"] = b"session=jar"  # set by Scrapy's cookies middleware before us
    for request in (own, cdn, other_port):
        middleware.process_request(request)
    assert own.headers.get("Authorization") == token.encode()
    assert own.headers.get("Cookie") == b"session=jar; preview=1"
    assert cdn.headers.get("Authorization") is None and cdn.headers.get("Cookie") is None
    assert other_port.headers.get("Authorization") is None
    middleware.process_response(own, Response(own.url))  # a redirect is copied from it next
    assert own.headers.get("Authorization") is None
    assert own.headers.get("Cookie") is None  # the cookies middleware sets it at send time


def test_a_page_is_requested_once_whatever_its_spelling() -> None:
    crawler_spider = spider()
    assert crawler_spider._page_request(SEED + "a?x=1&y=2", 1, SEED) is not None
    assert crawler_spider._page_request(SEED + "a?y=2&x=1", 1, SEED) is None
    assert crawler_spider._page_request("https://elsewhere.test/a", 1, SEED) is None
