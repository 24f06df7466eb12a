"""Benchmark of the brand-name check on the 3,453 real brand names of Simple Icons.

For every name it writes sentences that use the name correctly (plain, possessive,
plural, sentence start, in quotes), incorrectly (miscased, split, joined, one-letter
substitution/deletion/insertion, transposed letters, two edits in names of ten or more
letters) and traps that must stay silent (the name inside a URL, domain, e-mail, file name,
#hashtag or @handle; the name's own word in ordinary prose; an everyday English word one
edit from the name; another Simple Icons name one or two edits away). Every name is
scored, the 47 of one or two letters too (never flagged by design, so their wrong forms
count as misses). It prints precision and recall per variant kind and text blocks per
second, (a) with one brand's names in the guideline and (b) with all names in one guideline.

Correct and wrong forms sit in eight product sentences: three with an explicit product cue
("Sign in to X", "the new X app", "switched to X"), five with none ("questions about X
within one working day", "compares X with three other vendors"). Traps that
read as ordinary words are real English sentences: the usage examples of WordNet (Debian's
wordnet-base, /usr/share/wordnet) that contain the word, so "slack" is tested in "he took
up the slack", not in a sentence written for a product. Without WordNet those two trap
kinds are left out, and the run says so.

    python benchmarks/text_bench.py [--dataset ../shared/datasets/logos] [--limit N]
        [--show N] [--wordnet /usr/share/wordnet]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import OSA

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run as brand_name_check
from brandaudit.checks.text.far_typos import MIN_TWO_EDIT_LENGTH
from brandaudit.checks.text.names import MIN_FLAGGED_LENGTH, MIN_TYPO_LENGTH, NameIndex
from brandaudit.checks.text.normalise import normalise
from brandaudit.checks.text.protected import protected_spans
from brandaudit.checks.text.tokens import alnum_length, skeleton
from brandaudit.checks.text.words import KNOWN_FREQUENCY, _frequencies, is_ordinary
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

MIDDLE = [
    "Last spring our team moved the whole billing stack to {} without downtime.",
    "The report compares {} with three other vendors on price and support.",
    "Customers who use {} every day asked for a simpler export button.",
    "We wrote a short guide about setting up {} for a small office.",
    "Our support team answers questions about {} within one working day.",
    "Sign in to {} with your work e-mail to see the shared calendar.",
    "The new {} app keeps your settings in sync across every device.",
    "Teams that switched to {} last year cut their review time in half.",
]
START = "{} is what the design team picked for the new onboarding flow."
CORRECT_KINDS = ("plain", "possessive", "plural", "sentence_start", "quoted")
WRONG_KINDS = (
    "miscased",
    "split",
    "joined",
    "substitution",
    "deletion",
    "insertion",
    "transposition",
    "two_edits",
)
TRAP_KINDS = (
    "url",
    "domain",
    "email",
    "file",
    "hashtag",
    "handle",
    "ordinary_word",
    "lookalike_word",
    "other_brand",
    "other_brand_far",
)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    text: str
    span: tuple[int, int] | None  # where the wrong form sits, for wrong kinds


def wordnet_examples(root: Path) -> dict[str, list[str]]:
    """WordNet's usage examples ("he took up the slack") by the lower-case words they hold."""
    examples: dict[str, list[str]] = defaultdict(list)
    for pos in ("noun", "verb", "adj", "adv"):
        path = root / f"data.{pos}"
        for line in path.read_text("latin-1").splitlines():
            if line.startswith("  ") or "|" not in line:
                continue
            for example in re.findall(r'"([^"]+)"', line.split("|", 1)[1]):
                example = example.strip()
                sentence = example[:1].upper() + example[1:]
                sentence += "" if sentence[-1:] in ".!?" else "."
                for word in set(re.findall(r"[a-z]+", example)):
                    examples[word].append(sentence)
    return examples


def _prose(word: str | None, examples: dict[str, list[str]], rng: random.Random) -> str | None:
    """A WordNet example that uses `word` as the word (in lower case, as a whole word)."""
    if not word:
        return None
    uses = [e for e in examples.get(word, ()) if re.search(rf"(?<![\w-]){word}(?![\w-])", e)]
    return rng.choice(sorted(uses)) if uses else None


def _place(template: str, variant: str) -> tuple[str, tuple[int, int]]:
    start = template.index("{}")
    return template.replace("{}", variant, 1), (start, start + len(variant))


def _miscased(name: str) -> str | None:
    for variant in (name[:1].upper() + name[1:].lower(), name.lower(), name.upper()):
        if variant != name:
            return variant
    return None


