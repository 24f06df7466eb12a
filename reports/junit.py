"""JUnit XML: one test suite per rule, one failing test case per finding.

Rules that ran and found nothing get one passing case, so a CI dashboard shows how much was
checked, not only what failed. Findings of severity `info` are passing cases that carry
their message in `system-out`: they inform, they do not fail a build.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from brandaudit.reports.coverage import coverage_line
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


def _testcase(suite: ET.Element, rule_id: str, finding: dict[str, Any]) -> None:
    case = ET.SubElement(suite, "testcase", name=_xml_text(_case_name(finding)), classname=rule_id)
    case.set("time", "0")
    if finding["severity"] == "info":
        ET.SubElement(case, "system-out").text = _xml_text(
            f"{finding['message']}\n{_details(finding)}"
        )
        return
    failure = ET.SubElement(
        case, "failure", message=_xml_text(finding["message"]), type=finding["severity"]
    )
    failure.text = _xml_text(_details(finding))


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
    findings = document["findings"]
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        by_rule[finding["rule"]].append(finding)

    started = document["audit"].get("started", "").removesuffix("Z")
    root = ET.Element("testsuites", name="brandaudit")
    total_tests = total_failures = 0
    for rule in rules_for(findings):
        cases = by_rule.get(rule.id, [])
        failures = sum(1 for finding in cases if finding["severity"] != "info")
        tests = max(len(cases), 1)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=rule.id,
            tests=str(tests),
            failures=str(failures),
            errors="0",
            skipped="0",
            time="0",
        )
        if started:
            suite.set("timestamp", started)  # the JUnit schema's form: no zone designator
        if cases:
            for finding in cases:
                _testcase(suite, rule.id, finding)
        else:
            ET.SubElement(suite, "testcase", name=rule.title, classname=rule.id, time="0")
        total_tests += tests
        total_failures += failures
    if document.get("coverage"):
        total_tests += _coverage_suite(root, document["coverage"], started)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
