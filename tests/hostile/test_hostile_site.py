"""One audit over a site serving every hostile case at once, with staging secrets set.

For each case: it is accounted for (a crawl.error with a plain reason, an audited page or a
stored image), nothing leaked (no secret reached the second host, no secret in the --out
folder or its job queue, no script in the HTML report) and nothing hung (the whole audit
runs under a timeout).
"""

from __future__ import annotations

import html as html_lib
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from tests.cli_runner import brandaudit
from tests.hostile.cases import (
    SECRET_AUTH,
    SECRET_COOKIE,
    SECRET_TOKEN,
    SECRETS,
    STAGING_HEADERS,
    Case,
    html,
    page,
    picture,
    raw,
    site_cases,
)
from tests.hostile.server import Conn, HostileServer, serve

AUDIT_TIMEOUT_S = 150  # the audit itself takes ~20 s; a hang fails the test, never the CI


def other_routes() -> dict[str, Any]:
    image = raw(picture(), "image/png")
    return {
        "/landing": page("<p>Another site.</p>"),
        "/landing307": page("<p>Another site.</p>"),
        "/meta-landing": page("<p>Another site.</p>"),
        "/cdn.png": image,
        "/cdn-direct.png": image,
        "/svg-ref.png": image,
        "/from-sitemap": page("<p>Another site's page.</p>"),
        "/linked": page("<p>Another site's page.</p>"),
    }


def site_routes(cases: list[Case], other: str) -> dict[str, Any]:
    links = "".join(
        f'<a href="{html_lib.escape(c.path)}">case</a>' for c in cases if c.kind == "page"
    )
    images = "".join(
        f'<img src="{html_lib.escape(c.path)}" alt="case">' for c in cases if c.kind == "image"
    )
    home = html(
        f"<p>NovaBridge hostile estate.</p>{links}{images}"
        f'<a href="{other}/linked">partner</a><img src="{other}/cdn-direct.png" alt="cdn">'
    )
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{other}/from-sitemap</loc></url></urlset>"
    ).encode()
    routes: dict[str, Any] = {c.path: c.handler for c in cases}
    routes.update({
        "/": raw(home),
        "/robots.txt": raw(b"User-agent: *\nAllow: /\n", "text/plain"),
        "/sitemap.xml": raw(sitemap, "application/xml"),
        "/trap/same-site-target": page("<p>Same-site redirect target.</p>"),
        "/ok.png": raw(picture(), "image/png"),
    })  # fmt: skip
    return routes


def secret_headers_in(headers: dict[str, str]) -> list[str]:
    return [value for value in headers.values() if any(secret in value for secret in SECRETS)]


def files_containing_secrets(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(secret.encode() in data for secret in SECRETS):
                found.append(str(path.relative_to(folder)))
    return found


@pytest.fixture(scope="module")
def hostile_audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("hostile") / "out"
    with serve(other_routes()) as other:
        cases = site_cases(other.base_url)
        with serve({}) as site:
            site.routes.update(site_routes(cases, other.base_url))
            env = {**os.environ, "BRANDAUDIT_HEADERS": STAGING_HEADERS}
            started = time.monotonic()
            proc = brandaudit(
                "audit", "--guideline", SAMPLE_GUIDELINE, site.base_url, "--out", out,
                "--render", "never", "--no-history", "--fail-on", "never", "--timeout", "3",
                "--format", "md,csv,sarif,junit", env=env, timeout=AUDIT_TIMEOUT_S,
            )  # fmt: skip
            elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"out": out, "report": report, "site": site, "other": other, "cases": cases,
            "elapsed": elapsed, "stderr": proc.stderr}  # fmt: skip


def _errors(report: dict[str, Any]) -> dict[str, str]:
    return {
        f["evidence"]["target_url"]: f["evidence"].get("reason") or f["message"]
        for f in report["findings"]
        if f["rule"] == "crawl.error"
    }


