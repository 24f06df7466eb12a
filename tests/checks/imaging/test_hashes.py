"""Hamming distances and per-logo reduction: the fast layouts give the plain definitions; a
favicon-sized view hashes alike when drawn a pixel narrower."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from brandaudit.checks.imaging.fingerprints.hashes import (
    HASH_BITS,
    HASH_BYTES,
    hamming,
    nearest_per_group,
    reference_words,
    view_bits,
)
from brandaudit.checks.imaging.picture import prepare


def _rows(rng: np.random.Generator, count: int, width: int = HASH_BYTES) -> np.ndarray:
    return rng.integers(0, 256, (count, width), dtype=np.uint8)


def _plain_hamming(queries: np.ndarray, references: np.ndarray) -> np.ndarray:
    """The definition: differing bits, counted one by one."""
    return np.asarray(
        [[int(np.unpackbits(q ^ r).sum()) for r in references] for q in queries],
        dtype=np.int32,
    ).reshape(len(queries), len(references))


@pytest.mark.parametrize(
    ("queries", "references", "width"), [(1, 1, 160), (4, 37, 160), (3, 9, 32)]
)
def test_hamming_counts_differing_bits_in_both_layouts(
    queries: int, references: int, width: int
) -> None:
    rng = np.random.default_rng(queries * 100 + references)
    q, r = _rows(rng, queries, width), _rows(rng, references, width)
    expected = _plain_hamming(q, r)
    assert np.array_equal(hamming(q, r), expected)
    assert np.array_equal(hamming(q, reference_words(r)), expected)
    assert hamming(q, r).dtype == np.int32


def test_hamming_extremes_and_empty_sides() -> None:
    zeros = np.zeros((1, HASH_BYTES), dtype=np.uint8)
    ones = np.full((1, HASH_BYTES), 255, dtype=np.uint8)
    assert hamming(zeros, np.concatenate([zeros, ones])).tolist() == [[0, HASH_BITS]]
    assert hamming(zeros[:0], ones).shape == (0, 1)
    assert hamming(zeros, ones[:0]).shape == (1, 0)


def test_hamming_refuses_rows_of_another_width() -> None:
    with pytest.raises(ValueError, match="widths differ"):
        hamming(np.zeros((1, 32), np.uint8), np.zeros((2, 160), np.uint8))


def _plain_nearest(table: np.ndarray, starts: list[int], usable: np.ndarray):
    """Group by group, column by column: the first minimum, and the first row reaching it."""
    ends = [*starts[1:], table.shape[1]]
    best, columns, rows = [], [], []
    for start, end in zip(starts, ends, strict=True):
        value, column, row = HASH_BITS + 1, -1, -1
        for c in range(start, end):
            col = table[:, c] if usable[c] else np.full(table.shape[0], HASH_BITS)
            if col.min() < value:
                value, column, row = int(col.min()), c, int(col.argmin())
        best.append(value)
        columns.append(column)
        rows.append(row)
    return best, columns, rows


def test_nearest_per_group_matches_a_plain_search_with_ties() -> None:
    rng = np.random.default_rng(5)
    table = rng.integers(0, 12, (3, 40)).astype(np.int32)  # small range: many ties
    starts = [0, 3, 4, 15, 22, 39]
    usable = rng.random(40) < 0.8
    per_group, first, rows = nearest_per_group(table, np.asarray(starts), usable)
    expected = _plain_nearest(table, starts, usable)
    assert per_group.tolist() == expected[0]
    assert first.tolist() == expected[1]
    assert rows.tolist() == expected[2]


def test_nearest_per_group_unusable_group_reads_as_farthest() -> None:
    table = np.asarray([[1, 2, 3], [0, 5, 6]], dtype=np.int32)
    usable = np.asarray([False, True, True])
    per_group, first, rows = nearest_per_group(table, np.asarray([0, 1]), usable)
    assert per_group.tolist() == [HASH_BITS, 2]
    assert first.tolist() == [0, 1]
    assert rows.tolist() == [0, 0]


def _shield() -> Image.Image:
    image = Image.new("RGBA", (416, 512), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 0), (415, 0), (415, 300), (208, 511), (0, 300)], fill=(120, 60, 20, 255))
    draw.rectangle((90, 90, 325, 150), fill=(255, 220, 0, 255))
    draw.ellipse((150, 200, 265, 330), fill=(255, 220, 0, 255))
    return image


def test_a_favicon_one_pixel_narrower_hashes_alike() -> None:
    """13.5 px rounds to 13 or 14 depending on the resizer: with cells of about one pixel, BOX
    sampling moved every cell (25 bits); bilinear sampling of views under 2 × GRID: 8."""
    shield = _shield()
    narrow = prepare(shield.resize((13, 16), Image.Resampling.LANCZOS)).views
    wide = prepare(shield.resize((14, 16), Image.Resampling.LANCZOS)).views
    distance = min(int((view_bits(a) != view_bits(b)).sum()) for a in narrow for b in wide)
    assert distance <= 12
