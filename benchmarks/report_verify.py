"""Check an audit's report.json and report.html (with its part files) as a reader would,
reading each file as a stream: memory_bench's reports are hundreds of MB at 100,000 pages.

report.json: every top-level member parses; `pages` and `findings` are read one item at a
time (the file is `json.dumps(indent=2)`, so each item starts and ends on its own line at
four spaces). report.html and its parts: tags balance, the summary's counts are report.json's,
the pages table has a row per page, and every page with findings has exactly one section
showing min(findings, PAGE_CARDS) cards and "And N more findings" for the rest; a link from
report.html's table of pages lands on an anchor of its part file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option"}
_TOP = re.compile(r'^  "([^"]+)": (.*)$')
_MORE = re.compile(r"And (\d+) more findings on this page")
_FOUND = re.compile(r"^(\d+) findings?$")


class ReportError(Exception):
    """A report that a reader could not use."""


@dataclass
class JsonFacts:
    pages: int = 0
    findings: int = 0
    per_page: dict[str, Counter[str]] = field(default_factory=dict)  # url -> per severity
    summary: dict[str, Any] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)


def _items(lines: Iterator[str], key: str) -> Iterator[dict[str, Any]]:
    """The items of a top-level list opened on the line before, up to its closing line."""
    item: list[str] = []
    for line in lines:
        if line.startswith("  ]"):
            if item:
                raise ReportError(f"report.json: {key}: an item is not closed")
            return
        item.append(line)
        if line.startswith("    }"):
            text = "".join(item).rstrip().rstrip(",")
            try:
                yield json.loads(text)
            except ValueError as exc:
                raise ReportError(f"report.json: {key}: an item does not parse: {exc}") from None
            item = []
    raise ReportError(f"report.json: {key} is cut short")


def scan_json(path: Path) -> JsonFacts:
    facts = JsonFacts()
    with open(path, encoding="utf-8") as handle:
        lines = iter(handle)
        if next(lines, "").rstrip() != "{":
            raise ReportError("report.json: not a JSON object")
        for line in lines:
            if line.rstrip() == "}":
                break
            match = _TOP.match(line.rstrip("\n"))
            if match is None:
                raise ReportError(f"report.json: unexpected line {line[:80]!r}")
            key, rest = match.groups()
            facts.keys.append(key)
            if key in ("pages", "findings") and rest == "[":
                for item in _items(lines, key):
                    if key == "pages":
                        facts.pages += 1
                    else:
                        facts.findings += 1
                        counts = facts.per_page.setdefault(item["url"], Counter())
                        counts[item["severity"]] += 1
                continue
            text = [rest]
            if rest in ("{", "["):
                for inner in lines:
                    text.append(inner)
                    if inner.startswith(("  }", "  ]")):
                        break
            try:
                value = json.loads("".join(text).rstrip().rstrip(","))
            except ValueError as exc:
                raise ReportError(f"report.json: {key} does not parse: {exc}") from None
            if key == "summary":
                facts.summary = value
            elif key in ("pages", "findings"):  # empty lists, on one line
                setattr(facts, key, len(value))
        else:
            raise ReportError("report.json is cut short")
    return facts


@dataclass
class Section:
    file: str
    anchor: str
    summary: str = ""
    cards: int = 0
    more: int = 0


class HtmlScan(HTMLParser):
    """One HTML file, fed in chunks: tag balance, page sections, summary cards, ids."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sections: list[Section] = []
        self.cards: dict[str, int] = {}  # summary card class -> its number
        self.page_rows = 0
        self._section: Section | None = None
        self._capture: str | None = None  # what the text being read belongs to
        self._card: str | None = None
        self._in_pages = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        classes = values.get("class", "").split()
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "#" in values.get("href", "") and "part" in values.get("href", ""):
            self.links.append(values["href"])
        if tag == "h2":
            self._in_pages = values.get("id") == "pages"
        if tag == "details" and "page" in classes:
            self._section = Section(self.name, values.get("id", ""))
            self.sections.append(self._section)
        elif tag == "summary" and self._section is not None and not self._section.summary:
            self._capture = "summary"
        elif tag == "article" and "finding" in classes and self._section is not None:
            self._section.cards += 1
        elif tag == "p" and "more" in classes and self._section is not None:
            self._capture = "more"
        elif tag == "div" and "card" in classes:
            self._card = next((c for c in classes if c != "card"), "pages")
        elif tag == "span" and "n" in classes and self._card is not None:
            self._capture = "card"
        elif tag == "tr" and self._in_pages and self.stack[-1:] == ["tbody"]:
            self.page_rows += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            if len(self.errors) < 5:
                self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        self.stack.pop()
        if tag == "details":
            self._section = None
        if tag == "div":
            self._card = None
        if tag in ("summary", "p", "span"):
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture == "summary" and self._section is not None:
            self._section.summary += data
        elif self._capture == "more" and self._section is not None:
            match = _MORE.search(data)
            if match:
                self._section.more = int(match.group(1))
        elif self._capture == "card" and self._card is not None and data.strip().isdigit():
            self.cards[self._card] = int(data)


