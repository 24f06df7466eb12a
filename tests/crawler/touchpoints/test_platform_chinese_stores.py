"""Huawei AppGallery, Tencent MyApp and Xiaomi GetApps listings, ratings included."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms import (
    huawei_appgallery,
    tencent_myapp,
    xiaomi_getapps,
)
from brandaudit.crawler.touchpoints.platforms.embedded import number
from brandaudit.crawler.touchpoints.registry import adapter_for

PAGES = Path(__file__).parents[2] / "fixtures" / "platforms"


def test_appgallery_reads_the_listing_cards() -> None:
    url = "https://appgallery.huawei.com/app/C101234567"
    assert "uri=app%7CC101234567" in huawei_appgallery.fetch_url(url)
    body = (PAGES / "huawei_appgallery" / "C101234567.json").read_bytes()
    listing = huawei_appgallery.extract(url, 200, body, "application/json")
    assert (listing.display_name, listing.developer) == ("新桥云", "新桥系统有限公司")
    assert (listing.rating, listing.rating_count) == (4.3, 2816)
    assert listing.bio is not None and listing.bio.startswith("新桥云：承载创意的桥梁。")
    assert listing.coverage == "full"
    gone = huawei_appgallery.extract(
        "https://appgallery.huawei.com/app/C100000000",
        200,
        (PAGES / "huawei_appgallery" / "C100000000.json").read_bytes(),
    )
    assert gone.removed


def test_myapp_reads_next_data_and_old_links() -> None:
    old = "https://a.app.qq.com/o/simple.jsp?pkgname=com.novabridge.app"
    assert adapter_for(old) is tencent_myapp.ADAPTER
    assert tencent_myapp.fetch_url(old) == "https://sj.qq.com/appdetail/com.novabridge.app"
    url = "https://sj.qq.com/appdetail/com.novabridge.app"
    listing = tencent_myapp.extract(
        url, 200, (PAGES / "tencent_myapp" / "com.novabridge.app.html").read_bytes()
    )
    assert (listing.display_name, listing.developer, listing.handle) == (
        "新桥云",
        "新桥系统有限公司",
        "com.novabridge.app",
    )
    assert (listing.rating, listing.rating_count) == (4.6, 5120)
    missing = tencent_myapp.extract(
        "https://sj.qq.com/appdetail/com.example.missing",
        200,
        (PAGES / "tencent_myapp" / "com.example.missing.html").read_bytes(),
    )
    assert missing.removed


def test_getapps_reads_the_markup() -> None:
    url = "https://app.mi.com/details?id=com.novabridge.app"
    listing = xiaomi_getapps.extract(
        url, 200, (PAGES / "xiaomi_getapps" / "com.novabridge.app.html").read_bytes()
    )
    assert (listing.display_name, listing.developer) == ("新桥云", "新桥科技")
    assert (listing.rating, listing.rating_count) == (3.5, 1034)
    assert listing.avatar_url is not None and listing.avatar_url.endswith("nb-icon.png")
    assert listing.coverage == "full"
    unlisted = xiaomi_getapps.extract(url, 200, "<html><body>没有找到</body></html>")
    assert unlisted.removed


def test_counts_in_chinese_units() -> None:
    assert number("1.2万") == 12000.0 and number("3亿") == 300_000_000.0
    assert number("4.5") == 4.5 and number("n/a") is None and number(True) is None


def test_getapps_reads_the_developer_from_the_details_block() -> None:
    """The 2026 listing shape (seen in a public scraper's test of app.mi.com/details): the
    developer sits in a label/value details block, not in `.intro-titles > p`."""
    from brandaudit.crawler.touchpoints.platforms import xiaomi_getapps

    page = """<title>新桥云-小米应用商店</title><div class="app-info">
    <img class="yellow-flower" src="https://file.market.xiaomi.com/thumbnail/PNG/l114/nb.png">
    <div class="intro-titles"><h3 style="margin-top: 18px">新桥云</h3>
      <p class="special-font action"><b>分类：</b>效率办公<span>|</span></p>
      <div class="star1-empty"><div class="star1-hover star1-8"></div></div>
      <span class="app-intro-comment">( 130926次评分 )</span></div></div>
    <div><div>软件大小</div><div>49.05M</div></div>
    <div><div>开发者</div><div>新桥系统有限公司</div></div>
    <div><div>包名</div><div><div class="line-break">com.novabridge.app</div></div></div>
    <p class="pslide">新桥云：承载创意的桥梁。</p>"""
    url = "https://app.mi.com/details?id=com.novabridge.app"
    listing = xiaomi_getapps.extract(url, 200, page)
    assert (listing.display_name, listing.developer) == ("新桥云", "新桥系统有限公司")
    assert (listing.rating, listing.rating_count, listing.coverage) == (4.0, 130926, "full")
