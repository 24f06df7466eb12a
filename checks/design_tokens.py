"""Colours and font families from a W3C design-tokens file (the guideline's `design_tokens`).

Design systems already publish their palette and type as tokens (Style Dictionary, Figma
Tokens, the W3C Design Tokens format); reading them keeps the guideline from drifting away
from the design system. A token is an object with `$value`; its `$type` may be inherited
from an enclosing group; a value of the form "{group.token}" refers to another token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from brandaudit.brand_assets.guideline import Guideline

MAX_ALIAS_DEPTH = 10


class DesignTokensError(ValueError):
    """An unreadable tokens file; the message names the file and the token."""


def token_values(guideline: Guideline, token_type: str) -> list[str]:
    """Every value of tokens of `token_type` ("color", "fontFamily"), as strings, in order."""
    if guideline.design_tokens is None:
        return []
    path = (guideline.base_dir / guideline.design_tokens).resolve()
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return list(_values(path, mtime, token_type))


@cache
def _values(path: Path, mtime: int, token_type: str) -> tuple[str, ...]:
    try:
        tree = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DesignTokensError(f"{path}: design tokens file not found") from None
    except (OSError, ValueError) as exc:
        raise DesignTokensError(f"{path}: cannot read design tokens: {exc}") from None
    values: list[str] = []
    for name, kind, value in _tokens(tree, None, ()):
        if kind != token_type:
            continue
        value = _resolve(tree, value, path, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("hex"), str):
                item = item["hex"]  # the 2025 colour object: {"colorSpace", "components", "hex"}
            if not isinstance(item, str):
                raise DesignTokensError(f"{path}: token {name}: expected a string, got {item!r}")
            values.append(item)
    return tuple(values)


def _tokens(
    node: Any, inherited: str | None, trail: tuple[str, ...]
) -> Iterator[tuple[str, Any, Any]]:
    if not isinstance(node, dict):
        return
    kind = node.get("$type", inherited)
    if "$value" in node:
        yield ".".join(trail), kind, node["$value"]
        return
    for key, child in node.items():
        if not key.startswith("$"):
            yield from _tokens(child, kind, (*trail, key))


def _resolve(tree: Any, value: Any, path: Path, name: str) -> Any:
    for _ in range(MAX_ALIAS_DEPTH):
        if not (isinstance(value, str) and value.startswith("{") and value.endswith("}")):
            return value
        node = tree
        for part in value[1:-1].split("."):
            if not isinstance(node, dict) or part not in node:
                raise DesignTokensError(f"{path}: token {name}: unknown reference {value}")
            node = node[part]
        value = node.get("$value") if isinstance(node, dict) else node
    raise DesignTokensError(f"{path}: token {name}: references nest too deep (a cycle?)")
