"""Banner searches are cached by picture and logo set: a re-audit neither decodes nor searches
again, and a changed guideline logo makes the next audit search again."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import cairosvg
import numpy as np
import pytest
from PIL import Image, ImageDraw

import brandaudit.checks.imaging.image_matches as image_matches
from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import Guideline, load_guideline
from brandaudit.checks.imaging.banner_search import BannerSearch
from brandaudit.checks.imaging.fingerprints import HashCache
from brandaudit.crawler.artifacts import ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.run_store import CrawlResult, RunWriter, load_run

SITE = "https://www.novabridge.example/"


@pytest.fixture
def guideline_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRANDAUDIT_CACHE", str(tmp_path / "hashes.sqlite"))
    folder = tmp_path / "brand"
    shutil.copytree(SAMPLE_GUIDELINE.parent, folder)
    return folder / SAMPLE_GUIDELINE.name


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often banners are searched and pictures decoded."""
    counts = {"search": 0, "decode": 0}
    search, decode = BannerSearch.search, image_matches.decode_image

    def counting_search(self: BannerSearch, image: Image.Image):  # type: ignore[no-untyped-def]
        counts["search"] += 1
        return search(self, image)

    def counting_decode(data: bytes, working_side: int = 1024):  # type: ignore[no-untyped-def]
        counts["decode"] += 1
        return decode(data, working_side=working_side)

    monkeypatch.setattr(BannerSearch, "search", counting_search)
    monkeypatch.setattr(image_matches, "decode_image", counting_decode)
    return counts


def _retired_logo_banner(guideline: Guideline) -> bytes:
    """A 1200×400 photo-like JPEG with the 2019 logo on a white plate at (80, 155)."""
    rng = np.random.default_rng(3)
    cells = (rng.random((12, 16, 3)) * 255).astype(np.uint8)
    banner = Image.fromarray(cells).resize((1200, 400), Image.Resampling.BICUBIC).convert("RGBA")
    logo = next(logo for logo, _ in guideline.all_logos if logo.name == "2019 logo")
    png = cairosvg.svg2png(bytestring=guideline.logo_path(logo).read_bytes(), output_width=400)
    plate = Image.new("RGBA", (440, 130), "white")
    plate.alpha_composite(Image.open(io.BytesIO(png)).convert("RGBA"), (20, 15))
    banner.alpha_composite(plate, (60, 140))
    buffer = io.BytesIO()
    banner.convert("RGB").save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _crawl(folder: Path, data: bytes) -> CrawlResult:
    writer = RunWriter(folder)
    sha = writer.store_blob(data)
    url = f"{SITE}img/hero.jpg"
    writer.add_image(ImageArtifact(url=url, status=200, sha256=sha, size_bytes=len(data)))
    ref = ImageRef(url=url, kind="og_image", selector="meta[property='og:image']")
    writer.add_page(PageArtifact(url=SITE, status=200, images=(ref,)))
    writer.close()
    return load_run(folder)


def _found(result: CrawlResult, guideline: Guideline) -> list[tuple[str, tuple | None]]:
    outcomes = image_matches.crawl_logo_matches(result, guideline).outcomes
    return [(m.logo, m.region) for o in outcomes.values() for m in o.matches]


def test_a_reaudit_reads_the_banner_search_from_the_cache(
    tmp_path: Path, guideline_copy: Path, counted: dict[str, int]
) -> None:
    guideline = load_guideline(guideline_copy)
    data = _retired_logo_banner(guideline)
    first = _found(_crawl(tmp_path / "run1", data), guideline)
    assert [logo for logo, _ in first] == ["2019 logo"]
    region = first[0][1]
    assert region is not None and abs(region[0] - 80) < 25 and abs(region[1] - 155) < 25
    assert counted == {"search": 1, "decode": 1}  # one decode serves fingerprint and search

    second = _found(_crawl(tmp_path / "run2", data), guideline)
    assert second == first
    assert counted == {"search": 1, "decode": 1}  # nothing decoded or searched again


def test_a_changed_guideline_logo_searches_the_banner_again(
    tmp_path: Path, guideline_copy: Path, counted: dict[str, int]
) -> None:
    guideline = load_guideline(guideline_copy)
    data = _retired_logo_banner(guideline)
    first = _found(_crawl(tmp_path / "run1", data), guideline)
    assert counted["search"] == 1

    # The icon is redrawn: another logo set, so the old answer no longer holds.
    icon = guideline_copy.parent / "logos" / "icon.png"
    redrawn = Image.open(icon).convert("RGBA")
    ImageDraw.Draw(redrawn).rectangle((0, 0, redrawn.width // 2, redrawn.height // 3), "red")
    redrawn.save(icon)
    changed = load_guideline(guideline_copy)
    again = _found(_crawl(tmp_path / "run2", data), changed)
    assert counted["search"] == 2
    assert again == first


def test_cached_banner_hits_are_kept_per_logo_set(tmp_path: Path) -> None:
    cache = HashCache(tmp_path / "c.sqlite")
    cache.put_inside("abc", "set1", [{"logo": "x", "region": [1, 2, 3, 4]}])
    cache.put_inside("abc", "set2", [])
    cache.close()
    reopened = HashCache(tmp_path / "c.sqlite")
    assert reopened.get_inside("abc", "set1") == [{"logo": "x", "region": [1, 2, 3, 4]}]
    assert reopened.get_inside("abc", "set2") == []  # searched, nothing found: still cached
    assert reopened.get_inside("abc", "set3") is None
    assert reopened.get_inside("other", "set1") is None
    reopened.close()
