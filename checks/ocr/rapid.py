"""RapidOCR (PP-OCR models run by ONNX Runtime, shipped inside the PyPI wheel) for Chinese.

Why a second engine: on benchmarks/ocr_bench.py's Chinese banners Tesseract's chi_sim and
chi_tra models misread planted misquotes (梁 as 架, 創 dropped) so that only 17 of 30 were
found, while RapidOCR read all 60 Chinese pictures exactly. It costs ~1.6 CPU s per picture
against Tesseract's ~0.7 and reads English worse (split words, "Bridges t that t"), so it
reads only pictures in which Tesseract already saw Chinese (checks/ocr/read.py). One thread
per session, like Tesseract: the audit already runs pictures side by side on few cores.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from brandaudit.checks.ocr.engine import OcrUnavailable, Word

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=1)
def rapid_version() -> str:
    try:
        return f"rapidocr {version('rapidocr')}"
    except PackageNotFoundError:
        return "rapidocr absent"


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"RapidOCR is not installed: {exc}") from None
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def read_words_rapid(gray: np.ndarray) -> list[Word]:
    """Words with boxes and confidences (0-100), a CJK character each, a Latin run each."""
    # Every switch named on each call: RapidOCR keeps the last call's switches (reread_line's).
    result = _engine()(gray, use_det=True, use_cls=True, use_rec=True)
    texts = result.txts or ()
    scores = result.scores or ()
    boxes = getattr(result, "boxes", None)
    if boxes is None:  # no detection output: nothing located, nothing to report a box for
        return []
    details = getattr(result, "word_results", None) or ()
    words: list[Word] = []
    for line, (text, score, quad) in enumerate(zip(texts, scores, boxes, strict=False)):
        chars = details[line] if line < len(details) else ()
        words.extend(_line_words(str(text), float(score), _bounds(quad), chars, line))
    return words


def reread_line(gray: np.ndarray) -> str:
    """The text of a crop holding one line, recognised alone (no detection), without spaces."""
    result = _engine()(gray, use_det=False, use_cls=False, use_rec=True)
    return "".join("".join(str(t).split()) for t in (result.txts or ()))


def _line_words(
    text: str, score: float, box: tuple[int, int, int, int], chars: Any, line: int
) -> list[Word]:
    """Split a line into CJK characters and Latin runs, with the per-character confidences
    and boxes RapidOCR gives when its pieces spell the line; else the line's own."""
    pieces = [(str(c[0]), float(c[1]), _bounds(c[2])) for c in chars or ()]
    flat = "".join(text.split())
    per_char: list[tuple[float, tuple[int, int, int, int]]] = []
    if "".join(p[0] for p in pieces) == flat:
        for piece_text, piece_score, piece_box in pieces:
            per_char.extend([(piece_score, piece_box)] * len(piece_text))
    else:
        per_char = [(score, box)] * len(flat)
    words: list[Word] = []
    index = 0
    for token in text.split():
        run: list[tuple[str, float, tuple[int, int, int, int]]] = []
        for char in token:
            run.append((char, *per_char[index]))
            index += 1
        for group in _groups(run):
            words.append(
                Word(
                    "".join(c for c, _, _ in group),
                    _union([b for _, _, b in group]),
                    100.0 * min(s for _, s, _ in group),
                    line,
                )
            )
    return words


def _groups(run: list[tuple[str, float, tuple[int, int, int, int]]]) -> list[list[Any]]:
    """Each CJK character alone; consecutive other characters together."""
    groups: list[list[Any]] = []
    for item in run:
        if _CJK.match(item[0]) or not groups or _CJK.match(groups[-1][-1][0]):
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups


def _bounds(quad: Any) -> tuple[int, int, int, int]:
    points = np.asarray(quad, dtype=float).reshape(-1, 2)
    left, top = points.min(axis=0)
    right, bottom = points.max(axis=0)
    return (round(left), round(top), round(right - left), round(bottom - top))


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    x = min(b[0] for b in boxes)
    y = min(b[1] for b in boxes)
    return (x, y, max(b[0] + b[2] for b in boxes) - x, max(b[1] + b[3] for b in boxes) - y)
