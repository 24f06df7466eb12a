"""Visible text of a page as blocks, each with the selector that locates it.

Granularity is the block a reader sees: a paragraph, heading, list item, table cell, or a
link/button/label/span standing alone in a container. Inline markup inside a block (<em>,
<strong>, <a>, <br>) stays part of the block's text, so "Nova<b>Bridge</b>" reads as one
word. Text nobody sees (script, style, code, hidden elements) is never a block: brand names
in code are not findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping

from lxml.etree import _Element

from brandaudit.crawler.artifacts import TextBlock

SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "code", "pre", "svg", "math", "textarea",
     "select", "iframe", "object", "canvas", "kbd", "samp", "head", "title"}
)  # fmt: skip
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "big", "button", "cite", "data", "del", "dfn", "em",
     "font", "i", "img", "input", "ins", "label", "mark", "q", "s", "small", "span", "strike",
     "strong", "sub", "sup", "time", "tt", "u", "var", "br", "wbr", "nobr", "source", "track"}
)  # fmt: skip
TEXT_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "figcaption",
     "blockquote", "caption", "legend", "summary", "address"}
)  # fmt: skip
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
JSONLD_KEYS = frozenset({"name", "description", "alternateName", "slogan"})

_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)


def collapse(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to single spaces."""
    return " ".join(text.split())


def hides_display(element: _Element) -> bool:
    """Whether the element is not drawn at all ([hidden], display:none, visibility:hidden)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDING_STYLE.search(style))


def is_hidden(element: _Element) -> bool:
    """Whether the element's text is hidden from readers (not drawn, or aria-hidden)."""
    return element.get("aria-hidden") == "true" or hides_display(element)


def _skipped(element: _Element) -> bool:
    return not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS or is_hidden(element)


def visible_text_blocks(body: _Element, selectors: Mapping[_Element, str]) -> list[TextBlock]:
    """The visible text blocks under `body`, in document order.

    Walked with an explicit stack, not recursion: a hostile page nests elements thousands
    deep, which raised RecursionError and lost the page.
    """
    blocks: list[TextBlock] = []
    stack = [body]
    while stack:
        element = stack.pop()
        if _skipped(element):
            continue
        tag = element.tag
        if tag in TEXT_BLOCK_TAGS or tag in INLINE_TAGS or _has_own_text(element):
            parts: list[str] = []
            nested: list[_Element] = []
            _gather(element, parts, nested)
            text = collapse("".join(parts))
            if text:
                blocks.append(TextBlock(text, selectors[element]))
            stack.extend(reversed(nested))
        else:
            stack.extend(reversed(list(element)))
    return blocks


def _has_own_text(element: _Element) -> bool:
    """Text directly inside a container (not in a child element) makes it a paragraph."""
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def _gather(element: _Element, parts: list[str], nested: list[_Element]) -> None:
    """Append the element's inline text to `parts`; block children go to `nested`.

    Inline descendants are walked with an explicit stack (no recursion limit on nesting).
    """
    if _button_text(element, parts):
        return
    if element.text:
        parts.append(element.text)
    stack = [(element, iter(element))]
    while stack:
        owner, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and owner.tail:  # an inline child is done: its tail follows it
                parts.append(owner.tail)
            continue
        if not _skipped(child):
            if child.tag == "br":
                parts.append(" ")
            elif child.tag in INLINE_TAGS:
                if not _button_text(child, parts):
                    if child.text:
                        parts.append(child.text)
                    stack.append((child, iter(child)))
                    continue  # its tail is added when its children are done
            else:
                nested.append(child)
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def _button_text(element: _Element, parts: list[str]) -> bool:
    """An <input> contributes its button label, never its children; True when it is one."""
    if element.tag != "input":
        return False
    if element.get("type", "").lower() in BUTTON_INPUTS and element.get("value"):
        parts.append(f" {element.get('value')} ")
    return True


def metadata_text_blocks(root: _Element, selectors: Mapping[_Element, str]) -> list[TextBlock]:
    """Text that is not body copy but speaks for the brand: title, meta, JSON-LD, alt, title=,
    aria-label (what a screen reader announces for a logo link or an icon button)."""
    blocks: list[TextBlock] = []
    for title in root.xpath("//title[not(ancestor::svg)]")[:1]:
        if text := collapse(title.text_content()):
            blocks.append(TextBlock(text, selectors.get(title, "title"), "title"))
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        source = {"description": "meta_description", "og:title": "og_title",
                  "og:description": "og_description"}.get(key)  # fmt: skip
        if source and (text := collapse(meta.get("content") or "")):
            attr = "name" if meta.get("name") else "property"
            selector = f'meta[{attr}="{meta.get(attr)}"]'
            blocks.append(TextBlock(text, selector, source))  # type: ignore[arg-type]
    for script in root.xpath('//script[contains(@type, "ld+json")]'):
        for text in _jsonld_strings(script.text or ""):
            blocks.append(TextBlock(text, selectors[script], "jsonld"))
    for element in root.xpath("//*[@alt or @title]"):
        if _in_hidden_subtree(element):
            continue
        if element.tag in ("img", "area", "input") and (alt := collapse(element.get("alt") or "")):
            blocks.append(TextBlock(alt, selectors[element], "alt"))
        if title_attr := collapse(element.get("title") or ""):
            blocks.append(TextBlock(title_attr, selectors[element], "title_attr"))
    for element in root.xpath("//body//*[@aria-label]"):
        if not _in_hidden_subtree(element) and (label := collapse(element.get("aria-label"))):
            blocks.append(TextBlock(label, selectors[element], "aria_label"))
    return blocks


def _in_hidden_subtree(element: _Element) -> bool:
    node: _Element | None = element
    while node is not None:
        if node.tag in ("template", "script", "style") or is_hidden(node):
            return True
        node = node.getparent()
    return False


def _jsonld_strings(raw: str) -> list[str]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        # Broken or absurdly deep JSON-LD is the site's problem, not a reason to lose the page.
        return []
    seen: dict[str, None] = {}
    for text in _walk_jsonld(data):
        if text := collapse(text):
            seen.setdefault(text)
    return list(seen)


def _walk_jsonld(data: object) -> Iterator[str]:
    """Strings under JSON-LD's name-like keys, in document order, walked without recursion."""
    stack: list[tuple[bool, object]] = [(False, data)]  # (is a found string, item)
    while stack:
        found, item = stack.pop()
        if found:
            yield item  # type: ignore[misc]
        elif isinstance(item, list):
            stack.extend((False, value) for value in reversed(item))
        elif isinstance(item, dict):
            work: list[tuple[bool, object]] = []
            for key, value in item.items():
                if key in JSONLD_KEYS:
                    values = value if isinstance(value, list) else [value]
                    work.extend((True, v) for v in values if isinstance(v, str))
                if isinstance(value, (dict, list)):
                    work.append((False, value))
            stack.extend(reversed(work))
