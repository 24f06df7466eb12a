"""Does a finding's CSS selector path lie inside an element an ignore rule describes?

We have no DOM at gate time, only the selector the crawler recorded (for example
``body > div#cookie-banner.consent > p:nth-of-type(2)``). An ignored selector such as
``#cookie-banner``, ``div.consent`` or ``footer .legal`` matches when its steps appear, in
order, among the path's steps: each ignored step's tag, id, classes, attributes and
pseudo-classes must all be present on one path step. Combinators are read as descendant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTS = re.compile(r"#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(?:\([^)]*\))?")
_TAG = re.compile(r"^(\*|[A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Step:
    tag: str | None
    parts: frozenset[str]  # "#id", ".class", "[attr=...]", ":pseudo(...)"

    def within(self, other: Step) -> bool:
        """True when this (ignored) step describes the element `other` names."""
        tag_ok = self.tag in (None, "*") or self.tag == other.tag
        return tag_ok and self.parts <= other.parts


def _split(selector: str) -> list[str]:
    # Split on combinators outside brackets and parentheses.
    steps, depth, current = [], 0, ""
    for char in selector.strip():
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if depth == 0 and (char.isspace() or char in ">+~"):
            if current:
                steps.append(current)
            current = ""
        else:
            current += char
    if current:
        steps.append(current)
    return steps


def parse_steps(selector: str) -> list[Step]:
    steps = []
    for raw in _split(selector):
        tag_match = _TAG.match(raw)
        tag = tag_match.group(1).lower() if tag_match else None
        rest = raw[tag_match.end() :] if tag_match else raw
        steps.append(Step(tag=tag, parts=frozenset(_PARTS.findall(rest))))
    return steps


def selector_within(path: str, ignored: str) -> bool:
    """True when the element at `path` is, or lies inside, an element `ignored` describes."""
    wanted = parse_steps(ignored)
    if not wanted:
        return False
    position = 0
    for step in parse_steps(path):
        if wanted[position].within(step):
            position += 1
            if position == len(wanted):
                return True
    return False
