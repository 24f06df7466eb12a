"""Guideline loading: the contract's example loads; every broken guideline names file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.brand_assets.guideline import GuidelineError, load_guideline


@pytest.fixture
def brand_dir(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DIR / "logos", tmp_path / "logos")
    return tmp_path


def write(brand_dir: Path, text: str) -> Path:
    path = brand_dir / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


CONTRACT_EXAMPLE = """\
version: 1
brand:
  name: NovaBridge
  names: [NovaBridge Cloud]
  legal_name: NovaBridge Systems Ltd.
logos:
  approved:
    - {file: logos/horizontal.svg, name: horizontal}
    - {file: logos/icon.png, name: icon, min_width_px: 24}
  deprecated:
    - {file: logos/2019.svg, name: 2019 logo, replaced_by: horizontal}
slogans:
  approved:
    - Bridges that carry ideas.
    - {text: 承载创意的桥梁。, locale: zh-CN}
  deprecated:
    - {text: Connect everything., replaced_by: Bridges that carry ideas.}
terms:
  - {use: sign in, not: [log in, login]}
facts:
  phone: ["+44 20 7946 0321"]
  email: [hello@novabridge.example]
  address: ["12 Harbour Row, London SE1 9AB"]
colors:
  palette: ["#0B5FFF", "#0A1F44", "#FFFFFF"]
  tolerance: 5
fonts: [Inter, Georgia]
touchpoints:
  websites: ["https://www.novabridge.example/"]
  social: ["https://x.com/novabridge", "https://www.instagram.com/novabridge/"]
  apps: ["https://apps.apple.com/app/id1234567890",
         "https://play.google.com/store/apps/details?id=example.novabridge"]
"""


def test_contract_example_loads(brand_dir: Path) -> None:
    guideline = load_guideline(write(brand_dir, CONTRACT_EXAMPLE))
    assert guideline.brand.all_names == ("NovaBridge", "NovaBridge Cloud")
    assert [s.text for s in guideline.slogans.approved] == [
        "Bridges that carry ideas.",
        "承载创意的桥梁。",
    ]
    assert guideline.slogans.approved[1].locale == "zh-CN"
    assert guideline.terms[0].not_ == ("log in", "login")
    assert guideline.logos.deprecated[0].replaced_by == "horizontal"
    assert guideline.logo_path(guideline.logos.approved[1]) == (brand_dir / "logos/icon.png")
    assert guideline.touchpoints.apps[1].startswith("https://play.google.com/")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  legal_name:", "  legl_name:"),
            ":5: brand.legl_name: unknown key; did you mean 'legal_name'?",
        ),
        (("logos/icon.png", "logos/nope.png"), ":9: logos.approved[1].file: logo file not found"),
        (('"#0A1F44"', '"#0A1G44"'), "colors.palette: '#0A1G44' is not a CSS colour"),
        (("tolerance: 5", "tolerance: lots"), ":26: colors.tolerance: Input should be a valid"),
        (("min_width_px: 24", "min_width_px: -3"), "logos.approved[1].min_width_px:"),
        (("logos/icon.png", "logos/icon.bmp"), "unsupported logo format '.bmp'"),
        (("replaced_by: horizontal", "replaced_by: square"), "no approved logo is named 'square'"),
        (('websites: ["https://www', 'websites: ["ftp://www'), "is not an http(s) URL"),
        (("  name: NovaBridge\n", ""), "brand.name: required field is missing"),
        (("version: 1", "version: 3"), "version: unsupported guideline version 3"),
    ],
)
def test_broken_guideline_names_file_and_field(
    brand_dir: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in CONTRACT_EXAMPLE
    path = write(brand_dir, CONTRACT_EXAMPLE.replace(old, new, 1))
    with pytest.raises(GuidelineError) as caught:
        load_guideline(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(GuidelineError, match="guideline file not found"):
        load_guideline(tmp_path / "absent.yaml")
    path = tmp_path / "brand.yaml"
    path.write_text("brand: {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuidelineError, match=r"brand.yaml:\d+: invalid YAML"):
        load_guideline(path)
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(GuidelineError, match="a guideline is a YAML mapping"):
        load_guideline(path)
