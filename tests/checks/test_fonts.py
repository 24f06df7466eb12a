"""`font.unapproved` on hand-built rendered pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.fonts import run as check_fonts
from brandaudit.checks.fonts import stack_families
from brandaudit.crawler.artifacts import FontUse, PageArtifact
from brandaudit.crawler.run_store import CrawlResult


def page(*fonts: FontUse, rendered: bool = True) -> PageArtifact:
    return PageArtifact("https://n.example/", 200, rendered=rendered, fonts=fonts)


def findings(guideline: Guideline, *pages: PageArtifact) -> list:
    return list(check_fonts(CrawlResult(Path("."), pages=list(pages)), guideline))


@pytest.fixture
def brand(sample_guideline: Guideline) -> Guideline:
    """The sample brand with the fonts and palette these tests are written against."""
    return sample_guideline.model_copy(
        update={"fonts": ("Inter", "Georgia"), "design_tokens": None}
    )


def test_approved_families_pass_case_insensitively(brand) -> None:
    fonts = (FontUse("p", "inter", "inter, sans-serif", "Hello", 500),
             FontUse("h1", "Georgia", "Georgia, serif", "Title", 20))  # fmt: skip
    assert findings(brand, page(*fonts)) == []


def test_fallback_because_the_brand_font_is_not_loaded(brand) -> None:
    use = FontUse("main > p", "DejaVu Sans", '"Inter", "DejaVu Sans", sans-serif', "Sign in", 120)
    [finding] = findings(brand, page(use))
    assert finding.rule == "font.unapproved"
    assert finding.location.selector == "main > p"
    assert finding.location.snippet == "Sign in"
    assert "set in DejaVu Sans (fallback: 'Inter' is not loaded)" in finding.message
    assert finding.evidence["not_loaded"] == ["Inter"]
    assert finding.evidence["found"] == "DejaVu Sans"


def test_generic_fallback_counts_as_unapproved(brand) -> None:
    use = FontUse("p", "sans-serif", '"Inter", sans-serif', "Set in a fallback", 40)
    [finding] = findings(brand, page(use))
    assert "browser's sans-serif fallback" in finding.message
    assert "'Inter' is not loaded" in finding.message
    assert finding.evidence["fallback"] is True


def test_unrelated_family_names_the_approved_ones(brand) -> None:
    use = FontUse("p", "Comic Sans MS", '"Comic Sans MS", cursive', "Hi", 2)
    [finding] = findings(brand, page(use))
    assert "not one of Inter, Georgia" in finding.message


def test_one_finding_per_family_per_page(brand) -> None:
    fonts = (FontUse("p:nth-of-type(1)", "Arial", "Arial", "short", 5),
             FontUse("nav", "Arial", "Arial, Helvetica", "the longest run of text", 300),
             FontUse("h1", "Impact", "Impact", "Big", 3))  # fmt: skip
    result = findings(brand, page(*fonts))
    assert sorted(f.evidence["found"] for f in result) == ["Arial", "Impact"]
    arial = next(f for f in result if f.evidence["found"] == "Arial")
    assert arial.evidence["chars"] == 305
    assert arial.location.selector == "nav"


def test_unrendered_pages_and_guidelines_without_fonts_are_skipped(brand) -> None:
    use = FontUse("p", "Arial", "Arial", "x", 5)
    assert findings(brand, page(use, rendered=False)) == []
    no_fonts = brand.model_copy(update={"fonts": ()})
    assert findings(no_fonts, page(use)) == []


def test_design_token_font_families_are_approved(brand, tmp_path) -> None:
    tokens = {"font": {"body": {"$type": "fontFamily", "$value": ["Arial", "sans-serif"]}}}
    (tmp_path / "t.json").write_text(json.dumps(tokens), encoding="utf-8")
    guideline = brand.model_copy(
        update={"design_tokens": Path("t.json"), "source": tmp_path / "brand.yaml"}
    )
    assert findings(guideline, page(FontUse("p", "Arial", "Arial", "x", 5))) == []


def test_stack_families_unquotes() -> None:
    assert stack_families('"Inter Var", Georgia , \'Noto Sans\', serif') == [
        "Inter Var", "Georgia", "Noto Sans", "serif"
    ]  # fmt: skip


def test_code_samples_may_use_a_monospace_face(brand) -> None:
    code = FontUse("main > p:nth-of-type(3) > code", "monospace", "monospace", "connect()", 9)
    prose = FontUse("main > p:nth-of-type(2)", "monospace", "monospace", "Welcome", 7)
    [finding] = findings(brand, page(code, prose))
    assert finding.location.selector == "main > p:nth-of-type(2)"
    assert finding.evidence["chars"] == 7
