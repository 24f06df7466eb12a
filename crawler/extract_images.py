"""Every image a page references, with where it sits and how big the markup says it is.

Covers <img> src and each srcset candidate, <picture> sources, icons, Open Graph and Twitter
images, inline <svg>, <object>/<embed> images, and CSS background images in style
attributes and <style> blocks. Inline SVG (and data:
URIs) have no URL to fetch: their bytes go to `inline_images` under a pseudo URL
(``inline-svg:<sha256>``, ``inline-data:<sha256>``) for the pipeline to store as blobs.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.etree import _Element
from w3lib.url import parse_data_uri, safe_url_string

from brandaudit.crawler.artifacts import Box, ImageKind, ImageRef
from brandaudit.crawler.extract_text import collapse, hides_display
from brandaudit.crawler.stylesheet_images import style_attribute_backgrounds, stylesheet_backgrounds
from brandaudit.crawler.url_memo import resolved

ICON_RELS: dict[str, ImageKind] = {
    "icon": "favicon",
    "mask-icon": "favicon",
    "apple-touch-icon": "touch_icon",
    "apple-touch-icon-precomposed": "touch_icon",
}
META_IMAGES: dict[str, ImageKind] = {
    "og:image": "og_image",
    "og:image:url": "og_image",
    "og:image:secure_url": "og_image",
    "twitter:image": "twitter_image",
    "twitter:image:src": "twitter_image",
}
_STYLE_PX = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([\d.]+)\s*(?:px)?\s*(?=;|$)", re.I)
_IMAGE_EXTENSION = re.compile(r"\.(svgz?|png|jpe?g|gif|webp|avif|ico)$", re.I)
_ATTR_PX = re.compile(r"^\s*([\d.]+)\s*(?:px)?\s*$", re.I)
# libxml2's HTML parser lowercases names; SVG renderers need the camelCase ones back.
# fmt: off
_SVG_CAMEL_CASE = (
    "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform", "patternUnits",
    "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "textLength", "lengthAdjust",
    "startOffset", "stdDeviation", "filterUnits", "primitiveUnits", "baseFrequency", "numOctaves",
    "stitchTiles", "tableValues", "kernelMatrix", "spreadMethod", "pathLength", "linearGradient",
    "radialGradient", "clipPath", "foreignObject", "textPath", "feGaussianBlur", "feColorMatrix",
    "feOffset", "feBlend", "feFlood", "feComposite", "feMerge", "feMergeNode", "feMorphology",
    "feDropShadow", "feTurbulence", "feDisplacementMap", "feImage", "feTile",
    "feComponentTransfer", "feFuncR", "feFuncG", "feFuncB", "feFuncA",
)
# fmt: on
_SVG_NAMES = {name.lower(): name for name in _SVG_CAMEL_CASE}


def page_images(
    root: _Element,
    selectors: Mapping[_Element, str],
    base_url: str,
    inline_images: dict[str, bytes],
) -> list[ImageRef]:
    """All image references under `root`, URLs absolute; inline bytes land in `inline_images`."""
    refs: list[ImageRef] = []

    def add(raw: str | None, kind: ImageKind, element: _Element, alt: str | None, box: Box | None,
            selector: str | None = None) -> None:  # fmt: skip
        url = resolve_image_url(raw, base_url, inline_images)
        if url:
            refs.append(ImageRef(url, kind, selector or selectors[element], alt, box))

    for img in root.iter("img"):
        if _hidden(img):
            continue
        alt, box = collapse(img.get("alt") or "") or None, displayed_box(img)
        add(img.get("src") or img.get("data-src"), "img", img, alt, box)
        for candidate in parse_srcset(img.get("srcset") or img.get("data-srcset") or ""):
            add(candidate, "srcset", img, alt, box)
        parent = img.getparent()
        if parent is not None and parent.tag == "picture":
            for source in parent.iter("source"):
                for candidate in parse_srcset(source.get("srcset") or ""):
                    add(candidate, "picture", source, alt, box)
    for link in root.iter("link"):
        kinds = [
            ICON_RELS[rel] for rel in (link.get("rel") or "").lower().split() if rel in ICON_RELS
        ]
        if kinds:
            add(link.get("href"), kinds[0], link, None, None)
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in META_IMAGES:
            attr = "property" if meta.get("property") else "name"
            selector = f'meta[{attr}="{meta.get(attr)}"]'
            add(meta.get("content"), META_IMAGES[key], meta, _meta_alt(root, key), None, selector)
    for svg in root.xpath("//svg[not(ancestor::svg)]"):
        if not _hidden(svg):
            url = _store_inline(svg_markup(svg), "inline-svg", inline_images)
            refs.append(
                ImageRef(url, "inline_svg", selectors[svg], _svg_label(svg), displayed_box(svg))
            )
    for element in root.xpath("//*[@style]"):
        for raw in style_attribute_backgrounds(element.get("style") or ""):
            if not _hidden(element):
                add(raw, "css_background", element, None, displayed_box(element))
    for element, raw in stylesheet_backgrounds(root):
        if not _hidden(element):
            label = collapse(element.get("aria-label") or element.get("title") or "") or None
            add(raw, "css_background", element, label, displayed_box(element))
    for element in root.xpath("//object[@data] | //embed[@src]"):
        raw = element.get("data") or element.get("src")
        if _is_image_embed(element, raw) and not _hidden(element):
            label = element.get("aria-label") or element.get("title")
            add(raw, "object", element, collapse(label or "") or None, displayed_box(element))
    return refs


def _is_image_embed(element: _Element, raw: str | None) -> bool:
    """<object>/<embed> showing an image (by declared type, else by file extension)."""
    declared = (element.get("type") or "").lower()
    if declared:
        return declared.startswith("image/")
    return bool(_IMAGE_EXTENSION.search(urlsplit((raw or "").strip()).path))


def resolve_image_url(
    raw: str | None, base_url: str, inline_images: dict[str, bytes]
) -> str | None:
    """An absolute http(s) URL, an ``inline-data:`` pseudo URL for data: URIs, or None."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw[:5].lower() == "data:":
        try:
            return _store_inline(parse_data_uri(raw).data, "inline-data", inline_images)
        except ValueError:
            return None
    return resolved("image", base_url, raw, _image_url)


