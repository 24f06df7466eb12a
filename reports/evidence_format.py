"""Evidence values as an editor reads them, not as Python prints them.

Evidence is plain JSON: sizes arrive as {"width": 160, "height": 80} and a slogan's word diff
as a list of {"op", "expected", "found"}. Printed raw they read as code; here they become
"160 × 80" and struck/inserted words. Every piece of crawled text is escaped first.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def _is_size(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"width", "height"}


def _is_diff(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(item, dict) and {"op", "expected", "found"} <= set(item) for item in value
        )
    )


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _change(item: dict[str, Any]) -> Markup:
    removed = Markup("<del>{}</del>").format(item["expected"]) if item["expected"] else ""
    added = Markup("<ins>{}</ins>").format(item["found"]) if item["found"] else ""
    return Markup(" → ").join(part for part in (removed, added) if part)


def format_evidence(value: Any) -> Markup | str:
    """One evidence value for the finding card's detail list."""
    if _is_size(value):
        return f"{_number(value['width'])} × {_number(value['height'])} px"
    if _is_diff(value):
        return Markup("; ").join(_change(item) for item in value)
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return ", ".join(_number(item) if not isinstance(item, str) else item for item in value)
    if isinstance(value, float):
        return _number(round(value, 3))
    return escape(value) if isinstance(value, str) else str(value)
