"""What a website crawl should do: one frozen value the CLI builds and the crawler obeys.

Kept free of Scrapy so the application layer can build it without importing the crawler
machinery; `crawler.settings` turns it into Scrapy settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from brandaudit.crawler.cache_place import DEFAULT_MAX_BYTES

RenderMode = Literal["never", "auto", "always"]

DEFAULT_USER_AGENT = "brandaudit/0.1 (+https://github.com/brandaudit/brandaudit)"


@dataclass(frozen=True)
class CrawlOptions:
    """Options for crawling the websites of one audit.

    `headers` are sent only to the seeds' hosts (staging auth must not leak to CDNs) and are
    never written to the crawl log or the run directory.
    """

    seeds: tuple[str, ...]
    max_pages: int | None = None
    max_depth: int | None = None  # no limit: crawl traps are guarded (crawler/traps.py)
    include: tuple[str, ...] = ()  # regex; when given, a page URL must match one of them
    exclude: tuple[str, ...] = ()  # regex; a page URL matching any of them is skipped
    obey_robots: bool = True
    follow_links: bool = True  # False: the seeds only (--urls-from); their links are not "met"
    use_sitemap: bool = True  # also seed from /sitemap.xml and robots.txt `Sitemap:` lines
    concurrency: int = 8
    autothrottle: bool = False
    timeout_s: float = 20.0
    retries: int = 2
    max_response_bytes: int = 20 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    headers: dict[str, str] = field(default_factory=dict, repr=False, hash=False)
    render: RenderMode = "never"
    job_dir: Path | None = None  # Scrapy JOBDIR, to pause and resume a long crawl
    touchpoint: str = "website"
    time_limit_s: float | None = None  # the crawl ends (reported as cut short) after this
    # Scale-out (crawler/distributed): a shared crawl on this Redis with `workers` local
    # worker processes; `host_concurrency` caps requests in flight per host over all workers.
    redis_url: str | None = field(default=None, repr=False)
    workers: int = 1
    host_concurrency: int = 16
    # Incremental re-audits (crawler/http_cache.py): the estate's HTTP cache, None for none.
    http_cache: Path | None = None
    http_cache_max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if not self.seeds:
            raise ValueError("CrawlOptions.seeds: at least one seed URL is needed")
        if isinstance(self.seeds, str):
            raise TypeError("CrawlOptions.seeds must be a tuple of URLs, not one string")
        object.__setattr__(self, "seeds", tuple(self.seeds))
        for seed in self.seeds:
            parts = urlsplit(seed)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"CrawlOptions.seeds: {seed!r} is not an http(s) URL")
        object.__setattr__(self, "include", tuple(self.include))
        object.__setattr__(self, "exclude", tuple(self.exclude))
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"CrawlOptions.max_pages must be at least 1, got {self.max_pages}")
        if self.max_depth is not None and self.max_depth < 0:
            raise ValueError(f"CrawlOptions.max_depth must be 0 or more, got {self.max_depth}")
        if self.time_limit_s is not None and self.time_limit_s <= 0:
            raise ValueError(f"CrawlOptions.time_limit_s must be positive, got {self.time_limit_s}")
        if self.concurrency < 1:
            raise ValueError(f"CrawlOptions.concurrency must be at least 1, got {self.concurrency}")
        if self.workers < 0 or self.host_concurrency < 1:
            raise ValueError("CrawlOptions.workers must be >= 0 and host_concurrency >= 1")
        for name in ("include", "exclude"):
            for pattern in getattr(self, name):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"CrawlOptions.{name}: bad regex {pattern!r}: {exc}") from exc
        if self.render not in ("never", "auto", "always"):
            raise ValueError(
                f"CrawlOptions.render must be 'never', 'auto' or 'always', got {self.render!r}"
            )

    @property
    def wants_render(self) -> bool:
        """Whether page requests ask for a browser (the hook scrapy-playwright reads)."""
        return self.render == "always"
