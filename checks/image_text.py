"""Text inside pictures judged by the same text checks as the pages' own text.

What it finds: misspelt names, misquoted slogans, wrong terms and facts in the text of
banners, social covers, screenshots, PDF pictures and offline scans and photos (pictures a
cheap detector thinks hold text; a listed offline picture always), read by OCR and handed
to every `text.*` and `fact.*` check as a pseudo page; findings keep those checks' rules,
with `evidence.image_url` and `location.box` (the text's box in the picture, in pixels).
`image.text_unread` says which pictures could not be read, or only in part.
Why it matters: campaigns ship slogans baked into hero banners; a misquote there is
invisible to a text-only audit, and print and signage are touchpoints too.
Never a finding: text read without confidence (every word a finding covers, and the
characters next to it, must pass `MIN_CONFIDENCE`: a blurred letter is not a misspelt
name); rendered PDF pages (their real text is read instead); SVG (its text is markup); the
wordmark of a guideline logo (the logo checks judge logos: a retired logo reading "Nova
Bridge" is one `logo.deprecated`, not also a misspelt name).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.imaging.image_matches import crawl_logo_matches
from brandaudit.checks.ocr.read import OcrLine, PictureReader, PictureText, second_look
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.touchpoint_text import text_checks
from brandaudit.crawler.artifacts import ImageRef, PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

UNREAD = Rule(
    id="image.text_unread",
    severity=Severity.INFO,
    title="Text in pictures read in full",
    why="A picture whose text could not be read was not checked; its silence is not a pass.",
    fix="Check the picture's text by eye, or give it a readable copy (alt text, a PDF).",
)
# Lowest Tesseract word confidence over a finding's words (and the characters next to it:
# a misread last character makes a correct slogan look cut short) for it to be reported.
# benchmarks/ocr_bench.py: Latin misreads of correct words sat below 80. Chinese misreads
# reached 84 (梁 read as 架) where right reads sat at 85: for those the second look decides.
# Chinese lines are read by RapidOCR (scores 0-1, taken x100): the same gate applies.
MIN_CONFIDENCE = 80.0
SKIPPED_KINDS = frozenset({"inline_svg", "favicon", "touch_icon", "pdf_page"})
FORCED_KINDS = frozenset({"document"})  # listed by the brand team: always read
_HAN = re.compile(r"[\u3400-\u9fff]")
_TRADITIONAL = ("hant", "-tw", "-hk", "-mo")


@dataclass(frozen=True)
class ReadLine:
    page: PageArtifact
    ref: ImageRef
    line: OcrLine
    data: bytes = b""  # the picture's bytes, for the second look
    languages: str = "eng"


OFF_SWITCH = "BRANDAUDIT_OCR"  # "off": read no picture (benchmarks compare audit times)


@check(UNREAD)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    if os.environ.get(OFF_SWITCH, "").strip().lower() == "off":
        return []
    readings = result.derived_once("ocr.readings", lambda: _read_all(result, guideline))
    data = {ref.url: _bytes(result, ref) for _, ref, _ in readings}
    findings: list[Finding] = []
    lines: dict[str, ReadLine] = {}
    pages: list[PageArtifact] = []
    for page, ref, text in readings:
        if text.status == "unread" or text.reason:
            findings.append(_unread(page, ref, text))
        blocks = []
        for line in text.lines:
            selector = f"ocr:{len(lines)}"
            lines[selector] = ReadLine(
                page, ref, line, data.get(ref.url) or b"", languages_for(page, guideline)
            )
            blocks.append(TextBlock(line.text, selector, "text"))
        if blocks:
            pages.append(replace(page, text_blocks=tuple(blocks), images=(), rects={}))
    if pages:
        pseudo = CrawlResult(run_dir=result.run_dir, pages=pages, meta=result.meta)
        cache = HashCache()  # second looks are cached too (checks/ocr/read.py)
        try:
            for check_ in text_checks():
                for finding in check_.run(pseudo, guideline):
                    read = lines.get(finding.location.selector or "")
                    if read is not None:
                        kept = _in_picture(finding, read, cache)
                        if kept is not None:
                            findings.append(kept)
        finally:
            cache.close()
    return findings


def _read_all(
    result: CrawlResult, guideline: Guideline
) -> list[tuple[PageArtifact, ImageRef, PictureText]]:
    """Every picture read once per (content, languages); pictures needing Tesseract are read
    in batches by one process per language set (checks/ocr/read.py)."""
    cache = HashCache()
    logos = crawl_logo_matches(result, guideline).outcomes if guideline.all_logos else {}
    readers: dict[str, PictureReader] = {}
    seen: set[tuple[str, str]] = set()
    refs: list[tuple[PageArtifact, ImageRef, tuple[str, str]]] = []
    try:
        for page in result.pages:
            # Kept for the pictures' findings, without the page's own text, images and
            # boxes (which `run` replaces): whole pages kept here held the site in memory.
            slim = replace(page, text_blocks=(), images=(), rects={}) if page.images else page
            for ref in page.images:
                if ref.kind in SKIPPED_KINDS:
                    continue
                image = result.images.get(ref.url)
                if image is None or image.sha256 is None or "svg" in (image.content_type or ""):
                    continue
                languages = languages_for(page, guideline)
                key = (image.sha256, languages)
                if key not in seen:
                    data = result.image_bytes(image)
                    if data is None:
                        continue
                    seen.add(key)
                    reader = readers.get(languages)
                    if reader is None:
                        reader = readers[languages] = PictureReader(languages, cache=cache)
                    reader.add(key, data, image.sha256, force=ref.kind in FORCED_KINDS)
                refs.append((slim, ref, key))
        done: dict[object, PictureText] = {}
        for reader in readers.values():
            done.update(reader.results())
    finally:
        cache.close()
    out = []
    for page, ref, key in refs:
        text = _outside_logos(done[key], logos.get(key[0]))
        if text.status != "no_text":
            out.append((page, ref, text))
    return out


def _outside_logos(text: PictureText, outcome: object) -> PictureText:
    """Lines not printed inside a guideline logo found in the picture (none when the whole
    picture is a logo)."""
    matches = getattr(outcome, "matches", ()) or ()
    if not matches or not text.lines:
        return text
    if any(match.region is None for match in matches):
        return PictureText("no_text")
    regions = [match.region for match in matches]
    kept = [line for line in text.lines if not any(_overlaps(line.box, r) for r in regions)]
    return replace(text, lines=kept)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return width > 0 and height > 0 and width * height > 0.3 * a[2] * a[3]


def languages_for(page: PageArtifact, guideline: Guideline) -> str:
    """Tesseract languages for a page's pictures: English, plus the Chinese script of the
    page's `lang` when the guideline has Chinese text (both scripts where the lang is unknown)."""
    texts = [s.text for s in (*guideline.slogans.approved, *guideline.slogans.deprecated)]
    texts += list(guideline.brand.all_names)
    if not any(_HAN.search(text) for text in texts):
        return "eng"
    lang = (page.lang or "").lower()
    if lang.startswith("zh"):
        return "chi_tra+eng" if any(t in lang for t in _TRADITIONAL) else "chi_sim+eng"
    if lang:
        return "eng"
    return "eng+chi_sim+chi_tra" if guideline.brand.script == "zh-Hant" else "eng+chi_sim"


