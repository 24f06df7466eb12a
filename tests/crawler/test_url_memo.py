"""Remembered URL resolutions equal fresh ones, whatever page of the origin asked first."""

from __future__ import annotations

import itertools

from brandaudit.crawler import url_memo
from brandaudit.crawler.extract import _link_url, page_links
from brandaudit.crawler.extract_images import _image_url, resolve_image_url

BASES = [
    "https://example.test/",
    "https://example.test/a/b/page.html?x=1#top",
    "https://example.test/a/;params?q",
    "https://example.test?only-query/with/slashes",
    "https://user@example.test:8443/deep/er/",
    "http://example.test/a/b/",
    "HTTPS://EXAMPLE.test/a/",
    "https://other.test/x/y",
    "mailto:someone@example.test",
]
REFERENCES = [
    "/", "/p1.html", "/a/../b/./c.html", "/x?y=1#frag", "//cdn.example.test/i.png",
    "//cdn.example.test", "https://example.test/abs#f", "http://example.test/abs",
    "https://other.test", "p2.html", "../up.html", "./here.png", "?q=2", "",
    "/über/straße.html", "/a b/c d.png", "/%7Euser/", "/\\evil.test/x", "HTTP://caps.test/",
    "javascript:void(0)", "/?", "https://example.test:443/x",
]  # fmt: skip


def test_memoised_resolution_equals_direct_resolution_in_any_order() -> None:
    for resolver in (_link_url, _image_url):
        for order in (BASES, BASES[::-1]):
            url_memo._memo.clear()
            for base, reference in itertools.product(order, REFERENCES):
                direct = resolver(base, reference)
                assert url_memo.resolved(resolver.__name__, base, reference, resolver) == direct
    assert url_memo._memo  # the origin-free references were remembered


def test_page_links_and_images_on_two_pages_of_one_site() -> None:
    from parsel import Selector

    html = "<html><body><a href='/a'>a</a><a href='b'>b</a><a href='/a#x'>a again</a></body></html>"
    root = Selector(text=html, type="html").root
    first = page_links(root, "https://example.test/one/")
    second = page_links(root, "https://example.test/two/")
    assert first == ["https://example.test/a", "https://example.test/one/b"]
    assert second == ["https://example.test/a", "https://example.test/two/b"]
    inline: dict[str, bytes] = {}
    assert resolve_image_url(" /i.png#f ", "https://example.test/x/", inline) == (
        "https://example.test/i.png"
    )
    assert resolve_image_url("i.png", "https://example.test/x/", inline) == (
        "https://example.test/x/i.png"
    )
    assert resolve_image_url("i.png", "https://example.test/y/", inline) == (
        "https://example.test/y/i.png"
    )


def test_the_memo_is_bounded() -> None:
    url_memo._memo.clear()
    for i in range(url_memo.MAX_ENTRIES + 10):
        url_memo._memo[("k", "o", str(i))] = None if i else "x"
        if len(url_memo._memo) > url_memo.MAX_ENTRIES:
            break
    url_memo.resolved("link", "https://example.test/", "/new", _link_url)
    assert len(url_memo._memo) <= url_memo.MAX_ENTRIES
    assert url_memo._memo[("link", "https://example.test", "/new")] == "https://example.test/new"
