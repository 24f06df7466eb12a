"""JUnit, SARIF, Markdown and CSV: each parses or validates, and says what report.json says."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from brandaudit.checks.registry import RULES
from brandaudit.reports import csv_report, junit, markdown, sarif

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _with_info_and_control_chars(document: dict) -> dict:
    doc = copy.deepcopy(document)
    info = copy.deepcopy(doc["findings"][0])
    info.update(
        id="info-1",
        rule="text.brand_name",
        severity="info",
        message="Just so you know\x07: \x00 odd bytes",
    )
    doc["findings"].append(info)
    return doc


# --- JUnit -------------------------------------------------------------------------------


def test_junit_has_a_failing_case_per_finding_and_passing_rules(example):
    doc = _with_info_and_control_chars(example.document)
    root = ET.fromstring(junit.render(doc).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    failures = root.findall("testsuite/testcase/failure")
    assert len(failures) == sum(1 for f in doc["findings"] if f["severity"] != "info")
    assert int(root.get("failures")) == len(failures)
    assert int(root.get("tests")) == len(root.findall("testsuite/testcase"))
    # A registered rule with no finding still shows as one passing case.
    passing = suites["check.failed"].findall("testcase")
    assert len(passing) == 1 and passing[0].find("failure") is None
    # Each suite's counters agree with its cases.
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    brand = suites["text.brand_name"]
    messages = [f.get("message") for f in brand.findall("testcase/failure")]
    assert messages == [
        "Brand name written as 'Nova Bridge'; the guideline spells it 'NovaBridge'."
    ]
    assert "fix: Replace 'Nova Bridge' with 'NovaBridge'." in brand.find("testcase/failure").text
    info_out = brand.findall("testcase/system-out")
    assert len(info_out) == 1 and "Just so you know" in info_out[0].text


def test_junit_lists_every_registered_rule(example):
    root = ET.fromstring(junit.render(example.document).encode("utf-8"))
    names = {suite.get("name") for suite in root.findall("testsuite")}
    assert set(RULES) <= names
    assert {f["rule"] for f in example.document["findings"]} <= names


# --- SARIF -------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(example):
    log = json.loads(sarif.render(_with_info_and_control_chars(example.document)))
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_schema_check_is_not_vacuous(example):
    log = sarif.build(example.document)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_sarif_results_carry_rule_level_location_and_fingerprint(example):
    doc = _with_info_and_control_chars(example.document)
    run = sarif.build(doc)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "brandaudit"
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    assert len(run["results"]) == len(doc["findings"])
    for finding, result in zip(doc["findings"], run["results"], strict=True):
        assert result["ruleId"] == finding["rule"]
        assert rules[result["ruleIndex"]]["id"] == finding["rule"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        )
        assert result["partialFingerprints"] == {"brandauditFindingId/v1": finding["id"]}
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == finding["url"]
        if finding["location"]["selector"]:
            assert (
                location["logicalLocations"][0]["fullyQualifiedName"]
                == (finding["location"]["selector"])
            )
    crawl = next(r for r in rules if r["id"] == "crawl.error")
    assert crawl["shortDescription"]["text"] == RULES["crawl.error"].title
    assert crawl["fullDescription"]["text"] == RULES["crawl.error"].why
    assert RULES["crawl.error"].fix in crawl["help"]["text"]
    assert crawl["defaultConfiguration"]["level"] == "warning"


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_summary_has_counts_scores_and_link(example):
    text = markdown.render(example.document)
    counts = example.document["summary"]["findings"]
    assert f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info" in text
    assert "| https://x.com/novabridge | social | 1 | 75.0 |" in text
    assert "Nova Bridge → NovaBridge" in text
    assert "old-logo.svg → 2019 logo" in text
    assert "[report.html](report.html)" in text


def test_markdown_limits_the_table_and_shows_the_comparison(example):
    doc = copy.deepcopy(example.document)
    doc["findings"] = [doc["findings"][1]] * 15
    doc["summary"]["findings"] = {"error": 15, "warning": 0, "info": 0}
    doc["comparison"] = {"new": ["a", "b"], "fixed": ["c"], "baseline": "baseline.json"}
    text = markdown.render(doc)
    rows = [line for line in text.splitlines() if line.startswith("| 🔴")]
    assert len(rows) == markdown.TOP_FINDINGS
    assert "…and 5 more." in text
    assert "**2 new**, **1 fixed**" in text


def test_markdown_defuses_crawled_text(example):
    doc = copy.deepcopy(example.document)
    doc["findings"][0]["evidence"] = {"found": "[x](http://e.ex) <img> @octo|", "expected": "N"}
    text = markdown.render(doc)
    for live in (r"(?<!\\)\[x(?<!\\)\]\(", r"(?<!\\)<img", r"(?<!\\)@octo", r"(?<!\\)\|\s→"):
        assert not re.search(live, text), live
    assert r"\[x\](http://e.ex) \<img\> \@octo\| → N" in text


# --- CSV ---------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_has_one_row_per_finding_with_the_worklist_columns(example):
    rows = _csv_rows(csv_report.render(example.document))
    assert list(rows[0]) == list(csv_report.COLUMNS)
    assert len(rows) == len(example.document["findings"])
    brand = next(r for r in rows if r["rule"] == "text.brand_name")
    assert brand["element"] == "main > p:nth-of-type(2)"
    assert (brand["found"], brand["expected"]) == ("Nova Bridge", "NovaBridge")
    assert brand["owner"] == ""
    assert [r["finding_id"] for r in rows] == [f["id"] for f in example.document["findings"]]


def test_csv_neutralises_formula_injection(example):
    rows = _csv_rows(csv_report.render(example.document))
    term = next(r for r in rows if r["rule"] == "text.term")
    assert term["found"] == '\'=HYPERLINK("http://evil.example","click")'
    assert term["fix"] == "'-Replace 'log in' with 'sign in'."
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_report.neutralise("+44 20") == "'+44 20"
    assert csv_report.neutralise("NovaBridge") == "NovaBridge"


def test_junit_timestamps_use_the_junit_form(example):
    root = ET.fromstring(junit.render(example.document).encode("utf-8"))
    assert {s.get("timestamp") for s in root.findall("testsuite")} == {"2026-11-23T09:00:00"}


def test_a_check_module_that_fails_to_import_does_not_cost_the_report(example, monkeypatch):
    def broken() -> None:
        raise ImportError("brandaudit.checks.broken: no module named 'nonexistent'")

    monkeypatch.setattr("brandaudit.reports.rules.load_all_checks", broken)
    root = ET.fromstring(junit.render(example.document).encode("utf-8"))
    assert len(root.findall("testsuite/testcase/failure")) == len(example.document["findings"])
    jsonschema.Draft4Validator(SCHEMA).validate(sarif.build(example.document))
