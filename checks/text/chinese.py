"""Chinese text: Simplified and Traditional script, compared through OpenCC.

The same slogan in the two scripts scores as low as 56 with fuzzy scorers (MEASURED.md), so
text is converted to Simplified before comparing; and a page whose language says one script
but whose text is in the other is worth a finding of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SIMPLIFIED, TRADITIONAL = "zh-Hans", "zh-Hant"
_TRADITIONAL_REGIONS = {"tw", "hk", "mo", "hant"}
_SIMPLIFIED_REGIONS = {"cn", "sg", "my", "hans"}


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def to_simplified(text: str) -> str:
    """Text in Simplified script, same length (so spans still hold) or unchanged."""
    if not has_han(text):
        return text
    converted = _converter("t2s").convert(text)
    return converted if len(converted) == len(text) else text


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) Han characters of `text`."""
    if not has_han(text):
        return 0, 0
    to_s = _converter("t2s").convert(text)
    to_t = _converter("s2t").convert(text)
    if len(to_s) != len(text) or len(to_t) != len(text):
        return 0, 0
    traditional = sum(a != b for a, b in zip(text, to_s, strict=True))
    simplified = sum(a != b for a, b in zip(text, to_t, strict=True))
    return traditional, simplified


# Kana, or kanji in their Japanese (shinjitai) form, which neither Chinese script writes:
# "神奈川県横浜市" is a Japanese address, not Simplified Chinese (OpenCC reads 県 as 縣's
# simplification). Common shinjitai only; each is neither Simplified nor Traditional Chinese.
_JAPANESE = re.compile(
    "[\u3040-\u30ff"
    "県浜沢駅栄桜恵拠拝渋従渉焼縄醸譲嬢勧歓観権悪円塩応穏仮価絵拡覚巻戯犠挙駆掲経軽芸撃剣圏"
    "検険験厳効鉱雑桟惨賛残児湿実釈収獣縦処剰浄乗畳触寝図酔穂随瀬摂専戦浅践銭潜繊禅荘捜挿"
    "巣装層総騒増蔵臓続対帯滞択担単団弾断遅昼鋳庁徴聴鎮転伝盗稲闘徳読届悩脳覇廃売髪抜晩蛮"
    "賓頻払仏並変辺舗歩豊翻毎満黙訳薬誉揺様謡頼覧竜隆両猟緑涙塁励暦歴労楼湾]"
)


def is_japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def detect_script(text: str, minimum: int = 2) -> str | None:
    """zh-Hans or zh-Hant when the text clearly uses one script's own characters (never
    for Japanese, whose kanji are neither)."""
    if is_japanese(text):
        return None
    traditional, simplified = script_counts(text)
    if traditional >= minimum and traditional > 2 * simplified:
        return TRADITIONAL
    if simplified >= minimum and simplified > 2 * traditional:
        return SIMPLIFIED
    return None


def script_of_locale(locale: str | None) -> str | None:
    """zh-CN, zh-SG, zh-Hans → Simplified; zh-TW, zh-HK, zh-Hant → Traditional."""
    if not locale:
        return None
    parts = locale.replace("_", "-").lower().split("-")
    if parts[0] != "zh":
        return None
    if any(p in _TRADITIONAL_REGIONS for p in parts[1:]):
        return TRADITIONAL
    if any(p in _SIMPLIFIED_REGIONS for p in parts[1:]):
        return SIMPLIFIED
    return None


def primary_language(locale: str | None) -> str | None:
    return locale.replace("_", "-").split("-")[0].lower() if locale else None
