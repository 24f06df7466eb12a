"""Whether a page needs a browser, and why: `--render auto` renders application shells and
pages whose navigation is made by script.

Rendering costs ~40× a plain fetch (MEASURED.md), so "auto" renders a page only when its
static HTML is evidently a shell that JavaScript fills in (almost no visible text plus an
empty mount point (<div id="root"></div>, <app-root>), script bundles, or a <noscript>
asking for JavaScript), or when script makes its links or redirects (see
`script_navigation`). Sites whose shells these signals miss can list URL patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.etree import _Element
from parsel import Selector

from brandaudit.crawler.options import RenderMode
from brandaudit.crawler.render.script_navigation import may_navigate_by_script, script_navigation

MOUNT_IDS = frozenset(
    {"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main-app", "application",
     "react-root", "vue-app", "ember-app", "spa-root"}
)  # fmt: skip
MOUNT_TAGS = frozenset({"app-root", "my-app", "flt-glass-pane", "ion-app"})
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})
SHELL_TEXT_CHARS = 200  # a shell shows less visible text than this
MOUNTED_SHELL_TEXT_CHARS = 1000  # an empty mount point beside a header/footer of static text
_NOT_LINKS = ("#", "javascript:", "mailto:", "tel:")
_NEEDS_JS = re.compile(r"\b(enable|requires?|turn on|needs?)\b.{0,30}\bjavascript\b", re.I | re.S)


def needs_render(mode: RenderMode, url: str, html_text: str, patterns: Iterable[str] = ()) -> bool:
    """Whether `url` (whose static HTML is `html_text`) should be fetched again in a browser."""
    return render_reason(mode, url, html_text, patterns) is not None


def render_reason(
    mode: RenderMode, url: str, html_text: str, patterns: Iterable[str] = ()
) -> str | None:
    """Why `url` should be fetched again in a browser (the report lists it), or None."""
    if mode == "always":
        return "--render always"
    if mode == "never":
        return None
    if any(re.search(pattern, url) for pattern in patterns):
        return "URL pattern"
    if not html_text or not html_text.strip():
        return None  # an empty response is an empty page, not an application
    root: _Element = Selector(text=html_text, type="html").root
    if _is_app_shell(root):
        return "application shell"
    if not may_navigate_by_script(html_text):
        return None  # most pages: one regex scan, no second walk of the tree
    return script_navigation(root, _followable_links(root))


def _followable_links(root: _Element) -> int:
    hrefs = root.xpath("//a/@href | //area/@href")
    return sum(1 for href in hrefs if href.strip() and not href.startswith(_NOT_LINKS))


def looks_like_app_shell(html_text: str) -> bool:
    """Whether static HTML is a JavaScript application shell rather than a readable page."""
    if not html_text or not html_text.strip():
        return False  # an empty response is an empty page, not an application
    return _is_app_shell(Selector(text=html_text, type="html").root)


def _is_app_shell(root: _Element) -> bool:
    body = root.find("body")
    if body is None:
        return False
    text_chars = len(" ".join("".join(_visible_text(body)).split()))
    scripts = root.xpath("//script[@src or @type='module']")
    empty_mount = any(_is_empty(el) for el in _mount_points(root))
    asks_for_js = any(_NEEDS_JS.search(ns.text_content() or "") for ns in root.iter("noscript"))
    if empty_mount and text_chars < MOUNTED_SHELL_TEXT_CHARS:
        return True
    return text_chars < SHELL_TEXT_CHARS and (bool(scripts) or asks_for_js)


def _mount_points(root: _Element) -> list[_Element]:
    found = [el for el in root.iter() if isinstance(el.tag, str) and el.get("id") in MOUNT_IDS]
    found += [el for el in root.iter(*MOUNT_TAGS)]
    return found


def _is_empty(element: _Element) -> bool:
    """No text and no children other than comments, scripts or a loading spinner's divs."""
    return not " ".join(_visible_text(element)).strip() and not element.xpath(
        ".//img | .//picture | .//video | .//canvas | .//svg | .//iframe"
    )


def _visible_text(element: _Element) -> list[str]:
    """Text outside invisible elements, in document order; an explicit stack, as hostile
    pages nest elements deeper than Python's recursion limit."""
    parts: list[str] = []
    stack: list[_Element | str] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # a tail, due after its element's own text
            parts.append(item)
            continue
        if not isinstance(item.tag, str) or item.tag in INVISIBLE_TAGS:
            continue
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return parts
