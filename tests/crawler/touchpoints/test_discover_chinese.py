"""Discovery on a Chinese brand site: the six Chinese platforms' profile and listing links,
one per profile (MyApp's old a.app.qq.com link and its new page are one listing), and none of
their non-profile pages (videos, notes, categories)."""

from brandaudit.crawler.touchpoints.discover import discover_links

FOOTER = """<html><body><footer>
<a href="https://www.douyin.com/user/MS4wLjABAAAAnovabridge01">抖音</a>
<a href="https://www.douyin.com/video/7300000000000000000">视频</a>
<a href="https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b">小红书</a>
<a href="https://www.xiaohongshu.com/explore/65a1b2c3d4e5f60718293a4c">笔记</a>
<a href="https://mp.weixin.qq.com/s/NbArticle2026abc">公众号文章</a>
<a href="https://appgallery.huawei.com/app/C101234567">华为应用市场</a>
<a href="https://a.app.qq.com/o/simple.jsp?pkgname=com.novabridge.app">应用宝</a>
<a href="https://sj.qq.com/appdetail/com.novabridge.app">应用宝（新）</a>
<a href="https://app.mi.com/details?id=com.novabridge.app&amp;ref=search">小米应用商店</a>
<a href="https://app.mi.com/category/5">分类</a>
</footer></body></html>"""


def test_chinese_platform_links_are_found_once_each() -> None:
    assert discover_links(FOOTER, "https://www.novabridge.example/") == [
        "https://www.douyin.com/user/MS4wLjABAAAAnovabridge01",
        "https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b",
        "https://mp.weixin.qq.com/s/NbArticle2026abc",
        "https://appgallery.huawei.com/app/C101234567",
        "https://a.app.qq.com/o/simple.jsp?pkgname=com.novabridge.app",
        "https://app.mi.com/details?id=com.novabridge.app&ref=search",
    ]
