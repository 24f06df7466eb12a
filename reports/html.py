"""report.html: one self-contained page a brand team can open from disk, read and print.

Rendered by Jinja2 with autoescape on: every value from a crawled page is text, never markup.
The only markup built in Python is the highlight of the offending words in a snippet, and it
escapes the pieces before wrapping them. Images are embedded once each as re-encoded PNG
thumbnails (see `reports.image_library`), so the file needs no server, no network and runs
no crawled code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.registry import Rule
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports import html_parts
from brandaudit.reports.coverage import is_limit, widening_option
from brandaudit.reports.coverage import samples as coverage_samples
from brandaudit.reports.evidence_format import format_evidence
from brandaudit.reports.image_library import ImageLibrary
from brandaudit.reports.recurring import issues_by_rule, shown
from brandaudit.reports.rules import registered_rules

SHOWN_ELSEWHERE = {"found", "expected", "image_url", "distance", "screenshot", "name"}
VERDICTS = {
    "logo.deprecated": "Deprecated logo",
    "logo.altered": "Altered copy of an approved logo",
    "logo.distorted": "Approved logo, distorted",
    "logo.too_small": "Approved logo, shown too small",
}
_SAFE_RELATIVE_PATH = re.compile(r"[\w][\w./-]*")


def highlight(snippet: str | None, found: str | None) -> Markup:
    """The snippet, escaped, with every occurrence of `found` wrapped in <mark>."""
    if not snippet:
        return Markup("<mark>{}</mark>").format(found) if found else Markup("")
    if not found:
        return escape(snippet)
    pattern = re.compile(re.escape(found), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(snippet):  # the pieces escaped, as Markup.format did
        out += [escape(snippet[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    out.append(escape(snippet[last:]))
    return Markup("".join(out))


def safe_screenshot(path: Any) -> str | None:
    """A screenshot path beside the report, or None: no schemes, no absolute or parent paths."""
    if not isinstance(path, str) or not _SAFE_RELATIVE_PATH.fullmatch(path):
        return None
    return None if ".." in path.split("/") else path


_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def swatches(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, #rrggbb) pairs to draw as colour chips: only strict hex values reach CSS."""
    pairs = (("found", evidence.get("swatch") or evidence.get("hex")), ("nearest palette colour",
             evidence.get("nearest")))  # fmt: skip
    return [(label, v) for label, v in pairs if isinstance(v, str) and _HEX_COLOUR.fullmatch(v)]


def _finding_view(finding: dict[str, Any], images: ImageLibrary, titles: dict[str, str]) -> dict:
    evidence = finding["evidence"]
    found = evidence.get("found")
    view = {
        **finding,
        "rule_title": titles.get(finding["rule"], finding["rule"]),
        "text": highlight(finding["location"].get("snippet"), found if found else None),
        "found": found,
        "expected": evidence.get("expected"),
        "screenshot": safe_screenshot(evidence.get("screenshot")),
        "swatches": swatches(evidence),
        "details": {k: v for k, v in evidence.items() if k not in SHOWN_ELSEWHERE},
        "image": None,
        "text_crop": None,
    }
    box = finding["location"].get("box")
    if evidence.get("image_url") and box and not finding["rule"].startswith("logo."):
        view["text_crop"] = images.text_crop(str(evidence["image_url"]), tuple(box))
    if finding["rule"].startswith("logo.") and evidence.get("image_url"):
        expected = str(evidence.get("expected") or evidence.get("name") or "")
        distance = evidence.get("distance")
        replacement = images.replacement(expected)
        view["image"] = {
            "url": evidence["image_url"],
            "found": images.found(evidence["image_url"]),
            "expected_name": expected,
            "expected": images.logo(expected) if expected else None,
            "distance": distance,
            "relation": "=" if distance == 0 else "≈",
            "verdict": evidence.get("verdict") or VERDICTS.get(finding["rule"], "Logo issue"),
            "replacement_name": replacement,
            "replacement": images.logo(replacement) if replacement else None,
        }
    return view


def _rule_view(finding: dict[str, Any]) -> dict:
    """What `issues_by_rule` reads of `_finding_view` (found, expected, the image's URL):
    the table of report.html needs no highlighted text, details or pictures."""
    evidence = finding["evidence"]
    view = {**finding, "found": evidence.get("found"), "expected": evidence.get("expected")}
    if finding["rule"].startswith("logo.") and evidence.get("image_url"):
        view["image"] = {"url": evidence["image_url"]}
    return view


@dataclass(frozen=True)
class _Sources:
    """What every file of one report reads: rule metadata and pages by URL, looked up once."""

    rules: dict[str, Rule]
    titles: dict[str, str]
    pages: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, document: dict[str, Any]) -> _Sources:
        rules = registered_rules()
        return cls(
            rules=rules,
            titles={rule_id: rule.title for rule_id, rule in rules.items()},
            pages={page["url"]: page for page in document["pages"]},
        )

    def views(self, findings: Iterable[dict[str, Any]], images: ImageLibrary) -> Iterator[dict]:
        return (_finding_view(finding, images, self.titles) for finding in findings)

    def page_groups(self, views: Iterable[dict]) -> list[tuple[str, Any, list, int]]:
        """(url, page, cards, cards left out) per page, pages in order of their first card;
        a `more` stand-in (see `_capped_views`) counts a card left out."""
        groups: dict[str, list[dict]] = {}
        more: dict[str, int] = {}
        for view in views:
            items = groups.setdefault(view["url"], [])
            if view.get("more") is True:
                more[view["url"]] = more.get(view["url"], 0) + 1
            else:
                items.append(view)
        return [
            (url, self.pages.get(url), items, more.get(url, 0)) for url, items in groups.items()
        ]


