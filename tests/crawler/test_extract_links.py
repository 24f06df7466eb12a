"""Links that extract_page hands back to the spider."""

from __future__ import annotations

from brandaudit.crawler.extract import extract_page


def links(html: str, url: str = "https://www.example.test/docs/page.html") -> list[str]:
    return extract_page(url, 200, html, 0, None)[1]


def test_links_are_absolute_unique_and_without_fragments() -> None:
    html = """<a href="a.html#top">a</a><a href="/b">b</a><a href="a.html">again</a>
      <map><area href="../c.html"></map><a href=" https://other.test/x#y ">ext</a>
      <a href="#only">f</a>"""
    assert links(html) == [
        "https://www.example.test/docs/a.html",
        "https://www.example.test/b",
        "https://www.example.test/c.html",
        "https://other.test/x",
    ]


def test_non_web_schemes_are_skipped() -> None:
    html = """<a href="mailto:hello@x.test">m</a><a href="tel:+442079460321">t</a>
      <a href="javascript:void(0)">j</a><a href="data:text/html,hi">d</a>
      <a href="JavaScript:x()">J</a>
      <a href="ok.html">ok</a><a>no href</a>"""
    assert links(html) == ["https://www.example.test/docs/ok.html"]


def test_base_href_wins_over_the_page_url() -> None:
    html = '<head><base href="/root/"></head><body><a href="x.html">x</a><img src="i.png"></body>'
    page, found = extract_page("https://www.example.test/docs/p", 200, html, 0, None)
    assert found == ["https://www.example.test/root/x.html"]
    assert page.images[0].url == "https://www.example.test/root/i.png"


def test_urls_with_spaces_are_escaped_like_scrapy_does() -> None:
    assert links('<a href="/my page.html">x</a>') == ["https://www.example.test/my%20page.html"]
