"""WeChat official accounts, read from one of their public articles: mp.weixin.qq.com/s/...

An official account has no public profile page; each public article names its account in
page variables: `var nickname = htmlDecode("...")` (name), `var round_head_img` (avatar),
`var profile_signature` or the profile card's `.profile_meta_value` (signature = bio),
`var user_name` (the gh_ id), `var biz` (the account's fixed __biz id, also in the article's
own link). The guideline lists the account by one or more article URLs, or by its home
(mp/profile_ext?__biz=...), in `touchpoints.social`; the account's __biz (`account_id`)
makes an article and its account, or two articles of one account, one touchpoint. A deleted
or blocked article, the "environment abnormal" verification page WeChat shows suspected
bots, and the account home a browser cannot open are reported as such.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from brandaudit.crawler.touchpoints.platforms.base import NOT_FOUND, Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import js_string
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "wechat"
EXPECTED = ("display_name", "avatar_url", "bio")
GONE = ("该内容已被发布者删除", "此内容因违规无法查看", "该公众号已迁移", "已停止访问该网页")
VERIFY = ("环境异常", "完成验证后即可继续访问")
BIZ_VARIABLE = re.compile(r"""\bbiz\s*=\s*(["'])([^"']*)\1(?:\s*\|\|\s*(["'])([^"']*)\3)?""")
BIZ_IN_LINK = re.compile(r"__biz=([\w=%+/]+)")
WECHAT_ONLY = "请在微信客户端打开"


def account_biz(text: str, url: str) -> str | None:
    """The article's account __biz: `var biz = "..." || "..."`, else a `__biz=` link."""
    if (found := BIZ_VARIABLE.search(text)) and (value := first(found[2], found[4])):
        return unquote(value)
    found = BIZ_IN_LINK.search(url) or BIZ_IN_LINK.search(text)
    return unquote(found[1]) if found else None


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    text = answer.html().text
    name = js_string(text, "nickname")
    if not name:
        if any(marker in text for marker in GONE):
            raise Unreadable(f"{NOT_FOUND}: WeChat says the article was deleted or blocked")
        if any(marker in text for marker in VERIFY):
            raise Unreadable("verification wall: WeChat asked for a captcha ('环境异常')")
        if WECHAT_ONLY in text or "/mp/profile_ext" in answer.url:
            raise Unreadable(
                "an official account's home opens only inside the WeChat app: list one of"
                " its public articles (mp.weixin.qq.com/s/...) to have the account read"
            )
        raise Unreadable("not a WeChat article page: no account name in it")
    card = answer.sel.xpath(
        '//*[@id="js_profile_qrcode"]//*[contains(@class, "profile_meta_value")]/text()'
    ).getall()
    alias = answer.sel.xpath(
        '//*[@id="js_profile_qrcode"]//*[contains(@class, "profile_meta")]'
        '[.//*[contains(@class, "profile_meta_label")][contains(., "微信号")]]'
        '//*[contains(@class, "profile_meta_value")]/text()'
    ).get()
    signature = first(js_string(text, "profile_signature"), card[-1] if len(card) > 1 else None)
    return {
        "handle": first(js_string(text, "user_name")),
        "account_id": account_biz(text, answer.url),
        "alias": clean(first(js_string(text, "alias"), alias)),
        "display_name": clean(name),
        "bio": clean(signature),
        "avatar_url": first(js_string(text, "round_head_img"), js_string(text, "hd_head_img")),
        "extracted_from": ("platform_json",),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PROFILE_URLS[PLATFORM].path,
    fetch_mode="plain",
    extract=extract,
)