def scan_html(path: Path) -> HtmlScan:
    scan = HtmlScan(path.name)
    with open(path, encoding="utf-8") as handle:
        while chunk := handle.read(1 << 20):
            scan.feed(chunk)
    scan.close()
    leftover = [tag for tag in scan.stack if tag not in OPTIONAL_END]
    if leftover:
        scan.errors.append(f"left open: {leftover[:5]}")
    return scan


def _section_page(section: Section) -> tuple[str, int]:
    """(page url, findings it says it has) from a section's summary line."""
    pieces = section.summary.split(" · ")
    match = _FOUND.match(pieces[1].strip()) if len(pieces) > 1 else None
    if match is None:
        raise ReportError(f"{section.file}#{section.anchor}: summary {section.summary[:80]!r}")
    url = pieces[0].strip()
    return ("" if url == "(the audit itself)" else url), int(match.group(1))


def verify(out: Path, page_cards: int) -> dict[str, Any]:
    """Everything above; raises ReportError on the first problem. Returns figures."""
    facts = scan_json(out / "report.json")
    expected = facts.summary.get("findings", {})
    listed = sum((counts for counts in facts.per_page.values()), Counter())
    if {k: v for k, v in expected.items() if v} != dict(listed):
        raise ReportError(f"report.json: summary {expected}, findings listed {dict(listed)}")
    if facts.summary.get("pages") != facts.pages:
        raise ReportError(
            f"report.json: summary {facts.summary.get('pages')} pages, lists {facts.pages}"
        )
    main = scan_html(out / "report.html")
    parts = [scan_html(path) for path in sorted(out.glob("report-part-*.html"))]
    for scan in (main, *parts):
        if scan.errors:
            raise ReportError(f"{scan.name}: tags do not balance: {scan.errors}")
    for severity in ("error", "warning", "info"):
        if main.cards.get(severity) != expected.get(severity, 0):
            raise ReportError(f"report.html: {severity} card {main.cards.get(severity)}")
    if main.page_rows != facts.pages:
        raise ReportError(f"report.html: {main.page_rows} rows in Pages, {facts.pages} pages")
    seen: dict[str, Section] = {}
    capped = 0
    for section in (s for scan in (main, *parts) for s in scan.sections):
        url, found = _section_page(section)
        if url in seen:
            raise ReportError(f"{section.file}: page {url} has two sections")
        seen[url] = section
        total = sum(facts.per_page.get(url, Counter()).values())
        shown = min(total, page_cards)
        if (found, section.cards, section.more) != (total, shown, total - shown):
            raise ReportError(
                f"{section.file}#{section.anchor} {url}: says {found}, shows {section.cards}, "
                f"'{section.more} more'; report.json has {total}"
            )
        capped += total > page_cards
    missing = [url for url in facts.per_page if url not in seen]
    if missing:
        raise ReportError(f"report.html: no section for {len(missing)} pages, e.g. {missing[0]}")
    anchors = {(scan.name, anchor) for scan in parts for anchor in scan.ids}
    for link in main.links:
        file, _, anchor = link.partition("#")
        if (file, anchor) not in anchors:
            raise ReportError(f"report.html: link {link} lands on no anchor")
    return {
        "pages": facts.pages,
        "findings": facts.findings,
        "pages_with_findings": len(seen),
        "capped_pages": capped,
        "part_files": len(parts),
        "html_mb": sum(p.stat().st_size for p in out.glob("report*.html")) / 1e6,
        "json_mb": (out / "report.json").stat().st_size / 1e6,
    }
