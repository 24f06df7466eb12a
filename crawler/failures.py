"""Plain-language reasons for failed downloads, so a `crawl.error` finding says what happened."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet import error as twisted_errors
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from brandaudit.crawler.redirect_scope import RedirectRefused

ROBOTS_FORBIDDEN = "Forbidden by robots.txt"
_WRAPPED = (
    ("ConnectionDone", "the server closed the connection without answering"),
    ("ConnectionLost", "connection lost before the response was complete"),
    ("ConnectionAborted", "the server reset the connection"),
    ("ParseError", "the server's answer is not valid HTTP"),
    ("TimeoutError", "timed out"),
)


def is_robots_refusal(failure: Failure) -> bool:
    return failure.check(IgnoreRequest) is not None and ROBOTS_FORBIDDEN in str(failure.value)


def describe_failure(failure: Failure, timeout_s: float, max_bytes: int) -> str:
    """One sentence naming the cause of `failure`, without a traceback."""
    value = failure.value
    if isinstance(value, ResponseNeverReceived) and value.reasons:
        return describe_failure(value.reasons[0], timeout_s, max_bytes)
    if isinstance(value, RedirectRefused):
        return str(value)
    if is_robots_refusal(failure):
        return "robots.txt disallows fetching this URL (crawl with robots.txt ignored to audit it)"
    if failure.check(IgnoreRequest) and "during decompression" in str(value):
        return f"response larger than the {max_bytes:,}-byte limit once decompressed (a bomb?)"
    if failure.check(IgnoreRequest) and "max redirections" in str(value):
        return "too many redirects (a redirect loop?)"
    if failure.check(
        DownloadTimeoutError, twisted_errors.TimeoutError, twisted_errors.TCPTimedOutError
    ):
        return f"timed out after {timeout_s:g} s"
    if failure.check(CannotResolveHostError, twisted_errors.DNSLookupError):
        return f"DNS lookup failed: {value}"
    if failure.check(DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError):
        return "connection refused"
    if failure.check(DownloadCancelledError) and "max size" in str(value):
        return f"response larger than the {max_bytes:,}-byte limit"
    if failure.check(ResponseDataLossError, twisted_errors.ConnectionLost):
        return "connection lost before the response was complete"
    if failure.check(twisted_errors.ConnectionDone, twisted_errors.ConnectError):
        return "the server closed or reset the connection"
    text = str(value)
    for marker, reason in _WRAPPED:  # DownloadFailedError carries Twisted's failures as text
        if marker in text:
            return reason
    # Never library internals (a Twisted Failure's repr, a traceback): the class name and the
    # first line of its message, cut short.
    first = text.strip().splitlines()[0][:200] if text.strip() else ""
    if "<twisted.python.failure.Failure" in first or "[<" in first:
        first = ""
    return f"download failed ({type(value).__name__}{': ' + first if first else ''})"
