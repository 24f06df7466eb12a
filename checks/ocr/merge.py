"""One reading of a picture from two engines: RapidOCR's Chinese lines, Tesseract's Latin ones.

RapidOCR re-reads a picture in which Tesseract saw Chinese (read.py), and reads Chinese far
better; but it reads English worse, and its Latin line boxes are looser: a 13 px tall line of
small print on Feitong's contract letterhead (a real site, benchmarks/real_sites) was boxed
21 px tall, so the second look (read.py's `second_look`: a finding stands only when the line
read again agrees) cropped it with the Chinese line under it and read "WabanFelionstat...":
the letterhead's misspelt brand and legal name were lost (4 real findings). Tesseract read
that line right (confidence 90-97) and so did its second look.

So a line Tesseract read as Latin (no Han) is kept, with its words and box, where RapidOCR
read Latin too (every RapidOCR line over it holds no Han) and Tesseract's Latin lines span
most of each such RapidOCR line (none of its text is lost), and replaces those RapidOCR lines.
Where RapidOCR read Chinese over it, Tesseract's line is a misreading of Chinese and goes;
where RapidOCR read nothing, it goes too (Tesseract's Latin garbage in handwriting, stamps).
"""

from __future__ import annotations

import re

from brandaudit.checks.ocr.engine import Word

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A RapidOCR line lies over a Tesseract line when it covers this share of the Tesseract
# line's height (RapidOCR's boxes are the taller ones) and any of its width.
OVER_HEIGHT = 0.5
SPAN = 0.7  # Tesseract's Latin lines must span this share of a RapidOCR line's width

Box = tuple[int, int, int, int]


def _lines(words: list[Word]) -> dict[int, list[Word]]:
    by_line: dict[int, list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    return by_line


def _box(words: list[Word]) -> Box:
    x = min(w.box[0] for w in words)
    y = min(w.box[1] for w in words)
    return (x, y, max(w.box[0] + w.box[2] for w in words) - x,
            max(w.box[1] + w.box[3] for w in words) - y)  # fmt: skip


def _over(rapid: Box, tesseract: Box) -> bool:
    across = min(rapid[0] + rapid[2], tesseract[0] + tesseract[2]) - max(rapid[0], tesseract[0])
    down = min(rapid[1] + rapid[3], tesseract[1] + tesseract[3]) - max(rapid[1], tesseract[1])
    return across > 0 and down >= OVER_HEIGHT * max(tesseract[3], 1)


def _spanned(rapid: Box, boxes: list[Box]) -> bool:
    """Tesseract's boxes cover at least SPAN of the RapidOCR line's width."""
    left, right = rapid[0], rapid[0] + rapid[2]
    spans = sorted((max(left, b[0]), min(right, b[0] + b[2])) for b in boxes)
    covered, reached = 0, left
    for start, end in spans:  # the union of the spans, each counted once
        covered += max(0, end - max(start, reached))
        reached = max(reached, end)
    return bool(boxes) and covered >= SPAN * max(rapid[2], 1)


def _han(words: list[Word]) -> bool:
    return any(_HAN.search(w.text) for w in words)


def merged_reading(tesseract: list[Word], rapid: list[Word]) -> list[Word]:
    """RapidOCR's words, but Tesseract's lines where both engines read Latin (module doc).
    Line indices stay distinct: Tesseract's kept lines are numbered after RapidOCR's."""
    rapid_lines = _lines(rapid)
    rapid_boxes = {line: _box(words) for line, words in rapid_lines.items()}
    latin: list[tuple[list[Word], Box, list[int]]] = []  # Tesseract lines over Latin only
    for words in _lines(tesseract).values():
        if _han(words):
            continue
        box = _box(words)
        under = [line for line, rbox in rapid_boxes.items() if _over(rbox, box)]
        if under and not any(_han(rapid_lines[line]) for line in under):
            latin.append((words, box, under))
    replaced = {
        line
        for line, rbox in rapid_boxes.items()
        if _spanned(rbox, [box for _, box, under in latin if line in under])
    }
    kept = [words for words, _, under in latin if under and set(under) <= replaced]
    out = [w for line, words in rapid_lines.items() if line not in replaced for w in words]
    first = max(rapid_lines, default=-1) + 1
    for offset, words in enumerate(kept):
        out += [Word(w.text, w.box, w.confidence, first + offset) for w in words]
    return out
