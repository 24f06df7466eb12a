"""Background images set by a page's CSS (<style> blocks and style attributes), tied to the
elements they paint.

Logos are often CSS backgrounds: `.brand { background: url(/img/logo.svg) }`. Both places are
read with tinycss2 (a real CSS tokenizer: comments, strings, escapes, @media nesting); a
<style> rule's painted element is found with its selector. External stylesheets are not
fetched here; rendered pages report computed backgrounds instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import tinycss2
from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from lxml.etree import _Element

BACKGROUND_PROPERTIES = frozenset({"background", "background-image"})
NESTED_AT_RULES = frozenset({"media", "supports", "layer", "container", "document"})
# States and pseudo-elements paint the same element's box: `a.logo:hover::before` → `a.logo`.
_PSEUDO = re.compile(r"::?[a-zA-Z-]+(?:\([^)]*\))?")
# cssselect compiles user-action states to "never matches" on a static page; drop them first.
_STATES = re.compile(r":(?:hover|focus|focus-within|focus-visible|active|visited|link|target)\b")


@lru_cache(maxsize=256)  # sites repeat the same inline CSS on every page
def background_rules(css: str) -> tuple[tuple[str, str], ...]:
    """(selector list, image URL) for each background image the stylesheet declares."""
    if "url" not in css.lower():
        return ()
    return tuple(_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


@lru_cache(maxsize=1024)
def _compiled(selector: str) -> CSSSelector | None:
    try:
        return CSSSelector(selector)
    except (SelectorError, ValueError):
        return None


def _rules(nodes: list) -> Iterator[tuple[str, str]]:
    for node in nodes:
        if node.type == "qualified-rule":
            selector = tinycss2.serialize(node.prelude).strip()
            for url in _background_urls(node.content):
                yield selector, url
        elif node.type == "at-rule" and node.lower_at_keyword in NESTED_AT_RULES and node.content:
            yield from _rules(
                tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            )


def _background_urls(content: list | str) -> Iterator[str]:
    """Image URLs of the background declarations in a rule body or a `style` attribute."""
    for declaration in tinycss2.parse_blocks_contents(content, skip_whitespace=True):
        if declaration.type != "declaration" or declaration.lower_name not in BACKGROUND_PROPERTIES:
            continue
        for token in declaration.value:
            if token.type == "url":
                yield token.value
            elif token.type == "function" and token.lower_name == "url":
                strings = [arg.value for arg in token.arguments if arg.type == "string"]
                yield from strings[:1]


def style_attribute_backgrounds(style: str) -> list[str]:
    """Background image URLs of one `style="…"` attribute, read by the same CSS parser."""
    return list(_background_urls(style)) if "url" in style.lower() else []


def painted_element(root: _Element, selector_list: str) -> _Element | None:
    """The first element a selector list matches, pseudo-classes and -elements dropped."""
    for selector in selector_list.split(","):
        stateless = _STATES.sub("", selector).strip()
        for candidate in (stateless, _PSEUDO.sub("", stateless).strip()):
            if not candidate:
                continue
            compiled = _compiled(candidate)
            if compiled is None:
                continue
            matches = compiled(root)
            if matches:
                return matches[0]
            break  # the selector was valid and matched nothing: the image is not shown
    return None


def stylesheet_backgrounds(root: _Element) -> Iterator[tuple[_Element, str]]:
    """(element, raw URL) for each <style>-block background that paints an element."""
    for style in root.iter("style"):
        if style.getparent() is not None and style.getparent().tag == "svg":
            continue
        for selector_list, url in background_rules(style.text or ""):
            element = painted_element(root, selector_list)
            if element is not None:
                yield element, url
