"""The logo check on hand-built crawls of the sample brand's logos, as a site would serve them."""

from __future__ import annotations

import io
from pathlib import Path

import cairosvg
import numpy as np
import pytest
from PIL import Image, ImageDraw

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import finalise
from brandaudit.checks.logos import logo_inventory, run
from brandaudit.crawler.artifacts import Box, ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.run_store import RunWriter, load_run

SITE = "https://www.novabridge.example/"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDAUDIT_CACHE", str(tmp_path / "hashes.sqlite"))


def _encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _svg(guideline: Guideline, name: str, width: int, recolour: dict[str, str] | None = None):
    logo = next(logo for logo, _ in guideline.all_logos if logo.name == name)
    svg = guideline.logo_path(logo).read_text()
    for old, new in (recolour or {}).items():
        svg = svg.replace(old, new)
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=width)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def _icon(guideline: Guideline, side: int) -> Image.Image:
    logo = next(logo for logo, _ in guideline.all_logos if logo.name == "icon")
    icon = Image.open(guideline.logo_path(logo)).convert("RGBA")
    return icon.resize((side, side), Image.Resampling.LANCZOS)


def _on_white(image: Image.Image) -> Image.Image:
    plate = Image.new("RGBA", image.size, "white")
    plate.alpha_composite(image)
    return plate.convert("RGB")


def _other_brand() -> Image.Image:
    """A distinct mark: green triangle and a stack of bars, nothing like NovaBridge."""
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(10, 110), (60, 10), (110, 110)], fill=(20, 160, 60, 255))
    for i in range(4):
        draw.rectangle((140, 15 + i * 25, 290 - i * 30, 30 + i * 25), fill=(90, 90, 90, 255))
    return image


def _noise_photo() -> Image.Image:
    rng = np.random.default_rng(3)
    base = (rng.random((12, 16, 3)) * 255).astype(np.uint8)
    return Image.fromarray(base).resize((480, 360), Image.Resampling.BICUBIC)


def _crawl(tmp_path: Path, images: list[tuple[str, bytes, ImageRef]]):
    """One page per image, each stored as a crawl would store it."""
    writer = RunWriter(tmp_path / "run")
    for name, data, ref in images:
        sha = writer.store_blob(data)
        writer.add_image(ImageArtifact(url=ref.url, status=200, sha256=sha, size_bytes=len(data)))
        writer.add_page(PageArtifact(url=f"{SITE}{name}", status=200, images=(ref,)))
    writer.close()
    return load_run(tmp_path / "run")


def _ref(name: str, kind: str = "img", displayed: Box | None = None) -> ImageRef:
    return ImageRef(url=f"{SITE}img/{name}", kind=kind, selector=f"img#{name}", displayed=displayed)


def _findings(tmp_path: Path, guideline: Guideline, images):
    result = _crawl(tmp_path, images)
    return result, finalise(run(result, guideline))


def test_faithful_approved_logos_raise_nothing(tmp_path: Path, sample_guideline) -> None:
    horizontal = _svg(sample_guideline, "horizontal", 640)
    images = [
        ("big", _encode(horizontal), _ref("big.png", displayed=Box(320, 80))),
        ("small", _encode(horizontal.resize((160, 40))), _ref("small.png")),
        (
            "jpeg",
            _encode(_on_white(horizontal.resize((320, 80))), "JPEG", quality=60),
            _ref("logo.jpg", displayed=Box(240, 60)),
        ),
        ("icon", _encode(_icon(sample_guideline, 96)), _ref("icon.png", displayed=Box(48, 48))),
        (
            "favicon",
            _encode(_icon(sample_guideline, 64), "ICO", sizes=[(16, 16)]),
            _ref("favicon.ico", kind="favicon"),
        ),
    ]
    result, findings = _findings(tmp_path, sample_guideline, images)
    assert findings == []
    inventory = logo_inventory(result, sample_guideline)
    assert {
        row["image_url"].rsplit("/", 1)[1]: (row["match"], row["status"]) for row in inventory
    } == {
        "big.png": ("horizontal", "approved"),
        "small.png": ("horizontal", "approved"),
        "logo.jpg": ("horizontal", "approved"),
        "icon.png": ("icon", "approved"),
        "favicon.ico": ("icon", "approved"),
    }
    big = next(row for row in inventory if row["image_url"].endswith("big.png"))
    assert big["pages"] == [f"{SITE}big"]
    assert big["displayed"] == {"width": 320, "height": 80}
    assert isinstance(big["distance"], int)


def test_deprecated_logo_is_an_error_naming_its_replacement(tmp_path, sample_guideline) -> None:
    old = _encode(_svg(sample_guideline, "2019 logo", 400))
    _, findings = _findings(tmp_path, sample_guideline, [("home", old, _ref("old.png"))])
    assert [f.rule for f in findings] == ["logo.deprecated"]
    finding = findings[0]
    assert finding.severity == "error"
    assert finding.evidence["expected"] == "2019 logo"
    assert finding.evidence["replaced_by"] == "horizontal"
    assert finding.evidence["image_url"] == f"{SITE}img/old.png"
    assert finding.location.selector == "img#old.png"
    assert "horizontal" in finding.suggestion


