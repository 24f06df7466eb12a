"""Canonical contact facts must be readable: an unparseable phone would silently disable
the phone check, so it is a guideline error naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandaudit.brand_assets.guideline import Facts, GuidelineError, load_guideline

GUIDELINE = """\
version: 1
brand:
  name: NovaBridge
facts:
{facts}
"""


def _load(tmp_path: Path, facts: str):
    path = tmp_path / "brand.yaml"
    path.write_text(GUIDELINE.format(facts=facts), encoding="utf-8")
    return path, lambda: load_guideline(path)


@pytest.mark.parametrize(
    ("facts", "line", "field", "says"),
    [
        ('  phone:\n    - "+44 20 7946 0321"\n    - "call us"', 7, "facts.phone[1]", "'call us'"),
        ('  phone: ["020 7946 0321"]', 5, "facts.phone[0]", "+country code"),
        ('  phone: ["+44 20"]', 5, "facts.phone[0]", "not a phone number"),
        ("  region: XX", 5, "facts.region", "unknown region 'XX'"),
        ("  email: [hello-at-novabridge]", 5, "facts.email[0]", "not an e-mail address"),
    ],
)
def test_unreadable_facts_name_file_line_and_field(tmp_path, facts, line, field, says) -> None:
    path, load = _load(tmp_path, facts)
    with pytest.raises(GuidelineError) as caught:
        load()
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: {field}: ")
    assert says in message


def test_national_numbers_read_with_the_region(tmp_path) -> None:
    _, load = _load(tmp_path, '  region: gb\n  phone: ["020 7946 0321", "+1 212 555 0100"]')
    facts = load().facts
    assert facts.region == "GB"
    assert facts.phone == ("020 7946 0321", "+1 212 555 0100")


def test_facts_built_in_code_are_checked_too() -> None:
    with pytest.raises(ValueError, match="not a phone number"):
        Facts(phone=("12",))
