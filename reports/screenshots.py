"""Screenshots as evidence: each finding on a rendered page gets a crop of where it is.

A selector tells a developer where to look; a picture of the off-palette button or the
squashed logo, outlined on the page as visitors saw it, tells the brand team why it
matters. Rendered pages carry a full-page screenshot and element boxes (`rects`); this
module crops around the finding's element and draws its outline. It writes files only
under `out_dir/evidence/` and records their relative paths in the report document.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from brandaudit.crawler.artifacts import PageArtifact, Rect
from brandaudit.crawler.page_store import PageStore, page_summaries
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports.finding_store import rewrite

log = logging.getLogger(__name__)

EVIDENCE_DIR = "evidence"
MARGIN = 32  # CSS px of context around the element
MAX_CROP = 1200  # crops larger than this (either side) are scaled down
OUTLINE = (230, 0, 60)
OUTLINE_WIDTH = 3
THUMB_WIDTH = 320
THUMB_SOURCE_HEIGHT = 960  # the top of the page a thumbnail shows (CSS px)
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def attach_screenshots(document: dict[str, Any], result: CrawlResult, out_dir: Path) -> None:
    """Add evidence crops to findings and thumbnails to pages of `document`, in place.

    One screenshot open at a time: the findings (sorted by page, possibly on disk,
    reports/finding_store.py) are rewritten as they are read."""
    rendered = {p.url for p in page_summaries(result.pages) if p.rendered and p.screenshot}
    if not rendered:
        return
    evidence_dir = Path(out_dir) / EVIDENCE_DIR
    page_rows = {row.get("url"): index for index, row in enumerate(document.get("pages", []))}
    shots = _Shots(result, rendered, evidence_dir, document, page_rows)

    def crop(finding: dict[str, Any]) -> dict[str, Any]:
        opened = shots.of(finding.get("url"))
        if opened is None:
            return finding
        page, shot = opened
        rect = _finding_rect(finding, page)
        if rect is None or rect.y >= shot.height:
            return finding
        name = f"{_SAFE.sub('_', str(finding.get('id') or 'finding'))}.png"
        _save(_crop(shot, rect), evidence_dir / name)
        evidence = {**finding.get("evidence", {}), "screenshot": f"{EVIDENCE_DIR}/{name}"}
        return {**finding, "evidence": evidence}

    document["findings"] = rewrite(document.get("findings", []), crop)
    for url in sorted((rendered - shots.done) & page_rows.keys()):  # thumbnails of the rest
        shots.of(url)
    shots.close()


class _Shots:
    """The screenshot of the page being worked on; its thumbnail saved when first opened."""

    def __init__(self, result: CrawlResult, rendered: set[str], evidence_dir: Path,
                 document: dict[str, Any], page_rows: dict[Any, int]) -> None:  # fmt: skip
        self.result, self.rendered, self.evidence_dir = result, rendered, evidence_dir
        self.document, self.page_rows = document, page_rows
        self.done: set[str] = set()
        self.url: str | None = None
        self.current: tuple[PageArtifact, Image.Image] | None = None

    def of(self, url: Any) -> tuple[PageArtifact, Image.Image] | None:
        if url not in self.rendered:
            return None
        if url != self.url:
            self.close()
            self.url = url
            self.done.add(url)
            self.current = self._open(url)
        return self.current

    def _open(self, url: str) -> tuple[PageArtifact, Image.Image] | None:
        page = _page(self.result, url)
        shot = _open(self.result.blob_path(page.screenshot or "")) if page else None
        if page is None or shot is None:
            return None
        if url in self.page_rows:
            index = self.page_rows[url]
            _save(_thumbnail(shot), self.evidence_dir / "pages" / f"{index}.png")
            self.document["pages"][index]["thumbnail"] = f"{EVIDENCE_DIR}/pages/{index}.png"
        return page, shot

    def close(self) -> None:
        if self.current is not None:
            self.current[1].close()
        self.url, self.current = None, None


def _page(result: CrawlResult, url: str) -> PageArtifact | None:
    pages = result.pages
    if isinstance(pages, PageStore):
        return pages.get(url)
    return next((page for page in pages if page.url == url), None)


def _open(path: Path) -> Image.Image | None:
    try:
        image = Image.open(path)
        image.load()
    except (OSError, ValueError) as exc:
        log.warning("screenshot %s unreadable, no evidence crops for its page: %s", path, exc)
        return None
    return image.convert("RGB")


def _finding_rect(finding: dict[str, Any], page: PageArtifact) -> Rect | None:
    """The element box of the finding's selector, or of the page image it is about."""
    selector = (finding.get("location") or {}).get("selector")
    evidence = finding.get("evidence") or {}
    candidates = [selector, evidence.get("selector")]
    image_url = evidence.get("image_url")
    if image_url:
        candidates += [ref.selector for ref in page.images if ref.url == image_url]
    for candidate in candidates:
        rect = page.rects.get(candidate) if candidate else None
        if rect is not None and rect.width > 0 and rect.height > 0:
            return rect
    return None


def _crop(shot: Image.Image, rect: Rect) -> Image.Image:
    left = max(0, int(rect.x) - MARGIN)
    top = max(0, int(rect.y) - MARGIN)
    right = min(shot.width, int(rect.x + rect.width) + MARGIN)
    bottom = min(shot.height, int(rect.y + rect.height) + MARGIN)
    crop = shot.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
    draw = ImageDraw.Draw(crop)
    box = (
        int(rect.x) - left - OUTLINE_WIDTH,
        int(rect.y) - top - OUTLINE_WIDTH,
        int(rect.x + rect.width) - left + OUTLINE_WIDTH - 1,
        int(rect.y + rect.height) - top + OUTLINE_WIDTH - 1,
    )
    draw.rectangle(box, outline=OUTLINE, width=OUTLINE_WIDTH)
    crop.thumbnail((MAX_CROP, MAX_CROP))
    return crop


def _thumbnail(shot: Image.Image) -> Image.Image:
    top = shot.crop((0, 0, shot.width, min(shot.height, THUMB_SOURCE_HEIGHT)))
    height = max(1, round(top.height * THUMB_WIDTH / max(1, top.width)))
    return top.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS)


def _save(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=False)
