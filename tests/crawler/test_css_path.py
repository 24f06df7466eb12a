"""Selectors computed on demand are the ones a walk of the whole tree gives, for every element."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml.etree import _Element
from parsel import Selector

from brandaudit.crawler.css_path import LANDMARKS, element_selectors
from brandaudit.crawler.extract import extract_page

TRICKY = """<!doctype html><html><head><title>t</title><meta name="x" content="y"></head>
<body><header id="top"><nav><a href="/">Home</a><a href="/b">B</a></nav></header>
<main><section id="dup"><p>one</p><p>two <b>bold</b></p></section><section id="dup"><p>three</p>
<div id="9bad"><span>four</span><span>five</span><o:p>six</o:p></div></section>
<!-- a comment --><p id="_ok">own id</p><p id="-x">dashed</p>
<article><h2>a</h2><ul><li>x</li><li>y<ul><li>z</li></ul></li></ul></article>
<article><footer><p>inner</p></footer></article></main><aside><p>side</p></aside>
<footer><p>© x</p><p>y</p></footer><nav><p>second nav</p></nav></body></html>"""

IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")


def walk_all(root: _Element) -> dict[_Element, str]:
    """The former eager walk: every element's selector, parents first (the oracle)."""
    ids = Counter(el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id"))
    landmarks = Counter(el.tag for el in root.iter(*LANDMARKS))
    selectors = {root: "html"}
    stack = [(root, "html")]
    while stack:
        parent, parent_selector = stack.pop()
        children = [child for child in parent if isinstance(child.tag, str)]
        same_tag = Counter(child.tag for child in children)
        seen: Counter[str] = Counter()
        for child in children:
            tag = child.tag
            seen[tag] += 1
            element_id = child.get("id")
            if element_id and ids[element_id] == 1 and IDENT.match(element_id):
                selector = f"#{element_id}"
            elif (tag in LANDMARKS and landmarks[tag] == 1) or tag in ("body", "head"):
                selector = tag
            else:
                css_tag = tag.replace(":", "\\:")
                step = f"{css_tag}:nth-of-type({seen[tag]})" if same_tag[tag] > 1 else css_tag
                selector = f"{parent_selector} > {step}"
            selectors[child] = selector
            stack.append((child, selector))
    return selectors


def test_on_demand_selectors_equal_the_full_walk_in_any_order() -> None:
    root = Selector(text=TRICKY, type="html").root
    expected = walk_all(root)
    assert len(expected) > 30
    elements = list(expected)
    # Ask deepest first, then the rest: the memo must not depend on the order of questions.
    for order in (elements[::-1], elements):
        selectors = element_selectors(root)
        assert {element: selectors[element] for element in order} == expected
    span = root.xpath("//span")[1]  # a duplicated id and an id that is no CSS identifier
    assert (
        element_selectors(root)[span] == "main > section:nth-of-type(2) > div > span:nth-of-type(2)"
    )


def test_mapping_protocol_lists_every_element_and_refuses_strangers() -> None:
    root = Selector(text=TRICKY, type="html").root
    selectors = element_selectors(root)
    assert dict(selectors) == walk_all(root)
    stranger = Selector(text="<html><body><p>x</p></body></html>", type="html").root
    paragraph = stranger.xpath("//p")[0]
    assert paragraph not in selectors
    assert selectors.get(paragraph, "none") == "none"
    with pytest.raises(KeyError):
        selectors[paragraph]
    comment = root.xpath("//comment()")[0]
    assert selectors.get(comment) is None


def test_a_page_nested_deeper_than_the_recursion_limit_keeps_its_text() -> None:
    depth = 1500  # libxml2 keeps up to ~2,000 levels
    html = "<html><body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth + "</body>"
    page, _ = extract_page("https://example.test/", 200, html, 0, None)
    (block,) = [b for b in page.text_blocks if b.text == "deep text"]
    assert block.selector.startswith("body > div > div > ")
    assert block.selector.endswith(" > p")
