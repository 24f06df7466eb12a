"""Normalisation keeps offsets; protected spans cover what must never be a finding."""

from __future__ import annotations

from brandaudit.checks.text.chinese import SIMPLIFIED, TRADITIONAL, detect_script, script_of_locale
from brandaudit.checks.text.normalise import normalise
from brandaudit.checks.text.protected import protected_spans


def test_offsets_map_folded_text_back_to_the_original() -> None:
    text = "Ｎｏｖａ “Bridge” — ﬁne"
    norm = normalise(text)
    assert norm.text == 'Nova "Bridge" - fine'
    start = norm.text.index("Bridge")
    assert norm.original_slice(start, start + 6) == "Bridge"
    fi = norm.text.index("fine")
    assert norm.original_slice(fi, fi + 4) == "ﬁne"  # one ligature, two folded characters


def test_protected_spans_cover_addresses_files_handles_and_code() -> None:
    text = (
        "See https://novabridge.example/a, novabridge.example, hello@novabridge.example, "
        "novabridge-logo.png, @novabridge, #novabridge, `novabridge` and novabridge_sdk."
    )
    spans = protected_spans(text)
    covered = [text[s:e] for s, e in spans.spans]
    assert covered == [
        "https://novabridge.example/a",
        "novabridge.example",
        "hello@novabridge.example",
        "novabridge-logo.png",
        "@novabridge",
        "#novabridge",
        "`novabridge`",
        "novabridge_sdk",
    ]
    assert not spans.overlaps(0, 3)


def test_code_blocks_are_protected_whole() -> None:
    assert protected_spans("import novabridge", "main > pre > code").spans == [(0, 17)]


def test_script_detection_and_locales() -> None:
    assert detect_script("承载创意的桥梁") == SIMPLIFIED
    assert detect_script("承載創意的橋樑") == TRADITIONAL
    assert detect_script("的") is None
    assert script_of_locale("zh-TW") == TRADITIONAL
    assert script_of_locale("zh-Hans-CN") == SIMPLIFIED
    assert script_of_locale("en-GB") is None
