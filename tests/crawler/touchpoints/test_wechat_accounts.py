"""A WeChat official account listed by name, WeChat id or __biz: the article pages read by
the adapter carry every key, and accounts are compared on the strongest key both sides know
(a shared name never makes two accounts with different ids one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.brand_assets.guideline import GuidelineError, WeChatAccount, load_guideline
from brandaudit.checks.touchpoints import run
from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.platforms import wechat
from brandaudit.crawler.touchpoints.store import ProfileWriter, record_profile_links
from brandaudit.crawler.touchpoints.wechat_accounts import (
    SEARCH_URL,
    account_url,
    listed_account_urls,
    same_account,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "platforms" / "wechat" / "article.html"
SITE = "https://www.novabridge.example/"
ARTICLE = "https://mp.weixin.qq.com/s/NbArticle2026abc"
BIZ = "MzkxNjA1MjQyMA=="


def _read(url: str = ARTICLE, html: str | None = None):
    body = html if html is not None else FIXTURE.read_text("utf-8")
    return wechat.extract(url, 200, body.encode(), "text/html")


def test_the_article_page_gives_every_key() -> None:
    article = _read()
    assert (article.account_id, article.handle, article.alias, article.display_name) == (
        BIZ,
        "gh_5a1b2c3d4e5f",
        "novabridge_cn",
        "新桥云",
    )


@pytest.mark.parametrize(
    ("listed", "same"),
    [
        (WeChatAccount(biz=BIZ), True),
        (WeChatAccount(id="gh_5a1b2c3d4e5f"), True),
        (WeChatAccount(id="NovaBridge_CN"), True),  # WeChat ids ignore case
        (WeChatAccount(name="新桥云"), True),
        # Same name, another account's id: the id decides, the name is not enough.
        (WeChatAccount(name="新桥云", id="gh_000000000000"), False),
        (WeChatAccount(name="新桥云", biz="MzAwMDAwMDAwMA=="), False),
    ],
)
def test_compared_on_the_strongest_shared_key(listed: WeChatAccount, same: bool) -> None:
    assert same_account(listed, _read()) is same


def test_listed_accounts_are_keyed_by_biz_when_any_side_knows_it() -> None:
    read = [_read()]
    urls = listed_account_urls(
        [WeChatAccount(id="novabridge_cn"), WeChatAccount(name="新桥云服务号")], read
    )
    assert urls == [
        account_url(BIZ),
        SEARCH_URL.format(query="%E6%96%B0%E6%A1%A5%E4%BA%91%E6%9C%8D%E5%8A%A1%E5%8F%B7"),
    ]


def test_an_account_needs_a_key(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    data["touchpoints"] = {"wechat": [{"name": None}]}
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuidelineError, match=r"touchpoints\.wechat"):
        load_guideline(brand / "brand.yaml")


def _guideline(tmp_path: Path, accounts: list[dict]) -> object:
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    data["brand"]["names"] = ["新桥云"]
    data["touchpoints"] = {"websites": [SITE], "wechat": accounts}
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_guideline(brand / "brand.yaml")


def _unlisted(tmp_path: Path, accounts: list[dict]) -> set[str]:
    """The unlisted findings when the site's footer links one article of the account."""
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    linked = f"https://mp.weixin.qq.com/s?__biz={BIZ}&mid=2247483650&idx=1"
    record_profile_links(run_dir, SITE, {linked: "chrome"})
    ProfileWriter(run_dir).add(_read(linked))
    result = CrawlResult(run_dir=run_dir, pages=[PageArtifact(url=SITE, status=200)])
    findings = run(result, _guideline(tmp_path, accounts))
    return {f.url for f in findings if f.rule == "touchpoint.unlisted"}


def test_the_account_listed_by_wechat_id_is_the_linked_article(tmp_path: Path) -> None:
    assert _unlisted(tmp_path, [{"name": "新桥云", "id": "novabridge_cn"}]) == set()


def test_an_account_with_the_brand_name_but_another_id_is_not(tmp_path: Path) -> None:
    found = _unlisted(tmp_path, [{"name": "新桥云", "id": "gh_000000000000"}])
    assert found == {
        f"https://mp.weixin.qq.com/s?__biz={BIZ}&mid=2247483650&idx=1",  # not the listed one
        SEARCH_URL.format(query="gh_000000000000"),  # listed, never linked
    }
