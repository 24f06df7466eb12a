"""Build `data/well_known_names.txt.gz`: proper names (products, companies, places, people)
that are names in their own right, so "BitTorrent" is never a misspelling of "qBittorrent".

Source: SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists) as Debian ships it in
`wamerican-huge`; its licence allows copying and distributing the lists and what is made
from them with the copyright notice kept (data/LICENSE-SCOWL.txt). Kept: entries with a
capital letter, letters and digits only, five or more characters (shorter names are never
typo candidates), and well known: written with an inner capital as products are
("BitTorrent", "PayPal") or said at least KNOWN_FREQUENCY times in pyspellchecker's corpus
(an obscure surname or hamlet is no reason to miss a typo of ours); case-folded.

    apt-get download wamerican-huge && dpkg-deb -x wamerican-huge_*.deb scowl &&
    python -m checks.text.make_well_known_names scowl/usr/share/dict/american-english-huge
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

from brandaudit.checks.text.words import KNOWN_FREQUENCY, frequency

OUTPUT = Path(__file__).with_name("data") / "well_known_names.txt.gz"
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{4,}")


_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def well_known_names(words: list[str]) -> list[str]:
    return sorted(
        {
            w.casefold()
            for w in words
            if _NAME.fullmatch(w)
            and any(c.isupper() for c in w)
            and (_INNER_CAPITAL.search(w) or frequency(w) >= KNOWN_FREQUENCY)
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("word_list", type=Path, help="SCOWL's american-english-huge")
    args = parser.parse_args()
    words = args.word_list.read_text(encoding="utf-8", errors="replace").split()
    names = well_known_names(words)
    with gzip.open(OUTPUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(names) + "\n")
    print(f"{len(names)} names -> {OUTPUT}")


if __name__ == "__main__":
    main()
