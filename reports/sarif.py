"""SARIF 2.1.0: findings for code-scanning dashboards and editors that read SARIF.

The driver's rule list comes from the check registry (title, why, fix, default level).
Each result points at the page URL, names the element's CSS selector as a logical location
and carries the text snippet as the location's message; the finding id is its partial fingerprint,
so dashboards track one problem across audits exactly as brandaudit's baselines do.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, metadata
from typing import Any

from brandaudit.checks.registry import Rule
from brandaudit.reports.json_stream import Mapped, indented_chunks
from brandaudit.reports.model import TOOL_NAME
from brandaudit.reports.rules import rules_for

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "brandauditFindingId/v1"
DEFAULT_INFORMATION_URI = "https://pypi.org/project/brandaudit/"


def information_uri() -> str:
    """The project's home page from its installed metadata, else its package index page."""
    try:
        meta = metadata(TOOL_NAME)
    except PackageNotFoundError:
        return DEFAULT_INFORMATION_URI
    for entry in meta.get_all("Project-URL") or ():
        _, _, url = entry.partition(",")
        if url.strip():
            return url.strip()
    return meta.get("Home-page") or DEFAULT_INFORMATION_URI


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.why}\n\nFix: {rule.fix}" if rule.fix else rule.why or rule.title
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
    }
    if rule.why:
        descriptor["fullDescription"] = {"text": rule.why}
    return descriptor


def _location(finding: dict[str, Any]) -> dict[str, Any]:
    """The page as the artifact, the element's selector as a logical location.

    A SARIF region must give a line or an offset into the artifact; a crawled page has
    neither that stays stable, so the text snippet travels as the location's message.
    """
    location: dict[str, Any] = {}
    if finding["url"]:
        location["physicalLocation"] = {"artifactLocation": {"uri": finding["url"]}}
    selector = finding["location"].get("selector")
    if selector:
        location["logicalLocations"] = [{"fullyQualifiedName": selector, "kind": "element"}]
    snippet = finding["location"].get("snippet")
    if snippet:
        location["message"] = {"text": snippet}
    return location


def _result(finding: dict[str, Any], rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index[finding["rule"]],
        "level": LEVEL[finding["severity"]],
        "message": {"text": finding["message"]},
        "partialFingerprints": {FINGERPRINT_KEY: finding["id"]},
        "properties": {
            "touchpoint": finding["touchpoint"],
            "evidence": finding["evidence"],
            "suggestion": finding["suggestion"],
        },
    }
    location = _location(finding)
    if location:
        result["locations"] = [location]
    return result


def _invocation(audit: dict[str, Any]) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if audit.get("started"):
        invocation["startTimeUtc"] = audit["started"]
    if audit.get("finished"):
        invocation["endTimeUtc"] = audit["finished"]
    return invocation


def build(document: dict[str, Any], *, lazy: bool = False) -> dict[str, Any]:
    """The SARIF log as a dict (one run); `lazy`: its results converted only as they are
    read (for `chunks`: the findings may be on disk)."""
    findings = document["findings"]
    rules = rules_for(findings)
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    results = Mapped(findings, lambda finding: _result(finding, rule_index))
    audit = document["audit"]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": document["tool"]["name"],
                        "version": document["tool"]["version"],
                        "informationUri": information_uri(),
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [_invocation(audit)],
                "results": results if lazy else list(results),
            }
        ],
    }


def render(document: dict[str, Any]) -> str:
    return "".join(chunks(document))


def chunks(document: dict[str, Any]) -> Iterator[str]:
    """report.sarif in pieces, written as encoded: the log is never one string in memory."""
    yield from indented_chunks(build(document, lazy=True), 0)
    yield "\n"
