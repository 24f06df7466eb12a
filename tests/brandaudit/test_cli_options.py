"""The command line's manners: -v/-q anywhere, a --help that answers, --json for scripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.cli import build_parser
from brandaudit.cli_help import ENVIRONMENT
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit, brandaudit_in_process

SOURCE_DIRS = ("brandaudit", "crawler", "checks", "reports", "brand_assets")
REPO = Path(__file__).resolve().parents[2]
# BRANDAUDIT_* names in the code that are not environment variables a user sets.
NOT_USER_ENVIRONMENT = {
    "BRANDAUDIT_RUN_DIR": "a Scrapy setting the audit passes to its crawler",
    "BRANDAUDIT_RENDER_TABS": "a Scrapy setting",
    "BRANDAUDIT_RENDER_TUNING": "a developer knob for benchmarks/render_bench.py",
    "BRANDAUDIT_RUN_ID": "a Scrapy setting: the distributed run a worker crawls for",
    "BRANDAUDIT_WORKER_ID": "a Scrapy setting: the worker's name in Redis",
    "BRANDAUDIT_HOST_CONCURRENCY": "a Scrapy setting (audit --host-concurrency)",
    "BRANDAUDIT_HTTP_CACHE": "a Scrapy setting: the estate's HTTP cache file",
    "BRANDAUDIT_HTTP_CACHE_MAX_BYTES": "a Scrapy setting (from $BRANDAUDIT_HTTP_CACHE_MB)",
}


@pytest.mark.parametrize(
    ("argv", "verbosity"),
    [
        (["history"], 0),
        (["-v", "history"], 1),
        (["history", "-v"], 1),
        (["--quiet", "history"], -1),
        (["history", "--limit", "3", "-q"], -1),
        (["-q", "baseline", "create", "--from", "r.json", "--out", "b.json", "-v"], 1),
    ],
)
def test_verbosity_before_or_after_the_command(argv: list[str], verbosity: int) -> None:
    assert build_parser().parse_args(argv).verbosity == verbosity


def test_verbose_and_quiet_together_is_a_usage_error() -> None:
    proc = brandaudit_in_process("-v", "-q", "history")
    assert proc.returncode == 2
    assert "not allowed with argument" in proc.stderr


@pytest.mark.parametrize(
    ("argv", "guess"),
    [
        (["audti"], "audit"),
        (["histroy"], "history"),
        (["diff", "a", "b", "--fail-on", "warn"], "warning"),
    ],
)
def test_a_mistyped_choice_names_the_nearest(argv: list[str], guess: str) -> None:
    proc = brandaudit_in_process(*argv)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert f"did you mean '{guess}'?" in proc.stderr


def test_a_choice_nothing_like_any_gets_no_guess() -> None:
    proc = brandaudit_in_process("zzz")
    assert proc.returncode == 2 and "invalid choice: 'zzz'" in proc.stderr
    assert "did you mean" not in proc.stderr


def test_help_shows_examples_exit_statuses_and_environment() -> None:
    proc = brandaudit_in_process("--help")
    assert proc.returncode == 0
    for heading in ("examples:", "exit status:", "environment:"):
        assert f"\n{heading}\n" in proc.stdout
    for status in ("0", "1", "2"):
        assert re.search(rf"^  {status} +\S", proc.stdout, re.M), status
    for name, _ in ENVIRONMENT:
        assert name in proc.stdout
    assert "brandaudit audit --guideline brand.yaml" in proc.stdout


def test_help_lists_every_environment_variable_the_code_reads() -> None:
    """A variable added to the code and not to --help (or one --help names and the code no
    longer reads) fails here."""
    in_code = set()
    for folder in SOURCE_DIRS:
        for path in (REPO / folder).rglob("*.py"):
            in_code |= set(re.findall(r"\bBRANDAUDIT_[A-Z_]*[A-Z]", path.read_text("utf-8")))
    platform = "BRANDAUDIT_PLATFORM_<NAME>_URL"  # one variable per platform
    in_code = {platform if n.startswith("BRANDAUDIT_PLATFORM") else n for n in in_code}
    documented = {name for name, _ in ENVIRONMENT if name.startswith("BRANDAUDIT_")}
    assert in_code - set(NOT_USER_ENVIRONMENT) == documented


@pytest.fixture(scope="module")
def json_audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """One real audit (a child process) of one demo page with --json."""
    out = tmp_path_factory.mktemp("json-audit") / "out"
    with serve_site(DEMO_SITE_DIR) as site:
        proc = brandaudit(
            "audit", "--guideline", SAMPLE_GUIDELINE, site.url("about.html"), "--max-pages", "1",
            "--out", out, "--render", "never", "--no-history", "--format", "md", "--json",
        )  # fmt: skip
    return out, proc


def test_audit_json_is_the_only_thing_on_stdout(json_audit: tuple[Path, object]) -> None:
    out, proc = json_audit
    summary = json.loads(proc.stdout)  # the whole of stdout is one JSON document
    assert proc.returncode == 1, proc.stderr
    assert summary["exit_status"] == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert summary["findings"] == {
        severity: report["summary"]["findings"].get(severity, 0)
        for severity in ("error", "warning", "info")
    }
    assert summary["findings"]["error"] >= 1
    assert summary["pages"] == report["summary"]["pages"]
    websites = [t for t in report["summary"]["touchpoints"] if t["kind"] == "website"]
    assert [t["pages"] for t in websites] == [1]  # --max-pages 1 (the guideline's photo aside)
    assert set(summary["reports"]) == {"json", "html", "md"}
    assert Path(summary["reports"]["json"]) == (out / "report.json").resolve()
    assert all(Path(path).is_file() for path in summary["reports"].values())
    assert ("coverage" in summary) == ("coverage" in report)
    assert "Audited" not in proc.stderr


def test_check_json_and_quiet(json_audit: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = json_audit
    args = ("check", "--from", out, "--guideline", SAMPLE_GUIDELINE, "--no-history")
    checked = brandaudit_in_process(*args, "--out", tmp_path / "a", "--json")
    summary = json.loads(checked.stdout)
    assert summary["exit_status"] == checked.returncode == 1
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]["pages"]
    assert summary["pages"] == saved and summary["findings"]["error"] >= 1
    talkative = brandaudit_in_process(*args, "--out", tmp_path / "b")
    assert talkative.stdout.startswith(f"Audited {saved} pages:")
    for quiet in (("-q", *args), (*args, "-q")):
        proc = brandaudit_in_process(*quiet, "--out", tmp_path / "c")
        assert (proc.returncode, proc.stdout) == (1, "")
