"""The recorded estate (tests/fixtures/estate/) served on 127.0.0.1, one prefix per platform.

Pages are served as files; platform JSON endpoints and query-string routes (App Store
lookup, Weibo and Bilibili APIs, Google Play listings) are dispatched to recorded files by
their id. Images are written from the sample brand's files, as images.json lists them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR
from brandaudit.site_server import Route, RunningSite, serve_site

ESTATE = Path(__file__).parents[2] / "fixtures" / "estate"
PLATFORMS = ("x", "instagram", "facebook", "linkedin", "youtube", "tiktok", "weibo",
             "bilibili", "app_store", "google_play")  # fmt: skip
IMAGE_SOURCES = {
    "icon": SAMPLE_DIR / "logos" / "icon.png",
    "logo-2019": DEMO_SITE_DIR / "img" / "logo-2019.png",
    "hero": DEMO_SITE_DIR / "img" / "hero.jpg",
}


def _by_query(root: Path, pattern: str, param: str, ctype: str):
    """A route answering with root/<pattern % id> for the id in `param`, else 404."""

    def answer(raw_path: str) -> Route:
        value = parse_qs(urlsplit(raw_path).query).get(param, [""])[0]
        file = root / (pattern % value)
        if value and file.is_file():
            return Route(200, file.read_bytes(), {"Content-Type": ctype})
        return Route(404, b"<h1>Not Found</h1>", {"Content-Type": "text/html"})

    return answer


def _once_limited(page: Path):
    answers: list[Route] = [Route(429, b"slow down", {"Retry-After": "1"})]

    def answer(raw_path: str) -> Route:
        if answers:
            return answers.pop()
        return Route(200, page.read_bytes(), {"Content-Type": "text/html; charset=utf-8"})

    return answer


def build_estate(root: Path) -> dict[str, Route]:
    """Copy the recorded pages to `root`, write their images, return the scripted routes."""
    shutil.copytree(ESTATE, root)
    listing = json.loads((ESTATE / "images.json").read_text(encoding="utf-8"))
    for served, source in listing["images"].items():
        target = root / served
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(IMAGE_SOURCES[source].read_bytes())
    return {
        "/app_store/lookup": _by_query(root, "app_store/lookup-%s.json", "id", "text/javascript"),
        "/weibo/api/container/getIndex": _by_query(
            root, "weibo/getIndex-%s.json", "value", "application/json"
        ),
        "/bilibili/x/web-interface/card": _by_query(
            root, "bilibili/card-%s.json", "mid", "application/json"
        ),
        "/google_play/store/apps/details": _by_query(
            root, "google_play/%s.html", "id", "text/html; charset=utf-8"
        ),
        # A private profile: Instagram sends anonymous visitors to its login page.
        "/instagram/novabridge_private/": Route(
            302, b"", {"Location": "/instagram/accounts/login/?next=%2Fnovabridge_private%2F"}
        ),
        # Rate limited once with a short Retry-After, then the profile.
        "/tiktok/@novabridge_busy": _once_limited(root / "tiktok" / "@novabridge" / "index.html"),
        # Rate limited for good: Retry-After longer than anyone should wait.
        "/facebook/novabridge.busy": Route(
            429, b"Too many requests", {"Retry-After": "3600", "Content-Type": "text/plain"}
        ),
    }


@pytest.fixture
def estate(tmp_path: Path) -> Iterator[tuple[RunningSite, dict[str, str]]]:
    """The served estate and the base-URL overrides that send every platform to it."""
    routes = build_estate(tmp_path / "estate")
    with serve_site(tmp_path / "estate", routes) as site:
        yield site, {platform: site.url(f"{platform}/") for platform in PLATFORMS}
