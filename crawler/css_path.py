"""Stable, human-readable CSS selectors for the elements of a parsed page.

A finding must say where on the page it is, in a form a person can paste into the browser's
dev tools: ``#pricing > p:nth-of-type(2)`` or ``main > ul > li:nth-of-type(3)``. A selector
starts at the nearest ancestor with a unique id, or a landmark (main, header, footer, nav,
article, aside) that occurs once, or ``body``/``head``; ``:nth-of-type`` appears only where
an element has siblings of the same tag.

Selectors are computed when asked for (`ElementSelectors`): a page has about a thousand
elements and only its text blocks and images need a selector, so building one for every
element cost more than the rest of reading the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping

from lxml.etree import _Element

LANDMARKS = frozenset({"main", "header", "footer", "nav", "article", "aside"})
_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_MISSING = object()


class ElementSelectors(Mapping[_Element, str]):
    """Element -> selector for the elements under `root` (the <html> element), on demand.

    Gives the same selectors as walking the whole tree from `root`. The memo keeps the element
    proxies alive, so looking elements up again by identity works. An element outside the tree
    has no selector (KeyError, or `get`'s default).
    """

    def __init__(self, root: _Element) -> None:
        self.root = root
        self._ids = Counter(value for value in root.xpath("//@id") if value)
        self._landmarks = Counter(el.tag for el in root.iter(*LANDMARKS))
        self._memo: dict[_Element, str] = {root: "html"}
        self._steps: dict[_Element, dict[_Element, str]] = {}  # parent -> child -> step

    def __getitem__(self, element: _Element) -> str:
        found = self._memo.get(element)
        if found is not None:
            return found
        selector = self._compute(element)
        if selector is None:
            raise KeyError(element)
        return selector

    def get(self, element: _Element, default: object = None) -> object:  # type: ignore[override]
        found = self._memo.get(element)
        if found is not None:
            return found
        selector = self._compute(element)
        return default if selector is None else selector

    def __contains__(self, element: object) -> bool:
        return self.get(element, _MISSING) is not _MISSING  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[_Element]:
        """Every element under root, in document order (computes all their selectors)."""
        for element in self.root.iter():
            if isinstance(element.tag, str):
                self[element]
                yield element

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def _compute(self, element: _Element) -> str | None:
        """Climb to the nearest ancestor whose selector is known or needs no ancestors, then
        build the selectors back down (a loop: pages nest deeper than the recursion limit)."""
        chain: list[_Element] = []
        node: _Element | None = element
        base: str | None = None
        while node is not None:
            known = self._memo.get(node)
            if known is not None:
                base = known
                break
            if not isinstance(node.tag, str):
                return None  # a comment or processing instruction has no selector
            own = self._own_selector(node)
            if own is not None:
                if not self._under_root(node):
                    return None
                self._memo[node] = base = own
                break
            chain.append(node)
            node = node.getparent()
        if base is None:
            return None  # not under root
        selector = base
        for child in reversed(chain):
            parent = child.getparent()
            assert parent is not None
            selector = f"{selector} > {self._child_steps(parent)[child]}"
            self._memo[child] = selector
        return selector

    def _under_root(self, node: _Element) -> bool:
        """Whether `node` is `root` or below it (an ancestor already given a selector is)."""
        while node is not None:
            if node is self.root or node in self._memo:
                return True
            node = node.getparent()
        return False

    def _child_steps(self, parent: _Element) -> dict[_Element, str]:
        steps = self._steps.get(parent)
        if steps is None:
            children = [child for child in parent if isinstance(child.tag, str)]
            same_tag = Counter(child.tag for child in children)
            seen: Counter[str] = Counter()
            steps = {}
            for child in children:
                tag = child.tag
                seen[tag] += 1
                css_tag = tag.replace(":", "\\:")  # namespaced tags from word processors: o:p
                numbered = same_tag[tag] > 1
                steps[child] = f"{css_tag}:nth-of-type({seen[tag]})" if numbered else css_tag
            self._steps[parent] = steps
        return steps

    def _own_selector(self, element: _Element) -> str | None:
        """A selector that needs no ancestors, when the element has one."""
        tag = element.tag
        element_id = element.get("id")
        if element_id and self._ids[element_id] == 1 and _IDENT.match(element_id):
            return f"#{element_id}"
        if tag in LANDMARKS and self._landmarks[tag] == 1:
            return tag
        if tag in ("body", "head") and element.getparent() is not None:
            return tag
        return None


def element_selectors(root: _Element) -> ElementSelectors:
    """Selectors for the elements under `root` (the <html> element), computed when asked for."""
    return ElementSelectors(root)
