"""Write the report files of one audit: report.json and report.html always, others on request."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports import csv_report, html, html_parts, junit, markdown, sarif
from brandaudit.reports.json_stream import indented_chunks

ALWAYS = ("json", "html")

# Optional formats: name → (file name, renderer of the document to text or its chunks).
OPTIONAL: dict[str, tuple[str, Callable[[dict[str, Any]], str | Iterable[str]]]] = {
    "junit": ("report.junit.xml", junit.chunks),
    "sarif": ("report.sarif", sarif.chunks),
    "md": ("report.md", markdown.render),
    "csv": ("report.csv", csv_report.chunks),
}
FORMATS = (*ALWAYS, *OPTIONAL)


def render_json(document: dict[str, Any]) -> str:
    return "".join(json_chunks(document))


def json_chunks(document: dict[str, Any]) -> Iterator[str]:
    """report.json's text in pieces (the same bytes as `json.dumps(indent=2)` and a newline),
    so that a large report is streamed to its file rather than built as one string; the
    findings, which may be on disk (reports/finding_store.py), are encoded one at a time."""
    yield from indented_chunks(document, 0)
    yield "\n"


def write_reports(
    document: dict[str, Any],
    out_dir: Path,
    formats: Iterable[str] = (),
    *,
    result: CrawlResult | None = None,
    guideline: Guideline | None = None,
) -> dict[str, Path]:
    """Write the reports into `out_dir` and return {format: path}.

    `result` and `guideline` are optional: with them, report.html shows the found images
    beside the guideline logos; without them it names the images only.
    """
    requested = list(dict.fromkeys(formats))
    unknown = [name for name in requested if name not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown report format {', '.join(map(repr, unknown))} (use {', '.join(FORMATS)})"
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {
        "json": _write(out_dir / "report.json", json_chunks(document)),
        "html": _write_html(out_dir, document, result, guideline),
    }
    for name in requested:
        if name in OPTIONAL:
            file_name, render = OPTIONAL[name]
            written[name] = _write(out_dir / file_name, render(document))
    return written


def _write_html(
    out_dir: Path,
    document: dict[str, Any],
    result: CrawlResult | None,
    guideline: Guideline | None,
) -> Path:
    """report.html and its part files; parts left by an earlier, larger report are removed."""
    for stale in out_dir.glob(html_parts.PART_GLOB):
        stale.unlink()
    for name, chunks in html.iter_files(document, result=result, guideline=guideline):
        _write(out_dir / name, chunks)
    return out_dir / "report.html"


def _write(path: Path, text: str | Iterable[str]) -> Path:
    """Write a text, or its chunks as they come (buffered by the file, never joined)."""
    # newline="" keeps the renderer's line endings (CSV uses CRLF) byte for byte.
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if isinstance(text, str):
            handle.write(text)
        else:
            handle.writelines(text)
    return path
