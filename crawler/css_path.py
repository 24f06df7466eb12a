"""Stable, human-readable CSS selectors for the elements of a parsed page.

A finding must say where on the page it is, in a form a person can paste into the browser's
dev tools: ``#pricing > p:nth-of-type(2)`` or ``main > ul > li:nth-of-type(3)``. A selector
starts at the nearest ancestor with a unique id, or a landmark (main, header, footer, nav,
article, aside) that occurs once, or ``body``/``head``; ``:nth-of-type`` appears only where
an element has siblings of the same tag.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.etree import _Element

LANDMARKS = frozenset({"main", "header", "footer", "nav", "article", "aside"})
_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")


def element_selectors(root: _Element) -> dict[_Element, str]:
    """Map every element under `root` (the <html> element) to its selector.

    The dict keeps the element proxies alive, so looking elements up again by identity works.
    """
    ids = Counter(el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id"))
    landmarks = Counter(el.tag for el in root.iter(*LANDMARKS))
    selectors: dict[_Element, str] = {root: "html"}
    stack = [(root, "html")]  # explicit stack: pages nest deeper than Python's recursion limit
    while stack:
        parent, parent_selector = stack.pop()
        for child, selector in _child_selectors(parent, parent_selector, ids, landmarks):
            selectors[child] = selector
            stack.append((child, selector))
    return selectors


def _child_selectors(
    parent: _Element, parent_selector: str, ids: Counter[str], landmarks: Counter[str]
) -> list[tuple[_Element, str]]:
    children = [child for child in parent if isinstance(child.tag, str)]
    same_tag = Counter(child.tag for child in children)
    seen: Counter[str] = Counter()
    out: list[tuple[_Element, str]] = []
    for child in children:
        tag = child.tag
        seen[tag] += 1
        css_tag = tag.replace(":", "\\:")  # namespaced tags from word processors: o:p
        selector = _own_selector(child, tag, ids, landmarks)
        if selector is None:
            step = f"{css_tag}:nth-of-type({seen[tag]})" if same_tag[tag] > 1 else css_tag
            selector = f"{parent_selector} > {step}" if parent_selector else step
        out.append((child, selector))
    return out


def _own_selector(
    element: _Element, tag: str, ids: Counter[str], landmarks: Counter[str]
) -> str | None:
    """A selector that needs no ancestors, when the element has one."""
    element_id = element.get("id")
    if element_id and ids[element_id] == 1 and _IDENT.match(element_id):
        return f"#{element_id}"
    if tag in LANDMARKS and landmarks[tag] == 1:
        return tag
    if tag in ("body", "head") and element.getparent() is not None:
        return tag
    return None
