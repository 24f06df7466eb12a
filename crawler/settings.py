"""Turn `CrawlOptions` into Scrapy settings.

Deliberate choices: pages and images are de-duplicated and depth-limited by the spider
(DEPTH_LIMIT would also cut off the images of the deepest pages, and the dupefilter would
swallow redirect loops silently), so DEPTH_LIMIT stays 0 and requests carry explicit
priorities with FIFO queues: breadth-first, so `max_pages` keeps the pages nearest the seeds.
Every HTTP status reaches the spider, which turns 4xx/5xx into `CrawlError`s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render.browser import TAB_MIDDLEWARES, playwright_settings

CRAWL_LOG = "crawl.log"
# Redirects are judged before Scrapy's middlewares follow them (crawler/redirect_scope.py);
# staging headers are put on a request only while it is downloaded (crawler/secrets.py),
# after the cookies middleware (700) has set the jar's Cookie header.
BROWSER_HEADERS = "brandaudit.crawler.secrets.browser_headers"
GUARD_MIDDLEWARES = {
    "brandaudit.crawler.redirect_scope.RedirectScopeMiddleware": 610,
    "brandaudit.crawler.redirect_scope.MetaRefreshScopeMiddleware": 585,
    "brandaudit.crawler.secrets.SecretHeadersMiddleware": 900,
}


def scrapy_settings(options: CrawlOptions, run_dir: Path) -> dict[str, Any]:
    """Settings for one crawl writing into `run_dir`."""
    settings: dict[str, Any] = {
        "BOT_NAME": "brandaudit",
        "USER_AGENT": options.user_agent,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "ROBOTSTXT_OBEY": options.obey_robots,
        "ROBOTSTXT_USER_AGENT": options.user_agent,
        "DEPTH_LIMIT": 0,
        "DEPTH_PRIORITY": 0,
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "CONCURRENT_REQUESTS": options.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": options.autothrottle,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": max(1.0, options.concurrency / 2),
        "AUTOTHROTTLE_START_DELAY": 0.5,
        "AUTOTHROTTLE_MAX_DELAY": 10.0,
        "DOWNLOAD_TIMEOUT": options.timeout_s,
        "RETRY_ENABLED": options.retries > 0,
        "RETRY_TIMES": options.retries,
        "DOWNLOAD_MAXSIZE": options.max_response_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "REDIRECT_MAX_TIMES": 10,
        "HTTPERROR_ALLOW_ALL": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy 2.19's remote control runs Python sent to a local HTTP port (its token in
        # ~/.local/state/scrapy): not in a process holding staging secrets; aiohttp's import
        # alone was ~0.3 CPU s of every crawl.
        "REMOTE_CONTROL_ENABLED": False,
        # Scrapy parses each callback's source for `return value` in generators: 6 % of CPU.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        # Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's outputs (100 by
        # default); our pipeline is synchronous, so one does the same work: 13 % of a re-audit's
        # crawl CPU was task creation (benchmarks/reaudit_bench.py, py-spy).
        "CONCURRENT_ITEMS": 1,
        "LOGSTATS_INTERVAL": 30.0,
        "LOG_ENABLED": True,
        "LOG_LEVEL": "INFO",
        "LOG_FILE": str(Path(run_dir) / CRAWL_LOG),
        "LOG_FILE_APPEND": True,
        "LOG_STDOUT": False,
        "ITEM_PIPELINES": {"brandaudit.crawler.pipelines.RunStorePipeline": 300},
        "BRANDAUDIT_RUN_DIR": str(run_dir),
    }
    if options.time_limit_s is not None:  # finish_reason "closespider_timeout" (crawler/run.py)
        settings["CLOSESPIDER_TIMEOUT"] = options.time_limit_s
    if options.job_dir is not None:
        settings["JOBDIR"] = str(options.job_dir)
    settings["DOWNLOADER_MIDDLEWARES"] = dict(GUARD_MIDDLEWARES)
    if options.http_cache is not None:  # re-audits revalidate instead of downloading again
        from brandaudit.crawler.http_cache import MIDDLEWARE, cache_settings

        settings.update(cache_settings(options.http_cache, options.http_cache_max_bytes))
        settings["DOWNLOADER_MIDDLEWARES"].update(
            {"scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None, MIDDLEWARE: 850}
        )
    if options.render != "never":  # plain crawls must not start a browser
        settings.update(playwright_settings(options))
        settings["DOWNLOADER_MIDDLEWARES"].update(TAB_MIDDLEWARES)  # rendered pages reuse tabs
        # Staging headers per browser request, by host (crawler/secrets.py).
        settings["PLAYWRIGHT_PROCESS_REQUEST_HEADERS"] = (
            "brandaudit.crawler.secrets.browser_headers"
        )
    return settings
