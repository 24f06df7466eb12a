"""The finding: what a check reports, with its place, evidence and fix."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any
from urllib.parse import urldefrag


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True)
class Location:
    """Where an editor finds the problem: the element and the text around it."""

    selector: str | None = None
    snippet: str | None = None
    # Character span of the offending text inside the located block's text, if any.
    start: int | None = None
    end: int | None = None
    source: str | None = None  # which text source (visible text, alt, og:title, ...)
    page: int | None = None  # 1-based page of a PDF document
    # [x, y, width, height] of the text inside a picture (image pixels) or on a PDF page
    # (points from the page's top-left corner).
    box: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class Finding:
    """One inconsistency between a touchpoint and the guideline.

    `identity` holds the parts that make this problem this problem (what was found, what
    was expected, a few words of context), never positions: the stable `id` is derived from
    rule, URL and identity, so moving a paragraph keeps the id.
    """

    rule: str
    severity: Severity
    url: str
    message: str
    touchpoint: str = "website"
    location: Location = field(default_factory=Location)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str = ""
    identity: str = ""
    id: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.url,
            -self.severity.rank,
            self.rule,
            self.location.selector or "",
            self.location.start or 0,
            self.message,
        )


_SPACE = re.compile(r"\s+")


def _normalise_identity(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def fingerprint(rule: str, url: str, identity: str) -> str:
    base = "\x1f".join((rule, urldefrag(url).url, _normalise_identity(identity)))
    return hashlib.sha256(base.encode("utf-8")).hexdigest()[:16]


def finalise(findings: Iterable[Finding]) -> list[Finding]:
    """Sort findings deterministically and give each a stable id.

    The same problem occurring twice on one page gets a counter suffix (in document
    order), so each occurrence keeps its own id across audits.
    """
    ordered = sorted(findings, key=Finding.sort_key)
    seen: Counter[str] = Counter()
    result = []
    for finding in ordered:
        base = fingerprint(finding.rule, finding.url, finding.identity or finding.message)
        seen[base] += 1
        fid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append(replace(finding, id=fid))
    return result
