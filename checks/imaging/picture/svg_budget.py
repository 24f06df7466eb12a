"""How many elements an SVG draws once its `<use>` references are expanded, counted before
rendering.

`<use>` copies another element, which may itself hold `<use>`s: 30 nested groups of two
references each draw 2^30 elements from 2 KB, and the renderer (cairosvg) ran for a minute
per file before its own 100,000-element abort. The count here is linear in the file
(each element is sized once) and finds reference cycles, so such files are refused at once.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

MAX_DRAWN_ELEMENTS = 50_000  # the bundled sample logos draw 15; detailed emblems a few thousand
_HREF = ("href", "{http://www.w3.org/1999/xlink}href")


class SvgTooComplex(ValueError):
    """The SVG would draw too much, or refers to itself; the message says which."""


def check_drawn_elements(root: Element, limit: int = MAX_DRAWN_ELEMENTS) -> int:
    """The number of elements `root` draws with references expanded; raise past `limit`."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        element, children_done = stack.pop()
        key = id(element)
        parts = [*element, *_referenced(element, by_id)]
        if children_done:
            on_path.discard(key)
            total = 1 + sum(size[id(part)] for part in parts)
            size[key] = total
            if total > limit:
                raise SvgTooComplex(
                    f"SVG draws more than {limit:,} elements once its <use> references are "
                    "expanded (a reference bomb)"
                )
            continue
        if key in size:
            continue
        on_path.add(key)
        stack.append((element, True))
        for part in parts:
            if id(part) in on_path:
                raise SvgTooComplex("SVG refers to itself through <use> (an endless drawing)")
            if id(part) not in size:
                stack.append((part, False))
    return size[id(root)]


def _referenced(element: Element, by_id: dict[str | None, Element]) -> list[Element]:
    if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "use":
        return []
    for name in _HREF:
        href = element.get(name) or ""
        if href.startswith("#") and href[1:] in by_id:
            return [by_id[href[1:]]]
    return []
