"""Developer knobs for benchmarks/render_bench.py, read once from the environment.

    BRANDAUDIT_RENDER_TUNING="wait_until=domcontentloaded,shot=0,tab_uses=10"

Keys: wait_until, settle (0), shot (0 | playwright), inspect (0) in crawler/render/hooks.py;
tab_uses and tabs in crawler/render/tab_pool.py and tab_middleware.py; route (1: route every
navigation, as scrapy-playwright does), events (1: keep scrapy-playwright's request and
response counters) and content (1: scrapy-playwright's own navigation step, the body from
`page.content()`) in shared_handler.py; render_document (1: leave
Chromium's RenderDocument on) in browser.py. Not a user option:
the defaults are what the benchmark measured best.
"""

from __future__ import annotations

import os

TUNING_ENV = "BRANDAUDIT_RENDER_TUNING"


def _read() -> dict[str, str]:
    items = os.environ.get(TUNING_ENV, "").split(",")
    pairs = (item.split("=", 1) for item in items if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


TUNING = _read()


def tuned_int(key: str, default: int) -> int:
    """An integer knob, or `default` when unset or not a number."""
    try:
        return int(TUNING[key])
    except (KeyError, ValueError):
        return default