def _split(name: str) -> str | None:
    if " " in name:
        return name.replace(" ", "-", 1)
    boundary = re.search(r"[a-z][A-Z]", name)
    return name[: boundary.start() + 1] + " " + name[boundary.start() + 1 :] if boundary else None


def _typo(name: str, kind: str, rng: random.Random) -> str | None:
    positions = [i for i, c in enumerate(name) if c.isalpha() and i > 0]
    if alnum_length(name) < MIN_TYPO_LENGTH or not positions:
        return None
    i = rng.choice(positions)
    if kind == "substitution":
        letters = [c for c in "aeioustrnl" if c != name[i].lower()]
        return name[:i] + rng.choice(letters) + name[i + 1 :]
    if kind == "deletion":
        return name[:i] + name[i + 1 :]
    if kind == "insertion":
        return name[:i] + rng.choice("aeioustrnl") + name[i:]
    swaps = [j for j in positions if j + 1 < len(name) and name[j + 1].isalpha()]
    swaps = [j for j in swaps if name[j].lower() != name[j + 1].lower()]
    if not swaps:
        return None
    j = rng.choice(swaps)
    return name[:j] + name[j + 1] + name[j] + name[j + 2 :]


def _two_edits(name: str, rng: random.Random) -> str | None:
    """Two one-letter edits in a long name ("Cloudflare" -> "Clodflade")."""
    if alnum_length(name) < MIN_TWO_EDIT_LENGTH:
        return None
    kinds = ("substitution", "deletion", "insertion", "transposition")
    for _ in range(5):
        once = _typo(name, rng.choice(kinds), rng)
        twice = _typo(once, rng.choice(kinds), rng) if once else None
        if twice and OSA.distance(skeleton(twice), skeleton(name)) == 2:
            return twice
    return None