def test_recoloured_approved_logo_is_altered(tmp_path, sample_guideline) -> None:
    recoloured = _svg(
        sample_guideline, "horizontal", 400, {"#0B5FFF": "#1FA83A", "#0A1F44": "#7A1F9A"}
    )
    _, findings = _findings(
        tmp_path, sample_guideline, [("home", _encode(recoloured), _ref("green.png"))]
    )
    assert [f.rule for f in findings] == ["logo.altered"]
    assert findings[0].evidence["reason"] == "recoloured"
    assert findings[0].evidence["expected"] == "horizontal"


def test_stretched_display_is_distorted(tmp_path, sample_guideline) -> None:
    data = _encode(_svg(sample_guideline, "horizontal", 320))
    _, findings = _findings(
        tmp_path, sample_guideline, [("home", data, _ref("wide.png", displayed=Box(320, 120)))]
    )
    assert [f.rule for f in findings] == ["logo.distorted"]
    assert findings[0].evidence["displayed"] == {"width": 320, "height": 120}
    assert findings[0].evidence["intrinsic"] == {"width": 320, "height": 80}


def test_icon_below_minimum_width_is_too_small(tmp_path, sample_guideline) -> None:
    data = _encode(_icon(sample_guideline, 128))
    _, findings = _findings(
        tmp_path, sample_guideline, [("home", data, _ref("tiny.png", displayed=Box(16, 16)))]
    )
    assert [f.rule for f in findings] == ["logo.too_small"]
    assert findings[0].evidence["min_width_px"] == 24


def test_other_brands_and_photos_stay_silent(tmp_path, sample_guideline) -> None:
    images = [
        ("partner", _encode(_other_brand()), _ref("partner.png")),
        ("partner-jpeg", _encode(_on_white(_other_brand()), "JPEG"), _ref("partner.jpg")),
        ("photo", _encode(_noise_photo(), "JPEG"), _ref("photo.jpg")),
    ]
    result, findings = _findings(tmp_path, sample_guideline, images)
    assert findings == []
    assert logo_inventory(result, sample_guideline) == []


def test_unreadable_images_are_crawl_errors_not_crashes(tmp_path, sample_guideline) -> None:
    bomb = _encode(Image.new("1", (10_000, 10_000)))
    images = [
        ("broken", b"\x89PNG\r\n\x1a\n not really", _ref("broken.png")),
        ("bomb", bomb, _ref("bomb.png")),
    ]
    _, findings = _findings(tmp_path, sample_guideline, images)
    assert sorted(f.rule for f in findings) == ["crawl.error", "crawl.error"]
    assert all(f.evidence["image_url"].endswith(("broken.png", "bomb.png")) for f in findings)


def test_unusual_formats_of_the_approved_icon_match(tmp_path, sample_guideline) -> None:
    icon = _icon(sample_guideline, 96)
    second = Image.effect_noise((96, 96), 80).convert("RGB")
    gif = _encode(_on_white(icon), "GIF", save_all=True, append_images=[second], duration=50)
    images = [
        ("gif", gif, _ref("anim.gif")),
        ("cmyk", _encode(_on_white(icon).convert("CMYK"), "JPEG", quality=90), _ref("c.jpg")),
        (
            "ico",
            _encode(icon, "ICO", sizes=[(16, 16), (32, 32), (64, 64)]),
            _ref("multi.ico", kind="favicon"),
        ),
    ]
    result, findings = _findings(tmp_path, sample_guideline, images)
    assert findings == []
    assert {row["match"] for row in logo_inventory(result, sample_guideline)} == {"icon"}
    assert len(logo_inventory(result, sample_guideline)) == 3


def test_finding_ids_are_stable_across_audits(tmp_path, sample_guideline) -> None:
    old = _encode(_svg(sample_guideline, "2019 logo", 400))
    _, first = _findings(tmp_path / "a", sample_guideline, [("home", old, _ref("old.png"))])
    _, second = _findings(tmp_path / "b", sample_guideline, [("home", old, _ref("old.png"))])
    assert [f.id for f in first] == [f.id for f in second]


def test_retired_logo_inside_a_banner_is_found_with_its_region(tmp_path, sample_guideline) -> None:
    banner = _noise_photo().resize((1200, 400)).convert("RGBA")
    plate = Image.new("RGBA", (440, 130), "white")
    plate.alpha_composite(_svg(sample_guideline, "2019 logo", 400), (20, 15))
    banner.alpha_composite(plate, (60, 140))
    data = _encode(banner.convert("RGB"), "JPEG", quality=85)
    ref = _ref("hero.jpg", kind="og_image")
    result, findings = _findings(tmp_path, sample_guideline, [("home", data, ref)])
    assert [f.rule for f in findings] == ["logo.deprecated"]
    region = findings[0].evidence["region"]
    assert abs(region["x"] - 80) < 25 and abs(region["y"] - 155) < 25
    assert abs(region["width"] - 400) < 60
    assert logo_inventory(result, sample_guideline)[0]["region"] == region
