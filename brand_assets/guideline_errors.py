"""Every mistake in a guideline, one line each, with its file, line and field.

`brand.yaml:3: brand.nam: unknown key; did you mean 'name'?` An unknown key is matched
against the keys its model accepts; the "required field is missing" error a misspelt
required key also causes is folded into that one line, so one typo gives one line.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from brandaudit.brand_assets.yaml_lines import line_of


def describe_errors(
    path: Path, text: str, exc: ValidationError, root: type[BaseModel]
) -> tuple[str, ...]:
    """One line per mistake, in the order of the file's lines."""
    found: list[tuple[tuple[Any, ...], str]] = []
    suggested: set[tuple[Any, ...]] = set()
    for error in exc.errors():
        loc, message = tuple(error["loc"]), _message(error)
        if error["type"] == "extra_forbidden":
            guess = closest_key(root, loc)
            if guess:
                message += f"; did you mean '{guess}'?"
                suggested.add((*loc[:-1], guess))
        found.append((loc, message))
    described: list[tuple[int, str]] = []
    for loc, message in found:
        if message == MISSING and loc in suggested:
            continue  # the misspelt key's own line already says it
        line = line_of(text, loc)
        where = f"{path}:{line}" if line else str(path)
        described.append((line or 10**9, f"{where}: {dotted(loc)}: {message}"))
    described.sort(key=lambda item: item[0])
    return tuple(text_line for _, text_line in described)


MISSING = "required field is missing"


def _message(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "missing":
        return MISSING
    return str(error["msg"]).removeprefix("Value error, ")


def dotted(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = "not" if part == "not_" else part
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def closest_key(root: type[BaseModel], loc: Sequence[Any]) -> str | None:
    """The accepted key nearest to the unknown last part of `loc`, if one is close."""
    model = _model_at(root, loc[:-1])
    if model is None or not isinstance(loc[-1], str):
        return None
    fields = model.model_fields.items()
    keys = [field.alias or name for name, field in fields if not field.exclude]
    match = difflib.get_close_matches(loc[-1], keys, n=1, cutoff=0.6)
    return match[0] if match else None


def _model_at(root: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or model is None:
            continue  # an index into a sequence: the item type was taken with the field
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        model = _model_in(field.annotation) if field else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X`, `X | None`, `tuple[X, ...]` or `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(annotation):
            model = _model_in(arg)
            if model is not None:
                return model
    return None
