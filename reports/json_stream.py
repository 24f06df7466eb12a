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
            text = json.dumps(item, indent=2, ensure_ascii=False)
            yield ("," if index else "") + inner + text.replace("\n", inner)
        yield pad + "]"
    else:
        yield json.dumps(value, indent=2, ensure_ascii=False).replace("\n", pad)


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
