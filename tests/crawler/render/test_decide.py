"""`needs_render`: application shells are rendered under "auto", readable pages are not."""

from __future__ import annotations

import pytest

from brandaudit.crawler.render.decide import looks_like_app_shell, needs_render

REACT_SHELL = """<!doctype html><html><head><title>App</title>
<script type="module" src="/assets/index-3f2a.js"></script></head>
<body><div id="root"></div></body></html>"""

ANGULAR_SHELL = """<html><head><script src="main.js" defer></script></head>
<body><app-root></app-root></body></html>"""

NOSCRIPT_SHELL = """<html><body><noscript>You need to enable JavaScript to run this app.</noscript>
<div class="mount"></div><script src="/static/js/bundle.js"></script></body></html>"""

# Header and footer are static, the main content is mounted by JavaScript.
MOUNT_WITH_CHROME = """<html><body><header><h1>NovaBridge</h1><nav><a href="/">Home</a>
<a href="/about">About us</a></nav></header><div id="app"><div class="spinner"></div></div>
<footer><p>© NovaBridge Systems Ltd. 12 Harbour Row, London</p></footer>
<script src="/app.js"></script></body></html>"""

ARTICLE = "<p>" + "NovaBridge builds bridges that carry ideas across teams. " * 12 + "</p>"
NORMAL_PAGE = f"""<html><head><script src="/analytics.js"></script></head>
<body><main><h1>About NovaBridge</h1>{ARTICLE}{ARTICLE}</main></body></html>"""

# Server-rendered Next.js: the mount point holds the content, so no browser is needed.
SSR_PAGE = f"""<html><body><div id="__next"><h1>Pricing</h1>{ARTICLE}</div>
<script src="/_next/static/chunks/main.js"></script></body></html>"""

SHORT_STATIC_PAGE = "<html><body><h1>Contact</h1><p>hello@novabridge.example</p></body></html>"


@pytest.mark.parametrize("html", [REACT_SHELL, ANGULAR_SHELL, NOSCRIPT_SHELL, MOUNT_WITH_CHROME])
def test_application_shells_need_rendering(html: str) -> None:
    assert looks_like_app_shell(html)
    assert needs_render("auto", "https://x.example/", html)


@pytest.mark.parametrize("html", [NORMAL_PAGE, SSR_PAGE, SHORT_STATIC_PAGE, "", "not html at all"])
def test_readable_pages_do_not(html: str) -> None:
    assert not looks_like_app_shell(html)
    assert not needs_render("auto", "https://x.example/", html)


def test_modes_always_and_never_ignore_the_html() -> None:
    assert needs_render("always", "https://x.example/", NORMAL_PAGE)
    assert not needs_render("never", "https://x.example/", REACT_SHELL)


def test_configured_url_patterns_force_rendering_in_auto() -> None:
    patterns = [r"/app/", r"\?view=live"]
    assert needs_render("auto", "https://x.example/app/dashboard", NORMAL_PAGE, patterns)
    assert needs_render("auto", "https://x.example/p?view=live", NORMAL_PAGE, patterns)
    assert not needs_render("auto", "https://x.example/blog/", NORMAL_PAGE, patterns)
