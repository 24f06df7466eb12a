"""The page store's summaries: the fields `PageArtifact` gives, read with the index, so the
site-wide passes that need only them (report page list, matrix, documents, screenshots,
colours and fonts) parse no page, or only the pages they use."""

from __future__ import annotations

import json

from brandaudit.crawler import page_store
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.page_store import (
    PageStore,
    PageSummary,
    page_summaries,
    pages_where,
    rendered_pages,
)
from brandaudit.crawler.run_store import RunWriter

PAGES = [
    PageArtifact("https://a.example/b", 200, title="B", text_blocks=(TextBlock("x", "p"),)),
    PageArtifact("https://a.example/a", 404),
    PageArtifact("https://a.example/doc.pdf", 200, touchpoint="document", title="Doc"),
    PageArtifact("https://a.example/r", 200, rendered=True, screenshot="ab" * 32),
    PageArtifact("https://a.example/r2", 200, rendered=True),
]


def _store(tmp_path) -> PageStore:
    writer = RunWriter(tmp_path)
    for page in PAGES:
        writer.add_page(page)
    writer.add_page(PageArtifact("https://a.example/a", 200, title="replaced"))  # later wins
    with open(tmp_path / "pages.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://a.example/min", "status": 301}) + "\n")
        handle.write('{"url": "https://a.example/cut", "status": 2')  # cut short by a kill
    return PageStore(tmp_path / "pages.jsonl")


def test_summaries_are_the_parsed_pages_fields_in_store_order(tmp_path):
    store = _store(tmp_path)
    assert list(page_summaries(store)) == [PageSummary.of(page) for page in store]
    assert [s.url for s in store.summaries] == store.urls
    assert store.summaries[store.urls.index("https://a.example/a")].title == "replaced"
    minimal = store.summaries[store.urls.index("https://a.example/min")]
    assert minimal == PageSummary("https://a.example/min", 301, "", "website", False, None)
    assert list(page_summaries(PAGES)) == [PageSummary.of(page) for page in PAGES]


def test_passes_over_one_kind_parse_only_those_pages(tmp_path, monkeypatch):
    store = _store(tmp_path)
    parsed = []
    real = page_store.page_from_dict

    def counting(data):
        parsed.append(data["url"])
        return real(data)

    monkeypatch.setattr(page_store, "page_from_dict", counting)
    documents = pages_where(store, "document")
    assert list(documents) == ["https://a.example/doc.pdf"]
    assert documents["https://a.example/doc.pdf"] == PAGES[2]
    assert parsed == ["https://a.example/doc.pdf"]
    parsed.clear()
    assert list(rendered_pages(store)) == [PAGES[3], PAGES[4]]
    assert parsed == ["https://a.example/r", "https://a.example/r2"]
    assert list(page_summaries(store)) and parsed == ["https://a.example/r", "https://a.example/r2"]
    assert pages_where(store, "social") == {}
    # pages in memory: the same answers
    assert pages_where(PAGES, "document") == {"https://a.example/doc.pdf": PAGES[2]}
    assert list(rendered_pages(PAGES)) == [PAGES[3], PAGES[4]]


def test_a_restricted_store_keeps_its_summaries(tmp_path):
    store = _store(tmp_path)
    view = store.only({"https://a.example/r", "https://a.example/b"})
    assert list(page_summaries(view)) == [PageSummary.of(page) for page in view]
