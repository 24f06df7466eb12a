"""`indented` writes what `json.dumps(indent=2, ensure_ascii=False)` writes, for every kind of
value a report holds and for those it hands back to json (odd keys, NaN, subclasses)."""

from __future__ import annotations

import enum
import json
import math
import random
from collections import OrderedDict

from brandaudit.reports.json_stream import indented


class Level(enum.IntEnum):
    LOW = 1


def _value(rng: random.Random, depth: int):
    choices = [
        lambda: rng.choice(["", "plain", 'quote " and \\ back', "tab\t", "\n line", "é 中文 🙂",
                            "\u2028", "<script>", "\x00\x1f"]),
        lambda: rng.randint(-(10**20), 10**20),
        lambda: rng.choice([0.0, -0.0, 1.5, 1e-300, 1e300, 0.1 + 0.2, -3.25]),
        lambda: rng.choice([True, False, None]),
    ]  # fmt: skip
    if depth < 4:
        choices += [
            lambda: {rng.choice(["a", "é", 'k"q', "", "long key"]) + str(i): _value(rng, depth + 1)
                     for i in range(rng.randint(0, 4))},
            lambda: [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))],
            lambda: tuple(_value(rng, depth + 1) for _ in range(rng.randint(0, 3))),
        ]  # fmt: skip
    return rng.choice(choices)()


def test_indented_equals_json_dumps_on_random_documents():
    rng = random.Random(20)
    for _ in range(3000):
        value = _value(rng, 0)
        for pad in ("\n", "\n    "):
            assert indented(value, pad) == json.dumps(value, indent=2, ensure_ascii=False).replace(
                "\n", pad
            )


def test_values_json_writes_its_own_way_are_left_to_json():
    odd = [
        {3: "int key", 2.5: "float key", True: "bool key", None: "none key"},
        [math.nan, math.inf, -math.inf],
        {"level": Level.LOW, "ordered": OrderedDict(b=1, a=2)},
        {"nested": {"x": float("nan")}},
    ]
    for value in odd:
        assert indented(value, "\n  ") == json.dumps(value, indent=2, ensure_ascii=False).replace(
            "\n", "\n  "
        )
