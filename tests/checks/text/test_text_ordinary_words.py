"""The ordinary-word list is built from WordNet: common words and their inflections in,
proper nouns out, function words (which WordNet lacks) in by frequency."""

from __future__ import annotations

from pathlib import Path

from brandaudit.checks.text.make_ordinary_words import build

_LICENCE = "  1 This database is provided by Princeton University.  \n"


def _wordnet(root: Path) -> Path:
    lines = {
        "noun": [
            "00000001 05 n 01 slack 0 000 | a loose part",
            "00000002 18 n 01 Kafka 0 000 | a writer",
        ],
        "verb": ["00000003 30 v 01 run 0 000 | move fast"],
        "adj": [],
        "adv": [],
    }
    for pos, entries in lines.items():
        (root / f"data.{pos}").write_text(_LICENCE + "\n".join(entries) + "\n", "latin-1")
        (root / f"{pos}.exc").write_text("ran run\n" if pos == "verb" else "", "latin-1")
    return root


def test_common_words_and_inflections_in_names_out(tmp_path: Path) -> None:
    words = set(build(_wordnet(tmp_path)))
    assert {"slack", "slacks", "run", "running", "ran"} <= words
    assert "kafka" not in words  # a proper noun in WordNet, though people say it
    assert {"the", "with"} <= words  # function words by frequency
    assert "audi" not in words  # not in WordNet at all
