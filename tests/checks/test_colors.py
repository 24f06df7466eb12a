"""`color.off_palette` on hand-built rendered pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brandaudit.brand_assets.guideline import Colors, Guideline
from brandaudit.checks.colors import parse_css_color
from brandaudit.checks.colors import run as check_colors
from brandaudit.crawler.artifacts import ColorSample, PageArtifact, Rect
from brandaudit.crawler.run_store import CrawlResult

HOME = "https://n.example/"
BG = "background-color"
PAGE_BOX = Rect(0, 0, 1000, 1000)  # 1,000,000 px²: 1 % is 10,000 px²


def page(
    *colors: ColorSample, rendered: bool = True, url: str = "https://n.example/"
) -> PageArtifact:
    return PageArtifact(url, 200, rendered=rendered, colors=colors, rects={"html": PAGE_BOX})


def findings(guideline: Guideline, *pages: PageArtifact) -> list:
    return list(check_colors(CrawlResult(Path("."), pages=list(pages)), guideline))


@pytest.fixture
def brand(sample_guideline: Guideline) -> Guideline:
    """The sample brand with the fonts and palette these tests are written against."""
    return sample_guideline.model_copy(
        update={
            "colors": Colors(palette=("#0B5FFF", "#0A1F44", "#FFFFFF"), tolerance=5),
            "design_tokens": None,
        }
    )


def test_off_palette_button_is_reported_with_nearest_palette_colour(brand) -> None:
    button = ColorSample(".cta", "background-color", "rgb(228, 0, 124)", 48_000, "button")
    [finding] = findings(brand, page(button))
    assert finding.rule == "color.off_palette"
    assert finding.location.selector == ".cta"
    evidence = finding.evidence
    assert evidence["hex"] == evidence["swatch"] == "#E4007C"
    assert evidence["found"] == "rgb(228, 0, 124)"
    assert evidence["nearest"] == "#0B5FFF"
    assert evidence["distance"] > 5
    assert evidence["role"] == "button"
    assert "#E4007C" in finding.message and "#0B5FFF" in finding.message


def test_palette_colours_and_near_misses_within_tolerance_pass(brand) -> None:
    exact = ColorSample("#hero", "background-color", "rgb(11, 95, 255)", 300_000, "background")
    # oklch of almost #0A1F44, as Chromium reports colours declared in oklch.
    near = ColorSample("h1", "color", "oklch(0.2455 0.0842 262.5)", 20_000, "heading")
    white = ColorSample("body", "background-color", "rgba(255, 255, 255, 1)", 900_000, "background")
    assert findings(brand, page(exact, near, white)) == []


def test_small_transparent_and_unrendered_colours_are_ignored(brand) -> None:
    tiny_text = ColorSample("p.tiny", "color", "rgb(0, 255, 0)", 300, "text")
    small_block = ColorSample("div.dot", "background-color", "rgb(255, 0, 0)", 5_000, "background")
    transparent = ColorSample(
        "div", "background-color", "rgba(255, 0, 0, 0)", 500_000, "background"
    )
    assert findings(brand, page(tiny_text, small_block, transparent)) == []
    big = ColorSample("div", "background-color", "rgb(255, 0, 0)", 500_000, "background")
    assert findings(brand, page(big, rendered=False)) == []


def test_same_colour_on_one_page_is_one_finding_with_summed_area(brand) -> None:
    samples = (
        ColorSample(
            "section:nth-of-type(1)", "background-color", "rgb(255, 0, 0)", 20_000, "background"
        ),
        ColorSample("section:nth-of-type(2)", "background-color", "#ff0000", 60_000, "background"),
        ColorSample("h2", "color", "rgb(255 0 0)", 15_000, "heading"),
    )
    [finding] = findings(brand, page(*samples))
    assert finding.evidence["area"] == 95_000
    assert finding.location.selector == "section:nth-of-type(2)"  # the largest occurrence
    assert finding.evidence["role"] == "background, heading"
    other = page(*samples, url="https://n.example/other")
    assert len(findings(brand, page(*samples), other)) == 2  # one per page


def test_translucent_colours_are_judged_as_seen_on_white() -> None:
    assert parse_css_color("rgba(11, 95, 255, 0.05)") is None
    half = parse_css_color("rgba(0, 0, 0, 0.5)")
    assert half.to_string(hex=True) == "#808080"
    assert parse_css_color("not-a-colour") is None


def test_design_token_colours_extend_the_palette(brand, tmp_path) -> None:
    tokens = {"brand": {"$type": "color", "accent": {"$value": "#E4007C"},
                        "cta": {"$value": "{brand.accent}"}}}  # fmt: skip
    (tmp_path / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    guideline = brand.model_copy(
        update={"design_tokens": Path("tokens.json"), "source": tmp_path / "brand.yaml"}
    )
    button = ColorSample(".cta", "background-color", "rgb(228, 0, 124)", 48_000, "button")
    assert findings(guideline, page(button)) == []


def test_missing_design_tokens_file_is_a_clear_error(brand, tmp_path) -> None:
    guideline = brand.model_copy(
        update={"design_tokens": Path("nope.json"), "source": tmp_path / "brand.yaml"}
    )
    button = ColorSample(".cta", "background-color", "rgb(228, 0, 124)", 48_000, "button")
    with pytest.raises(ValueError, match=r"nope\.json: design tokens file not found"):
        findings(guideline, page(button))


def test_no_palette_means_no_colour_findings(brand) -> None:
    guideline = brand.model_copy(update={"colors": brand.colors.model_copy(update={"palette": ()})})
    big = ColorSample("div", "background-color", "rgb(255, 0, 0)", 500_000, "background")
    assert findings(guideline, page(big)) == []
