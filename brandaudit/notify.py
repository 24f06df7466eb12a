"""After an audit: GitHub Actions annotations and an optional Slack-compatible webhook.

Both read the finished report document and nothing else, so they never see credentials.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.request
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

WEBHOOK_ENV = "BRANDAUDIT_WEBHOOK"
ANNOTATION_LIMIT = 50  # GitHub shows at most 50 annotations per step; the worst come first
_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def github_annotations(document: dict[str, Any]) -> Iterator[str]:
    """`::error title=...::message` lines for the findings the gate cares about (new ones
    when there is a baseline), most severe first."""
    findings = document.get("findings", [])
    comparison = document.get("comparison")
    if comparison:
        new = set(comparison.get("new", ()))
        findings = [f for f in findings if f["id"] in new]
    rank = {"error": 0, "warning": 1, "info": 2}
    for finding in sorted(findings, key=lambda f: rank.get(f["severity"], 3))[:ANNOTATION_LIMIT]:
        title = _escape_property(f"{finding['rule']} on {finding['url']}")
        message = _escape_data(f"{finding['message']} {finding.get('suggestion', '')}".strip())
        yield f"::{_LEVELS.get(finding['severity'], 'notice')} title={title}::{message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def webhook_payload(document: dict[str, Any], report_path: str) -> dict[str, Any]:
    """A Slack-compatible message: counts, new and fixed, where the report is."""
    counts = document["summary"]["findings"]
    lines = [
        f"Brand audit of {', '.join(document['audit'].get('seeds', [])) or 'the guideline'}: "
        f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{counts.get('info', 0)} info."
    ]
    change = document.get("comparison") or (document.get("history") or {}).get("since_last")
    if change and (change.get("new") is not None):
        lines.append(f"{len(change['new'])} new, {len(change.get('fixed', ()))} fixed.")
    lines.append(f"Report: {report_path}")
    return {"text": "\n".join(lines), "summary": document["summary"]}


def post_webhook(document: dict[str, Any], report_path: str, timeout_s: float = 10) -> None:
    """POST the summary to $BRANDAUDIT_WEBHOOK if set; a failure is logged, never fatal."""
    url = os.environ.get(WEBHOOK_ENV)
    if not url:
        return
    body = json.dumps(webhook_payload(document, report_path)).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            response.read()
    except OSError as exc:
        log.warning("the webhook could not be notified: %s", exc)
