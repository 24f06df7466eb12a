"""Reusing browser tabs: nothing of one page leaks into the next, broken tabs are closed."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from brandaudit.crawler.render.hooks import VIEWPORT
from brandaudit.crawler.render.tab_pool import TabPool
from brandaudit.site_server import Route, serve_site

pytestmark = pytest.mark.browser

HTML = {"Content-Type": "text/html"}
# Leaves behind every kind of state a page can set: a global, a scroll position, an
# injected style, sessionStorage and window.name.
DIRTY = b"""<!doctype html><html><body style="height: 5000px"><p>dirty</p><script>
window.leaked = "yes";
window.name = "secret";
sessionStorage.setItem("k", "v");
const style = document.createElement("style");
style.textContent = "body { background: rgb(1, 2, 3) !important; }";
document.head.appendChild(style);
window.scrollTo(0, 1200);
</script></body></html>"""
CLEAN = b"""<!doctype html><html><body style="height: 5000px"><p>clean page</p></body></html>"""
STATE = """() => [typeof window.leaked, window.name, sessionStorage.getItem("k"), window.scrollY,
  getComputedStyle(document.body).backgroundColor].join("|")"""
# Navigates itself elsewhere (to a slow page) right after loading.
RUNAWAY = b"""<!doctype html><html><body><p>runaway</p><script>
setTimeout(() => { location.href = "/slow"; }, 0);
</script></body></html>"""
SLOW = Route(body=b"<html><body><p>the runaway's target</p></body></html>", delay_s=1,
             headers=HTML)  # fmt: skip
ROUTES = {
    "/dirty": Route(body=DIRTY, headers=HTML),
    "/clean": Route(body=CLEAN, headers=HTML),
    "/runaway": Route(body=RUNAWAY, headers=HTML),
    "/slow": SLOW,
}


@pytest.fixture(scope="module")
def site() -> Any:
    with serve_site(routes=ROUTES) as served:
        yield served


@pytest.fixture()
def context(browser, loop) -> Any:
    ctx = loop.run_until_complete(browser.new_context(viewport=VIEWPORT))
    yield ctx
    loop.run_until_complete(ctx.close())


async def render_in_pool(pool: TabPool, context: Any, url: str) -> tuple[Any, bool]:
    """Lease a tab (opening one like scrapy-playwright does), load `url`, give it back."""
    lease = await pool.lease(url)
    reused = lease.page is not None
    page = lease.page or await context.new_page()
    await page.goto(url, wait_until="load", timeout=10_000)
    await lease.give_back(page, url)
    return page, reused


def test_a_reused_tab_shows_the_next_page_without_the_previous_ones_state(
    loop, context, site
) -> None:
    async def scenario() -> tuple[bool, str, str]:
        pool = TabPool(1)
        first, _ = await render_in_pool(pool, context, site.url("dirty"))
        lease = await pool.lease(site.url("clean"))
        page = lease.page
        await page.goto(site.url("clean"), wait_until="load")
        state = await page.evaluate(STATE)
        text = await page.inner_text("body")
        await lease.give_back(page, site.url("clean"))
        return page is first, state, text

    same_tab, state, text = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert same_tab
    assert state == "undefined|||0|rgba(0, 0, 0, 0)"  # null joins as ""
    assert text.strip() == "clean page"


def test_the_dirty_page_really_sets_the_state_the_reuse_test_looks_for(loop, context, site) -> None:
    async def scenario() -> str:
        page = await context.new_page()
        await page.goto(site.url("dirty"), wait_until="load")
        return await page.evaluate(STATE)

    state = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert state == "string|secret|v|1200|rgb(1, 2, 3)"


def test_a_crashed_tab_is_closed_not_reused(loop, context, site) -> None:
    async def scenario() -> tuple[bool, bool, int]:
        pool = TabPool(2)
        lease = await pool.lease(site.url("clean"))
        page = await context.new_page()
        crashed = asyncio.Event()
        page.on("crash", lambda _: crashed.set())
        await page.goto(site.url("clean"), wait_until="load")
        with pytest.raises(Exception):  # noqa: B017 - Playwright's own error type varies
            await page.goto("chrome://crash", timeout=5_000)
        await asyncio.wait_for(crashed.wait(), 5)
        await lease.give_back(page, site.url("clean"))
        next_lease = await pool.lease(site.url("clean"))
        await next_lease.discard(None)
        return page.is_closed(), next_lease.page is None, pool.counts["closed"]

    closed, fresh_tab, closed_count = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert closed and fresh_tab and closed_count == 1


def test_a_closed_tab_is_not_reused_and_its_lease_still_ends(loop, context, site) -> None:
    async def scenario() -> tuple[bool, int]:
        pool = TabPool(1)
        lease = await pool.lease(site.url("clean"))
        page = await context.new_page()
        await page.close()
        await lease.give_back(page, site.url("clean"))
        again = await asyncio.wait_for(pool.lease(site.url("clean")), 2)  # not deadlocked
        return again.page is None, len(pool.idle)

    fresh_tab, idle = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert fresh_tab and idle == 0


def test_a_tab_that_navigated_itself_away_does_not_bring_that_page_to_the_next(
    loop, context, site
) -> None:
    async def scenario() -> tuple[str, str]:
        pool = TabPool(1)
        await render_in_pool(pool, context, site.url("runaway"))  # its /slow is now pending
        lease = await pool.lease(site.url("clean"))
        page = lease.page or await context.new_page()
        await page.goto(site.url("clean"), wait_until="load")
        await asyncio.sleep(1.5)  # longer than /slow takes to answer
        return page.url, await page.inner_text("body")

    url, text = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert url == site.url("clean")
    assert text.strip() == "clean page"


def test_a_tab_is_not_given_to_its_own_url_again(loop, context, site) -> None:
    async def scenario() -> tuple[bool, bool]:
        pool = TabPool(2)
        page, _ = await render_in_pool(pool, context, site.url("clean"))
        same = await pool.lease(site.url("clean") + "#top")  # a same-document navigation
        other = await pool.lease(site.url("dirty"))
        return same.page is None, other.page is page

    no_same_document_reuse, reused_elsewhere = loop.run_until_complete(scenario())
    assert no_same_document_reuse and reused_elsewhere


def test_leases_are_bounded_and_a_freed_one_is_handed_on(loop, site) -> None:
    async def scenario() -> tuple[bool, bool]:
        pool = TabPool(1)
        first = await pool.lease(site.url("clean"))
        waiting = asyncio.ensure_future(pool.lease(site.url("dirty")))
        await asyncio.sleep(0.05)
        blocked = not waiting.done()
        await first.discard(None)
        await first.discard(None)  # ending twice does not free a second lease
        second = await asyncio.wait_for(waiting, 2)
        third = asyncio.ensure_future(pool.lease(site.url("clean")))
        await asyncio.sleep(0.05)
        still_bounded = not third.done()
        third.cancel()
        await second.discard(None)
        return blocked, still_bounded

    blocked, still_bounded = loop.run_until_complete(scenario())
    assert blocked and still_bounded


def test_a_tab_is_retired_after_its_last_use(loop, context, site) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        pool = TabPool(1, max_uses=2)
        first, _ = await render_in_pool(pool, context, site.url("clean"))
        second, reused = await render_in_pool(pool, context, site.url("dirty"))
        third, reused_again = await render_in_pool(pool, context, site.url("clean"))
        return second is first and reused, first.is_closed(), not reused_again and third != first

    kept_once, retired, fresh = loop.run_until_complete(asyncio.wait_for(scenario(), 20))
    assert kept_once and retired and fresh
