"""Pages whose navigation script makes are rendered under `auto`; their literal targets are
read; pages that only mention `location` are left alone."""

from __future__ import annotations

import pytest

from brandaudit.crawler.render.decide import render_reason
from brandaudit.crawler.render.script_navigation import script_targets

TEXT = "<p>" + "NovaBridge builds bridges that carry ideas across teams. " * 8 + "</p>"
LINKS = "".join(f'<a href="/p{i}.html">Page {i}</a>' for i in range(5))


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(("html", "why"), [
    (page(TEXT + "<script>location.replace('/en/');</script>"), "location assignment"),
    (page(TEXT + "<script>window.location.href = '/en/'</script>"), "location assignment"),
    (page(TEXT + LINKS + '<select class="lang" onchange="location.href=this.value">'
          '<option value="/zh/">中文</option></select>'), "language switcher"),
    (page(TEXT + "<nav></nav><script>const a = document.createElement('a');</script>"),
     "builds its links"),
])  # fmt: skip
def test_script_navigation_is_rendered_with_its_reason(html: str, why: str) -> None:
    assert why in (render_reason("auto", "https://x.example/", html) or "")
    assert render_reason("never", "https://x.example/", html) is None


@pytest.mark.parametrize("html", [
    page(TEXT + LINKS + "<script>if (location.hash) open(location.hash)</script>"),
    page(TEXT + "<script>if (location.href == document.referrer) {}</script>"),
    page(TEXT + LINKS + "<script>if (!window.fetch) location.href = '/old.html';</script>"),
    page(TEXT + "<p>Store location = Harbour Row</p>"),
])  # fmt: skip
def test_pages_that_only_mention_location_are_not_rendered(html: str) -> None:
    assert render_reason("auto", "https://x.example/", html) is None


def test_a_switchers_targets_are_read_without_a_browser() -> None:
    html = page('<select id="language" onchange="location.href=this.value">'
                '<option value="/en/">EN</option><option value="/zh/">中文</option></select>'
                "<button onclick=\"location.href='/pricing'\">Pricing</button>")  # fmt: skip
    assert script_targets(html, "https://x.example/a/") == [
        "https://x.example/en/", "https://x.example/zh/", "https://x.example/pricing",
    ]  # fmt: skip
