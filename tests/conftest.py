"""Fixtures shared by the whole suite: the sample guideline and isolated state.

Every test run gets its own history store and hash cache, so tests never read or write a
user's data folder (and child `brandaudit` processes inherit the same isolation).
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib.abc import MetaPathFinder
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import Guideline, load_guideline


class _OutsideTheNamespace(MetaPathFinder):
    """The repository root is on sys.path for `tests.*`, which would also let `import reports`
    work here and nowhere else: an installed brandaudit has only `brandaudit.reports`."""

    NAMES = frozenset({"crawler", "checks", "reports", "brand_assets"})

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if path is None and name.split(".")[0] in self.NAMES:
            raise ModuleNotFoundError(f"{name}: import it as brandaudit.{name}", name=name)
        return None


sys.meta_path.insert(0, _OutsideTheNamespace())

_STATE_DIR = Path(tempfile.mkdtemp(prefix="brandaudit-tests-"))
os.environ["BRANDAUDIT_HISTORY"] = str(_STATE_DIR / "history.sqlite")
os.environ["BRANDAUDIT_CACHE"] = str(_STATE_DIR / "hashes.sqlite")


@pytest.fixture(scope="session")
def sample_guideline() -> Guideline:
    return load_guideline(SAMPLE_GUIDELINE)


@pytest.fixture
def tmp_run_dir(tmp_path: Path) -> Path:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    return run_dir
