"""A finding's context words, read from the nearest characters first, are the words the
whole text gives: they are part of its identity (baselines, history), so they must not move."""

from __future__ import annotations

import random
import re

from brandaudit.checks.text.blocks import context_words

_WORD = re.compile(r"\w+")
WORDS = ["NovaBridge", "a", "supercalifragilistic" * 4, "ß", "İstanbul", "—", "x", "data,", "..."]


def _whole_text(text: str, start: int, end: int, count: int = 3) -> str:
    before = _WORD.findall(text[:start].casefold())[-count:]
    after = _WORD.findall(text[end:].casefold())[:count]
    return " ".join([*before, "_", *after])


def test_nearest_characters_give_the_whole_texts_context() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        text = " ".join(rng.choices(WORDS, k=rng.randint(1, 60)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert context_words(text, start, end) == _whole_text(text, start, end), (text, start)
