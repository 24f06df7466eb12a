"""Registration and licence numbers: identifiers that are never phone numbers.

A Chinese site prints its ICP licence (粤ICP备12345678号-1) and public-security filing
(京公网安备 11010502030143号) in the footer of every page; European sites print company and
VAT numbers. Long digit runs like these parse as valid phone numbers in some region, so the
phone matcher sees them unless they are blanked out first. Each pattern is anchored on the
label that says what the number is, so a phone number written after "Tel." stays readable.
"""

from __future__ import annotations

import re

# The identifier after its label: a few letters, then digit-led groups ("GB 123 4567 89",
# "91440300MA5D"); a word that starts with a letter ends it, so a phone after it stays.
_NUMBER = r"[\s:：.#-]*(?:[A-Z]{1,3}[\s.-]?)?\d[\dA-Z]*(?:[ /.-]\d[\dA-Z]*)*"
_LABELS = (
    # China: ICP licence and filing, public-security filing, credit code, value-added licences
    r"[\u4e00-\u9fff]{0,3}ICP\s*[备證证]\s*[\dA-Z-]+\s*号?(?:\s*-\s*\d+)?",
    r"[\u4e00-\u9fff]{0,3}公网安备\s*\d+\s*号?",
    r"(?:统一社会信用代码|营业执照(?:注册号)?|增值电信业务经营许可证|网络文化经营许可证"
    r"|出版物经营许可证|广播电视节目制作经营许可证|互联网药品信息服务资格证书)[\s:：]*"
    r"[\u4e00-\u9fffA-Z]{0,3}[\dA-Z-]+(?:号)?",
    # Company registers: UK, DE, NL, FR, AU, US and the generic spellings
    r"(?:company|registration|registered|reg\.?|trade register|commercial register)"
    r"(?:\s+(?:in\s+)?(?:england|wales|scotland|ireland|and|no\.?|number|id|nr\.?))*"
    rf"\s*(?:no\.?|number|nr\.?|id|#)?{_NUMBER}",
    rf"(?:HRB|HRA|KvK|SIRE[NT]|RCS(?:\s+[A-Z][a-z]+)?|ABN|ACN|EIN|CRN|UEN|CIN|DUNS|EORI)\s*{_NUMBER}",
    # Tax ids: VAT and its national names
    rf"(?:VAT|USt\.?-?Id(?:Nr)?\.?|UID|TVA|IVA|P\.?\s?IVA|NIF|CIF|GST(?:IN)?|BTW|MwSt)"
    rf"(?:\s+(?:reg\.?|registration|no\.?|number|id|nr\.?))*{_NUMBER}",
)
REGISTRATION = re.compile("|".join(f"(?:{p})" for p in _LABELS), re.IGNORECASE)
# A literal each ASCII label above holds (lower case): ASCII text with none of them, or with
# no digit, holds no registration, and skips the search (a fifth of the text checks' time on
# prose). Keep in step with _LABELS: tests/checks/text/test_registration_prefilter.py.
_LABEL_WORDS = (
    "company", "reg", "hrb", "hra", "kvk", "sire", "rcs", "abn", "acn", "ein", "crn", "uen",
    "cin", "duns", "eori", "vat", "ustid", "ust.id", "ust-id", "ust.-id", "uid", "tva", "iva",
    "nif", "cif", "gst", "btw", "mwst",
)  # fmt: skip
_DIGITS = "0123456789"


def _may_hold_one(text: str) -> bool:
    if not text.isascii():
        return True  # Chinese labels, and case folding beyond ASCII: search
    if not any(map(text.__contains__, _DIGITS)):  # C-level scans, not a regex per character
        return False
    return any(map(text.lower().__contains__, _LABEL_WORDS))  # in C, no generator


def registration_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every labelled registration, licence or tax number in `text`."""
    if not _may_hold_one(text):
        return []
    return [m.span() for m in REGISTRATION.finditer(text) if any(c.isdigit() for c in m[0])]


def mask_registrations(text: str, fill: str = " ") -> str:
    """`text` with registration numbers blanked (same length, so positions hold)."""
    for start, end in registration_spans(text):
        text = text[:start] + fill * (end - start) + text[end:]
    return text
