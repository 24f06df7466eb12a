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
from collections import defaultdict
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from brandaudit.crawler.artifacts import PageArtifact, Rect
from brandaudit.crawler.run_store import CrawlResult

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
    """Add evidence crops to findings and thumbnails to pages of `document`, in place."""
    rendered = {p.url: p for p in result.pages if p.rendered and p.screenshot}
    if not rendered:
        return
    evidence_dir = Path(out_dir) / EVIDENCE_DIR
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in document.get("findings", []):
        if finding.get("url") in rendered:
            by_page[finding["url"]].append(finding)
    page_rows = {row.get("url"): index for index, row in enumerate(document.get("pages", []))}
    for url, page in rendered.items():
        if url not in by_page and url not in page_rows:
            continue
        shot = _open(result.blob_path(page.screenshot or ""))
        if shot is None:
            continue
        with shot:
            for finding in by_page.get(url, []):
                rect = _finding_rect(finding, page)
                if rect is None or rect.y >= shot.height:
                    continue
                name = f"{_SAFE.sub('_', str(finding.get('id') or 'finding'))}.png"
                _save(_crop(shot, rect), evidence_dir / name)
                finding.setdefault("evidence", {})["screenshot"] = f"{EVIDENCE_DIR}/{name}"
            if url in page_rows:
                index = page_rows[url]
                _save(_thumbnail(shot), evidence_dir / "pages" / f"{index}.png")
                document["pages"][index]["thumbnail"] = f"{EVIDENCE_DIR}/pages/{index}.png"


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
