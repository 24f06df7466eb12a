"""Read a report.json (CONTRACT §3) for baselines, diffs and history, with clear errors.

Only what comparison needs is checked: a JSON object whose `findings` is a list of objects
each carrying a string `id`. Anything else is named in one line (exit 2).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from brandaudit.errors import UserError


def validate_report(doc: Any, where: str) -> dict[str, Any]:
    """Return `doc` when it looks like a report, else raise UserError naming `where`."""
    if not isinstance(doc, dict):
        raise UserError(f"{where}: not a brandaudit report (expected a JSON object)")
    findings = doc.get("findings")
    if not isinstance(findings, Sequence) or isinstance(findings, str | bytes):
        raise UserError(f"{where}: field 'findings' is missing or not a list")
    if not isinstance(findings, list | tuple):
        return doc  # an audit's own rows on disk (reports/finding_store.py): made valid
    for index, finding in enumerate(findings):
        if not isinstance(finding, dict) or not isinstance(finding.get("id"), str):
            raise UserError(f"{where}: findings[{index}].id is missing or not a string")
    return doc


def read_json(path: Path | str, what: str) -> Any:
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: {what} not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, expected a {what} file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read {what}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None


def read_report(path: Path | str) -> dict[str, Any]:
    """Load and sanity-check a report.json; a directory means its report.json."""
    path = Path(path)
    if path.is_dir() and (path / "report.json").is_file():
        path = path / "report.json"
    return validate_report(read_json(path, "report"), str(path))


def findings_by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {finding["id"]: finding for finding in doc.get("findings", [])}


def audited_urls(doc: dict[str, Any]) -> set[str] | None:
    """URLs the audit looked at (pages and finding URLs), or None when it lists no pages.

    A finding that disappears from a page the newer audit never visited is not fixed; it
    was not checked. Without a `pages` list every disappearance counts as fixed.
    """
    pages = doc.get("pages")
    if not isinstance(pages, list) or not pages:
        return None
    urls = {urldefrag(str(p.get("url", ""))).url for p in pages if isinstance(p, dict)}
    return urls | {urldefrag(str(f.get("url", ""))).url for f in doc.get("findings", [])}


def was_checked(finding: dict[str, Any], audited: set[str] | None) -> bool:
    return audited is None or urldefrag(str(finding.get("url", ""))).url in audited
