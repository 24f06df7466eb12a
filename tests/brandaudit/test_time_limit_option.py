"""--time-limit is checked like every other option: a bad value is one clear line, exit 2."""

from __future__ import annotations

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from tests.cli_runner import assert_one_line_error, brandaudit


def test_a_time_limit_must_be_positive() -> None:
    proc = brandaudit(
        "audit", "--guideline", SAMPLE_GUIDELINE, "http://127.0.0.1:9/", "--time-limit", "0",
        "--no-history",
    )  # fmt: skip
    assert_one_line_error(proc, "--time-limit", "positive")
