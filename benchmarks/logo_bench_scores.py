"""Logo bench scoring: the benchmark guideline (index + baseline), per-transform tallies of
identification and false matches, distance distributions and the imagehash baseline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from logo_bench_queries import Query, Worked

from brandaudit.checks.imaging.matching import LogoMatch, ReferenceIndex, ReferenceLogo


@dataclass
class Tally:
    mine: int = 0
    identified: int = 0
    faithful: int = 0
    wrong: int = 0
    alien: int = 0
    false: int = 0
    same_mark: int = 0  # another slug of the same mark (not counted as false)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:6.2f}%" if b else "     -"


def percentiles(values: list[int]) -> str:
    if not values:
        return "-"
    p = np.percentile(values, [0, 1, 5, 50, 95, 99, 100]).round().astype(int)
    return "min {} p1 {} p5 {} p50 {} p95 {} p99 {} max {}".format(*p)


class Guideline:
    """One benchmark guideline: sampled brands plus the redesigns, as index and baseline."""

    def __init__(self, brands: list[Worked], redesigns: list[tuple[Worked, Worked]]):
        brands = [w for w in brands if not w.reference.blank]  # the index skips blank logos
        redesigns = [p for p in redesigns if not (p[0].reference.blank or p[1].reference.blank)]
        entries = [(w, "approved") for w in brands]
        for old, new in redesigns:
            entries += [(new, "approved"), (old, "deprecated")]
        self.worked = [w for w, _ in entries]
        self.brand_count = len(brands)
        self.index = ReferenceIndex(
            [ReferenceLogo(w.brand.name, s, w.reference) for w, s in entries]  # type: ignore[arg-type]
        )
        self.names = [r.name for r in self.index.references]
        self.position = {name: i for i, name in enumerate(self.names)}
        self.baseline = np.asarray([w.reference_hash for w in self.worked], dtype=np.uint64)
        self.baseline_names = [w.brand.name for w in self.worked]

    def nearest_baseline(self, value: int) -> tuple[str, int]:
        bits = np.bitwise_count(self.baseline ^ np.uint64(value))
        best = int(bits.argmin())
        return self.baseline_names[best], int(bits[best])


class Scores:
    def __init__(self, identity: dict[str, int]):
        self.identity = identity
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.own: dict[str, list[int]] = defaultdict(list)
        self.wrong_nearest: list[int] = []
        self.alien_nearest: list[int] = []
        self.baseline: list[tuple[str, bool, int, bool]] = []  # transform, mine, bits, right
        self.misses: list[tuple[str, str, str, str]] = []  # kind, transform, query, matched

    def score(self, guide: Guideline, query: Query, expected: str | None, source: str) -> None:
        tally = self.tallies[query.transform]
        match: LogoMatch | None = None
        if query.fingerprint is not None:
            match = guide.index.match(query.fingerprint)
            per_logo, ratios, _ = guide.index.distances(query.fingerprint)
            scores = per_logo + 400 * np.abs(np.log(ratios))
        same = bool(match) and self.identity.get(match.logo) == self.identity.get(source)
        if expected is not None:
            tally.mine += 1
            if query.fingerprint is not None:
                at = guide.position[expected]
                self.own[query.transform].append(int(per_logo[at]))
                if query.transform.startswith("cropped") and not query.fingerprint.blank:
                    table = guide.index._table(query.fingerprint)
                    cut = guide.index._per_logo(table, query.fingerprint, guide.index.cropped)
                    self.own[query.transform + " (cut views)"].append(int(cut[0][at]))
                others = np.delete(scores, at)
                if len(others):
                    self.wrong_nearest.append(int(others.min()))
            if match and same:
                tally.identified += 1
                tally.faithful += match.verdict == "faithful"
            elif match:
                tally.wrong += 1
                self.misses.append(("wrong", query.transform, source, match.logo))
            else:
                self.misses.append(("missed", query.transform, source, ""))
        else:
            tally.alien += 1
            if query.fingerprint is not None:
                self.alien_nearest.append(int(scores.min()))
            if match and same:
                tally.same_mark += 1
            elif match:
                tally.false += 1
                self.misses.append(("false", query.transform, source, match.logo))
        name, bits = guide.nearest_baseline(query.baseline)
        right = self.identity.get(name) == self.identity.get(source)
        self.baseline.append((query.transform, expected is not None, bits, right))

    def print_table(self, transforms: list[str]) -> None:
        print("\nIdentification (guideline brands) and false matches (other brands, photos):")
        print(
            f"{'transform':<12} {'identified':>10} {'faithful':>9} {'wrong':>7} {'n':>6}   "
            f"{'false match':>11} {'n':>6} {'same mark':>9}"
        )
        false = total = 0
        for transform in transforms:
            t = self.tallies[transform]
            false += t.false + t.wrong
            total += t.alien + t.mine
            print(
                f"{transform:<12} {pct(t.identified, t.mine):>10} {pct(t.faithful, t.mine):>9} "
                f"{pct(t.wrong, t.mine):>7} {t.mine:>6}   "
                f"{pct(t.false + t.wrong, t.alien + t.mine):>11} {t.alien:>6} {t.same_mark:>9}"
            )
        print(f"all false matches: {false} of {total} queries ({100 * false / total:.3f}%)")

    def print_distances(self) -> None:
        print("\nDistance distributions (bits), used to set the thresholds:")
        for transform, values in self.own.items():
            print(f"  own logo  {transform:<12} {percentiles(values)}")
        print(f"  nearest wrong logo (guideline queries) {percentiles(self.wrong_nearest)}")
        print(f"  nearest logo (other brands + photos)   {percentiles(self.alien_nearest)}")

    def print_baseline(self, transforms: list[str], target: float = 0.002) -> None:
        """imagehash pHash, nearest reference, with the loosest threshold meeting `target`."""
        rows = self.baseline
        chosen = 0
        for limit in range(0, 33):
            false = sum(1 for _, mine, bits, right in rows if bits <= limit and not right)
            if false / len(rows) <= target:
                chosen = limit
        print(
            f"\nBaseline: plain imagehash pHash (64 bits) of the image on white, nearest "
            f"reference, match at ≤ {chosen} bits (loosest with ≤ {100 * target:.1f} % false):"
        )
        cells = []
        for transform in transforms:
            mine = [(b, r) for t, m, b, r in rows if t == transform and m]
            alien = [(b, r) for t, m, b, r in rows if t == transform and not m]
            ident = sum(1 for b, r in mine if b <= chosen and r)
            false = sum(1 for b, r in mine + alien if b <= chosen and not r)
            shares = pct(ident, len(mine)).strip(), pct(false, len(mine) + len(alien)).strip()
            cells.append(f"{transform} {shares[0]} / {shares[1]}")
        for i in range(0, len(cells), 4):
            print("  " + "; ".join(cells[i : i + 4]))
        print("  (identified / false match per transform)")
