"""A thin Scrapy spider: fetch the seeds' sites, parse pages, request each image once.

Everything that can go wrong with a page or an image becomes a `CrawlError` item, so the
report can show it. Pages are de-duplicated by the spider itself (not the dupefilter) so that
a redirect loop ends in "too many redirects" instead of a silently dropped request, and so
that `max_pages` can be enforced exactly (`PageBudget`).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, Literal

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from brandaudit.crawler.artifacts import CrawlError
from brandaudit.crawler.budgets import PARSE_BUDGET_S, time_budget, unreadable
from brandaudit.crawler.coverage import CoverageLedger, off_site_redirect
from brandaudit.crawler.documents.fetch import DocumentFetching
from brandaudit.crawler.extract import extract_page
from brandaudit.crawler.extract_cache import ExtractCache, extraction_key
from brandaudit.crawler.failures import describe_failure, is_robots_refusal
from brandaudit.crawler.http_cache import carries_a_secret
from brandaudit.crawler.items import ImageResponseItem, PageItem
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.redirect_scope import describe_too_long, shorten, too_long
from brandaudit.crawler.render.decide import render_reason
from brandaudit.crawler.render.hooks import (
    collect,
    lease_of,
    release_page,
    render_failure,
    render_meta,
)
from brandaudit.crawler.render.script_navigation import may_navigate_by_script, script_targets
from brandaudit.crawler.run_store import RunWriter, page_json_line
from brandaudit.crawler.scope import CrawlScope, PageBudget, looks_like_a_page
from brandaudit.crawler.secrets import StagingSecrets, install
from brandaudit.crawler.sitemap_budget import SitemapBudget
from brandaudit.crawler.touchpoints.discover import (
    PROFILE_LINKS,
    discover_link_places,
    may_link_profiles,
    record_profile_links,
)
from brandaudit.crawler.traps import TrapGuard

Output = Iterator[scrapy.Request | PageItem | ImageResponseItem | CrawlError]


class SiteSpider(DocumentFetching, scrapy.Spider):
    name = "brandaudit_site"

    def __init__(self, options: CrawlOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.scope = CrawlScope(options)
        self.budget = PageBudget(options.max_pages)
        self.seen_pages: set[str] = set()
        self.seen_images: set[str] = set()
        self.seen_bodies: set[bytes] = set()
        self.backlog: deque[tuple[str, int, str | None]] = deque()
        # Staging headers stay in memory and are added at download time (crawler/secrets.py).
        install(StagingSecrets(options.headers, options.seeds))
        self.coverage = CoverageLedger()  # what was met and not fetched (crawler/coverage.py)
        self.traps = TrapGuard()
        self.sitemap_budget = SitemapBudget()
        self.extract_cache: ExtractCache | None = None
        self._discovery_recorded = False

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._share_state()
        if self.settings.get("BRANDAUDIT_HTTP_CACHE"):  # re-audits parse unchanged pages once
            bound = self.settings.getint("BRANDAUDIT_HTTP_CACHE_MAX_BYTES") // 2
            self.extract_cache = ExtractCache(Path(self.settings["BRANDAUDIT_HTTP_CACHE"]), bound)
        for seed in self.options.seeds:
            request = self._page_request(seed, 0, None, seed=True)
            if request is not None:
                yield request
        if self.options.use_sitemap:
            for site in self.scope.origins:
                yield self._sitemap_request(f"{site}/robots.txt", self._parse_robots)
                yield self._sitemap_request(f"{site}/sitemap.xml", self._parse_sitemap)

    def _share_state(self) -> None:
        """Keep what was seen and the budget in `self.state`, which JOBDIR persists on a
        graceful stop: a resumed crawl continues instead of starting over."""
        state: dict[str, Any] | None = getattr(self, "state", None)
        if state is None:
            return  # no JOBDIR
        if "ba_seen_pages" in state:
            self.seen_pages, self.seen_images = state["ba_seen_pages"], state["ba_seen_images"]
            self.backlog, self.budget = state["ba_backlog"], state["ba_budget"]
            self.seen_bodies = state.get("ba_seen_bodies", self.seen_bodies)
            self.budget.limit = self.options.max_pages  # the resumed command may change it
            self.scope.sites.update(state["ba_sites"])
            self.coverage = state.get("ba_coverage", self.coverage)
        state.update(
            ba_seen_pages=self.seen_pages, ba_seen_images=self.seen_images,
            ba_backlog=self.backlog, ba_budget=self.budget, ba_sites=self.scope.sites,
            ba_seen_bodies=self.seen_bodies, ba_coverage=self.coverage,
        )  # fmt: skip

    def _record_profile_links(self, response: TextResponse) -> None:
        """Social and app-store links on the brand's pages, for touchpoint discovery. Only
        pages with links get a line (as on distributed workers); the file's presence says
        that discovery ran."""
        run_dir = self.settings.get("BRANDAUDIT_RUN_DIR")
        if not run_dir:
            return
        html = response.text
        links = discover_link_places(html, response.url) if may_link_profiles(html) else {}
        if links:
            record_profile_links(run_dir, response.url, links)
        elif not self._discovery_recorded:
            (Path(run_dir) / PROFILE_LINKS).touch()
        self._discovery_recorded = True

    # Pages

    def _page_request(
        self, url: str, depth: int, referrer: str | None, seed: bool = False,
        from_sitemap: bool = False,
    ) -> scrapy.Request | None:  # fmt: skip
        if not seed:
            reason = self.scope.why_not_page(url, depth)
            if reason is not None:
                self.coverage.skip(url, reason, referrer)  # type: ignore[arg-type]
                return None
        key = canonicalize_url(url)
        if from_sitemap is False:
            self.coverage.linked(key)
        if key in self.seen_pages:
            return None
        trap = None if seed else self.traps.why_trap(url)
        if trap is not None:
            self.coverage.skip(url, "trap", referrer, key, detail=trap)
            return None
        self.seen_pages.add(key)
        if from_sitemap:
            self.coverage.sitemap_only(key)
        if self.budget.exhausted or not self.budget.reserve():
            self.coverage.skip(url, "max_pages", referrer, key)
            if not self.budget.exhausted:  # waits for the slot of a page that may fail
                self.backlog.append((url, depth, referrer))
            return None
        meta = {"ba_url": url, "ba_depth": depth, "ba_referrer": referrer, "ba_seed": seed}
        if self.options.wants_render:
            meta.update(render_meta(self.options.timeout_s))  # see crawler/render/hooks.py
            self.coverage.rendered_page(url, "--render always")
        rendered = bool(meta.get("playwright"))
        return scrapy.Request(
            url,
            callback=self.parse_rendered_page if rendered else self.parse_page,
            errback=self.rendered_page_failed if rendered else self.page_failed,
            dont_filter=True,
            priority=-depth,
            meta=meta,
        )

    def parse_page(self, response: Response) -> Output:
        meta = response.meta
        url, depth, referrer = meta["ba_url"], meta["ba_depth"], meta["ba_referrer"]
        if response.status >= 400:
            yield from self._page_error(url, f"HTTP {response.status}", response.status, referrer)
            return
        if meta["ba_seed"]:
            self.scope.add_site(response.url)
        final_key = canonicalize_url(response.url)
        if response.url != url and (
            final_key in self.seen_pages and final_key != canonicalize_url(url)
        ):
            self.crawler.stats.inc_value("brandaudit/redirect_to_seen_page")
            self.budget.release()
            yield from self._refill()
            return
        self.seen_pages.add(final_key)
        if not self.scope.is_own_site(response.url):  # a browser followed it (rendered)
            self.crawler.stats.inc_value("brandaudit/redirected_off_site")
            off_site_redirect(self.coverage, url, response.url, referrer)
            reason = f"redirects to another site ({shorten(response.url)}), which is not audited"
            yield from self._page_error(url, reason, response.status, referrer)
            return
        if not _is_html(response):
            ctype = response.headers.get("Content-Type", b"").decode("latin-1") or "none"
            if meta["ba_seed"] or looks_like_a_page(url):
                yield from self._page_error(
                    url, f"not an HTML page (content-type: {ctype})", response.status, referrer
                )
                return
            # A linked file (a .txt, a signature, an archive): not a page to audit, and no
            # error either; coverage lists it as unsupported.
            self.coverage.skip(url, "unsupported", referrer, detail=f"content-type: {ctype}")
            self.budget.release()
            yield from self._refill()
            return
        if self.budget.exhausted:  # only after a resume, whose queue predates the budget
            self.budget.release()
            return
        why_render = (
            None
            if "ba_rendered" in meta
            else render_reason(self.options.render, response.url, response.text)
        )
        if why_render is not None:  # SPA routes share one shell: decide before the duplicate check
            self.coverage.rendered_page(response.url, why_render)
            yield self._render_request(response)
            return
        digest = hashlib.sha256(response.body).digest()
        if digest in self.seen_bodies:  # "/" and "/index.html": one page, reported once
            self.crawler.stats.inc_value("brandaudit/duplicate_content_pages")
            self.budget.release()
            yield from self._refill()
            return
        self.seen_bodies.add(digest)
        inline: dict[str, bytes] = {}
        try:
            with time_budget(PARSE_BUDGET_S, "reading the page"):
                page, links, line = self._extract(response, depth, referrer, inline)
        except Exception as exc:  # a page nobody could read is reported, never lost
            yield from self._page_error(url, unreadable(exc, "the page"), response.status, referrer)
            return
        if "ba_rendered" in meta:
            page, line = meta["ba_rendered"].apply(page), None
        if may_navigate_by_script(response.text):  # switchers and redirects made by script
            links += script_targets(response.text, response.url)
        self.budget.emitted_one()
        self.coverage.fetched_page(response.url, final_key)
        self._record_profile_links(response)
        yield PageItem(page, inline, line)
        for ref in page.images:
            if ref.url not in self.seen_images and not ref.url.startswith("inline-"):
                self.seen_images.add(ref.url)
                if too_long(ref.url):
                    yield self._too_long("image", ref.url, page.url)
                else:
                    yield self._image_request(ref.url, page.url, depth)
        yield from self.document_requests(links, page.url)  # PDFs: read after the crawl
        for link in links if self.options.follow_links else ():  # limits: see _page_request
            yield from self._follow(link, depth + 1, page.url)

    def _extract(
        self, response: TextResponse, depth: int, referrer: str | None, inline: dict[str, bytes]
    ) -> tuple[Any, list[str], str | None]:
        """`extract_page`, or its stored result for the same bytes (crawler/extract_cache.py),
        and the page's pages.jsonl line when storing it made one (written once, used twice)."""
        key = None
        if (
            self.extract_cache is not None
            and "ba_rendered" not in response.meta
            and not carries_a_secret(response.url)  # what a credential unlocks: not stored
        ):
            touchpoint = self.options.touchpoint
            key = extraction_key(response.url, response.status, response.body, touchpoint)
            hit = self.extract_cache.get(key, depth, referrer)
            if hit is not None:
                self.crawler.stats.inc_value("brandaudit/pages_parse_reused")
                inline.update(hit[2])
                return hit[0], hit[1], None
        page, links = extract_page(
            response.url, response.status, response.text, depth, referrer,
            touchpoint=self.options.touchpoint, inline_images=inline,
        )  # fmt: skip
        line = None
        if key is not None:
            line = page_json_line(page)
            self.extract_cache.put(key, (page, links, inline), response.body, line)
        return page, links, line

    def _follow(self, url: str, depth: int, referrer: str, from_sitemap: bool = False) -> Output:
        """A link of the site: a request, or a crawl error saying why it cannot be one."""
        if too_long(url):
            key = canonicalize_url(url)
            in_scope = self.scope.why_not_page(url, depth) in (None, "too_long")
            if in_scope and key not in self.seen_pages:
                self.seen_pages.add(key)
                yield self._too_long("page", url, referrer)
            return
        request = self._page_request(url, depth, referrer, from_sitemap=from_sitemap)
        if request is not None:
            yield request

    def _too_long(self, kind: Literal["page", "image"], url: str, referrer: str) -> CrawlError:
        reason = describe_too_long(url)
        return CrawlError(shorten(url), kind, reason, None, referrer, self.options.touchpoint)

    async def parse_rendered_page(self, response: Response) -> AsyncIterator[Any]:
        """A page fetched by Chromium: inspect and screenshot it (closing it), then parse it."""
        if not hasattr(self, "blob_writer"):
            self.blob_writer = RunWriter(Path(self.settings["BRANDAUDIT_RUN_DIR"]))
        page = response.meta.pop("playwright_page", None)
        lease = lease_of(response.meta)  # the tab goes back to the pool (tab_middleware.py)
        response.meta["ba_rendered"] = await collect(response, page, self.blob_writer, lease=lease)
        for output in self.parse_page(response):
            yield output

    async def rendered_page_failed(self, failure: Failure) -> AsyncIterator[Any]:
        await release_page(failure)  # the browser tab stays open otherwise
        meta = failure.request.meta  # type: ignore[attr-defined]
        reason = render_failure(failure, self.options.timeout_s)
        outputs = (
            self._page_error(meta["ba_url"], reason, None, meta["ba_referrer"])
            if reason
            else self.page_failed(failure)
        )
        for output in outputs:
            yield output

    def _render_request(self, response: Response) -> scrapy.Request:
        meta = {key: value for key, value in response.meta.items() if key.startswith("ba_")}
        meta.update(render_meta(self.options.timeout_s), ba_url=response.url)
        return scrapy.Request(
            response.url, callback=self.parse_rendered_page, errback=self.rendered_page_failed,
            dont_filter=True, priority=response.request.priority,
            meta=meta,
        )  # fmt: skip

    def page_failed(self, failure: Failure) -> Output:
        meta = failure.request.meta  # type: ignore[attr-defined]
        if is_robots_refusal(failure) and not meta["ba_seed"]:
            self.crawler.stats.inc_value("brandaudit/robots_skipped_pages")
            self.coverage.skip(meta["ba_url"], "robots", meta["ba_referrer"])
            self.budget.release()
            yield from self._refill()
            return
        target = getattr(failure.value, "off_site_target", None)  # a refused redirect
        if target:
            off_site_redirect(self.coverage, meta["ba_url"], target, meta["ba_referrer"])
        reason = describe_failure(failure, self.options.timeout_s, self.options.max_response_bytes)
        yield from self._page_error(meta["ba_url"], reason, None, meta["ba_referrer"])

    def _page_error(
        self, url: str, reason: str, status: int | None, referrer: str | None
    ) -> Output:
        self.budget.release()
        if url in self.options.seeds:
            self.coverage.seed_failed(url, reason)
        yield CrawlError(url, "page", reason, status, referrer, self.options.touchpoint)
        yield from self._refill()

    def _refill(self) -> Iterator[scrapy.Request]:
        """A failed page freed a slot of the budget: schedule a page that waited for one."""
        if self.backlog and not self.budget.exhausted:
            url, depth, referrer = self.backlog.popleft()
            self.seen_pages.discard(canonicalize_url(url))
            self.coverage.unskip(url)
            request = self._page_request(url, depth, referrer)
            if request is not None:
                yield request

    # Images

    def _image_request(self, url: str, page_url: str, depth: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_image,
            errback=self.image_failed,
            dont_filter=True,  # de-duplicated by `seen_images`; redirects still end in one answer
            priority=1 - depth,
            meta={"ba_url": url, "ba_referrer": page_url},
        )

    def parse_image(self, response: Response) -> Output:
        url, referrer = response.meta["ba_url"], response.meta["ba_referrer"]
        if response.status >= 400:
            reason = f"HTTP {response.status}"
            yield CrawlError(
                url, "image", reason, response.status, referrer, self.options.touchpoint
            )
            return
        ctype = response.headers.get("Content-Type")
        yield ImageResponseItem(
            url,
            response.status,
            ctype.decode("latin-1") if ctype else None,
            response.body,
            referrer,
        )

    def image_failed(self, failure: Failure) -> Output:
        meta = failure.request.meta  # type: ignore[attr-defined]
        reason = describe_failure(failure, self.options.timeout_s, self.options.max_response_bytes)
        yield CrawlError(
            meta["ba_url"], "image", reason, None, meta["ba_referrer"], self.options.touchpoint
        )

    # Sitemaps

    def _sitemap_request(self, url: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self._sitemap_failed, priority=10,
            meta={"ba_sitemap": True},
        )  # fmt: skip

    def _parse_robots(self, response: Response) -> Output:
        if response.status >= 400 or not isinstance(response, TextResponse):
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if self.scope.is_own_site(url):
                yield self._sitemap_request(url, self._parse_sitemap)

    def _parse_sitemap(self, response: Response) -> Output:
        if response.status >= 400:
            return  # most sites have no sitemap: not an error
        body = response.body
        try:
            if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not gzip-encoded
                body = gunzip(body, max_size=self.options.max_response_bytes)
            sitemap = Sitemap(body)
        except Exception:
            self.crawler.stats.inc_value("brandaudit/sitemap_unreadable")
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            if not self.sitemap_budget.take(self.coverage, loc):
                continue  # counted by the budget: a million-URL sitemap stays bounded
            if sitemap.type == "sitemapindex":
                if self.scope.is_own_site(loc):
                    yield self._sitemap_request(loc, self._parse_sitemap)
                else:
                    self.coverage.skip(loc, "off_site", response.url)
            elif sitemap.type == "urlset":
                yield from self._follow(loc, 1, response.url, from_sitemap=True)

    def _sitemap_failed(self, failure: Failure) -> Output:
        """A sitemap that exists but cannot be read (too large, cut off) is a crawl.error:
        the pages it lists may be reachable no other way."""
        self.crawler.stats.inc_value("brandaudit/sitemap_fetch_failed")
        if is_robots_refusal(failure):
            return
        url = failure.request.url  # type: ignore[attr-defined]
        reason = describe_failure(failure, self.options.timeout_s, self.options.max_response_bytes)
        if reason.startswith(_HOST_DOWN):
            return  # the site's own pages say so (an unreachable seed fails the gate)
        yield CrawlError(url, "page", f"sitemap not read: {reason}", None, None)

    def closed(self, reason: str) -> None:
        """Leave the coverage beside the artifacts (crawler/coverage.py)."""
        if reason == "shutdown":
            self.coverage.limit_hit("interrupted", "the crawl was stopped before it finished")
        if reason == "closespider_timeout":  # --time-limit (crawler/run.py says it too)
            self.coverage.limit_hit("time", f"--time-limit {self.options.time_limit_s:g} s")
        run_dir = self.settings.get("BRANDAUDIT_RUN_DIR")
        if run_dir:
            self.coverage.write(Path(run_dir))
        if self.extract_cache is not None:
            self.extract_cache.close()


_HOST_DOWN = ("connection refused", "DNS lookup failed")


def _is_html(response: Response) -> bool:
    if isinstance(response, HtmlResponse):
        return True
    if isinstance(response, TextResponse):
        head = response.body[:512].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html"))
    return False