def context(
    document: dict[str, Any],
    result: CrawlResult | None,
    guideline: Guideline | None,
    parts: list[html_parts.Part] | None = None,
    sources: _Sources | None = None,
) -> dict[str, Any]:
    """What report.html shows. With `parts`, the finding cards live in those files instead."""
    sources = sources or _Sources.of(document)
    images = ImageLibrary(result, guideline)
    views: Iterable[dict]
    if parts:
        # The cards are elsewhere: no thumbnails here, links point into the part files; the
        # findings are read one at a time (they may be on disk), never held as views, and
        # viewed only as far as the table by rule reads them.
        views = (_rule_view(finding) for finding in document["findings"])
        where = html_parts.file_of_page(parts)
        by_page: list = []
    else:
        views = list(sources.views(document["findings"], images))
        where = {}
        by_page = sources.page_groups(views)
    by_rule = issues_by_rule(views, lambda view: f"{where.get(view['url'], '')}#f-{view['id']}")
    return {
        "doc": document,
        "audit": document["audit"],
        "summary": document["summary"],
        "total": sum(document["summary"]["findings"].values()),
        "by_page": by_page,
        "parts": parts or [],
        "by_rule": [
            (rule_id, sources.rules.get(rule_id), n, *shown(issues))
            for rule_id, n, issues in by_rule
        ],
        "logos": [
            {**logo, "thumbnail": images.found(logo["image_url"])}
            for logo in document.get("logos", ())
        ],
        "pictures": images.definitions(),  # last: every picture above is registered now
    }


def _part_context(
    document: dict[str, Any],
    part: html_parts.Part,
    part_count: int,
    result: CrawlResult | None,
    guideline: Guideline | None,
    sources: _Sources,
) -> dict[str, Any]:
    images = ImageLibrary(result, guideline)  # each file embeds only the pictures it shows
    findings = html_parts.findings_on(document["findings"], part.urls)
    return {
        "doc": document,
        "audit": document["audit"],
        "part": part,
        "part_count": part_count,
        "by_page": sources.page_groups(_capped_views(findings, images, sources)),
        "pictures": images.definitions(),
    }


def _capped_views(
    findings: Iterable[dict[str, Any]], images: ImageLibrary, sources: _Sources
) -> Iterator[dict]:
    """Views of at most `PAGE_CARDS` findings a page; the others are counted, not viewed
    (their pictures are then not embedded either): `{"url": ..., "more": True}` stand-ins."""
    shown: dict[str, int] = {}
    for finding in findings:
        shown[finding["url"]] = shown.get(finding["url"], 0) + 1
        if shown[finding["url"]] > html_parts.PAGE_CARDS:
            yield {"url": finding["url"], "more": True}
        else:
            yield _finding_view(finding, images, sources.titles)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _ReportEnvironment(Environment):
    """`f.severity` on a view (a dict) reads the key at once. Jinja tries the attribute
    first and the key after its AttributeError: 42 % of rendering 8,557 finding cards. A
    name that is a dict attribute (`f.items`) still takes Jinja's way, so output is equal."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def _environment() -> Environment:
    environment = _ReportEnvironment(
        loader=PackageLoader("brandaudit.reports", "templates"),
        autoescape=True,  # crawled text must never become markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["safe_screenshot"] = safe_screenshot
    environment.filters["evidence"] = format_evidence
    environment.globals["coverage_samples"] = coverage_samples
    environment.globals["widening_option"] = widening_option
    environment.globals["is_limit"] = is_limit
    return environment


def render_files(
    document: dict[str, Any],
    *,
    result: CrawlResult | None = None,
    guideline: Guideline | None = None,
) -> dict[str, str]:
    """report.html, plus part files holding the finding cards when there are many."""
    return {
        name: "".join(chunks)
        for name, chunks in iter_files(document, result=result, guideline=guideline)
    }


def iter_files(
    document: dict[str, Any],
    *,
    result: CrawlResult | None = None,
    guideline: Guideline | None = None,
) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, its text in chunks), one file at a time: written as it is rendered, a large
    report never exists whole in memory (jinja's `generate`). Consume each file's chunks
    before asking for the next file."""
    environment = _environment()
    parts = html_parts.split(document["findings"])
    sources = _Sources.of(document)
    main = context(document, result, guideline, parts, sources)
    yield "report.html", environment.get_template("report.html.j2").generate(**main)
    part_template = environment.get_template("report_part.html.j2")
    for part in parts:
        yield (
            part.file,
            part_template.generate(
                **_part_context(document, part, len(parts), result, guideline, sources)
            ),
        )


def render(
    document: dict[str, Any],
    *,
    result: CrawlResult | None = None,
    guideline: Guideline | None = None,
) -> str:
    """report.html alone (all of it, when the findings fit in one file)."""
    parts = html_parts.split(document["findings"])
    template = _environment().get_template("report.html.j2")
    return template.render(**context(document, result, guideline, parts))
