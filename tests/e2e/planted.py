"""Compare a report's findings with what a fixture site planted: all found, nothing else."""

from __future__ import annotations

from typing import Any


def matches(planted: dict[str, Any], finding: dict[str, Any], base_url: str) -> bool:
    url = planted["document"] if "document" in planted else base_url + planted["page"]
    if finding["rule"] != planted["rule"] or finding["url"] != url:
        return False
    evidence = finding.get("evidence", {})
    location = finding.get("location", {})
    if "pdf_page" in planted and location.get("page") != planted["pdf_page"]:
        return False  # a document's finding names its page
    if "in_image" in planted and not (
        str(evidence.get("image_url", "")).endswith(planted["in_image"]) and location.get("box")
    ):
        return False  # text read in a picture names the picture and the text's box
    if "reason" in planted and evidence.get("reason") != planted["reason"]:
        return False  # a logo cut at its edges must be reported as cropped, not redrawn
    if "found" in planted:
        return planted["found"] in str(evidence.get("found", ""))
    if "image" in planted:
        return str(evidence.get("image_url", "")).endswith(planted["image"])
    if "target" in planted:
        return str(evidence.get("target_url", "")).endswith(planted["target"])
    return True


def compare(
    planted: list[dict[str, Any]], findings: list[dict[str, Any]], base_url: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return (planted cases no finding reports, findings no planted case explains)."""
    missed = [p for p in planted if not any(matches(p, f, base_url) for f in findings)]
    unexpected = [f for f in findings if not any(matches(p, f, base_url) for p in planted)]
    return missed, unexpected
