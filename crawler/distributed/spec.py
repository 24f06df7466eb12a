"""A run's crawl options as JSON in Redis (not pickle: workers only read data from it)."""

from __future__ import annotations

import dataclasses
import json

from brandaudit.crawler.options import CrawlOptions

_LOCAL_ONLY = ("job_dir", "redis_url", "workers")  # what means nothing on another machine


def options_to_json(options: CrawlOptions) -> str:
    fields = {f.name: getattr(options, f.name) for f in dataclasses.fields(options)}
    for name in _LOCAL_ONLY:
        fields.pop(name, None)
    return json.dumps(fields)


def options_from_json(text: str | bytes) -> CrawlOptions:
    fields = json.loads(text)
    for name in ("seeds", "include", "exclude"):
        fields[name] = tuple(fields[name])
    return CrawlOptions(**fields)
