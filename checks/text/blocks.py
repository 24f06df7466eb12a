"""The text blocks of a crawl, normalised once, with their protected spans and a way to
turn a span of normalised text into a finding that points at the original characters."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from brandaudit.checks.finding import Finding, Location
from brandaudit.checks.registry import Rule
from brandaudit.checks.text.normalise import Normalised, normalise
from brandaudit.checks.text.protected import Protected, protected_spans
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

SNIPPET_CONTEXT = 40  # characters of context on each side of the offending text
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class BlockText:
    page: PageArtifact
    block: TextBlock
    norm: Normalised
    protected: Protected

    @property
    def text(self) -> str:
        """The normalised text that checks search."""
        return self.norm.text


def iter_blocks(result: CrawlResult) -> Iterator[BlockText]:
    """Every non-empty text block of every fetched page, in document order.

    Normalised and masked once per audit, however many text checks walk them, when the
    pages are in memory (a batch of pages checked during the crawl). Pages read from disk
    one at a time (a whole site after the crawl, which one site-wide text check walks) are
    prepared as they come: keeping every block of the site would make memory grow with it."""
    if not getattr(result.pages, "keeps_pages", True):
        yield from _prepare_blocks(result)
        return
    yield from result.derived_once("text.blocks", lambda: list(_prepare_blocks(result)))


def iter_block_texts(
    result: CrawlResult, holding: tuple[str, ...] = ()
) -> Iterator[tuple[PageArtifact, str]]:
    """(page, normalised text) of every non-empty block, without the protected spans: for
    searches that need none (the contact inventory). `iter_blocks` prepares spans for every
    block, which cost an unchanged re-audit, whose checks were all reused, 13 s of 27.
    `holding`: only blocks holding one of these characters as written (every character
    that normalises to the one searched for), the others not even normalised."""
    for page in result.pages:
        for block in page.text_blocks:
            text = block.text
            if not text or text.isspace():
                continue
            if holding and not any(map(text.__contains__, holding)):
                continue
            yield page, normalise(text).text


def _prepare_blocks(result: CrawlResult) -> Iterator[BlockText]:
    for page in result.pages:
        for block in page.text_blocks:
            if not block.text or block.text.isspace():
                continue
            norm = normalise(block.text)
            yield BlockText(page, block, norm, protected_spans(norm.text, block.selector))


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CONTEXT) -> str:
    """'... Nova Bridge helps ...': the span with about `width` characters each side."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    body = " ".join(text[left:right].split())
    return f"{'... ' if left > 0 else ''}{body}{' ...' if right < len(text) else ''}"


_CONTEXT_REACH = 120  # characters searched first for the words either side


def context_words(text: str, start: int, end: int, count: int = 3) -> str:
    """A few normalised words either side: part of a finding's identity, never positions.

    Searched in the nearest characters first (a paragraph can be long): when more than
    `count` words are found there, the cut word at the far edge is not among those kept."""
    before = _WORD.findall(text[max(0, start - _CONTEXT_REACH) : start].casefold())
    if len(before) <= count and start > _CONTEXT_REACH:
        before = _WORD.findall(text[:start].casefold())
    after = _WORD.findall(text[end : end + _CONTEXT_REACH].casefold())
    if len(after) <= count and end + _CONTEXT_REACH < len(text):
        after = _WORD.findall(text[end:].casefold())
    return " ".join([*before[-count:], "_", *after[:count]])


def text_finding(
    rule: Rule,
    item: BlockText,
    start: int,
    end: int,
    *,
    message: str,
    evidence: Mapping[str, Any],
    suggestion: str,
    identity: str = "",
) -> Finding:
    """A finding at span [start, end) of the block's normalised text."""
    begin, stop = item.norm.span(start, end)
    original = item.block.text
    found = str(evidence.get("found", original[begin:stop]))
    expected = str(evidence.get("expected", ""))
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        url=item.page.url,
        touchpoint=item.page.touchpoint,
        message=message,
        location=Location(
            selector=item.block.selector,
            snippet=snippet(original, begin, stop),
            start=begin,
            end=stop,
            source=item.block.source,
        ),
        evidence=dict(evidence),
        suggestion=suggestion,
        identity=identity
        or "|".join((found, expected, item.block.source, context_words(original, begin, stop))),
    )
