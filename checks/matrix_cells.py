"""The matrix's columns and cells, shared by the website, profile and document rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = ("name", "logo", "bio", "link", "facts")
WEBSITE_RULES = (  # rule prefix of a website (or document) finding -> its column
    ("text.brand_name", "name"),
    ("logo.", "logo"),
    ("text.slogan", "bio"),
    ("text.term", "bio"),
    ("fact.", "facts"),
)


def cell(applicable: bool, ids: list[str]) -> dict[str, Any]:
    state = "inconsistent" if ids else ("consistent" if applicable else "n/a")
    return {"state": state, "findings": ids}


Findings = Iterable[Mapping[str, Any]]


def finding_fields(findings: Findings, *names: str) -> Findings:
    """The findings as a pass reading only `names` gets them: the report's rows on disk
    (reports/finding_store.py `FindingRows.columns`) give those columns and parse no row."""
    columns = getattr(findings, "columns", None)
    return columns(*names) if callable(columns) else findings
