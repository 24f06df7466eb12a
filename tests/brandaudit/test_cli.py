"""The command line's contract: exit statuses, one-line errors, nothing silently dropped."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_DIR, SAMPLE_GUIDELINE
from tests.cli_runner import assert_one_line_error, brandaudit, brandaudit_in_process


@pytest.fixture
def brand_copy(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DIR, tmp_path / "brand")
    return tmp_path / "brand" / "brand.yaml"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_invalid_guideline_names_file_and_field(brand_copy: Path, tmp_path: Path) -> None:
    """A real child process: exit 2, one line, no traceback, as a user's shell sees it."""
    brand_copy.write_text(
        brand_copy.read_text(encoding="utf-8").replace("tolerance: 5", "tolerence: 5"),
        encoding="utf-8",
    )
    proc = brandaudit(
        "audit", "--guideline", brand_copy, "http://127.0.0.1:1/", "--out", tmp_path / "out"
    )
    assert_one_line_error(proc, str(brand_copy), "colors.tolerence", "unknown key")


def test_missing_guideline(tmp_path: Path) -> None:
    proc = brandaudit_in_process(
        "audit", "--guideline", tmp_path / "nope.yaml", "http://127.0.0.1:1/"
    )
    assert_one_line_error(proc, "nope.yaml", "not found")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--fail-on", "sometimes"), "--fail-on"),
        (("--format", "pdf"), "--format: unknown format 'pdf'"),
        (("--max-pages", "0"), "--max-pages"),
        (("--baseline", "/nonexistent/baseline.json"), "--baseline: file not found"),
    ],
)
def test_bad_options_exit_2(args: tuple[str, ...], fragment: str, tmp_path: Path) -> None:
    proc = brandaudit_in_process(
        "audit", "--guideline", SAMPLE_GUIDELINE, "http://127.0.0.1:1/", "--out", tmp_path, *args
    )
    assert_one_line_error(proc, fragment)


def test_nothing_to_crawl(tmp_path: Path) -> None:
    proc = brandaudit_in_process("audit", "--guideline", SAMPLE_GUIDELINE, "--out", tmp_path)
    assert_one_line_error(proc, "nothing to crawl", "touchpoints.websites")


def test_non_http_seed(tmp_path: Path) -> None:
    proc = brandaudit_in_process(
        "audit", "--guideline", SAMPLE_GUIDELINE, "file:///etc/passwd", "--out", tmp_path
    )
    assert_one_line_error(proc, "file:///etc/passwd", "http")


def test_unreachable_seed_is_a_crawl_error_finding(tmp_path: Path) -> None:
    seed = f"http://127.0.0.1:{closed_port()}/"
    out = tmp_path / "out"
    proc = brandaudit_in_process(
        "audit",
        "--guideline",
        SAMPLE_GUIDELINE,
        seed,
        "--out",
        out,
        "--render",
        "never",
        "--no-history",
        "--fail-on",
        "warning",
        "--timeout",
        "5",
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    errors = [f for f in report["findings"] if f["rule"] == "crawl.error"]
    assert [f["evidence"]["target_url"] for f in errors] == [seed]
    assert errors[0]["severity"] == "warning"


def test_check_from_missing_folder(tmp_path: Path) -> None:
    proc = brandaudit_in_process(
        "check", "--from", tmp_path / "none", "--guideline", SAMPLE_GUIDELINE
    )
    assert_one_line_error(proc, "--from", "not found")


def test_urls_from_audits_only_the_listed_pages(tmp_path: Path) -> None:
    from brandaudit.brand_assets import DEMO_SITE_DIR
    from brandaudit.site_server import serve_site

    out = tmp_path / "out"
    with serve_site(DEMO_SITE_DIR) as site:
        listing = tmp_path / "changed.txt"
        listing.write_text(f"# pages changed by the release\n{site.url('about.html')}\n")
        proc = brandaudit_in_process(
            "audit",
            "--guideline",
            SAMPLE_GUIDELINE,
            "--urls-from",
            listing,
            "--out",
            out,
            "--render",
            "never",
            "--no-history",
        )
    assert proc.returncode == 1, proc.stderr  # about.html has error findings
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # The listed page, and the sample guideline's offline photo (a document, not crawled).
    web = site.base_url
    assert [p["url"] for p in report["pages"] if p["url"].startswith(web)] == [
        site.url("about.html")
    ]
    assert {f["url"] for f in report["findings"] if f["url"].startswith(web)} == {
        site.url("about.html")
    }
    assert any(f["rule"] == "logo.deprecated" for f in report["findings"])
    # The listed pages are the whole audit: their links are not "met", so nothing is missing.
    assert report["coverage"]["complete"] is True and report["coverage"]["urls_total"] == 0


def test_urls_from_an_empty_list(tmp_path: Path) -> None:
    listing = tmp_path / "changed.txt"
    listing.write_text("# nothing changed\n")
    proc = brandaudit_in_process("audit", "--guideline", SAMPLE_GUIDELINE, "--urls-from", listing)
    assert_one_line_error(proc, "--urls-from", "lists no URL")


def test_without_a_browser_auto_degrades_and_always_refuses(tmp_path: Path) -> None:
    import os

    from brandaudit.brand_assets import DEMO_SITE_DIR
    from brandaudit.site_server import serve_site

    env = {**os.environ, "BRANDAUDIT_CHROMIUM": str(tmp_path / "no-chromium")}
    with serve_site(DEMO_SITE_DIR) as site:
        args = ["--guideline", SAMPLE_GUIDELINE, site.url("about.html"), "--no-history",
                "--max-pages", "1"]  # fmt: skip
        auto = brandaudit_in_process(
            "audit", *args, "--out", tmp_path / "auto", "--render", "auto", env=env
        )
        always = brandaudit_in_process(
            "audit", *args, "--out", tmp_path / "always", "--render", "always", env=env
        )
    assert auto.returncode == 1, auto.stderr  # audited, unrendered, with error findings
    assert "audited unrendered" in auto.stderr
    assert_one_line_error(always, "no-chromium", "--render never")
