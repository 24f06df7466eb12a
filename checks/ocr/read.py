"""Read the text of one picture: decode, prepare for Tesseract, detect, read, cache.

Preparation measured on generated banners (benchmarks/ocr_bench.py): Tesseract's Chinese
models read nothing of 64 px characters and read them right at ~32 px, so each picture is
scaled until its median text line is `TARGET_LINE_PX` tall; light text on a dark ground is
inverted; transparency is flattened on white. Pictures in which Tesseract sees Chinese are
read again by RapidOCR (checks/ocr/rapid.py), whose lines replace Tesseract's: on the bench it
read every Chinese picture right where Tesseract missed 13 of 30 planted misquotes.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps

from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.ocr.cache import cached_words, store_words
from brandaudit.checks.ocr.detector import MAX_REGIONS, TextLikeness, detect_text
from brandaudit.checks.ocr.engine import (
    OcrTimeout,
    OcrUnavailable,
    Word,
    engine_version,
    read_batch,
    read_words,
)
from brandaudit.checks.ocr.merge import merged_reading
from brandaudit.checks.ocr.rapid import rapid_version, read_words_rapid, reread_line

PREPARATION_VERSION = "2"  # 2: Tesseract's Latin lines kept beside RapidOCR's Chinese
TARGET_LINE_PX = 36.0  # text line height handed to Tesseract
MAX_SIDE_PX = 2400  # longest side handed to Tesseract: bounds time on huge scans
MAX_PIXELS = 60_000_000  # decoding anything larger is refused (decompression bombs)
TIMEOUT_S = 20.0  # per picture; a picture with thousands of text regions stops here
# PNGs handed to Tesseract are never stored: the default zlib level 6 cost 0.25 CPU s a
# banner, as much as Tesseract's reading of it; level 1 costs a few ms.
PNG_LEVEL = 1
BATCH = 16  # pictures per Tesseract process: bounds the PNGs held and a slow batch's re-reads
BATCH_SLACK_S = 2.0  # a batch's budget: one picture's, plus this per picture; past it each
# picture is read again alone within its own budget, so one slow picture fails alone
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Han characters Tesseract must read before RapidOCR is asked: one stray character is what
# chi_sim+eng makes of a texture or a logo's mark now and then.
MIN_HAN_FOR_RAPID = 2


@dataclass(frozen=True)
class OcrLine:
    """One line of text read in a picture, with each character's word for confidences."""

    text: str
    box: tuple[int, int, int, int]  # in the original picture's pixels
    words: tuple[Word, ...]
    owners: tuple[int, ...]  # per character of `text`: index into `words` (-1: a space)

    def confidence(self, start: int, end: int) -> float:
        """The lowest word confidence over characters [start, end)."""
        picked = {self.owners[i] for i in range(max(0, start), min(end, len(self.owners)))}
        picked.discard(-1)
        return min((self.words[i].confidence for i in picked), default=0.0)

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words that own any character of [start, end)."""
        picked = {self.owners[i] for i in range(max(0, start), min(end, len(self.owners)))}
        picked.discard(-1)
        return [self.words[i] for i in sorted(picked)]

    def span_box(self, start: int, end: int) -> tuple[int, int, int, int]:
        picked = {self.owners[i] for i in range(max(0, start), min(end, len(self.owners)))}
        picked.discard(-1)
        return union([self.words[i].box for i in sorted(picked)]) if picked else self.box


@dataclass
class PictureText:
    status: str  # "read", "no_text" (detector said so), "unread"
    lines: list[OcrLine] = field(default_factory=list)
    reason: str = ""
    regions: int = 0


def union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    x = min(b[0] for b in boxes)
    y = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return (x, y, right - x, bottom - y)


def cache_version(languages: str) -> str:
    rapid = f"|{rapid_version()}" if "chi_" in languages else ""
    return f"{engine_version()}|{languages}|prep{PREPARATION_VERSION}{rapid}"


def reads_chinese(words: list[Word], languages: str) -> bool:
    """Chinese is expected on the page and Tesseract read some in the picture."""
    han = sum(len(_HAN.findall(word.text)) for word in words)
    return "chi_" in languages and han >= MIN_HAN_FOR_RAPID


def read_picture(
    data: bytes,
    sha256: str,
    languages: str,
    *,
    force: bool = False,
    cache: HashCache | None = None,
    timeout_s: float = TIMEOUT_S,
) -> PictureText:
    """The text of a picture (`force`: read it even when the detector sees no text)."""
    reader = PictureReader(languages, cache=cache, timeout_s=timeout_s)
    reader.add(sha256, data, sha256, force=force)
    return reader.results()[sha256]


@dataclass
class _Pending:
    key: object
    sha256: str
    gray: Image.Image
    found: TextLikeness
    scale: float
    png: bytes


class PictureReader:
    """Reads pictures in batches of `BATCH`, one Tesseract process per batch (model loading
    is most of a banner's cost); results by the caller's key. Pictures the detector passes
    over cost a decode and ~3 ms; cached ones no reading at all."""

    def __init__(
        self, languages: str, *, cache: HashCache | None = None, timeout_s: float = TIMEOUT_S
    ) -> None:
        self.languages = languages
        self.cache = cache
        self.timeout_s = timeout_s
        self.version = cache_version(languages)
        self._pending: list[_Pending] = []
        self._done: dict[object, PictureText] = {}

    def add(self, key: object, data: bytes, sha256: str, *, force: bool = False) -> None:
        try:
            gray = _prepare(data)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            self._done[key] = PictureText("unread", reason=f"picture cannot be decoded: {exc}")
            return
        found = detect_text(np.asarray(gray))
        if not found.likely and not force:
            self._done[key] = PictureText("no_text")
            return
        words = cached_words(self.cache, sha256, self.version)
        if words is not None:
            self._done[key] = self._finish(words, found)
            return
        scale = _scale(gray.size, found.line_height)
        scaled = gray.resize(
            (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        )
        buffer = io.BytesIO()
        scaled.save(buffer, format="PNG", compress_level=PNG_LEVEL)
        item = _Pending(key, sha256, gray, found, scale, buffer.getvalue())
        if found.lines > MAX_REGIONS:  # likely slow: alone, so it cannot hold others up
            self._read_batch([item])
            return
        self._pending.append(item)
        if len(self._pending) >= BATCH:
            self._flush()

    def results(self) -> dict[object, PictureText]:
        self._flush()
        return self._done

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self._read_batch(pending)

    def _read_batch(self, pending: list[_Pending]) -> None:
        try:
            batch: list[list[Word] | Exception] = list(
                read_batch(
                    [p.png for p in pending],
                    self.languages,
                    timeout_s=self.timeout_s + BATCH_SLACK_S * len(pending),
                )
            )
        except OcrUnavailable as exc:
            batch = [exc] * len(pending)
        except OcrTimeout:  # one slow picture: read each alone, within its own budget
            batch = []
            for item in pending:
                try:
                    batch.append(read_words(item.png, self.languages, timeout_s=self.timeout_s))
                except (OcrTimeout, OcrUnavailable) as exc:
                    batch.append(exc)
        for item, raw in zip(pending, batch, strict=True):
            if isinstance(raw, Exception):
                self._done[item.key] = PictureText(
                    "unread", reason=str(raw), regions=item.found.lines
                )
                continue
            self._done[item.key] = self._read(item, raw)

    def _read(self, item: _Pending, raw: list[Word]) -> PictureText:
        words = [
            Word(w.text, tuple(round(v / item.scale) for v in w.box), w.confidence, w.line)  # type: ignore[misc]
            for w in raw
        ]
        reason = ""
        if reads_chinese(words, self.languages) and item.found.lines <= MAX_REGIONS:
            try:
                words = merged_reading(words, read_words_rapid(np.asarray(item.gray)))
            except OcrUnavailable as exc:
                reason = f"Chinese read by Tesseract only: {exc}"
        if not reason:
            store_words(self.cache, item.sha256, self.version, words)
        result = self._finish(words, item.found)
        result.reason = result.reason or reason
        return result

    def _finish(self, words: list[Word], found: TextLikeness) -> PictureText:
        result = PictureText("read", lines=assemble(words), regions=found.lines)
        if found.lines > MAX_REGIONS:
            result.reason = f"{found.lines} text regions: read within a {self.timeout_s:g} s budget"
        return result


def _prepare(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError(f"{image.width}x{image.height} pixels is over the limit")
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            rgba = image.convert("RGBA")
            ground = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(ground, rgba)
        gray = image.convert("L")
    if np.median(np.asarray(gray)) < 128:  # light text on a dark ground
        gray = ImageOps.invert(gray)
    return gray


def _scale(size: tuple[int, int], line_height: float) -> float:
    scale = TARGET_LINE_PX / line_height if line_height > 0 else 1.0
    scale = min(max(scale, 0.25), 3.0)
    return min(scale, MAX_SIDE_PX / max(size))


def assemble(words: list[Word]) -> list[OcrLine]:
    """Words into lines; Chinese characters are joined without the spaces Tesseract puts."""
    by_line: dict[int, list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    lines = []
    for members in by_line.values():
        text, owners = "", []
        for index, word in enumerate(members):
            if text and not (_CJK.match(text[-1]) and _CJK.match(word.text[0])):
                text += " "
                owners.append(-1)
            text += word.text
            owners.extend([index] * len(word.text))
        lines.append(OcrLine(text, union([w.box for w in members]), tuple(members), tuple(owners)))
    return lines


# The line is read again alone (one-line mode) at this share of TARGET_LINE_PX. On the
# bench's three persistent Chinese misreads: 0.8 and 1.0 read all three right, 1.8 none.
SECOND_LOOK_SCALE = 0.8


def second_look(
    data: bytes,
    box: tuple[int, int, int, int],
    languages: str,
    *,
    chinese: bool = False,
    timeout_s: float = TIMEOUT_S,
    cache: HashCache | None = None,
) -> str:
    """The text of one line read again, alone, in one-line mode and smaller, without spaces
    (a line holding Chinese on a Chinese page: recognised again alone by RapidOCR).

    Tesseract's own confidence does not tell a misread Chinese character from a right one
    (梁 read right at 85, misread as 架 at 84, on the bench's banners), but its misreads
    change with the text's size and the page layout it is read in: a finding stands only
    when a second reading of its line agrees (image_text.py). Cached like the first reading
    (by the picture's SHA-256 and the line's box): a re-audit runs no engine twice."""
    sha256 = hashlib.sha256(data).hexdigest()
    version = f"second|{','.join(map(str, box))}|{int(chinese)}|{cache_version(languages)}"
    cached = cache.get_ocr(sha256, version) if cache is not None else None
    if cached and isinstance(cached[0], str):
        return cached[0]
    text = _read_line_again(data, box, languages, chinese=chinese, timeout_s=timeout_s)
    if text is not None and cache is not None:
        cache.put_ocr(sha256, version, [text])
    return text or ""


def _read_line_again(
    data: bytes, box: tuple[int, int, int, int], languages: str, *, chinese: bool, timeout_s: float
) -> str | None:
    """The second reading; None when it could not be made (not cached: tried again)."""
    try:
        gray = _prepare(data)
    except (OSError, ValueError, Image.DecompressionBombError):
        return ""
    x, y, width, height = box
    pad = max(4, height // 2)
    crop = gray.crop(
        (max(0, x - pad), max(0, y - pad), min(gray.width, x + width + pad),
         min(gray.height, y + height + pad))
    )  # fmt: skip
    scale = min(max(SECOND_LOOK_SCALE * TARGET_LINE_PX / max(height, 1), 0.25), 4.0)
    scale = min(scale, MAX_SIDE_PX / max(crop.size))
    crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))))
    if chinese and "chi_" in languages:
        try:
            return reread_line(np.asarray(crop))
        except OcrUnavailable:
            return None
    buffer = io.BytesIO()
    crop.save(buffer, format="PNG", compress_level=PNG_LEVEL)
    try:
        words = read_words(buffer.getvalue(), languages, timeout_s=timeout_s, psm=7)
    except (OcrTimeout, OcrUnavailable):
        return None
    return "".join(word.text for word in words)
