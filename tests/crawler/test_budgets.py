"""A time budget stops runaway work on untrusted input, even inside the regex engine."""

from __future__ import annotations

import re
import time

import pytest

from brandaudit.crawler.budgets import BudgetExceeded, time_budget, unreadable

# The SVG sniffer's old pattern: exponential backtracking on a run of comments.
CATASTROPHIC = re.compile(rb"^\s*(?:(?:<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<svg", re.S)


def test_a_budget_ends_a_catastrophic_match() -> None:
    started = time.monotonic()
    with (
        pytest.raises(BudgetExceeded, match=r"took longer than 0\.5 s"),
        time_budget(0.5, "sniffing the image"),
    ):
        CATASTROPHIC.match(b"<!--a-->" * 40 + b"<!--")
    assert time.monotonic() - started < 3


def test_work_within_its_budget_is_untouched_and_the_outer_budget_survives() -> None:
    with time_budget(2, "outer"):
        with time_budget(1, "inner"):
            assert sum(range(1000)) == 499500
        with pytest.raises(BudgetExceeded, match="outer"):
            time.sleep(3)


def test_failures_are_described_in_plain_words() -> None:
    assert unreadable(RecursionError(), "the page") == "the page is nested too deeply to read"
    assert "KeyError" in unreadable(KeyError("x"), "the page")
