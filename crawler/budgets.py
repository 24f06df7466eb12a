"""Time budgets for work on untrusted input, so no page or image can stall an audit.

Parsing, sniffing and decoding run on the crawl's one thread: a pathological input (a
backtracking pattern, a parser edge case) would otherwise hold the whole crawl. A budget arms
a one-shot SIGALRM timer; Python code and the regex engine check for signals, so the work
ends with `BudgetExceeded`, which the caller turns into a `crawl.error` with a plain reason.
Off the main thread (where signals cannot be used) a budget does nothing.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

PARSE_BUDGET_S = 20.0  # a 5 MB page parses in ~1 s on the CI machine
IMAGE_BUDGET_S = 10.0  # a 40-megapixel PNG decodes in ~0.5 s


class BudgetExceeded(Exception):
    """Work on one resource took longer than its budget."""


@contextmanager
def time_budget(seconds: float, what: str) -> Iterator[None]:
    """Raise `BudgetExceeded` in the block after `seconds` of wall time."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(f"{what} took longer than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining:  # an outer budget keeps running, less the time spent here
            left = remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def unreadable(exc: BaseException, what: str) -> str:
    """A plain reason for a failure to read `what`, without library internals."""
    if isinstance(exc, BudgetExceeded):
        return str(exc)
    if isinstance(exc, RecursionError):
        return f"{what} is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return f"{what} is too large to read in memory"
    return f"{what} could not be read ({type(exc).__name__})"