def _lookalike_words(names: list[str]) -> dict[str, str]:
    """An everyday word one edit from each name (when there is one)."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for word, count in _frequencies().items():
        if count >= KNOWN_FREQUENCY and word.isalpha() and len(word) >= MIN_TYPO_LENGTH - 1:
            by_length[len(word)].append(word)
    found = {}
    for name in names:
        key = skeleton(name)
        if alnum_length(name) < MIN_TYPO_LENGTH or not key.isalpha():
            continue
        for length in (len(key) - 1, len(key), len(key) + 1):
            hit = next(
                (
                    w
                    for w in by_length[length]
                    if w != key and OSA.distance(w, key, score_cutoff=1) <= 1
                ),
                None,
            )
            if hit:
                found[name] = hit
                break
    return found


def _other_brands(names: list[str], edits: int = 1) -> dict[str, str]:
    """Another Simple Icons name `edits` edits from each name (a real neighbour brand)."""
    shortest = MIN_TYPO_LENGTH if edits == 1 else MIN_TWO_EDIT_LENGTH
    keys = {name: skeleton(name) for name in names if alnum_length(name) >= shortest}
    out = {}
    for name, key in keys.items():
        for other, other_key in keys.items():
            if other_key != key and OSA.distance(key, other_key, score_cutoff=edits) == edits:
                out[name] = other
                break
    return out


def build_cases(names: list[str], examples: dict[str, list[str]], seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    lookalikes, neighbours = _lookalike_words(names), _other_brands(names)
    far_neighbours = _other_brands(names, edits=2)
    cases: list[Case] = []
    for name in names:
        template = rng.choice(MIDDLE)
        slug = re.sub(r"[^a-z0-9]", "", name.lower()) or "brand"
        correct = {
            "plain": name,
            "possessive": f"{name}'s",
            "plural": f"{name}s" if name[-1:].isalpha() and not name.endswith("s") else None,
            "quoted": f"“{name}”",
        }
        for kind, variant in correct.items():
            if variant:
                cases.append(Case(name, kind, _place(template, variant)[0], None))
        cases.append(Case(name, "sentence_start", START.format(name), None))
        wrong = {
            "miscased": _miscased(name),
            "split": _split(name),
            "joined": name.replace(" ", "") if " " in name else None,
            **{k: _typo(name, k, rng) for k in ("substitution", "deletion", "insertion")},
            "transposition": _typo(name, "transposition", rng),
            "two_edits": _two_edits(name, rng),
        }
        for kind, variant in wrong.items():
            if variant and variant != name:
                text, span = _place(template, variant)
                cases.append(Case(name, kind, text, span))
        traps = {
            "url": f"https://www.{slug}.com/pricing",
            "domain": f"{slug}.io",
            "email": f"team@{slug}.com",
            "file": f"{slug}-logo.png",
            "hashtag": f"#{slug}",
            "handle": f"@{slug}",
            "other_brand": neighbours.get(name),
            "other_brand_far": far_neighbours.get(name),
        }
        for kind, variant in traps.items():
            if variant:
                cases.append(Case(name, kind, _place(template, variant)[0], None))
        # The name's own word and a word one edit away, in real English sentences.
        word = name.lower() if name.isalpha() and is_ordinary(name) else None
        for kind, variant in (("ordinary_word", word), ("lookalike_word", lookalikes.get(name))):
            sentence = _prose(variant, examples, rng)
            if sentence:
                cases.append(Case(name, kind, sentence, None))
    return cases


def _findings(index: NameIndex, text: str) -> list[tuple[int, int, str]]:
    norm = normalise(text)
    matches = index.find(norm.text, protected_spans(norm.text))
    return [(*norm.span(m.start, m.end), m.entry.name) for m in matches if m.is_problem]


def evaluate(cases: list[Case], index_for) -> dict[str, Counter]:
    stats: dict[str, Counter] = defaultdict(Counter)
    for case in cases:
        found = _findings(index_for(case.name), case.text)
        tally = stats[case.kind]
        tally["cases"] += 1
        if case.span is None:
            tally["fp"] += len(found)
            tally["silent"] += not found
            continue
        hit = [
            f for f in found if f[2] == case.name and f[0] < case.span[1] and case.span[0] < f[1]
        ]
        tally["tp"] += bool(hit)
        tally["fn"] += not hit
        tally["fp"] += len(found) - len(hit[:1])
    return stats


def report(title: str, stats: dict[str, Counter]) -> tuple[float, float]:
    print(f"\n{title}")
    print(f"{'kind':16} {'cases':>7} {'recall':>8} {'false+':>7}")
    for kind in (*WRONG_KINDS, *CORRECT_KINDS, *TRAP_KINDS):
        tally = stats.get(kind)
        if not tally:
            continue
        positives = tally["tp"] + tally["fn"]
        recall = f"{tally['tp'] / positives:.4f}" if positives else "-"
        print(f"{kind:16} {tally['cases']:>7} {recall:>8} {tally['fp']:>7}")
    tp = sum(t["tp"] for t in stats.values())
    fn = sum(t["fn"] for t in stats.values())
    fp = sum(t["fp"] for t in stats.values())
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"overall: precision {precision:.4f}  recall {recall:.4f}  (tp {tp}, fp {fp}, fn {fn})")
    return precision, recall


def throughput(texts: list[str], names: tuple[str, ...], label: str) -> None:
    guideline = Guideline(brand=Brand(name=names[0], names=names[1:]))
    page = PageArtifact(
        url="https://example.test/",
        status=200,
        text_blocks=tuple(TextBlock(t, f"p:nth-of-type({i})") for i, t in enumerate(texts)),
    )
    result = CrawlResult(run_dir=Path("."), pages=[page])
    normalise.cache_clear()
    protected_spans.cache_clear()
    list(brand_name_check(result, guideline))  # build the index outside the timing
    normalise.cache_clear()
    protected_spans.cache_clear()
    began, began_cpu = time.perf_counter(), time.process_time()
    findings = list(brand_name_check(result, guideline))
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    print(
        f"{label}: {len(texts)} blocks, {len(findings)} findings: "
        f"{len(texts) / cpu:,.0f} blocks/s of CPU time on one core "
        f"({len(texts) / elapsed:,.0f} blocks/s wall clock, {elapsed:.1f} s)"
    )


# Ten product names of one brand, several built from words its pages use all the time
# ("bridge", "team", "data", "idea", "carry"): the hard case for a name pre-filter.
TEN_NAMES = (
    "NovaBridge", "NovaBridge Cloud", "NovaBridge Studio", "BridgeKeeper", "Nova Pulse",
    "CarryOn Sync", "IdeaForge", "Harbour Desk", "TeamBeacon", "DataLantern",
)  # fmt: skip


def throughput_paragraphs(count: int = 3000) -> None:
    """Real-length paragraphs (40-100 words naming the brand two to four times, as
    crawl_bench's pages) against a guideline of ten names: issue 20's figure."""
    from crawl_bench import paragraph

    rng = random.Random(3)
    texts = [paragraph(rng) for _ in range(count)]
    throughput(texts, TEN_NAMES, "(p) 40-100-word paragraphs, 10 names")


def throughput_all_text_checks(texts: list[str], label: str = "short blocks") -> None:
    """Every text check (names, slogans, terms, facts, script) with the sample guideline, each
    timed alone on blocks prepared beforehand (normalised, protected spans: timed apart, as
    in an audit, where every check shares them), in pages of six blocks."""
    from brandaudit.brand_assets import SAMPLE_GUIDELINE
    from brandaudit.brand_assets.guideline import load_guideline
    from brandaudit.checks import brand_name, chinese_script, facts, slogans, terms
    from brandaudit.checks.text.blocks import iter_blocks

    guideline = load_guideline(SAMPLE_GUIDELINE)
    pages = [
        PageArtifact(
            url=f"https://www.novabridge.example/p{n}",
            status=200,
            lang="en-GB",
            text_blocks=tuple(
                TextBlock(t, f"p:nth-of-type({i})") for i, t in enumerate(texts[n : n + 6])
            ),
        )
        for n in range(0, len(texts), 6)
    ]
    result = CrawlResult(run_dir=Path("."), pages=pages)
    normalise.cache_clear()
    protected_spans.cache_clear()
    began = time.process_time()
    list(iter_blocks(result))
    cpu = time.process_time() - began
    print(f"(c) {label}, {len(texts)} blocks: preparing blocks {len(texts) / cpu:,.0f} blocks/s")
    for module in (brand_name, slogans, terms, facts, chinese_script):
        began = time.process_time()
        count = len(list(module.run(result, guideline)))
        cpu = time.process_time() - began
        print(
            f"(c) {label}: {module.__name__}: {len(texts) / cpu:,.0f} blocks/s of CPU time "
            f"({cpu:.2f} s, {count} findings)"
        )


def paragraphs(count: int = 9000) -> list[str]:
    """crawl_bench's paragraphs: 40-100 words naming the brand, its slogans, terms and facts
    two to four times (9,000 are the 1,500 pages of its audit)."""
    from crawl_bench import paragraph

    rng = random.Random(3)
    return [paragraph(rng) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "logos"
    parser.add_argument("--dataset", type=Path, default=default)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N names")
    parser.add_argument("--show", type=int, default=0, help="print N misses per kind")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--speed-only", action="store_true", help="skip precision/recall")
    args = parser.parse_args()
    icons = json.loads((args.dataset / "simple-icons" / "simple-icons.json").read_text("utf-8"))
    names = sorted({icon["title"] for icon in icons})
    if args.limit:
        names = names[: args.limit]
    short = [n for n in names if alnum_length(n) < MIN_FLAGGED_LENGTH]
    print(
        f"{len(names)} distinct names ({len(short)} shorter than {MIN_FLAGGED_LENGTH} letters, "
        "never flagged by design: their wrong forms are scored, and count as misses)"
    )
    if (args.wordnet / "data.noun").is_file():
        examples = wordnet_examples(args.wordnet)
    else:
        examples = {}
        print(f"no WordNet at {args.wordnet} (apt-get install wordnet-base): prose traps left out")
    cases = build_cases(names, examples)
    print(f"{len(cases)} generated text blocks")

    texts = [c.text for c in cases]
    if args.speed_only:
        throughput_paragraphs()
        throughput(texts, ("NovaBridge", "NovaBridge Cloud"), "(a) one brand")
        throughput(texts, tuple(names), f"(b) all {len(names)} names in one guideline")
        throughput_all_text_checks(texts[:10000])
        throughput_all_text_checks(paragraphs(), "40-100-word paragraphs")
        return
    single = {n: NameIndex([n]) for n in names}
    report("(a) one brand per guideline", evaluate(cases, single.__getitem__))
    everyone = NameIndex(names)
    stats_all = evaluate(cases, lambda _name: everyone)
    report("(b) all names in one guideline", stats_all)
    if args.show:
        shown: Counter = Counter()
        for case in cases:
            if shown[case.kind] >= args.show:
                continue
            found = _findings(everyone, case.text)
            hit = any(f[2] == case.name for f in found)
            if (case.span is not None and not hit) or (case.span is None and found):
                shown[case.kind] += 1
                print(f"  {case.kind:14} {case.name!r}: {case.text!r} -> {found}")

    print()
    throughput_paragraphs()
    throughput(
        texts, ("NovaBridge", "NovaBridge Cloud"), "(a) one brand (NovaBridge, NovaBridge Cloud)"
    )
    throughput(texts, tuple(names), f"(b) all {len(names)} names in one guideline")
    throughput_all_text_checks(texts[:10000])
    throughput_all_text_checks(paragraphs(), "40-100-word paragraphs")


if __name__ == "__main__":
    main()
