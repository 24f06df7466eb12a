"""JUnit XML: one test suite per rule, one failing test case per finding.

Rules that ran and found nothing get one passing case, so a CI dashboard shows how much was
checked, not only what failed. Findings of severity `info` are passing cases that carry
their message in `system-out`: they inform, they do not fail a build.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from brandaudit.reports.coverage import coverage_line
from brandaudit.reports.finding_store import FindingRows
from brandaudit.reports.rules import rules_for

# Characters XML 1.0 cannot carry at all; crawled text may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case_name(finding: dict[str, Any]) -> str:
    selector = finding["location"].get("selector")
    return f"{finding['url']} {selector}" if selector else finding["url"]


def _details(finding: dict[str, Any]) -> str:
    evidence = finding["evidence"]
    lines = [
        f"id: {finding['id']}",
        f"page: {finding['url']}",
        f"touchpoint: {finding['touchpoint']}",
        f"element: {finding['location'].get('selector') or '-'}",
    ]
    if finding["location"].get("snippet"):
        lines.append(f"text: {finding['location']['snippet']}")
    for key in ("found", "expected", "image_url", "distance", "score"):
        if evidence.get(key) is not None:
            lines.append(f"{key}: {evidence[key]}")
    if finding["suggestion"]:
        lines.append(f"fix: {finding['suggestion']}")
    return "\n".join(lines)


def _testcase(rule_id: str, finding: dict[str, Any]) -> ET.Element:
    case = ET.Element("testcase", name=_xml_text(_case_name(finding)), classname=rule_id)
    case.set("time", "0")
    if finding["severity"] == "info":
        ET.SubElement(case, "system-out").text = _xml_text(
            f"{finding['message']}\n{_details(finding)}"
        )
        return case
    failure = ET.SubElement(
        case, "failure", message=_xml_text(finding["message"]), type=finding["severity"]
    )
    failure.text = _xml_text(_details(finding))
    return case


def _coverage_suite(root: ET.Element, coverage: dict[str, Any], started: str) -> int:
    """Crawl coverage as properties of a `crawl.coverage` suite; its one case is skipped
    when the crawl was cut, so CI shows a partial audit without failing on it."""
    skipped = "0" if coverage["complete"] else "1"
    suite = ET.SubElement(root, "testsuite", name="crawl.coverage", tests="1", failures="0",
                          errors="0", skipped=skipped, time="0")  # fmt: skip
    if started:
        suite.set("timestamp", started)
    props = ET.SubElement(suite, "properties")
    values = {"complete": str(coverage["complete"]).lower(), "crawled": coverage["crawled"],
              "urls_total": coverage.get("urls_total", 0)}  # fmt: skip
    values.update({f"not_crawled.{k}": n for k, n in coverage["not_crawled"].items()})
    for name, value in values.items():
        ET.SubElement(props, "property", name=f"coverage.{name}", value=str(value))
    case = ET.SubElement(suite, "testcase", name="crawl coverage", classname="crawl.coverage")
    if not coverage["complete"]:
        ET.SubElement(case, "skipped", message=_xml_text(coverage_line(coverage)))
    return 1


def render(document: dict[str, Any]) -> str:
    return "".join(chunks(document))


def chunks(document: dict[str, Any]) -> Iterator[str]:
    """The XML in pieces, a test case at a time: the findings (possibly 600,000, on disk,
    reports/finding_store.py) are never one tree in memory. Same text as `ET.indent`."""
    findings = document["findings"]
    counts = _rule_counts(findings)
    rules = rules_for(_rule_samples(findings))
    started = document["audit"].get("started", "").removesuffix("Z")
    coverage = document.get("coverage")
    root = ET.Element("testsuites", name="brandaudit")
    root.set("tests", str(sum(max(counts.get(r.id, (0, 0))[0], 1) for r in rules) + bool(coverage)))
    root.set("failures", str(sum(counts.get(r.id, (0, 0))[1] for r in rules)))
    root.set("errors", "0")
    root.set("time", "0")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + _open_tag(root)
    for rule in rules:
        total, failures = counts.get(rule.id, (0, 0))
        suite = ET.Element("testsuite", name=rule.id, tests=str(max(total, 1)),
                           failures=str(failures), errors="0", skipped="0", time="0")  # fmt: skip
        if started:
            suite.set("timestamp", started)  # the JUnit schema's form: no zone designator
        yield "\n  " + _open_tag(suite)
        cases = _of_rule(findings, rule.id) if total else ()
        for finding in cases:
            yield "\n    " + _element_text(_testcase(rule.id, finding), level=2)
        if not total:
            case = ET.Element("testcase", name=rule.title, classname=rule.id, time="0")
            yield "\n    " + _element_text(case, level=2)
        yield "\n  </testsuite>"
    if coverage:
        holder = ET.Element("testsuites")
        _coverage_suite(holder, coverage, started)
        yield "\n  " + _element_text(holder[0], level=1)
    yield "\n</testsuites>\n"


def _open_tag(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode").removesuffix(" />") + ">"


def _element_text(element: ET.Element, level: int) -> str:
    ET.indent(element, level=level)
    return ET.tostring(element, encoding="unicode")


def _rule_counts(findings: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Rule id -> (findings, failing findings): a query for findings on disk."""
    if isinstance(findings, FindingRows):
        return findings.rule_counts()
    counts: dict[str, tuple[int, int]] = {}
    for finding in findings:
        total, failures = counts.get(finding["rule"], (0, 0))
        counts[finding["rule"]] = (total + 1, failures + (finding["severity"] != "info"))
    return counts


def _rule_samples(findings: Sequence[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """One finding per rule is all `rules_for` needs (rule, severity)."""
    if isinstance(findings, FindingRows):
        return findings.rule_samples()
    return findings


def _of_rule(findings: Sequence[dict[str, Any]], rule_id: str) -> Iterable[dict[str, Any]]:
    if isinstance(findings, FindingRows):
        return findings.of_rule(rule_id)
    return (finding for finding in findings if finding["rule"] == rule_id)
