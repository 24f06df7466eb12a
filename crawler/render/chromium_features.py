"""The `--disable-features` list Chromium is launched with: Playwright's own, plus ours.

Chromium keeps only the last `--disable-features` flag it is given, and Playwright passes
its own list first, so adding one feature means repeating Playwright's whole list. That list
changes between Playwright releases, so it is read from the installed driver; the copy below
(Playwright 1.65) is only the fallback when the driver's layout is not recognised. A feature
a given Chromium does not know is ignored by it, so the union is safe.

We add RenderDocument: that feature gives each document a new frame host, and without it a
reused tab's next page cost Chromium ~10 % less CPU (benchmarks/render_bench.py, tuning
render_document=1 against the default).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

OURS = ("RenderDocument",)
PLAYWRIGHT_1_65 = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
# Where the driver keeps the list: one bundle since ~1.50, a module of its own before.
DRIVER_FILES = ("lib/coreBundle.js", "lib/server/chromium/chromiumSwitches.js")
_LIST = re.compile(r"disabledFeatures\s*=\s*\[(.*?)\]", re.S)
_NAME = re.compile(r'^\s*"([A-Za-z0-9_]+)"', re.M)


def installed_playwright_features() -> tuple[str, ...] | None:
    """The features the installed Playwright disables, or None when they cannot be read."""
    try:
        import playwright
    except ImportError:
        return None
    return read_driver_features(Path(playwright.__file__).parent / "driver" / "package")


def read_driver_features(package: Path) -> tuple[str, ...] | None:
    """The disabled-features list in a Playwright driver package folder, if found there."""
    for relative in DRIVER_FILES:
        try:
            text = (package / relative).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        block = _LIST.search(text)
        names = tuple(_NAME.findall(block.group(1))) if block else ()
        if names:
            return names
    return None


@lru_cache(maxsize=1)
def disabled_features() -> tuple[str, ...]:
    """Playwright's list (installed, else the 1.65 copy) followed by ours, without repeats."""
    theirs = installed_playwright_features() or PLAYWRIGHT_1_65
    return tuple(dict.fromkeys((*theirs, *OURS)))
