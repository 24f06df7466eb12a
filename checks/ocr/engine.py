"""Tesseract through its command line: words with their boxes and confidences.

Why Tesseract: the Debian packages `tesseract-ocr`, `-eng`, `-chi-sim`, `-chi-tra` carry their
models, so nothing is downloaded at run time, and it needs no second OpenCV (RapidOCR's
`opencv-python` and our `opencv-python-headless` both install `cv2`). Measured figures are in
benchmarks/ocr_bench.py. One process per picture, one thread each (OMP_THREAD_LIMIT=1): the
audit already runs pictures side by side, and OpenMP threads only fought over the 2 cores.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TESSERACT = os.environ.get("BRANDAUDIT_TESSERACT", "tesseract")


class OcrUnavailable(RuntimeError):
    """Tesseract or one of its language models is not installed."""


class OcrTimeout(RuntimeError):
    """The picture took longer than its time budget."""


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # x, y, width, height in the picture read
    confidence: float  # 0-100, Tesseract's
    line: int  # index of its line in the picture


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    if shutil.which(TESSERACT) is None:
        raise OcrUnavailable("tesseract is not installed (Debian: apt-get install tesseract-ocr)")
    done = subprocess.run(
        [TESSERACT, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


@lru_cache(maxsize=1)
def engine_version() -> str:
    done = subprocess.run(
        [TESSERACT, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return (
        (done.stdout or done.stderr).splitlines()[0].strip()
        if (done.stdout or done.stderr)
        else "?"
    )


def read_words(png: bytes, languages: str, *, timeout_s: float, psm: int = 11) -> list[Word]:
    """The words Tesseract reads in a PNG, in reading order, with line indices."""
    _check_languages(languages)
    return parse_tsv(_run(["stdin"], png, languages, psm, timeout_s))


def read_batch(pngs: list[bytes], languages: str, *, timeout_s: float) -> list[list[Word]]:
    """The words of several PNGs read by one Tesseract process (a list file, one page each).

    Loading the models is most of a small picture's cost: 0.28 CPU s for eng and 0.65 s for
    chi_sim+eng against ~0.1 s of reading a banner, so pictures are read in batches."""
    _check_languages(languages)
    with tempfile.TemporaryDirectory(prefix="brandaudit-ocr-") as folder:
        paths = []
        for index, png in enumerate(pngs):
            path = Path(folder) / f"{index}.png"
            path.write_bytes(png)
            paths.append(str(path))
        listing = Path(folder) / "pictures.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        tsv = _run([str(listing)], None, languages, 11, timeout_s)
    pages = parse_tsv_pages(tsv)
    return [pages.get(index + 1, []) for index in range(len(pngs))]


def _check_languages(languages: str) -> None:
    missing = set(languages.split("+")) - installed_languages()
    if missing:
        names = ", ".join(sorted(missing))
        raise OcrUnavailable(f"Tesseract language model(s) not installed: {names}")


def _run(source: list[str], png: bytes | None, languages: str, psm: int, timeout_s: float) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [TESSERACT, *source, "stdout", "-l", languages, "--psm", str(psm), "tsv"],
            input=png,
            capture_output=True,
            timeout=timeout_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OcrTimeout(f"reading took longer than {timeout_s:g} s") from None
    if done.returncode != 0:
        raise OcrUnavailable(done.stderr.decode("utf-8", "replace").strip()[-300:])
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[Word]:
    return parse_tsv_pages(tsv).get(1, [])


def parse_tsv_pages(tsv: str) -> dict[int, list[Word]]:
    """Words by page number (1-based: one page per picture read)."""
    pages: dict[int, list[Word]] = {}
    lines: dict[int, dict[tuple[str, str, str], int]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        page = int(row.get("page_num") or 1)
        words = pages.setdefault(page, [])
        page_lines = lines.setdefault(page, {})
        key = (row["block_num"], row["par_num"], row["line_num"])
        line = page_lines.setdefault(key, len(page_lines))
        box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
        words.append(Word(text, box, float(row["conf"]), line))
    return pages
