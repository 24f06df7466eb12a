"""Pages whose navigation is made by script, which a plain fetch cannot follow.

A root that redirects with `location.replace("/en/")`, a menu built by `createElement("a")`,
a language switcher `<select onchange="location.href=this.value">`: the static HTML holds no
link to the pages they lead to, so an unrendered crawl stops at the first page (on a real
company site: 1 page of 37). `--render auto` renders such a page, and its rendered DOM gives
the links. Handlers that navigate to a literal URL (`onclick="location.href='/zh/'"`, an
option's value) are also read statically (`script_targets`), so the pages a switcher leads
to are crawled even where rendering adds no `<a href>`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.etree import _Element
from parsel import Selector

# `location = x`, `location.href = x`, `location.replace(x)`, `location.assign(x)`,
# `window.open(x, "_self")`, `router.push(x)` are navigation; `location.hash` reads are not.
_NAVIGATES = re.compile(
    r"\blocation(?:\.href)?\s*=(?!=)|\blocation\.(?:replace|assign)\s*\(",
)
_BUILDS_LINKS = re.compile(
    r"createElement\(\s*['\"]a['\"]\s*\)|insertAdjacentHTML\s*\([^)]{0,200}<a\s|"
    r"innerHTML\s*\+?=\s*[^;<]{0,200}<a\s[^;>]{0,200}href",  # bounded: untrusted pages
)
_LITERAL_TARGET = re.compile(
    r"\blocation(?:\.href)?\s*=\s*['\"]([^'\"]+)['\"]|"
    r"\blocation\.(?:replace|assign)\s*\(\s*['\"]([^'\"]+)['\"]"
)
HANDLERS = ("onclick", "onchange", "onload")
# A page with fewer links than this to follow is one whose navigation the script makes;
# a full page with a script that redirects only some visitors (old browsers) keeps its links.
FEW_LINKS = 3


def script_navigation(root: _Element, static_links: int) -> str | None:
    """Why this static page needs a browser to be navigated, or None."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for handler in HANDLERS:
            code = element.get(handler)
            if code and _NAVIGATES.search(code):
                what = "language switcher" if _is_switcher(element) else f"{handler} handler"
                return f"navigates by script ({what})"
    if static_links >= FEW_LINKS:
        return None
    code = " ".join(s.text or "" for s in root.iter("script") if not s.get("src"))
    if _NAVIGATES.search(code):
        return "navigates by script (location assignment; no links in the static HTML)"
    if _BUILDS_LINKS.search(code):
        return "builds its links by script (no links in the static HTML)"
    return None


def may_navigate_by_script(html_text: str) -> bool:
    """A cheap look at the raw text, so most pages are not parsed twice: plain substring
    tests first (JavaScript names are case-sensitive), a regex only where one is present."""
    if "location" in html_text and _NAVIGATES.search(html_text):
        return True
    if "createElement" in html_text or "HTML" in html_text:  # innerHTML, insertAdjacentHTML
        return _BUILDS_LINKS.search(html_text) is not None
    return False


def script_targets(html_text: str, base_url: str) -> list[str]:
    """Absolute URLs that script handlers navigate to literally (switchers, redirects)."""
    root: _Element = Selector(text=html_text, type="html").root
    targets: dict[str, None] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for handler in HANDLERS:
            code = element.get(handler)
            if not code or not _NAVIGATES.search(code):
                continue
            for match in _LITERAL_TARGET.finditer(code):
                targets.setdefault(urljoin(base_url, match.group(1) or match.group(2)))
            if element.tag == "select":  # location.href = this.value: the options are targets
                for value in element.xpath(".//option/@value"):
                    if value.strip() and not value.startswith("#"):
                        targets.setdefault(urljoin(base_url, value.strip()))
    code = " ".join(s.text or "" for s in root.iter("script") if not s.get("src"))
    for match in _LITERAL_TARGET.finditer(code):
        targets.setdefault(urljoin(base_url, match.group(1) or match.group(2)))
    return [url for url in targets if url.startswith(("http://", "https://"))]


def _is_switcher(element: _Element) -> bool:
    text = " ".join(
        str(v) for v in (element.get("id"), element.get("class"), element.get("name")) if v
    )
    if re.search(r"lang|locale|language|country|region", text, re.I):
        return True
    return element.tag == "select" and bool(element.xpath(".//option[@lang or @hreflang]"))
