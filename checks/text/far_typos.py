"""Two-edit misspellings of long names ("Goggle Cloud Storge"), found without a full scan.

One edit in a five-letter name is a typo; two edits in a five-letter name is another word.
Only names of at least `MIN_TWO_EDIT_LENGTH` letters and digits get a second edit, and a
window is compared (Optimal String Alignment, rapidfuzz) only with names of about its length
that begin with its first character (typing rarely gets the first letter wrong, and this
keeps thousands of names to a few comparisons).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from brandaudit.checks.text.name_match import NameEntry

MIN_TWO_EDIT_LENGTH = 10  # "Salesforce", "JavaScript", "Cloudflare Workers"


class TwoEditIndex:
    """Long names by (skeleton length, first character)."""

    def __init__(self, entries: Iterable[NameEntry]) -> None:
        self.by_head: dict[tuple[int, str], list[NameEntry]] = defaultdict(list)
        lengths = []
        for entry in entries:
            if entry.length < MIN_TWO_EDIT_LENGTH:
                continue
            size = len(entry.skeleton)
            lengths.append(size)
            self.by_head[size, entry.skeleton[0]].append(entry)
        self.min_length = min(lengths, default=10**9) - 2
        self.max_length = max(lengths, default=0) + 2
        self.heads = {head for _, head in self.by_head}  # most windows start otherwise

    def near(self, skeleton: str) -> list[NameEntry]:
        """Long names exactly two edits from `skeleton`."""
        size = len(skeleton)
        if skeleton[:1] not in self.heads or not self.min_length <= size <= self.max_length:
            return []
        found: dict[str, NameEntry] = {}
        for length in range(size - 2, size + 3):
            for entry in self.by_head.get((length, skeleton[:1]), ()):
                if OSA.distance(skeleton, entry.skeleton, score_cutoff=2) == 2:
                    found[entry.name] = entry
        return list(found.values())
