"""Reading the data Chinese platforms embed in their pages for their own scripts.

Douyin, Xiaohongshu, WeChat and the Chinese app stores render from JSON (or JS variables)
the server writes into the page; their key names drift between page versions, so readers
search the whole structure for the object that carries the wanted keys instead of following
one fixed path.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

JS_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\(.)")


def objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside `data`, outermost first."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))


def object_with(data: Any, *keys: str, any_of: tuple[str, ...] = ()) -> dict[str, Any]:
    """The first object holding all `keys` (and one of `any_of`, when given); else {}."""
    for item in objects(data):
        if all(k in item for k in keys) and (not any_of or any(k in item for k in any_of)):
            return item
    return {}


def value_of(data: Any, *keys: str) -> Any:
    """The first non-blank value stored under any of `keys`, searched in that key order."""
    for key in keys:
        for item in objects(data):
            value = item.get(key)
            if value not in (None, "", [], {}):
                return value
    return None


def number(value: Any) -> float | None:
    """A rating or count written as a number or a string ('4.5', '12,345', '1.2万')."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).replace(",", "").strip()
    scale = 1.0
    if text.endswith("万"):
        text, scale = text[:-1], 10_000.0
    elif text.endswith("亿"):
        text, scale = text[:-1], 100_000_000.0
    match = re.fullmatch(r"\d+(?:\.\d+)?", text)
    return float(match[0]) * scale if match else None


def count(value: Any) -> int | None:
    found = number(value)
    return int(found) if found is not None else None


def js_string(body: str, variable: str) -> str | None:
    """The string assigned to a JS variable: `var x = "..."` or `var x = htmlDecode("...")`,
    with JS escapes and HTML entities decoded."""
    pattern = rf"""\b{re.escape(variable)}\s*=\s*(?:htmlDecode\()?\s*(["'])((?:\\.|(?!\1).)*)\1"""
    match = re.search(pattern, body)
    if not match:
        return None
    return html.unescape(JS_ESCAPE.sub(_unescape, match[2])).strip() or None


def _unescape(match: re.Match[str]) -> str:
    hex2, hex4, other = match.groups()
    if hex2 or hex4:
        return chr(int(hex2 or hex4, 16))
    return {"n": "\n", "t": "\t", "r": ""}.get(other, other)


def js_object(body: str, variable: str) -> Any:
    """The object literal assigned to `variable` in a page script, read as JSON once the JS
    literals JSON lacks (`undefined`) are replaced; None when absent or unreadable."""
    match = re.search(rf"{re.escape(variable)}\s*=\s*(\{{)", body)
    if not match:
        return None
    end = body.find("</script>", match.start(1))
    raw = body[match.start(1) : end if end > 0 else len(body)]
    raw = re.sub(r"(?<=[:\[,])\s*undefined\b", "null", raw)
    try:
        value, _ = json.JSONDecoder().raw_decode(raw)
    except ValueError:
        return None
    return value
