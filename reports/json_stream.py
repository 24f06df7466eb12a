"""JSON text in pieces, the same bytes as `json.dumps(indent=2)`: a report of 600,000
findings is encoded one finding at a time, from a sequence that may be on disk."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def indented_chunks(value: Any, level: int) -> Iterator[str]:
    """`json.dumps(value, indent=2, ensure_ascii=False)` as it reads nested `level` deep, in
    pieces. Objects and lists are written member by member (a lazy sequence inside them, such
    as `FindingRows`, is found); the items of a lazy sequence are dumped whole, one at a time.
    JSON strings hold no raw newline, so re-indenting a dumped item is exact."""
    pad, inner = "\n" + "  " * level, "\n" + "  " * (level + 1)
    if isinstance(value, dict) and value:
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ("," if index else "") + inner + json.dumps(str(key), ensure_ascii=False) + ": "
            yield from indented_chunks(item, level + 1)
        yield pad + "}"
    elif isinstance(value, list | tuple) and value:
        yield "["
        for index, item in enumerate(value):
            yield "," + inner if index else inner
            yield from indented_chunks(item, level + 1)
        yield pad + "]"
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes | list | tuple):
        if not len(value):
            yield "[]"
            return
        yield "["
        for index, item in enumerate(value):
            yield ("," if index else "") + inner + indented(item, inner)
        yield pad + "]"
    else:
        yield indented(value, pad)


_STRING = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) escapes with
_CONSTANTS = {None: "null", True: "true", False: "false"}


def indented(value: Any, pad: str = "\n") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad)`, built from the
    C string escaper: json's Python indenting encoder was half of writing report.json
    (8,557 findings: 0.50 CPU s). Anything but plain JSON data (str keys, finite floats)
    takes json.dumps itself."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        if not all(type(key) is str for key in value):
            return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad)
        members = [_STRING(key) + ": " + indented(item, inner) for key, item in value.items()]
        return "{" + inner + ("," + inner).join(members) + pad + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = pad + "  "
        return (
            "[" + inner + ("," + inner).join([indented(item, inner) for item in value]) + pad + "]"
        )
    if kind is int:
        return int.__repr__(value)
    if kind is bool or value is None:
        return _CONSTANTS[value]
    if kind is float and value - value == 0:  # finite: NaN and infinities are json's way
        return float.__repr__(value)
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad)


class Mapped(Sequence[Any]):
    """`[convert(item) for item in items]`, converted as read, never held as a list."""

    def __init__(self, items: Sequence[Any], convert: Callable[[Any], Any]) -> None:
        self.items = items
        self.convert = convert

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return (self.convert(item) for item in self.items)

    def __getitem__(self, index: Any) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return [self.convert(item) for item in self.items[index]]
        return self.convert(self.items[index])
