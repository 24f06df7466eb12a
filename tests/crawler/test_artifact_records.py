"""Artifacts on disk: the hand-written `to_dict` writes what `dataclasses.asdict` wrote, byte for
byte, and a page encoded once serves both pages.jsonl and the parsed-page cache."""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from brandaudit.crawler.artifacts import (
    Box,
    ColorSample,
    CrawlError,
    CrawlMeta,
    FontUse,
    ImageArtifact,
    ImageRef,
    PageArtifact,
    Rect,
    TextBlock,
    page_from_dict,
    to_dict,
)
from brandaudit.crawler.extract import extract_page
from brandaudit.crawler.extract_cache import ExtractCache
from brandaudit.crawler.run_store import RunWriter, load_run, page_json_line

DEMO = Path(__file__).resolve().parents[2] / "brand_assets" / "demo_site"

RICH_PAGE = PageArtifact(
    url="https://example.test/über?q=1",
    status=200,
    title="Nova — Bridge",
    lang="de",
    text_blocks=(TextBlock("Grüße", "main > p"), TextBlock("logo", "img", "alt")),
    images=(
        ImageRef("https://example.test/a.png", "img", "img", "alt", Box(160, 40.5)),
        ImageRef("inline-svg:ab", "inline_svg", "svg", None, None),
    ),
    rendered=True,
    css_may_resize=True,
    depth=3,
    referrer="https://example.test/",
    colors=(ColorSample("body", "color", "rgb(0, 0, 0)", 1200.0, "text"),),
    fonts=(FontUse("p", "Inter", "Inter, sans-serif", "Hello", 42),),
    screenshot="f" * 64,
    rects={"main > p": Rect(0, 10.5, 300, 20), "img": Rect(1, 2, 3, 4)},
)


def test_to_dict_is_asdict_key_order_and_types_included() -> None:
    stat = namedtuple("stat", "count share")
    meta = CrawlMeta(
        ("https://example.test/",),
        "2026-01-01T00:00:00",
        "2026-01-01T00:01:00",
        {"pages": 3, "nested": {"list": [1, (2, 3)], "pair": stat(1, 0.5)}, "none": None},
    )
    artifacts = [
        RICH_PAGE,
        PageArtifact("https://example.test/", 404),
        ImageArtifact("https://example.test/a.png", 200, "image/png", "a" * 64, 12),
        ImageArtifact("https://example.test/b.png", None, error="HTTP 500"),
        CrawlError("https://example.test/x", "page", "HTTP 500", 500, None),
        meta,
    ]
    for artifact in artifacts:
        fast, reference = to_dict(artifact), asdict(artifact)
        assert fast == reference
        assert json.dumps(fast, ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)
    pair = to_dict(meta)["stats"]["nested"]["pair"]
    assert type(pair) is stat and pair == (1, 0.5)
    assert type(to_dict(meta)["seeds"]) is tuple  # as asdict keeps it
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert to_dict(CrawlMeta(stats={"at": moment}))["stats"]["at"] == moment


def test_to_dict_of_extracted_demo_pages_equals_asdict() -> None:
    pages = sorted(DEMO.rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        page, _ = extract_page("http://127.0.0.1/" + path.name, 200, path.read_text(), 1, None)
        assert page.text_blocks, path
        assert json.dumps(to_dict(page)) == json.dumps(asdict(page))


def test_one_encoding_feeds_the_run_folder_and_the_cache(tmp_path: Path) -> None:
    line = page_json_line(RICH_PAGE)
    writer = RunWriter(tmp_path / "run")
    writer.add_page(RICH_PAGE, line)
    writer.add_page(replace(RICH_PAGE, url="https://example.test/other"))  # encodes itself
    writer.close()
    raw = (tmp_path / "run" / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert raw[0] == line and "Grüße" in line  # UTF-8 as before, not \\u escapes
    other = replace(RICH_PAGE, url="https://example.test/other")
    assert sorted(load_run(tmp_path / "run").pages, key=lambda p: p.url) == [other, RICH_PAGE]

    cache = ExtractCache(tmp_path / "cache" / "site.sqlite", 10**8)
    inline = {"inline-svg:ab": b"<svg/>"}
    cache.put("k1", (RICH_PAGE, ["https://example.test/b"], inline), b"<html>", line)
    cache.put("k2", (RICH_PAGE, [], {}), b"<html>")  # no line given: encodes its own
    hit = cache.get("k1", 7, "https://example.test/ref")
    assert hit is not None
    page, links, inline_back = hit
    # the cache gives the stored record back (extract_cache.StoredPage), not an artifact
    assert page_from_dict(page.record) == replace(
        RICH_PAGE, depth=7, referrer="https://example.test/ref"
    )
    assert links == ["https://example.test/b"] and inline_back == inline
    second = cache.get("k2", 0, None)
    assert second is not None
    assert page_from_dict(second[0].record) == replace(RICH_PAGE, depth=0, referrer=None)
    cache.close()


def test_page_records_read_back_unchanged() -> None:
    data = json.loads(page_json_line(RICH_PAGE))
    assert page_from_dict(data) == RICH_PAGE
