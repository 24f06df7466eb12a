"""extract_page on hand-written HTML: which text becomes a block, and where it is."""

from __future__ import annotations

from parsel import Selector

from brandaudit.crawler.artifacts import TextBlock
from brandaudit.crawler.extract import extract_page

URL = "https://www.example.test/about/"


def blocks(html: str, source: str = "text") -> list[TextBlock]:
    page, _ = extract_page(URL, 200, html, 0, None)
    return [b for b in page.text_blocks if b.source == source]


def texts(html: str, source: str = "text") -> list[str]:
    return [b.text for b in blocks(html, source)]


def test_inline_tags_stay_in_their_paragraph_and_whitespace_collapses() -> None:
    html = (
        "<p>Welcome to  <em>Nova</em><strong>Bridge</strong>,"
        "<br>the\n\t<a href='/x'>cloud</a>&nbsp;people.</p>"
    )
    assert texts(html) == ["Welcome to NovaBridge, the cloud people."]


def test_selector_locates_the_block_in_the_document() -> None:
    html = """<html><body><header><p>Top</p></header><main>
      <h1>Title</h1><p>First</p><p>Second paragraph</p>
      <section id="pricing"><ul><li>One</li><li>Two</li></ul></section></main></body></html>"""
    found = {b.text: b.selector for b in blocks(html)}
    assert found["Second paragraph"] == "main > p:nth-of-type(2)"
    assert found["Two"] == "#pricing > ul > li:nth-of-type(2)"
    assert found["Top"] == "header > p"
    document = Selector(text=html)
    for text, selector in found.items():
        matches = document.css(selector)
        assert len(matches) == 1, selector
        assert " ".join(matches[0].xpath("string()").get().split()) == text


def test_invisible_and_code_text_is_never_a_block() -> None:
    html = """<body><p>Visible</p>
      <script>var name = "Nova Bridge";</script><style>.x{content:"Nova Bridge"}</style>
      <noscript>Nova Bridge noscript</noscript><template><p>Nova Bridge template</p></template>
      <pre>Nova Bridge pre</pre><p>Call <code>NovaBrige()</code> now</p>
      <svg><text>Nova Bridge svg</text></svg>
      <div hidden><p>Nova Bridge hidden</p></div><p aria-hidden="true">Nova Bridge aria</p>
      <div style="color:red; display : none">Nova Bridge display</div>
      <span style="visibility:hidden">Nova Bridge visibility</span></body>"""
    assert texts(html) == ["Visible", "Call now"]


def test_standalone_links_buttons_and_spans_are_their_own_blocks() -> None:
    html = """<body><nav><a href="/">Home</a> <a href="/p">Pricing</a></nav>
      <div><span>Log in</span><button>Sign up</button></div>
      <form><input type="submit" value="Log in"></form><div>Mixed <b>text</b> here</div></body>"""
    found = [(b.text, b.selector) for b in blocks(html)]
    assert ("Home", "nav > a:nth-of-type(1)") in found
    assert ("Pricing", "nav > a:nth-of-type(2)") in found
    assert ("Log in", "body > div:nth-of-type(1) > span") in found
    assert ("Sign up", "body > div:nth-of-type(1) > button") in found
    assert ("Log in", "body > form > input") in found
    assert ("Mixed text here", "body > div:nth-of-type(2)") in found


def test_nested_blocks_are_separate() -> None:
    html = (
        "<ul><li>Outer <ul><li>Inner</li></ul> end</li></ul><blockquote><p>Quoted</p></blockquote>"
    )
    assert texts(html) == ["Outer end", "Inner", "Quoted"]


def test_ids_that_are_not_css_identifiers_or_not_unique_fall_back_to_positions() -> None:
    html = '<body><p id="1st">A</p><p id="dup">B</p><div id="dup"><p id="ok">C</p></div></body>'
    found = {b.text: b.selector for b in blocks(html)}
    assert found == {"A": "body > p:nth-of-type(1)", "B": "body > p:nth-of-type(2)", "C": "#ok"}


def test_metadata_text_has_its_source() -> None:
    html = """<html lang="en-GB"><head><title> NovaBridge | About </title>
      <meta name="description" content="Bridges that carry ideas.">
      <meta property="og:title" content="Nova Bridge">
      <meta property="og:description" content="OG text">
      <script type="application/ld+json">{"@graph": [{"@type": "Organization", "name": "NovaBridge",
        "alternateName": ["Nova Bridge Cloud"], "slogan": "Connect everything.",
        "url": "x"}]}</script>
      <script type="application/ld+json">{broken json</script>
      </head><body><img src="a.png" alt="NovaBridge logo"><a href="/" title="Go home">Home</a>
      <div hidden><img src="h.png" alt="hidden alt"></div></body></html>"""
    page, _ = extract_page(URL, 200, html, 0, None)
    by_source = {}
    for block in page.text_blocks:
        by_source.setdefault(block.source, []).append(block.text)
    assert page.title == "NovaBridge | About"
    assert page.lang == "en-GB"
    assert by_source["title"] == ["NovaBridge | About"]
    assert by_source["meta_description"] == ["Bridges that carry ideas."]
    assert by_source["og_title"] == ["Nova Bridge"]
    assert by_source["og_description"] == ["OG text"]
    assert by_source["jsonld"] == ["NovaBridge", "Nova Bridge Cloud", "Connect everything."]
    assert by_source["alt"] == ["NovaBridge logo"]
    assert by_source["title_attr"] == ["Go home"]
    assert [b.selector for b in page.text_blocks if b.source == "og_title"] == [
        'meta[property="og:title"]'
    ]


def test_malformed_html_does_not_crash() -> None:
    html = "<html><body><p>Unclosed <b>bold <div>inner</p></table><li>stray</i><p>after"
    page, _ = extract_page(URL, 200, html, 0, None)
    joined = " ".join(b.text for b in page.text_blocks)
    assert "Unclosed" in joined and "inner" in joined and "stray" in joined and "after" in joined
    for raw in [
        "",
        "   ",
        "\x00\x01binary",
        '<?xml version="1.0" encoding="utf-8"?><html><p>x</p>',
    ]:
        page, links = extract_page(URL, 200, raw, 0, None)
        assert page.url == URL and links == []


def test_page_fields_come_from_the_arguments() -> None:
    page, _ = extract_page(URL, 203, "<p>x</p>", 3, "https://www.example.test/", touchpoint="docs")
    assert (page.status, page.depth, page.referrer, page.touchpoint) == (
        203,
        3,
        "https://www.example.test/",
        "docs",
    )


def test_aria_labels_are_text_screen_readers_announce() -> None:
    html = """<body><header><a href="/" aria-label="Nova Bridge home"><svg></svg></a></header>
      <button aria-label="  Open   menu "></button>
      <div aria-hidden="true"><a aria-label="hidden label" href="/x">x</a></div>
      <nav hidden><a aria-label="not drawn" href="/y">y</a></nav></body>"""
    page, _ = extract_page(URL, 200, html, 0, None)
    labels = [(b.text, b.selector) for b in page.text_blocks if b.source == "aria_label"]
    assert labels == [("Nova Bridge home", "header > a"), ("Open menu", "body > button")]
