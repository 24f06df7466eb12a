"""Fixtures shared by the whole suite: the sample guideline and local HTTP sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from brand_assets import SAMPLE_GUIDELINE
from brand_assets.guideline import Guideline, load_guideline


@pytest.fixture(scope="session")
def sample_guideline() -> Guideline:
    return load_guideline(SAMPLE_GUIDELINE)


@pytest.fixture
def tmp_run_dir(tmp_path: Path) -> Path:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    return run_dir
