"""Whether a page's CSS may resize its images, so that a box read from markup is not layout.

A logo's HTML `width`/`height` can be overridden by CSS (`width: auto`): on a real site an
unrendered audit reported 36 `logo.distorted` findings that rendering showed to be false.
An unrendered page keeps this hint; the logo checks then say that the box comes from markup
and was not laid out, and coverage lists the page (see checks/logos.py, reports/coverage.py).
External stylesheets are not fetched on unrendered pages, so any of them counts as "may".
"""

from __future__ import annotations

import re

from lxml.etree import _Element

_SIZING = re.compile(
    r"\b(?:(?:max-|min-)?(?:width|height)|aspect-ratio|object-fit|zoom|scale|transform)\s*:",
    re.I,
)


def css_may_resize(root: _Element) -> bool:
    if root.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' stylesheet ')]"):
        return True
    return any(_SIZING.search(style.text or "") for style in root.iter("style"))
