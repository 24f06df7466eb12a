"""A CSV worklist for editors: one row per finding, an empty `owner` column to assign.

Crawled text is untrusted and spreadsheets execute formulas, so any cell that starts with
a formula trigger (= + - @, tab, carriage return) is prefixed with a quote (OWASP's advice
against CSV injection). The file starts with a UTF-8 byte-order mark so Excel reads
non-ASCII text (brand names, Chinese slogans) correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

BOM = "\ufeff"
COLUMNS = (
    "page",
    "element",
    "rule",
    "severity",
    "found",
    "expected",
    "fix",
    "message",
    "finding_id",
    "owner",
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A cell value a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _row(finding: dict[str, Any]) -> list[str]:
    evidence = finding["evidence"]
    found = evidence.get("found", evidence.get("image_url"))
    return [
        neutralise(cell)
        for cell in (
            finding["url"],
            finding["location"].get("selector"),
            finding["rule"],
            finding["severity"],
            found,
            evidence.get("expected"),
            finding["suggestion"],
            finding["message"],
            finding["id"],
            "",
        )
    ]


def render(document: dict[str, Any]) -> str:
    return "".join(chunks(document))


def chunks(document: dict[str, Any], rows_per_chunk: int = 1000) -> Iterator[str]:
    """The CSV text in pieces of `rows_per_chunk` rows: never the whole file in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for index, finding in enumerate(document["findings"], start=1):
        writer.writerow(_row(finding))
        if index % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
