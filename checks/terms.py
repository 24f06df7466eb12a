"""text.term: the guideline's terminology instead of its wrong forms.

What it finds: finds each wrong form of `terms` as whole words ("catalog in" is not "log in"),
in any casing unless the term is `case_sensitive`, with simple inflections (a phrasal verb's
first word: "logs in", "logged in", "logging in"; a single word's plural: "logins"), and
suggests the right form in the same casing ("LOG IN" -> "SIGN IN").
Why it matters: one product, one word for each action; mixed terms read as different features.
Never a finding: a wrong form inside a URL, e-mail, handle, hashtag or code, or inside one of
the term's `exceptions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from brandaudit.brand_assets.guideline import Guideline, Term
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import BlockText, iter_blocks, text_finding
from brandaudit.checks.text.inflect import inflect, inflections, match_case
from brandaudit.crawler.run_store import CrawlResult

TERM = Rule(
    id="text.term",
    severity=Severity.WARNING,
    title="Terminology as the guideline defines it",
    why="Two words for one action make readers think they are two different things.",
    fix="Use the guideline's term.",
)


@dataclass(frozen=True)
class WrongForm:
    term: Term
    wrong: str
    pattern: re.Pattern[str]
    forms: dict[str, str]  # inflected first (or only) word, folded -> inflection kind
    exceptions: tuple[re.Pattern[str], ...]
    head: str = ""  # the pattern's first word (an alternation), which every match holds


def _compile(term: Term, wrong: str) -> WrongForm:
    words = wrong.split()
    sensitive = term.case_sensitive or wrong.casefold() == term.use.casefold()
    first = words[0] if sensitive else words[0].lower()
    spelled = inflections(first, verb=len(words) > 1)
    forms = {form.lower(): kind for form, kind in spelled.items()}
    head = "|".join(sorted((re.escape(f) for f in spelled), key=len, reverse=True))
    tail = "".join(r"[\s\-]+" + re.escape(w) for w in words[1:])
    flags = 0 if sensitive else re.IGNORECASE
    pattern = re.compile(rf"(?<!\w)(?:{head}){tail}(?!\w)", flags)
    if pattern.fullmatch(term.use):  # never flag the right form ("sign-in" vs "sign in")
        literal = r"\s+".join(re.escape(w) for w in words)
        pattern = re.compile(rf"(?<!\w){literal}(?!\w)", flags)
        forms = {words[0].lower(): ""}
        head = re.escape(words[0])
    exceptions = tuple(
        re.compile(rf"(?<!\w){re.escape(e)}(?!\w)", re.IGNORECASE) for e in term.exceptions
    )
    return WrongForm(term, wrong, pattern, forms, exceptions, head)


@lru_cache(maxsize=8)
def _wrong_forms(terms: tuple[Term, ...]) -> tuple[WrongForm, ...]:
    return tuple(_compile(term, wrong) for term in terms for wrong in term.not_)


@lru_cache(maxsize=8)
def _gate(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], ...]:
    """One search per flag setting for the first words of every wrong form: a block none
    of them is in holds no wrong form, and skips a search per form (the lookbehind in front
    of each pattern made the regex engine try it at every character)."""
    by_flags: dict[int, list[str]] = {}
    for form in _wrong_forms(terms):
        by_flags.setdefault(form.pattern.flags, []).append(f"(?:{form.head})")
    return tuple(re.compile("|".join(heads), flags) for flags, heads in by_flags.items())


@check(TERM, page_local=True)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    if not guideline.terms:
        return []
    forms = _wrong_forms(guideline.terms)
    gates = _gate(guideline.terms)
    return [
        f
        for item in iter_blocks(result)
        if any(gate.search(item.text) for gate in gates)
        for form in forms
        for f in _find(item, form)
    ]


def _find(item: BlockText, form: WrongForm) -> Iterator[Finding]:
    text = item.text
    for match in form.pattern.finditer(text):
        start, end = match.span()
        if item.protected.overlaps(start, end) or _excepted(text, start, end, form):
            continue
        found = item.norm.original_slice(start, end)
        fix = _fix(found, form)
        yield text_finding(
            TERM,
            item,
            start,
            end,
            message=f"'{found}' is not the guideline's term; it says '{form.term.use}'.",
            evidence={"found": found, "expected": fix, "term": form.term.use, "score": 100.0},
            suggestion=f"Replace '{found}' with '{fix}'.",
        )


def _excepted(text: str, start: int, end: int, form: WrongForm) -> bool:
    return any(
        m.start() <= start and end <= m.end() for e in form.exceptions for m in e.finditer(text)
    )


def _fix(found: str, form: WrongForm) -> str:
    """The right form, inflected like the found one and in its casing."""
    first = re.split(r"[\s\-]+", found)[0].lower()
    kind = form.forms.get(first, "")
    use_words = form.term.use.split()
    if kind and len(form.wrong.split()) > 1:
        use_words[0] = inflect(use_words[0], kind)
    elif kind:
        use_words[-1] = inflect(use_words[-1], kind)
        return match_case(found, "-".join(use_words))  # plural noun: "logins" -> "sign-ins"
    return match_case(found, " ".join(use_words))
