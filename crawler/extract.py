"""Turn one fetched HTML page into a PageArtifact and the links to follow.

A pure function of the response, so the same code serves plain fetches and (later) pages
rendered by a browser, and can be tested on hand-written HTML. lxml recovers from malformed
markup; the page is parsed once and every extractor walks the same tree.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from lxml.etree import _Element
from parsel import Selector
from w3lib.url import safe_url_string

from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.css_path import element_selectors
from brandaudit.crawler.extract_images import page_images
from brandaudit.crawler.extract_text import collapse, metadata_text_blocks, visible_text_blocks
from brandaudit.crawler.layout_hints import css_may_resize
from brandaudit.crawler.url_memo import resolved

VOID_HTML5 = ("source", "track", "embed", "wbr", "keygen", "param")
SKIPPED_LINK_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:")


def extract_page(
    url: str,
    status: int,
    html_text: str,
    depth: int,
    referrer: str | None,
    *,
    touchpoint: str = "website",
    inline_images: dict[str, bytes] | None = None,
) -> tuple[PageArtifact, list[str]]:
    """Parse `html_text` fetched from `url` into an artifact and the absolute links it holds.

    Inline SVGs and data: URI images have no URL of their own; their bytes are put into
    `inline_images` (pseudo URL -> bytes) when the caller passes a dict, so the pipeline can
    store them as blobs like fetched images.
    """
    root: _Element = Selector(text=html_text or "<html></html>", type="html").root
    _unnest_void_elements(root)
    selectors = element_selectors(root)
    base_url = _base_url(root, url)
    body = root.find("body")
    visible = [] if body is None else visible_text_blocks(body, selectors)
    blocks = metadata_text_blocks(root, selectors) + visible
    inline = {} if inline_images is None else inline_images
    titles = root.xpath("//title[not(ancestor::svg)]")
    page = PageArtifact(
        url=url,
        status=status,
        title=collapse(titles[0].text_content()) if titles else "",
        lang=(root.get("lang") or "").strip() or None,
        touchpoint=touchpoint,
        text_blocks=_ordered(blocks),
        images=tuple(page_images(root, selectors, base_url, inline)),
        depth=depth,
        referrer=referrer,
        css_may_resize=css_may_resize(root),
    )
    return page, page_links(root, base_url)


def _ordered(blocks: list[TextBlock]) -> tuple[TextBlock, ...]:
    """Title and meta first, then body copy, then alt/title attributes: the reading order."""
    rank = {"title": 0, "meta_description": 1, "og_title": 1, "og_description": 1, "jsonld": 1}
    return tuple(sorted(blocks, key=lambda b: rank.get(b.source, 2 if b.source == "text" else 3)))


def page_links(root: _Element, base_url: str) -> list[str]:
    """Absolute http(s) links of a[href] and area[href], fragments removed, in order, unique."""
    links: dict[str, None] = {}
    for element in root.iter("a", "area"):
        href = (element.get("href") or "").strip()
        if not href or href.lower().startswith(SKIPPED_LINK_SCHEMES) or href.startswith("#"):
            continue
        link = resolved("link", base_url, href, _link_url)
        if link is not None:
            links.setdefault(link)
    return list(links)


def _link_url(base_url: str, href: str) -> str | None:
    absolute = urldefrag(urljoin(base_url, href))[0]
    return safe_url_string(absolute) if urlsplit(absolute).scheme in ("http", "https") else None


def _unnest_void_elements(root: _Element) -> None:
    """libxml2 parses HTML4, where <source>, <track> and <embed> may hold content; HTML5 makes
    them void. Lift what the parser put inside them so the tree (and selectors) match browsers.
    """
    for element in list(root.iter(*VOID_HTML5)):
        if len(element) == 0 and not element.text:
            continue
        tail, element.tail, element.text = element.tail, element.text, None
        anchor = element
        for child in list(element):
            anchor.addnext(child)
            anchor = child
        anchor.tail = (anchor.tail or "") + (tail or "") or None


def _base_url(root: _Element, page_url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(page_url, href)
    return page_url
