"""The worker's item pipeline: `RunStorePipeline`'s checks, writing to the run's outbox."""

from __future__ import annotations

from redis import Redis
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from brandaudit.crawler.distributed.batch import batch_of
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.outbox import OutboxWriter
from brandaudit.crawler.pipelines import RunStorePipeline


class OutboxPipeline(RunStorePipeline):
    """Sniffs images and stores inline ones like the local pipeline, but into Redis."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutboxPipeline:
        settings = crawler.settings
        if not settings.get("BRANDAUDIT_RUN_ID"):
            raise NotConfigured("BRANDAUDIT_RUN_ID is not set")
        pipeline = super().from_crawler(crawler)
        server = Redis.from_url(settings["REDIS_URL"])
        keys = RunKeys(settings["BRANDAUDIT_RUN_ID"])
        pipeline.writer = OutboxWriter(server, keys, batch_of(crawler))  # type: ignore[assignment]
        return pipeline  # type: ignore[return-value]
