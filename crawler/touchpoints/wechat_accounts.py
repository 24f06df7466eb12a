"""Which WeChat official account a read article belongs to, compared with the guideline's.

An account has four keys of unequal strength: its __biz and its gh_ original id never
change; its WeChat id (微信号) is chosen once; its name can change and be shared. The
guideline may know any of them, an article page carries all of them, so two accounts are
compared on the strongest key both sides have, never on a weaker one when a stronger is
there to disagree. Plain data, no adapter: checks read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import quote

from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact

KEY_ORDER = ("biz", "original_id", "wechat_id", "name")
ACCOUNT_URL = "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz={biz}"
# Where a person finds an account known only by name or id (no public account URL).
SEARCH_URL = "https://weixin.sogou.com/weixin?type=1&query={query}"
_SPACE = re.compile(r"\s+")


class ListedAccount(Protocol):
    name: str | None
    id: str | None
    biz: str | None


def _fold(text: str) -> str:
    return _SPACE.sub("", text).casefold()


def listed_keys(account: ListedAccount) -> dict[str, str]:
    keys: dict[str, str] = {}
    if account.biz:
        keys["biz"] = account.biz.strip()
    if account.id:
        kind = "original_id" if account.id.strip().lower().startswith("gh_") else "wechat_id"
        keys[kind] = _fold(account.id)
    if account.name:
        keys["name"] = _fold(account.name)
    return keys


def profile_keys(profile: ProfileArtifact) -> dict[str, str]:
    keys: dict[str, str] = {}
    if profile.account_id:
        keys["biz"] = profile.account_id
    if profile.handle and profile.handle.lower().startswith("gh_"):
        keys["original_id"] = _fold(profile.handle)
    if profile.alias:
        keys["wechat_id"] = _fold(profile.alias)
    if profile.display_name:
        keys["name"] = _fold(profile.display_name)
    return keys


def same_account(account: ListedAccount, profile: ProfileArtifact) -> bool | None:
    """Compared on the strongest key both know; None when they share no key."""
    mine, theirs = listed_keys(account), profile_keys(profile)
    shared = next((key for key in KEY_ORDER if key in mine and key in theirs), None)
    return None if shared is None else mine[shared] == theirs[shared]


def account_url(biz: str) -> str:
    return ACCOUNT_URL.format(biz=biz)


def listed_account_urls(
    accounts: Iterable[ListedAccount], profiles: Iterable[ProfileArtifact]
) -> list[str]:
    """One URL per guideline account, keyed like the articles read (by __biz): its own biz,
    else the biz of a read article of the same account, else a search for its name or id."""
    read = [p for p in profiles if p.platform == "wechat" and p.coverage != "none"]
    urls = []
    for account in accounts:
        match = next((p for p in read if p.account_id and same_account(account, p)), None)
        biz = account.biz or (match.account_id if match else None)
        query = quote(account.id or account.name or "")
        urls.append(account_url(biz) if biz else SEARCH_URL.format(query=query))
    return urls
