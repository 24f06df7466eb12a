"""When does a page present a phone number or an e-mail address as the brand's own contact?

A site is full of other people's contacts: mailing lists, role addresses, partners, authors.
Holding each of them to the guideline's canonical contact was wrong 75 times out of 75 on
real sites. A value is the brand's contact when the words just before it say so, in the
same sentence: "Call us", "Support:", "Tel.", "联系我们", "客服电话". For e-mail, where a
bare "Email:" label also sits on author cards, the words must speak for the brand ("us",
"our", "我们") or the label must sit in the site's chrome (header, footer, `<address>`).
"""

from __future__ import annotations

import re

LOOK_BACK = 80  # characters before the value searched for a cue (within its sentence)
# A full stop ends a sentence only before a capital or a Han character, so "Tel. +44 ..."
# and "No. 5" keep their label.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\u4e00-\u9fff])|[。！？\n\r]")
_PHONE_CUES = re.compile(
    r"\b(?:call|phone|telephone|tel|fax|mobile|hotline|helpline|whats\s?app|dial|ring|support"
    r"|sales|service|desk|office|enquiries|inquiries|contact|reach|line|number|answers?\s+on"
    r"|telefon|téléphone|teléfono|telefono|contato|kontakt)\b"
    r"|電話|电话|热线|熱線|客服|咨询|諮詢|联系|聯繫|聯絡|お問い合わせ|問い合わせ|전화",
    re.IGNORECASE,
)
_EMAIL_FIRST_PERSON = re.compile(
    r"\b(?:(?:contact|e-?mail|write\s+to|reach|message|mail)\s+us|our\s+(?:e-?mail|address"
    r"|inbox|team)|get\s+in\s+touch|kontaktieren\s+sie\s+uns|contáct(?:enos|anos)"
    r"|contactez-nous|écrivez-nous)\b"
    r"|联系我们|聯繫我們|聯絡我們|我们的邮箱|我們的郵箱|お問い合わせ|문의",
    re.IGNORECASE,
)
_EMAIL_LABEL = re.compile(
    r"\b(?:e-?mail|contact|mail|support|enquiries|inquiries)\s*[:：]|邮箱|郵箱|电子邮件|電子郵件",
    re.IGNORECASE,
)
_CHROME = re.compile(r"(?:^|[\s>])(?:header|footer|nav|address)\b|\[role=(?:banner|contentinfo)\]")


def _before(text: str, start: int) -> str:
    """The words of the same sentence before `start`, at most LOOK_BACK characters."""
    window = text[max(0, start - LOOK_BACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def in_chrome(selector: str) -> bool:
    """The block sits in the site's header, footer, navigation or an `<address>` element."""
    return bool(_CHROME.search(selector.lower()))


def presented_as_phone(text: str, start: int) -> bool:
    """The sentence introduces the number at `start` as a number to call."""
    return bool(_PHONE_CUES.search(_before(text, start)))


def presented_as_email(text: str, start: int, selector: str) -> bool:
    """The sentence offers the address at `start` as the brand's own ("write to us at")."""
    before = _before(text, start)
    if _EMAIL_FIRST_PERSON.search(before):
        return True
    return bool(_EMAIL_LABEL.search(before)) and in_chrome(selector)
