"""The matrix's columns and cells, shared by the website, profile and document rows."""

from __future__ import annotations

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