def _records(out: Path, name: str) -> list[dict[str, Any]]:
    lines = (out / "crawl" / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _audited(out: Path) -> set[str]:
    """Pages parsed and images stored (the report's page list also holds failed pages)."""
    pages = {r["url"] for r in _records(out, "pages.jsonl")}
    return pages | {r["url"] for r in _records(out, "images.jsonl") if not r.get("error")}


def _case_url(site: HostileServer, case: Case) -> str:
    from w3lib.url import safe_url_string

    return safe_url_string(site.base_url + case.path)


def test_there_are_forty_cases_or_more(hostile_audit: dict[str, Any]) -> None:
    assert len(hostile_audit["cases"]) >= 40


def test_every_case_is_accounted_for(hostile_audit: dict[str, Any]) -> None:
    report, site, out = hostile_audit["report"], hostile_audit["site"], hostile_audit["out"]
    errors = _errors(report)
    audited_urls = _audited(out)
    problems = []
    for case in hostile_audit["cases"]:
        url = _case_url(site, case)
        short = url if len(url) <= 200 else f"{url[:200]}…"
        error = errors.get(url) or errors.get(short)
        audited = url in audited_urls
        if case.expect == "error":
            if error is None or case.reason not in error:
                problems.append(f"{case.path[:60]}: expected an error with {case.reason!r}, "
                                f"got {error!r}")  # fmt: skip
        elif case.expect in ("page", "image"):
            redirected = case.path == "/trap/same-site" and f"{url}-target" in audited_urls
            if not audited and not redirected:
                problems.append(f"{case.path[:60]}: not audited ({error!r})")
        elif error is None and not audited:
            problems.append(f"{case.path[:60]}: neither audited nor reported")
    assert not problems, "\n".join(problems)


def test_error_reasons_are_plain_words(hostile_audit: dict[str, Any]) -> None:
    for reason in _errors(hostile_audit["report"]).values():
        assert "Failure" not in reason and "Traceback" not in reason, reason
        assert "<twisted" not in reason and "object at 0x" not in reason, reason


def test_secrets_reach_the_audited_host(hostile_audit: dict[str, Any]) -> None:
    """The positive control: without it, "no leak" could mean "never sent"."""
    home = [r for r in hostile_audit["site"].received if r.path == "/"]
    assert home and home[0].headers.get("x-preview-token") == SECRET_TOKEN
    assert home[0].headers.get("authorization") == SECRET_AUTH
    assert SECRET_COOKIE in home[0].headers.get("cookie", "")
    redirected = [r for r in hostile_audit["site"].received if r.path == "/trap/same-site-target"]
    assert redirected and redirected[0].headers.get("x-preview-token") == SECRET_TOKEN
    robots = [r for r in hostile_audit["site"].received if r.path == "/robots.txt"]
    assert robots, "robots.txt was fetched"


def test_no_secret_reaches_another_host(hostile_audit: dict[str, Any]) -> None:
    other: HostileServer = hostile_audit["other"]
    leaks = [(r.path, secret_headers_in(r.headers)) for r in other.received]
    assert not [leak for leak in leaks if leak[1]], leaks
    fetched = set(other.paths())
    assert "/cdn.png" in fetched and "/cdn-direct.png" in fetched  # images may live elsewhere
    # Pages of other sites are never fetched: not by redirect, meta refresh, link or sitemap.
    never = {"/landing", "/landing307", "/meta-landing", "/from-sitemap", "/linked"}
    assert not fetched & never, fetched & never
    assert "/svg-ref.png" not in fetched  # an SVG's remote reference is never followed


def test_no_secret_on_disk(hostile_audit: dict[str, Any]) -> None:
    assert not files_containing_secrets(hostile_audit["out"])


def test_no_script_reaches_any_report(hostile_audit: dict[str, Any]) -> None:
    out: Path = hostile_audit["out"]
    text = (out / "report.html").read_text(encoding="utf-8").lower()
    assert "&lt;script&gt;alert(1)" in text  # the planted markup is shown, as text
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "javascript:" not in text
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "<script>alert" not in md


def test_nothing_hangs(hostile_audit: dict[str, Any]) -> None:
    assert hostile_audit["elapsed"] < AUDIT_TIMEOUT_S / 2, hostile_audit["elapsed"]


def test_time_limit_ends_an_endless_site_with_a_partial_report(tmp_path: Path) -> None:
    """A site of endless slow pages: --time-limit ends the audit, the report says so, and the
    job queue left on disk (requests still waiting) holds no secret."""

    def endless(c: Conn) -> None:
        n = int(c.path.rsplit("/", 1)[-1] or 0)
        time.sleep(0.3)
        links = "".join(f'<a href="/p/{n * 4 + k}">next</a>' for k in range(1, 5))
        c.respond(200, html(f"<p>Page {n} of NovaBridge.</p>{links}"))

    out = tmp_path / "out"
    with serve({"/": endless}) as site:
        site.routes.update({f"/p/{n}": endless for n in range(1, 2000)})
        env = {**os.environ, "BRANDAUDIT_HEADERS": STAGING_HEADERS}
        started = time.monotonic()
        proc = brandaudit(
            "audit", "--guideline", SAMPLE_GUIDELINE, site.base_url + "/", "--out", out,
            "--render", "never", "--no-history", "--fail-on", "never", "--no-sitemap",
            "--max-depth", "50", "--concurrency", "2", "--time-limit", "3", env=env, timeout=90,
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 60
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    reasons = [f["message"] for f in report["findings"] if f["rule"] == "crawl.error"]
    assert any("time limit (3 s)" in reason for reason in reasons), reasons
    assert 1 <= len(report["pages"]) < 60
    assert report["coverage"]["complete"] is False and "time" in report["coverage"]["limits"]
    assert site.received[0].headers.get("x-preview-token") == SECRET_TOKEN
    queued = [p for p in (out / "job").rglob("*") if p.is_file()]
    assert any(b"/p/" in p.read_bytes() for p in queued), "the job queue kept waiting requests"
    assert not files_containing_secrets(out)


def test_transport_faults_name_their_cause(hostile_audit: dict[str, Any]) -> None:
    errors = _errors(hostile_audit["report"])
    base = hostile_audit["site"].base_url
    assert "not valid HTTP" in errors[f"{base}/net/garbage"]
    assert "closed the connection" in errors[f"{base}/net/silent"]
    assert "DownloadFailedError" not in " ".join(errors.values())
