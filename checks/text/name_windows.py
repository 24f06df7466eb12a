"""Which text windows can read as a name at all, decided once per distinct skeleton.

A window of words is worth the name index's full reading (context, casing, precision rules)
only when its skeleton (case-folded words joined) is a name's skeleton or a plural, case
ending, short form, one-edit or two-edit misspelling of one; and a window is worth growing
by another word only when its skeleton is, within the edits a name allows, the start of
one. Both answers depend on the skeleton alone, and real text repeats its words and word
pairs, so they are kept in a dict: most windows of a block cost one look-up, and a word that
can start no name ends its window at once. Exact by construction (the answers are
supersets, never guesses): the index reads every window the full walk would match.

- A window within k edits of a name starts with a prefix within k edits of the name's
  prefix (cutting an alignment keeps at most its edits), so growing stops safely.
- One edit: two strings one edit apart (a swap of neighbours included) share a key among
  themselves and their one-letter deletions (SymSpell): every prefix of every name that
  allows a typo is in a set with those deletions.
- Two edits are allowed only in long names and never on the first letter (`far_typos`):
  the few long names with the window's first letter are compared with rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rapidfuzz.distance import OSA

from brandaudit.checks.text.far_typos import MIN_TWO_EDIT_LENGTH
from brandaudit.checks.text.inflections import ENDINGS, MAX_ENDING
from brandaudit.checks.text.lazy_tokens import word_info
from brandaudit.checks.text.tokens import skeleton as skeleton_of

READ = 1  # the window may read as a name (or a variant): the index reads it in its sentence
GROWS = 2  # a longer window starting with this one may read as a name
SHORT = 4  # folded, it is a short form ("Bridge" of "BridgeKeeper"), which must match as written
# What a plain raw word (as `str.split` cuts it, punctuation on) says about windows from it:
WALK = 1  # the word alone may read as a name: walk from it
PAIR = 2  # it may begin a name: walk from it when the pair with the next word may
_MEMO_LIMIT = 200_000  # distinct skeletons remembered before the memo starts afresh
# A case ending is at most MAX_ENDING characters; folded, a character may become two.
_ENDING = 2 * MAX_ENDING
_FOLDED_ENDINGS = {ending.casefold() for ending in ENDINGS}
_ENDING_STARTS = {e[:n] for e in _FOLDED_ENDINGS for n in range(1, len(e) + 1)}


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


class _Memo(dict[str, int]):
    """A dict that computes a missing key's value (so a hit costs one C-level look-up)."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> int:
        if len(self) > _MEMO_LIMIT:
            self.clear()
        value = self[key] = self.compute(key)
        return value


class _PairFlags(dict[str, _Memo]):
    """`flags[a + b]` as `pairs[a][b]`: two look-ups of words whose hashes are kept, where
    joining them made a new string to hash for every pair of every block."""

    def __init__(self, flags: _Memo) -> None:
        super().__init__()
        self.flags = flags
        self.size = 0  # pairs remembered, over all first words

    def __missing__(self, first: str) -> _Memo:
        if self.size > _MEMO_LIMIT:
            self.clear()
            self.size = 0
        seconds = self[first] = _Memo(lambda second: self._pair(first, second))
        return seconds

    def _pair(self, first: str, second: str) -> int:
        self.size += 1
        return self.flags[first + second]


class NameWindows:
    """What a skeleton can be for one name index, remembered per skeleton."""

    def __init__(self, index: Any) -> None:  # a names.NameIndex (names imports this module)
        self.index = index
        self.exact = index.exact
        self.shorts = {skeleton_of(s) for s in index.short_forms} | {
            s.casefold() for s in index.short_forms
        }
        targets = set(self.exact) | self.shorts
        targets |= {s + "s" for s in self.exact} | {s + "es" for s in self.exact}
        self.prefixes = {t[:n] for t in targets for n in range(1, len(t) + 1)}
        self.one_edit: set[str] = set()  # prefixes of typo-prone names and their deletions
        self.two_edits: dict[str, list[str]] = {}  # long names by first character
        typo_prone = {e.name for entries in index.near.values() for e in entries}
        for entry in index.entries:
            if entry.name in typo_prone:
                for n in range(1, len(entry.skeleton) + 1):
                    prefix = entry.skeleton[:n]
                    self.one_edit.add(prefix)
                    self.one_edit.update(_deletes(prefix))
            if entry.length >= MIN_TWO_EDIT_LENGTH:
                self.two_edits.setdefault(entry.skeleton[:1], []).append(entry.skeleton)
        self.flags = _Memo(self._flags)  # skeleton -> READ | GROWS | SHORT bits
        self.pairs = _PairFlags(self.flags)  # first word -> second word -> flags of the two
        self.raw_codes = _Memo(self._raw_code)  # plain raw word -> WALK, PAIR or 0

    def _raw_code(self, raw: str) -> int:
        """WALK, PAIR or 0 for a raw word `lazy_tokens.plain_words` has seen."""
        info = word_info(raw)
        if info is None:
            return WALK
        lead, _, _, skeleton, full, _, _ = info
        flags = self.flags[full]
        if flags & READ or skeleton is not full:
            return WALK  # a name (maybe), or a possessive: read it in its sentence
        if flags & SHORT and raw[lead] in self.index.short_initials:
            return WALK  # written like a short form: "Team", not "team"
        return PAIR if flags & GROWS else 0

    def _flags(self, skeleton: str) -> int:
        flags = READ if self._read(skeleton) else 0
        if skeleton in self.shorts:
            flags |= SHORT
        if self._grows(skeleton):
            flags |= GROWS
        return flags

    def _name_and_ending(self, skeleton: str, endings: set[str]) -> bool:
        """A name's skeleton followed by one of `endings` (case endings, or their starts)."""
        size = len(skeleton)
        return any(
            skeleton[:n] in self.exact and skeleton[n:] in endings
            for n in range(max(1, size - _ENDING), size)
        )

    def _read(self, skeleton: str) -> bool:
        index = self.index
        if skeleton in self.exact:
            return True
        if skeleton.endswith("s") and (
            skeleton[:-1] in self.exact or (skeleton.endswith("es") and skeleton[:-2] in self.exact)
        ):
            return True
        if self._name_and_ending(skeleton, _FOLDED_ENDINGS):
            return True
        if index.one_edit_names(skeleton):
            return True
        return bool(index.two_edits.near(skeleton))

    def _grows(self, prefix: str) -> bool:
        if prefix in self.prefixes or self._name_and_ending(prefix, _ENDING_STARTS):
            return True
        one_edit = self.one_edit
        if prefix in one_edit or any(d in one_edit for d in _deletes(prefix)):
            return True
        size = len(prefix)
        for name in self.two_edits.get(prefix[:1], ()):
            for n in range(max(1, size - 2), min(len(name), size + 2) + 1):
                if OSA.distance(prefix, name[:n], score_cutoff=2) <= 2:
                    return True
        return False