def _image_url(base_url: str, raw: str) -> str | None:
    url = urljoin(base_url, raw)
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return safe_url_string(url.split("#", 1)[0])


def parse_srcset(value: str) -> list[str]:
    """The candidate URLs of a srcset, following the HTML parsing rules (commas in URLs kept)."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while i < n and value[i] != ",":  # skip the descriptors ("2x", "480w")
                i += 1
        if url:
            urls.append(url)
    return urls


def displayed_box(element: _Element) -> Box | None:
    """The size the markup asks for (style wins over width/height attributes), if both known."""
    size: dict[str, float] = {}
    for name in ("width", "height"):
        match = _ATTR_PX.match(element.get(name) or "")
        if match:
            size[name] = float(match.group(1))
    for name, value in _STYLE_PX.findall(element.get("style") or ""):
        size[name.lower()] = float(value)
    if "width" in size and "height" in size:
        return Box(size["width"], size["height"])
    return None


def svg_markup(svg: _Element) -> bytes:
    """Standalone SVG document bytes for an inline <svg> parsed by the HTML parser."""
    svg = copy.deepcopy(svg)
    svg.tail = None
    for element in svg.iter():
        if isinstance(element.tag, str):
            element.tag = _SVG_NAMES.get(element.tag, element.tag)
            for name in [n for n in element.attrib if n in _SVG_NAMES]:
                element.attrib[_SVG_NAMES[name]] = element.attrib.pop(name)
    text = etree.tostring(svg, encoding="unicode", method="xml", with_tail=False)
    end = text.index(">")
    insert_at = end - 1 if text[end - 1] == "/" else end
    declarations = ""
    if "xmlns=" not in text[:end]:
        declarations += ' xmlns="http://www.w3.org/2000/svg"'
    if "xlink:" in text and "xmlns:xlink" not in text[:end]:
        declarations += ' xmlns:xlink="http://www.w3.org/1999/xlink"'
    return (text[:insert_at] + declarations + text[insert_at:]).encode()


def _store_inline(data: bytes, scheme: str, inline_images: dict[str, bytes]) -> str:
    url = f"{scheme}:{hashlib.sha256(data).hexdigest()}"
    inline_images[url] = data
    return url


def _hidden(element: _Element) -> bool:
    node: _Element | None = element
    while node is not None:
        if node.tag == "template" or hides_display(node):
            return True
        node = node.getparent()
    return False


def _svg_label(svg: _Element) -> str | None:
    label = svg.get("aria-label")
    if not label:
        title = svg.find("title")
        label = title.text_content() if title is not None else None
    return collapse(label or "") or None


def _meta_alt(root: _Element, key: str) -> str | None:
    prefix = "og:image" if key.startswith("og:") else "twitter:image"
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == f"{prefix}:alt":
            return collapse(meta.get("content") or "") or None
    return None
