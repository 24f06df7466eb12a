"""An index of brand and product names that finds their variants in running text.

Every name is reduced to a skeleton (case-folded, no spaces or hyphens): a text window
with the same skeleton but another surface is miscased, split or joined; a window one edit
(insertion, deletion, substitution or swap of neighbours) away is misspelled. Exact
skeletons sit in a dict and one-edit neighbours are found through single-deletion keys
(the SymSpell idea), so thousands of names cost a few dict look-ups per window.

Precision guards, each for a reason a brand team would accept:
- names of at most two letters ("Go", "X", "Qt") are never flagged: too many ordinary
  words and abbreviations share them;
- names made of everyday words ("Red", "American Airlines") are not flagged in ordinary
  casing: "red" in lower case is the colour;
- typos need a name of at least five letters, never touch digits, and a window made of
  everyday words ("string" for "Spring") is language, not a typo;
- the correct name inside a longer token ("NovaBridgeAPI") is a compound, not a typo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from checks.text.normalise import normalise
from checks.text.protected import Protected
from checks.text.tokens import Token, alnum_length, tokenise
from checks.text.words import all_known, is_common_word, plain_casing

MIN_FLAGGED_LENGTH = 3  # letters and digits in a name before any variant is flagged
MIN_TYPO_LENGTH = 5  # ... before a one-edit misspelling is flagged


@dataclass(frozen=True)
class NameEntry:
    name: str  # as the guideline writes it
    surface: str  # normalised, end punctuation trimmed: what a correct window reads
    skeleton: str
    words: tuple[str, ...]  # case-folded tokens
    length: int  # letters and digits
    common: bool  # made only of dictionary words: in lower case they read as language


@dataclass(frozen=True)
class NameMatch:
    start: int  # span in the normalised text
    end: int
    entry: NameEntry
    kind: str  # correct | accepted | miscased | split | joined | misspelled
    distance: int = 0

    @property
    def is_problem(self) -> bool:
        return self.kind not in ("correct", "accepted")


def _entry(name: str) -> NameEntry | None:
    text = normalise(name).text
    tokens = tokenise(text)
    if not tokens:
        return None
    words = tuple(t.full for t in tokens)
    return NameEntry(
        name=name,
        surface=text[tokens[0].start : tokens[-1].end],
        skeleton="".join(words),
        words=words,
        length=alnum_length(name),
        common=all_known(words),
    )


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class NameIndex:
    """Names to look for, plus accepted variants that are never findings."""

    def __init__(self, names: Iterable[str], accept: Iterable[str] = ()) -> None:
        self.entries = [e for e in dict.fromkeys(filter(None, map(_entry, names)))]
        self.accepted = {normalise(a).text.strip() for a in accept} - {""}
        self.accepted_entries = [e for e in map(_entry, sorted(self.accepted)) if e]
        self.surfaces = {e.surface for e in self.entries}
        self.exact: dict[str, list[NameEntry]] = {}
        self.near: dict[str, list[NameEntry]] = {}
        for entry in self.entries:
            self.exact.setdefault(entry.skeleton, []).append(entry)
            if entry.length >= MIN_TYPO_LENGTH:
                for key in _deletes(entry.skeleton) | {entry.skeleton}:
                    self.near.setdefault(key, []).append(entry)
        self.max_words = max((len(e.words) for e in self.entries), default=0) + 1
        self.max_length = max((len(e.skeleton) for e in self.entries), default=0) + 1
        typo_lengths = [len(e.skeleton) for e in self.entries if e.length >= MIN_TYPO_LENGTH]
        self.min_typo = min(typo_lengths, default=10**9) - 1
        self.max_typo = max(typo_lengths, default=0) + 1

    def find(self, text: str, protected: Protected | None = None) -> list[NameMatch]:
        """Every name occurrence in normalised `text`, correct ones included, without overlaps."""
        tokens = tokenise(text)
        shouting = _all_caps(text)
        candidates = self._accepted_phrases(text)
        for i in range(len(tokens)):
            start, prefix, crossed = tokens[i].start, "", []
            for j in range(i, min(i + self.max_words, len(tokens))):
                token = tokens[j]
                if j > i and (tokens[j - 1].stop_after or token.stop_before):
                    # Only a name with that punctuation inside may run on: "U.S. News".
                    crossed.append(text[tokens[j - 1].end : token.start].strip())
                window = tokens[i : j + 1]
                if protected and protected.overlaps(start, token.end):
                    break  # names inside URLs, domains, e-mails, handles, code: never findings
                forms = [(prefix + token.full, token.end)]
                if token.base_end < token.end:
                    forms.append((prefix + token.skeleton, token.base_end))
                match = self._match(text, window, forms, shouting)
                if match and all(gap in match.entry.surface for gap in crossed):
                    candidates.append(match)
                prefix += token.full
                if len(prefix) > self.max_length + 2:
                    break
        return _without_overlaps(candidates)

    def _accepted_phrases(self, text: str) -> list[NameMatch]:
        """Accepted variants (a legal name, an all-caps logo text) claim their whole span."""
        found = []
        for entry in self.accepted_entries:
            start = text.find(entry.surface)
            while start != -1:
                found.append(NameMatch(start, start + len(entry.surface), entry, "accepted"))
                start = text.find(entry.surface, start + 1)
        return found

    def _match(
        self, text: str, window: list[Token], forms: list[tuple[str, int]], shouting: bool
    ) -> NameMatch | None:
        """An exact skeleton (any form: as written, without "'s", singular) before a typo;
        a correct reading before a variant."""
        start = window[0].start
        first: NameMatch | None = None
        for skeleton, end in forms:
            plural = end == window[-1].end
            for key, cut in ((skeleton, 0), *(_plurals(skeleton) if plural else ())):
                entries = self.exact.get(key)
                if entries:
                    surface = text[start : end - cut]
                    match = self._judge_exact(surface, start, end - cut, entries, window, shouting)
                    if not match.is_problem:
                        return match
                    first = first or match
        if first:
            return first
        for skeleton, end in forms:
            if self.min_typo <= len(skeleton) <= self.max_typo:
                match = self._typo(text, window, skeleton, start, end)
                if match:
                    return match
        return None

    def _judge_exact(
        self,
        surface: str,
        start: int,
        end: int,
        entries: list[NameEntry],
        window: list[Token],
        shouting: bool,
    ) -> NameMatch:
        for entry in entries:
            if surface == entry.surface:
                return NameMatch(start, end, entry, "correct")
        entry = entries[0]
        if (
            surface in self.accepted
            or entry.length < MIN_FLAGGED_LENGTH
            or (shouting and surface.isupper())
            or _ordinary_words(surface, entry, len(window), self.surfaces)
        ):
            return NameMatch(start, end, entry, "accepted")
        return NameMatch(start, end, entry, _variant_kind(surface, entry.surface))

    def _typo(
        self, text: str, window: list[Token], skeleton: str, start: int, end: int
    ) -> NameMatch | None:
        seen: set[str] = set()
        for key in (skeleton, *_deletes(skeleton)):
            for entry in self.near.get(key, ()):
                if entry.name in seen:
                    continue
                seen.add(entry.name)
                if OSA.distance(skeleton, entry.skeleton, score_cutoff=1) > 1:
                    continue
                surface = text[start:end]
                if surface in self.accepted or not _plausible_typo(surface, window, entry):
                    continue
                return NameMatch(start, end, entry, "misspelled", distance=1)
        return None


def _plurals(skeleton: str) -> list[tuple[str, int]]:
    if not skeleton.endswith("s"):
        return []
    options = [(skeleton[:-1], 1)]
    if skeleton.endswith("es"):
        options.append((skeleton[:-2], 2))
    return options


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters if c.lower() != c.upper())


def _ordinary_words(surface: str, entry: NameEntry, window_words: int, surfaces: set[str]) -> bool:
    """A miscased name that reads as ordinary language: 'red', or another name followed by
    an everyday word ('NovaBridge cloud' when both NovaBridge and NovaBridge Cloud exist)."""
    found = surface.replace("-", " ").split()
    if len(found) != len(entry.words) or window_words != len(entry.words):
        return False
    expected = entry.surface.replace("-", " ").split()
    if found == expected:
        return False  # only the separators differ: "Google-Pay"
    if entry.common and all(plain_casing(w) for w in found):
        return True
    same = [f == e for f, e in zip(found, expected, strict=True)]
    if not same[0]:
        return False
    prefix = " ".join(found[: same.index(False)])
    rest = found[same.index(False) :]
    return prefix in surfaces and all(w.islower() and is_common_word(w) for w in rest)


def _plausible_typo(surface: str, window: list[Token], entry: NameEntry) -> bool:
    if entry.surface in surface and len(surface) - len(entry.surface) > 1:
        return False  # the right name inside a compound: "NovaBridgeAPI"
    found = [t.full for t in window]
    if len(found) > len(entry.words):
        return False  # a typo and a split at once is two changes: "Kred is" is not "Redis"
    if [c for c in "".join(found) if c.isdigit()] != [c for c in entry.skeleton if c.isdigit()]:
        return False  # "Windows 10" is not a typo of "Windows 11"
    if len(found) == len(entry.words):
        differing = [f for f, e in zip(found, entry.words, strict=True) if f != e]
        return not all_known(differing)
    return not all_known(found)


def _variant_kind(surface: str, expected: str) -> str:
    bare_found = surface.replace(" ", "").replace("-", "")
    bare_expected = expected.replace(" ", "").replace("-", "")
    if bare_found == bare_expected:
        gaps_found = len(surface) - len(bare_found)
        gaps_expected = len(expected) - len(bare_expected)
        return "joined" if gaps_found < gaps_expected else "split"
    return "miscased"


_RANK = {"correct": 0, "accepted": 0, "miscased": 1, "split": 1, "joined": 1, "misspelled": 2}


def _without_overlaps(candidates: list[NameMatch]) -> list[NameMatch]:
    """Longest window first; at equal length an exact reading beats a variant or a typo."""
    chosen: list[NameMatch] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, _RANK[m.kind], m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
