"""A realistic, hand-built audit for the report tests: a few pages of the sample brand,
a social profile, a failed page, text and logo findings, and hostile crawled text."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cairosvg
import pytest
from PIL import Image

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks import crawl_errors
from brandaudit.checks.finding import Finding, Location, Severity, finalise
from brandaudit.crawler.artifacts import (
    Box,
    CrawlError,
    ImageArtifact,
    ImageRef,
    PageArtifact,
    TextBlock,
)
from brandaudit.crawler.run_store import CrawlResult, RunWriter, load_run
from brandaudit.reports.model import AuditInfo, build_report

SITE = "https://www.novabridge.example/"
HOSTILE = "<script>alert(1)</script>"
INJECTION = '=HYPERLINK("http://evil.example","click")'


@dataclass
class ExampleAudit:
    document: dict[str, Any]
    result: CrawlResult
    guideline: Guideline
    findings: list[Finding]


def _png(svg: Path, recolour: bool = False) -> bytes:
    png = cairosvg.svg2png(url=str(svg), output_width=320)
    if not recolour:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    red, green, blue, alpha = image.split()
    out = io.BytesIO()
    Image.merge("RGBA", (blue, green, red, alpha)).save(out, format="PNG")  # swap channels
    return out.getvalue()


def _store(writer: RunWriter, url: str, data: bytes, content_type: str) -> None:
    writer.add_image(
        ImageArtifact(
            url=url,
            status=200,
            content_type=content_type,
            sha256=writer.store_blob(data),
            size_bytes=len(data),
        )
    )


def build_example(run_dir: Path, guideline: Guideline) -> ExampleAudit:
    logos = guideline.base_dir / "logos"
    writer = RunWriter(run_dir)
    _store(writer, SITE + "img/logo.svg", (logos / "horizontal.svg").read_bytes(), "image/svg+xml")
    _store(writer, SITE + "img/old-logo.svg", (logos / "2019.svg").read_bytes(), "image/svg+xml")
    _store(writer, SITE + "img/logo-red.png", _png(logos / "horizontal.svg", True), "image/png")
    header_logo = ImageRef(
        SITE + "img/logo.svg", "img", "header > a > img", "NovaBridge", Box(160, 40)
    )
    pages = [
        PageArtifact(
            url=SITE,
            status=200,
            title="NovaBridge – Bridges that carry ideas.",
            text_blocks=(
                TextBlock("Since 2015 Nova Bridge helps teams ship.", "main > p:nth-of-type(2)"),
            ),
            images=(header_logo, ImageRef(SITE + "img/old-logo.svg", "img", "footer img")),
        ),
        PageArtifact(
            url=SITE + "about",
            status=200,
            title=f"About us {HOSTILE}",
            images=(header_logo, ImageRef(SITE + "img/logo-red.png", "img", "aside img")),
        ),
        PageArtifact(url=SITE + "contact", status=200, title="Contact", images=(header_logo,)),
        PageArtifact(
            url="https://x.com/novabridge",
            status=200,
            title="NovaBridge (@novabridge)",
            touchpoint="social",
        ),
    ]
    for page in pages:
        writer.add_page(page)
    writer.add_error(CrawlError(SITE + "pricing", "page", "Internal Server Error", 500, SITE))
    writer.close()
    result = load_run(run_dir)

    text = [
        Finding(
            rule="text.brand_name",
            severity=Severity.ERROR,
            url=SITE,
            message="Brand name written as 'Nova Bridge'; the guideline spells it 'NovaBridge'.",
            location=Location(
                "main > p:nth-of-type(2)", "Since 2015 Nova Bridge helps teams ship.", 11, 22
            ),
            evidence={"found": "Nova Bridge", "expected": "NovaBridge", "score": 95.0},
            suggestion="Replace 'Nova Bridge' with 'NovaBridge'.",
            identity="Nova Bridge|NovaBridge",
        ),
        Finding(
            rule="text.slogan_misquoted",
            severity=Severity.WARNING,
            url=SITE + "about",
            message="Slogan misquoted as 'Bridges that carry idea.'.",
            location=Location("main > h2", f"{HOSTILE} Bridges that carry idea. <b>bold</b>"),
            evidence={"found": "Bridges that carry idea.", "expected": "Bridges that carry ideas."},
            suggestion="Quote the slogan exactly: 'Bridges that carry ideas.'",
            identity="slogan",
        ),
        Finding(
            rule="text.term",
            severity=Severity.WARNING,
            url=SITE + "about",
            message="'log in' is not the guideline's term; use 'sign in'.",
            location=Location("nav > a:nth-of-type(3)", INJECTION + " log in"),
            evidence={
                "found": INJECTION,
                "expected": "sign in",
                "screenshot": "shots/about-nav.png",
            },
            suggestion="-Replace 'log in' with 'sign in'.",
            identity="log in",
        ),
        Finding(
            rule="fact.mismatch",
            severity=Severity.ERROR,
            url=SITE + "contact",
            message="Phone number '+44 20 7946 0999' is not a canonical phone number.",
            location=Location("footer > p", "Call us: +44 20 7946 0999"),
            evidence={"found": "+44 20 7946 0999", "expected": "+44 20 7946 0321", "kind": "phone"},
            suggestion="Replace '+44 20 7946 0999' with '+44 20 7946 0321'.",
            identity="+44 20 7946 0999",
        ),
        Finding(
            rule="touchpoint.name",
            severity=Severity.ERROR,
            url="https://x.com/novabridge",
            touchpoint="social",
            message="Profile name 'Novabridge' differs from 'NovaBridge'.",
            location=Location(None, "Novabridge"),
            evidence={"found": "Novabridge", "expected": "NovaBridge"},
            suggestion="Rename the profile to 'NovaBridge'.",
            identity="name",
        ),
    ]
    images = [
        Finding(
            rule="logo.deprecated",
            severity=Severity.ERROR,
            url=SITE,
            message="The deprecated '2019 logo' is shown; use 'horizontal' instead.",
            location=Location("footer img"),
            evidence={
                "image_url": SITE + "img/old-logo.svg",
                "expected": "2019 logo",
                "distance": 0,
            },
            suggestion="Replace the image with the approved 'horizontal' logo.",
            identity=SITE + "img/old-logo.svg",
        ),
        Finding(
            rule="logo.altered",
            severity=Severity.WARNING,
            url=SITE + "about",
            message="The image resembles the approved 'horizontal' logo but is not faithful.",
            location=Location("aside img"),
            evidence={
                "image_url": SITE + "img/logo-red.png",
                "expected": "horizontal",
                "distance": 9,
            },
            suggestion="Use the approved 'horizontal' logo file unchanged.",
            identity=SITE + "img/logo-red.png",
        ),
    ]
    findings = finalise([*text, *images, *crawl_errors.run(result, guideline)])
    inventory = [
        {
            "image_url": SITE + "img/logo.svg",
            "pages": [SITE, SITE + "about", SITE + "contact"],
            "match": "horizontal",
            "status": "approved",
            "distance": 0,
            "displayed": {"width": 160, "height": 40},
        },
        {
            "image_url": SITE + "img/logo-red.png",
            "pages": [SITE + "about"],
            "match": "horizontal",
            "status": "altered",
            "distance": 9,
            "displayed": None,
        },
        {
            "image_url": SITE + "img/old-logo.svg",
            "pages": [SITE],
            "match": "2019 logo",
            "status": "deprecated",
            "distance": 0,
            "displayed": None,
        },
    ]
    info = AuditInfo(
        started="2026-11-23T09:00:00Z",
        finished="2026-11-23T09:04:12Z",
        guideline="brand.yaml",
        seeds=(SITE, "https://x.com/novabridge"),
    )
    document = build_report(info, result, findings, inventory)
    return ExampleAudit(document, result, guideline, findings)


@pytest.fixture
def example(tmp_path: Path, sample_guideline: Guideline) -> ExampleAudit:
    return build_example(tmp_path / "run", sample_guideline)
