"""An index of brand and product names that finds their variants in running text.

Every name is reduced to a skeleton (case-folded, no spaces or hyphens): a text window
with the same skeleton but another surface is miscased, split or joined; a window one edit
(insertion, deletion, substitution or swap of neighbours) away is misspelled. Exact
skeletons sit in a dict and one-edit neighbours are found through single-deletion keys
(the SymSpell idea), so thousands of names cost a few dict look-ups per window.

Names of at most two letters ("Go", "X", "Qt") are never flagged, typos need five letters,
and the precision rules in `name_rules` keep ordinary language and compounds silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress

from rapidfuzz.distance import OSA

from brandaudit.checks.text.chinese import to_simplified
from brandaudit.checks.text.far_typos import TwoEditIndex
from brandaudit.checks.text.inflections import inflected_name
from brandaudit.checks.text.lazy_tokens import LazyTokens, WordInfo, plain_raws, word_infos
from brandaudit.checks.text.name_context import Sentence
from brandaudit.checks.text.name_match import (
    NameEntry,
    NameMatch,
    first_word,
    name_entry,
    without_overlaps,
)
from brandaudit.checks.text.name_rules import (
    all_caps,
    identifier_compound,
    plausible_typo,
    plurals,
    reads_as_language,
    sentence_capital,
    variant_kind,
)
from brandaudit.checks.text.name_windows import GROWS, READ, SHORT, WALK, NameWindows
from brandaudit.checks.text.normalise import normalise
from brandaudit.checks.text.protected import Protected, ends_like_domain
from brandaudit.checks.text.tokens import Token, tokenise
from brandaudit.checks.text.words import well_known_names

MIN_FLAGGED_LENGTH = 3  # letters and digits in a name before any variant is flagged
MIN_TYPO_LENGTH = 5  # ... before a one-edit misspelling is flagged


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _span(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    """Start of token i, end of token j."""
    if isinstance(tokens, LazyTokens):
        return tokens.span(i, j)
    return tokens[i].start, tokens[j].end


def _first_letter(text: str, tokens: Sequence[Token], i: int) -> str:
    """The first character of token i as written."""
    if isinstance(tokens, LazyTokens):
        return tokens.raws[i][tokens.infos[i][0]]
    return text[tokens[i].start]


class NameIndex:
    """Names to look for, plus accepted variants that are never findings."""

    def __init__(
        self,
        names: Iterable[str],
        accept: Iterable[str] = (),
        not_ours: Iterable[str] = (),
        shortened: str = "allow",
    ) -> None:
        self.entries = [e for e in dict.fromkeys(filter(None, map(name_entry, names)))]
        # The first word alone ("Serenity" for "SerenityOS"): its own variant, allowed unless
        # the guideline asks to report it (brand.shortened), never a two-edit misspelling.
        surfaces = {e.surface for e in self.entries}
        self.short_forms = {
            short: e
            for e in self.entries
            if (short := first_word(e.surface)) and short not in surfaces
        }
        self.short_kind = "shortened" if shortened == "report" else "accepted"
        self.short_initials = {short[:1] for short in self.short_forms}
        self._inflecting = False  # set per text by find(): case endings on this page's language
        self.surfaces_by_head = {e.surface[:3]: [] for e in self.entries}
        for e in self.entries:
            self.surfaces_by_head[e.surface[:3]].append(e)
        # Another well-known name one edit from ours ("BitTorrent" for "qBittorrent") is that
        # name, rightly or wrongly written, never a misspelling of ours (SCOWL's proper names
        # plus the guideline's brand.not_ours; our own names are never in it).
        own = {e.skeleton for e in self.entries}
        theirs = {e.skeleton for e in filter(None, map(name_entry, not_ours))}
        self.not_ours = (well_known_names() | theirs) - own
        self.accepted = {to_simplified(normalise(a).text.strip()) for a in accept} - {""}
        self.accepted_entries = [e for e in map(name_entry, sorted(self.accepted)) if e]
        self.surfaces = {e.surface for e in self.entries}
        self.exact: dict[str, list[NameEntry]] = {}
        self.near: dict[str, list[NameEntry]] = {}
        for entry in self.entries:
            self.exact.setdefault(entry.skeleton, []).append(entry)
            if entry.length >= MIN_TYPO_LENGTH:
                for key in _deletes(entry.skeleton) | {entry.skeleton}:
                    self.near.setdefault(key, []).append(entry)
        # Names spelled like a file or a domain ("Node.js", "Booking.com"): in prose such a
        # token is the name, so protection yields where the token is one edit from one.
        self.dotted = any("." in e.skeleton for e in self.entries)
        self.max_words = max((len(e.words) for e in self.entries), default=0) + 1
        self.max_length = max((len(e.skeleton) for e in self.entries), default=0) + 1
        typo_lengths = [len(e.skeleton) for e in self.entries if e.length >= MIN_TYPO_LENGTH]
        # One edit leaves the first two or the last two characters of a name of five or more
        # in place: a set look-up that spares most windows the delete-variants search.
        typo_entries = [e.skeleton for e in self.entries if e.length >= MIN_TYPO_LENGTH]
        self.typo_heads = {s[:2] for s in typo_entries}
        self.typo_tails = {s[-2:] for s in typo_entries}
        self.min_typo = min(typo_lengths, default=10**9) - 1
        self.two_edits = TwoEditIndex(self.entries)
        self.max_typo = max(typo_lengths, default=0) + 1
        self.windows = NameWindows(self)

    def find(
        self, text: str, protected: Protected | None = None, inflecting: bool = False
    ) -> list[NameMatch]:
        """Every name occurrence in normalised `text`, correct ones included, without overlaps.

        Chinese is compared in Simplified script (same length, so spans hold): a name in
        the other script is `text.script_mismatch`'s business, not a misspelling.
        Only windows whose skeleton may read as a name are read in their sentence
        (`name_windows`); in plain text the tokens are made only for those (`lazy_tokens`)."""
        if not text.isascii():
            text = to_simplified(text)
        raws = None if self.dotted else plain_raws(text)
        if raws is not None:
            codes = list(map(self.windows.raw_codes.__getitem__, raws))
            if not any(codes):  # no word may begin a name: no window to read (most blocks)
                return without_overlaps(self._accepted_phrases(text))
        infos = None if raws is None else word_infos(raws)
        tokens: Sequence[Token]
        if raws is None or infos is None:
            tokens = tokenise(text)
            words: Sequence[Sequence] = tokens  # skeleton, full and stop flags at 3..6
            if protected and self.dotted:
                protected = self._unprotect_dotted_names(text, tokens, protected)
            starts = self._token_starts(text, tokens)
        else:
            words = infos
            starts = self._plain_starts(infos, codes)
            tokens = LazyTokens(text, raws, infos)
        self._inflecting = inflecting
        candidates = self._accepted_phrases(text)
        if not starts:
            return without_overlaps(candidates)
        flags_of, last, initials = self.windows.flags, len(words), self.short_initials
        sentence = Sentence(text, tokens)  # type: ignore[arg-type]  # a Sequence of Token
        guarded = protected is not None and bool(protected.spans)  # else nothing to overlap
        for i in starts:
            prefix = ""
            short_here = None  # a short form is matched as written: is the first letter one?
            for j in range(i, min(i + self.max_words, last)):
                word = words[j]
                whole = prefix + word[4]
                flags = flags_of[whole]
                if word[3] is not word[4]:
                    flags |= flags_of[prefix + word[3]] & (READ | SHORT)
                if flags & SHORT and short_here is None:
                    short_here = _first_letter(text, tokens, i) in initials
                if flags & READ or (
                    flags & SHORT and short_here and self._short_form(sentence, i, j)
                ):
                    if guarded and protected.overlaps(*_span(tokens, i, j)):  # type: ignore[union-attr]
                        break  # names inside URLs, domains, e-mails, handles, code: never findings
                    match = self._written_right(sentence, i, j, whole)
                    match = match or self._read_window(sentence, i, j, prefix)
                    if match:
                        candidates.append(match)
                if not flags & GROWS:
                    break
                prefix = whole
                if len(prefix) > self.max_length + 2:
                    break
        return without_overlaps(candidates)

    def _plain_starts(self, words: list[WordInfo], codes: list[int]) -> list[int]:
        """Words a window that may be a name starts at: one C-level look-up per raw word
        said WALK, PAIR or nothing (`codes`); a PAIR ("team" of "TeamBeacon") is walked only
        when the pair with the next word may be a name, or the next word is a possessive."""
        pairs, last = self.windows.pairs, len(words)
        return [
            i
            for i in compress(range(last), codes)
            if codes[i] == WALK
            or (
                i + 1 < last
                and (pairs[words[i][4]][words[i + 1][4]] or words[i + 1][3] is not words[i + 1][4])
            )
        ]

    def _token_starts(self, text: str, tokens: list[Token]) -> list[int]:
        """`_plain_starts` for tokens `tokenise` made (Chinese, Arabic, dotted names)."""
        flags_of, last, initials = self.windows.flags, len(tokens), self.short_initials
        starts = []
        for i, token in enumerate(tokens):
            flags = flags_of[token.full]
            possessive = token.skeleton is not token.full and flags_of[token.skeleton]
            written_short = flags & SHORT and text[token.start] in initials
            if flags & READ or possessive or written_short:
                starts.append(i)
            elif flags & GROWS and i + 1 < last:
                after = tokens[i + 1]
                if flags_of[token.full + after.full] or after.skeleton is not after.full:
                    starts.append(i)
        return starts

    def _short_form(self, sentence: Sentence, i: int, j: int) -> bool:
        """Tokens i..j written as a short form (case counts): "Bridge", not "bridge"."""
        tokens = sentence.tokens
        if i == j and isinstance(tokens, LazyTokens):  # one plain word: no token needs making
            lead, core, base = tokens.infos[i][:3]
            raw = tokens.raws[i]
            return raw[lead : lead + core] in self.short_forms or (
                raw[lead : lead + base] in self.short_forms
            )
        start, token = tokens[i].start, tokens[j]
        text = sentence.text
        return text[start : token.end] in self.short_forms or (
            text[start : token.base_end] in self.short_forms
        )

    def _written_right(self, sentence: Sentence, i: int, j: int, whole: str) -> NameMatch | None:
        """Plain words i..j spelling a name exactly as the guideline does: "correct" with no
        token made and no context read. What `_match` answers for them: the surface is no
        short form (those exclude surfaces), and without case endings or a possessive
        form, or punctuation between the words, nothing is tried before the exact name."""
        tokens = sentence.tokens
        entries = self.exact.get(whole)
        if not entries or self._inflecting or not isinstance(tokens, LazyTokens):
            return None
        infos = tokens.infos
        if infos[j][3] is not infos[j][4]:
            return None
        for k in range(i + 1, j + 1):
            if infos[k - 1][6] or infos[k][5]:
                return None
        start, end = tokens.span(i, j)
        surface = sentence.text[start:end]
        for entry in entries:
            if surface == entry.surface:
                return NameMatch(start, end, entry, "correct")
        return None

    def _read_window(self, sentence: Sentence, i: int, j: int, prefix: str) -> NameMatch | None:
        """Tokens i..j read in their sentence: the name they are, if any."""
        tokens, text = sentence.tokens, sentence.text
        crossed = []
        words = tokens.infos if isinstance(tokens, LazyTokens) else tokens
        for k in range(i + 1, j + 1):
            if words[k - 1][6] or words[k][5]:  # stop_after, stop_before
                # Only a name with that punctuation inside may run on: "U.S. News".
                crossed.append(text[tokens[k - 1].end : tokens[k].start].strip())
        token = tokens[j]
        forms = [(prefix + token.full, token.end)]
        if token.base_end < token.end:
            forms.append((prefix + token.skeleton, token.base_end))
        match = self._match(sentence, i, j, forms)
        if match and all(gap in match.entry.surface for gap in crossed):
            return match
        return None

    def _unprotect_dotted_names(
        self, text: str, tokens: list[Token], protected: Protected
    ) -> Protected:
        """'node.js' or 'Boking.com' in prose is the name written wrong, not a file or an
        address; a lower-case 'boking.com' may be an address and stays protected."""
        spans = set(protected.spans)
        lifted = set()
        for token in tokens:
            span = (token.start, token.end)
            if span not in spans or "." not in token.full:
                continue
            written = text[token.start : token.end]
            if written.islower() and ends_like_domain(written):
                continue
            key = token.full
            if (
                key in self.exact
                or any(k in self.near for k in (key, *_deletes(key)))
                or self.two_edits.near(key)
            ):
                lifted.add(span)
        return protected.without(lifted) if lifted else protected

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
        self, sentence: Sentence, i: int, j: int, forms: list[tuple[str, int]]
    ) -> NameMatch | None:
        """An exact skeleton (any form: as written, without "'s", singular) before a typo;
        a correct reading before a variant."""
        text = sentence.text
        start = sentence.tokens[i].start
        for _, end in forms:
            entry = self.short_forms.get(text[start:end])
            if entry:
                return NameMatch(start, end, entry, self.short_kind)
            inflected = self._inflecting and inflected_name(text[start:end], self.surfaces_by_head)
            if inflected:
                return NameMatch(start, end, inflected, "accepted")
        first: NameMatch | None = None
        for skeleton, end in forms:
            plural = end == sentence.tokens[j].end
            last = sentence.tokens[j]
            for key, cut in ((skeleton, 0), *(plurals(skeleton) if plural else ())):
                if cut and last.base_end - last.start <= cut:
                    continue  # "NovaBridge es una ...": the Spanish verb is a word of its own
                entries = self.exact.get(key)
                if entries:
                    surface = text[start : end - cut]
                    match = self._judge_exact(surface, start, end - cut, entries, sentence, i, j)
                    if not match.is_problem:
                        return match
                    first = first or match
        if first:
            return first
        for skeleton, end in forms:
            match = self._typo(sentence, i, j, skeleton, start, end)
            if match:
                return match
        skeleton, end = forms[-1]
        if skeleton in self.not_ours:
            return None
        for entry in self.two_edits.near(skeleton):
            surface = sentence.text[start:end]
            if (
                j - i + 1 == len(entry.words)
                and surface not in self.accepted
                and plausible_typo(surface, entry, sentence, i, j, edits=2)
            ):
                return NameMatch(start, end, entry, "misspelled", distance=2)
        return None

    def _judge_exact(
        self,
        surface: str,
        start: int,
        end: int,
        entries: list[NameEntry],
        sentence: Sentence,
        i: int,
        j: int,
    ) -> NameMatch:
        for entry in entries:
            if surface == entry.surface:
                return NameMatch(start, end, entry, "correct")
        entry = entries[0]
        if (
            surface in self.accepted
            or entry.length < MIN_FLAGGED_LENGTH
            or (surface.isupper() and all_caps(sentence.text))  # a shouting block
            or sentence_capital(surface, entry, sentence, i)
            or identifier_compound(surface, entry, sentence, i, j)
            or reads_as_language(surface, entry, sentence, i, j, self.surfaces)
        ):
            return NameMatch(start, end, entry, "accepted")
        return NameMatch(start, end, entry, variant_kind(surface, entry.surface))

    def one_edit_names(self, skeleton: str) -> list[NameEntry]:
        """Names that allow a typo, one edit from `skeleton`, in a fixed order."""
        if not (
            self.min_typo <= len(skeleton) <= self.max_typo
            and (skeleton[:2] in self.typo_heads or skeleton[-2:] in self.typo_tails)
        ):
            return []
        seen: set[str] = set()
        found = []
        for key in (skeleton, *sorted(_deletes(skeleton))):  # sorted: the same answer every run
            for entry in self.near.get(key, ()):
                if entry.name in seen:
                    continue
                seen.add(entry.name)
                if OSA.distance(skeleton, entry.skeleton, score_cutoff=1) <= 1:
                    found.append(entry)
        return found

    def _typo(
        self, sentence: Sentence, i: int, j: int, skeleton: str, start: int, end: int
    ) -> NameMatch | None:
        for entry in self.one_edit_names(skeleton):
            if skeleton in self.not_ours:
                return None
            surface = sentence.text[start:end]
            if surface in self.accepted or not plausible_typo(surface, entry, sentence, i, j):
                continue
            return NameMatch(start, end, entry, "misspelled", distance=1)
        return None
