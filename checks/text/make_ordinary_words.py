"""Build `data/ordinary_words.txt.gz`: the English words that are ordinary language in lower
case, so a brand called "Slack" or "Ghost" can be told from the word, while "audi", "adidas"
or "kafka" in lower case are still a brand written wrong.

pyspellchecker's list (from film subtitles) also holds names people say ("audi", "bentley",
"kafka"), so it cannot tell a word from a name. WordNet can: it lists common words in lower
case and proper nouns capitalised. A word is ordinary when pyspellchecker knows it and it is
a lower-case WordNet lemma or an inflection of one (WordNet's own morphy rules and exception
lists), or a very frequent function word (WordNet has no pronouns, articles, prepositions).

    apt-get install wordnet-base && python -m checks.text.make_ordinary_words
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

from spellchecker import SpellChecker

OUTPUT = Path(__file__).with_name("data") / "ordinary_words.txt.gz"
KNOWN_FREQUENCY = 50  # pyspellchecker's floor: listed words never seen in its corpus
FUNCTION_WORD_FREQUENCY = 100_000  # "the", "with", "upon", "onto": no proper name is this common
_MORPHY = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
    ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)  # fmt: skip
_POS = ("noun", "verb", "adj", "adv")


def wordnet_lemmas(root: Path) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """(lower-case lemmas, capitalised lemmas lower-cased, exception forms -> lemmas)."""
    lower, proper, exceptions = set(), set(), {}
    for pos in _POS:
        for line in (root / f"data.{pos}").read_text("latin-1").splitlines():
            if line.startswith("  ") or not line.strip():
                continue  # the licence header
            fields = line.split()
            for i in range(int(fields[3], 16)):
                word = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])
                if word.isalpha():
                    (lower if word.islower() else proper).add(word.lower())
        for line in (root / f"{pos}.exc").read_text("latin-1").split("\n"):
            if not line.strip():
                continue
            form, *lemmas = line.split()
            exceptions.setdefault(form, set()).update(lemmas)
    return lower, proper, exceptions


def build(root: Path) -> list[str]:
    lower, proper, exceptions = wordnet_lemmas(root)

    def in_wordnet(word: str) -> bool:
        if word in lower or exceptions.get(word, set()) & lower:
            return True
        return any(
            word.endswith(suffix) and word[: len(word) - len(suffix)] + base in lower
            for suffix, base in _MORPHY
        )

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return sorted(
        word
        for word, count in counts.items()
        if count >= KNOWN_FREQUENCY
        and word.isalpha()
        and (in_wordnet(word) or (count >= FUNCTION_WORD_FREQUENCY and word not in proper))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args()
    words = build(args.wordnet)
    OUTPUT.parent.mkdir(exist_ok=True)
    data = ("\n".join(words) + "\n").encode("utf-8")
    OUTPUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # same input, same bytes
    print(f"{len(words)} ordinary words -> {OUTPUT}")


if __name__ == "__main__":
    main()
