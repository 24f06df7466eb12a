"""Rendered pages navigate on their own (frames, `location=`, popups, sub-resources): the
staging headers go with the audited host's requests only, whatever Chromium fetches."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.crawler.render.browser import find_chromium
from tests.cli_runner import brandaudit
from tests.hostile.cases import (
    SECRET_AUTH,
    SECRET_COOKIE,
    SECRET_TOKEN,
    STAGING_HEADERS,
    html,
    page,
    picture,
    raw,
)
from tests.hostile.server import serve
from tests.hostile.test_hostile_site import files_containing_secrets, secret_headers_in

pytestmark = pytest.mark.browser


def test_rendered_navigations_carry_no_secret_to_other_hosts(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium executable")
    image = raw(picture(), "image/png")
    other_routes = {
        "/frame": page("<p>A frame from another host.</p>"),
        "/moved": page("<p>Where the script sent the tab.</p>"),
        "/popup": page("<p>A popup.</p>"),
        "/pixel.png": image,
    }
    out = tmp_path / "out"
    with serve(other_routes) as other:
        o = other.base_url
        site_routes = {
            "/": raw(html(
                "<p>NovaBridge rendered estate.</p><a href='/frame'>f</a><a href='/moves'>m</a>"
                "<a href='/popup'>p</a>"
                f"<img src='{o}/pixel.png' alt='pixel'><img src='/own.png' alt='own'>"
            )),
            "/frame": raw(html(f"<p>Framed.</p><iframe src='{o}/frame'></iframe>")),
            "/moves": raw(html(f"<p>Moving on.</p><script>location.href='{o}/moved'</script>")),
            "/popup": raw(html(f"<p>Popup.</p><script>window.open('{o}/popup')</script>")),
            "/own.png": image,
        }  # fmt: skip
        with serve(site_routes) as site:
            env = {**os.environ, "BRANDAUDIT_HEADERS": STAGING_HEADERS}
            proc = brandaudit(
                "audit", "--guideline", SAMPLE_GUIDELINE, site.base_url + "/", "--out", out,
                "--render", "always", "--no-history", "--fail-on", "never", "--no-sitemap",
                "--timeout", "10", env=env, timeout=150,
            )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    home = [r for r in site.received if r.path == "/"]
    assert home, site.paths()
    assert all(r.headers.get("x-preview-token") == SECRET_TOKEN for r in home)
    assert all(r.headers.get("authorization") == SECRET_AUTH for r in home)
    # Playwright ignores a Cookie set on a routed request (README, Security): the plain suite
    # proves the Cookie line reaches the audited host; here it must only reach no other.
    assert all(SECRET_COOKIE not in r.headers.get("cookie", "") for r in other.received)
    own_image = [r for r in site.received if r.path == "/own.png"]
    assert own_image and all(r.headers.get("x-preview-token") == SECRET_TOKEN for r in own_image)
    fetched = set(other.paths())
    assert {"/frame", "/pixel.png"} <= fetched, fetched  # the browser did go there...
    leaks = [(r.path, secret_headers_in(r.headers)) for r in other.received]
    assert not [leak for leak in leaks if leak[1]], leaks  # ...without the secrets
    assert not files_containing_secrets(out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    reasons = {f["evidence"]["target_url"]: f["evidence"]["reason"]
               for f in report["findings"] if f["rule"] == "crawl.error"}  # fmt: skip
    moved = f"{site.base_url}/moves"
    assert "another site" in reasons.get(moved, ""), reasons  # not dropped in silence
