"""Every check module documents what it finds, why it matters and what is never a finding:
the three things an editor needs to trust (or silence) its findings, in the file a
maintainer opens first."""

from __future__ import annotations

import re
import sys

import pytest

from brandaudit.checks.registry import CHECKS, load_all_checks

SECTIONS = ("What it finds:", "Why it matters:", "Never a finding:")
MIN_WORDS = 8  # a heading followed by a real sentence, not a placeholder


def documented_sections(docstring: str | None) -> dict[str, str]:
    """The text under each of SECTIONS (up to the next one, or a blank line), by heading."""
    text = docstring or ""
    found = {}
    for heading in SECTIONS:
        start = text.find(heading)
        if start < 0:
            continue
        body = text[start + len(heading) :]
        ends = [body.find(h) for h in SECTIONS if body.find(h) >= 0] + [len(body)]
        found[heading] = body[: min(ends)].split("\n\n")[0].strip()
    return found


def missing_sections(docstring: str | None) -> list[str]:
    sections = documented_sections(docstring)
    return [h for h in SECTIONS if len(re.findall(r"\w+", sections.get(h, ""))) < MIN_WORDS]


def _check_modules() -> dict[str, str]:
    load_all_checks()
    return {check.name: check.run.__module__ for check in CHECKS.values()}


@pytest.mark.parametrize("name", sorted(_check_modules()))
def test_each_check_module_says_what_it_finds_why_and_what_never_is(name: str) -> None:
    module = sys.modules[_check_modules()[name]]
    assert missing_sections(module.__doc__) == [], f"{module.__file__}: document these"


def test_a_heading_without_a_sentence_or_a_missing_heading_is_caught() -> None:
    complete = (
        "rule.x: one line.\n\nWhat it finds: every widget spelled with a capital W in "
        "running text.\nWhy it matters: readers take two spellings for two different "
        "products.\nNever a finding: the word inside URLs, code samples or other brands' names."
    )
    assert missing_sections(complete) == []
    assert missing_sections(complete.replace("Why it matters:", "Why:")) == ["Why it matters:"]
    stub = complete.replace("the word inside URLs, code samples or other brands' names", "TBD")
    assert missing_sections(stub) == ["Never a finding:"]
    assert missing_sections(None) == list(SECTIONS)
