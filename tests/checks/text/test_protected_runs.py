"""Protected spans searched run by run equal one search over the whole text.

`protected_spans` searches only the runs of non-space characters that hold one of the
characters every pattern needs; this must find exactly what the full search finds, on text
full of addresses, files, handles, code and odd spaces (a new pattern that spans spaces
would fail here).
"""

from __future__ import annotations

import random

from brandaudit.checks.text.code_like import CODE_LIKE, DEFAULT_VALUE
from brandaudit.checks.text.protected import _PROTECTED, Protected, protected_spans

PARTS = [
    "NovaBridge", "novabridge.example/pricing", "https://www.novabridge.example/a_b?x=1).",
    "hello@novabridge.example,", "@novabridge", "#NovaBridge", "logo.png", "(see", "a_b_c",
    "novabridge.connect()", "~/NovaBridge/x.txt", "./a/b", "www.novabridge.io.", "mailto:x@y.co",
    "tel:+44", "::", "..", "Ltd.", "U.S.", "e.g.", "node.js", "3.14", "x/y", "NovaBridge/",
    ".NovaBridge", "$Id:", "(c)", "and", "the", "cloud", "—", "\u00a0", "\t", "\n", "\u3000",
    "sudo", "apt", "install", "-y", "pip3", "go get", "git clone", "apache/flink", "default is",
    "openclaw", "Default:", "默认", "x.dev", "$", "a-b", "docs/",
]  # fmt: skip


def _full(text: str) -> list[tuple[int, int]]:
    """Every pattern searched over the whole text."""
    spans = [m.span() for m in CODE_LIKE.finditer(text)]
    spans += [m.span(1) for m in DEFAULT_VALUE.finditer(text)]
    return Protected([*spans, *(m.span() for m in _PROTECTED.finditer(text))]).spans


def test_run_by_run_search_equals_the_full_search() -> None:
    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(p + rng.choice(("", " ", " ", "  ", "\n")) for p in rng.choices(PARTS, k=12))
        assert protected_spans.__wrapped__(text).spans == _full(text), text


def test_backticks_still_protect_code_across_spaces() -> None:
    text = "Run `novabridge sync --all` now."
    assert protected_spans.__wrapped__(text).spans == [(4, 27)]
