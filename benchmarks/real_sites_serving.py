"""Serve an extracted site as its real host did: directory listings, and its own links kept local.

Three differences between a folder served as-is and the live site would otherwise show up as
findings that say nothing about the site: Apache lists a directory that has no index.html
(tcpdump.org's /manpages/), and a site built with absolute links to its own domain
(`<base href=https://4Dco.in/>`) would leave the local server after the first page, and
GitHub Pages answers `/donate` with donate.html. Routes built here answer all three: a
listing for each such directory, extension-less page paths, and each HTML page with the
site's origin rewritten to the local server.
"""

from __future__ import annotations

import html
from pathlib import Path

from brandaudit.site_server import Route

HTML = {"Content-Type": "text/html; charset=utf-8"}


def listing(root: Path, folder: Path) -> Route:
    rel = folder.relative_to(root).as_posix()
    items = "".join(
        f'<li><a href="{html.escape(p.name)}{"/" * p.is_dir()}">{html.escape(p.name)}</a></li>'
        for p in sorted(folder.iterdir())
        if not p.name.startswith(".")  # Apache hides dotfiles (.htaccess) from listings
    )
    body = f"<html><head><title>Index of /{rel}</title></head><body><ul>{items}</ul></body></html>"
    return Route(200, body.encode(), HTML)


def site_routes(root: Path, origin: str | None, base_url: str) -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for folder in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        rel = folder.relative_to(root).as_posix()
        path = "/" if rel == "." else f"/{rel}/"
        if not (folder / "index.html").is_file():
            routes[path] = listing(root, folder)
    for page in root.rglob("*.html"):  # GitHub Pages answers /donate with donate.html
        rel = page.relative_to(root).as_posix()[: -len(".html")]
        if not (root / rel).exists():
            routes.setdefault(f"/{rel}", Route(200, page.read_bytes(), HTML))
    if origin:
        local = base_url.rstrip("/")
        variants = {origin.rstrip("/"), origin.rstrip("/").lower()}
        for page in root.rglob("*.html"):
            text = page.read_text(encoding="utf-8", errors="replace")
            for variant in variants:
                text = text.replace(variant, local)
            rel = page.relative_to(root).as_posix()
            body = Route(200, text.encode(), HTML)
            routes[f"/{rel}"] = body
            if page.name == "index.html":  # /fr/ and /fr (GitHub Pages redirects the latter)
                routes["/" + rel[: -len("index.html")]] = body
                if rel != "index.html":
                    routes["/" + rel[: -len("/index.html")]] = body
    return routes
