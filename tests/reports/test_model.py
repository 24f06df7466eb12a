"""The report.json document: the contract's keys, counts, pages and touchpoints."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError

import pytest

from brandaudit.crawler.artifacts import Box
from brandaudit.reports import model
from brandaudit.reports.model import jsonable

SITE = "https://www.novabridge.example/"


def test_document_has_every_contract_key(example):
    doc = example.document
    assert doc["schema_version"] == 1
    assert doc["tool"]["name"] == "brandaudit"
    assert isinstance(doc["tool"]["version"], str) and doc["tool"]["version"]
    assert doc["audit"] == {
        "started": "2026-11-23T09:00:00Z",
        "finished": "2026-11-23T09:04:12Z",
        "guideline": "brand.yaml",
        "seeds": [SITE, "https://x.com/novabridge"],
    }
    assert {"pages", "images", "findings", "touchpoints"} <= doc["summary"].keys()
    assert list(doc["summary"]["findings"]) == ["error", "warning", "info"]
    for touchpoint in doc["summary"]["touchpoints"]:
        assert {"kind", "url", "pages", "score"} <= touchpoint.keys()
    for page in doc["pages"]:
        assert {"url", "touchpoint", "status", "title"} <= page.keys()
    for finding in doc["findings"]:
        assert {
            "id",
            "rule",
            "severity",
            "touchpoint",
            "url",
            "message",
            "location",
            "evidence",
            "suggestion",
        } <= finding.keys()
        assert {"selector", "snippet"} <= finding["location"].keys()
    json.dumps(doc)  # plain JSON data throughout


def test_findings_keep_their_finalised_order_and_ids(example):
    assert [f["id"] for f in example.document["findings"]] == [f.id for f in example.findings]
    assert all(f["id"] for f in example.document["findings"])


def test_counts_match_the_findings(example):
    doc = example.document
    severities = [f["severity"] for f in doc["findings"]]
    assert doc["summary"]["findings"] == {
        "error": severities.count("error"),
        "warning": severities.count("warning"),
        "info": severities.count("info"),
    }
    assert doc["summary"]["images"] == 3


def test_failed_page_is_listed_with_its_status(example):
    pages = {p["url"]: p for p in example.document["pages"]}
    assert pages[SITE + "pricing"]["status"] == 500
    assert pages[SITE + "pricing"]["error"] == "Internal Server Error"
    assert example.document["summary"]["pages"] == 5
    assert example.document["summary"]["pages_failed"] == 1
    assert [p["url"] for p in example.document["pages"]] == sorted(pages)


def test_logo_inventory_is_passed_through(example):
    assert [logo["status"] for logo in example.document["logos"]] == [
        "approved",
        "altered",
        "deprecated",
    ]


def test_touchpoints_group_site_and_profile(example):
    touchpoints = {t["url"]: t for t in example.document["summary"]["touchpoints"]}
    assert touchpoints[SITE]["kind"] == "website"
    assert touchpoints[SITE]["pages"] == 4
    assert touchpoints["https://x.com/novabridge"]["kind"] == "social"
    # One error on the only page of the profile: 100 - 25.
    assert touchpoints["https://x.com/novabridge"]["score"] == 75.0


def test_audit_id_is_added_when_known(example):
    info = model.AuditInfo("a", "b", "brand.yaml", (SITE,), audit_id="42")
    doc = model.build_report(info, example.result, example.findings, [])
    assert doc["audit"]["id"] == "42"
    assert doc["logos"] == []


def test_version_comes_from_the_loaded_application_without_metadata(monkeypatch):
    def missing(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setattr(model, "version", missing)
    monkeypatch.delitem(model.sys.modules, "brandaudit", raising=False)
    assert model.tool_version() == "0.0.0"
    fake = type(model.sys)("brandaudit")
    fake.__version__ = "9.8.7"
    monkeypatch.setitem(model.sys.modules, "brandaudit", fake)
    assert model.tool_version() == "9.8.7"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ((1, 2), [1, 2]),
        (Box(3, 4), {"width": 3, "height": 4}),
        ({"a": (Box(1, 2),)}, {"a": [{"width": 1, "height": 2}]}),
        (frozenset({"b", "a"}), ["a", "b"]),
    ],
)
def test_evidence_becomes_plain_json(value, expected):
    assert jsonable(value) == expected