def _in_picture(finding: Finding, read: ReadLine, cache: HashCache | None = None) -> Finding | None:
    start = finding.location.start or 0
    end = finding.location.end if finding.location.end is not None else len(read.line.text)
    expected = str(finding.evidence.get("expected", ""))
    widen = max(0, len(expected) - (end - start)) + 1
    words = read.line.words_in(start - widen, end + widen)
    confidence = min((w.confidence for w in words), default=0.0)
    if any(w.confidence < MIN_CONFIDENCE for w in words) or not words:
        return None
    if not _confirmed(read, start - widen, end + widen, cache):
        return None
    location = replace(
        finding.location,
        selector=read.ref.selector,
        source="image_text",
        box=read.line.span_box(start, end),
    )
    evidence = {
        **finding.evidence,
        "image_url": read.ref.url,
        "read_text": read.line.text,
        "ocr_confidence": round(confidence, 1),
    }
    return replace(
        finding,
        location=location,
        evidence=evidence,
        message=f"In a picture: {finding.message}",
        identity=f"image:{read.ref.url}|{finding.identity}",
    )


def _confirmed(read: ReadLine, start: int, end: int, cache: HashCache | None = None) -> bool:
    """The finding's text and its neighbours read the same at another size."""
    if not read.data:
        return True  # nothing to look at again (hand-built artifacts)
    first = "".join(read.line.text[max(0, start) : end].split())
    chinese = bool(_HAN.search(read.line.text))
    again = second_look(read.data, read.line.box, read.languages, chinese=chinese, cache=cache)
    return bool(first) and first in again


def _bytes(result: CrawlResult, ref: ImageRef) -> bytes | None:
    image = result.images.get(ref.url)
    return result.image_bytes(image) if image is not None else None


def _unread(page: PageArtifact, ref: ImageRef, text: PictureText) -> Finding:
    partial = text.status == "read"
    return Finding(
        rule=UNREAD.id,
        severity=UNREAD.severity,
        url=page.url,
        touchpoint=page.touchpoint,
        message=(
            f"Text in the picture {ref.url} was "
            f"{'read only in part' if partial else 'not read'}: {text.reason}."
        ),
        location=Location(selector=ref.selector, source="image_text"),
        evidence={"image_url": ref.url, "reason": text.reason, "regions": text.regions},
        suggestion=UNREAD.fix,
        identity=f"{ref.url}|{'partial' if partial else 'unread'}",
    )


def iter_lines(readings: Iterable[tuple[PageArtifact, ImageRef, PictureText]]) -> Iterator[str]:
    """Every line read (for benchmarks and debugging)."""
    for _, _, text in readings:
        for line in text.lines:
            yield line.text
