"""A guideline with several mistakes lists every one, one line each, file:line first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.brand_assets.guideline import GuidelineError, load_guideline
from tests.brand_assets.test_guideline import CONTRACT_EXAMPLE
from tests.cli_runner import brandaudit_in_process

MISTAKES = (
    ("  name: NovaBridge", "  nam: NovaBridge"),  # misspelt required key
    ("{use: sign in, not:", "{use: sign in, nto:"),  # misspelt aliased key in a list item
    ('"#0A1F44"', '"#0A1G44"'),  # a bad value
    ("  tolerance: 5", "  tolerence: 5"),
    ("fonts: [Inter, Georgia]", "fonts: [Inter, Georgia]\nowner: marketing"),  # nothing close
)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DIR / "logos", tmp_path / "logos")
    text = CONTRACT_EXAMPLE
    for old, new in MISTAKES:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_mistake_is_one_line_in_file_order(broken: Path) -> None:
    with pytest.raises(GuidelineError) as caught:
        load_guideline(broken)
    assert str(caught.value).splitlines() == [
        f"{broken}:3: brand.nam: unknown key; did you mean 'name'?",
        f"{broken}:19: terms[0].nto: unknown key; did you mean 'not'?",
        f"{broken}:25: colors.palette: '#0A1G44' is not a CSS colour",
        f"{broken}:26: colors.tolerence: unknown key; did you mean 'tolerance'?",
        f"{broken}:28: owner: unknown key",
    ]


def test_a_missing_required_key_without_a_near_miss_is_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "brand.yaml"
    path.write_text("brand:\n  legal_name: X Ltd.\n  colour: red\n", encoding="utf-8")
    with pytest.raises(GuidelineError) as caught:
        load_guideline(path)
    assert str(caught.value).splitlines() == [
        f"{path}:1: brand.name: required field is missing",
        f"{path}:3: brand.colour: unknown key",
    ]


def test_every_missing_logo_file_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "brand.yaml"
    path.write_text(CONTRACT_EXAMPLE, encoding="utf-8")  # no logos/ folder beside it
    with pytest.raises(GuidelineError) as caught:
        load_guideline(path)
    lines = str(caught.value).splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "logos.approved[0].file",
        "logos.approved[1].file",
        "logos.deprecated[0].file",
    ]


def test_the_command_line_prints_each_mistake_on_its_own_line(broken: Path) -> None:
    proc = brandaudit_in_process("audit", "--guideline", broken, "http://127.0.0.1:1/")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == len(MISTAKES)
    assert all(line.startswith(f"brandaudit: error: {broken}:") for line in lines)
    assert "(and " not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""
