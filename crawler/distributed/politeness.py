"""Per-host politeness across workers: at most N requests in flight to one host, globally.

Scrapy's per-domain concurrency holds inside one process; with several workers a site
would get N times the load. Before a download, this middleware takes a lease in the host's
sorted set (member: a token, score: its expiry on the Redis server's clock), waiting while
the host is at its limit (on an asyncio Redis client: the worker's reactor goes on with other
requests meanwhile, which matters on a loaded machine where a round trip can take tens of
milliseconds); the response or error returns it. A killed worker's leases expire
after the download timeout, so they never block a host for good. A lease is returned with
the worker's next batch of writes (`batch.WriteBatch`, at most 50 ms later): a host is
never over its limit, at worst briefly under it.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from urllib.parse import urlsplit

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from brandaudit.crawler.distributed.batch import WriteBatch, batch_of
from brandaudit.crawler.distributed.keys import RunKeys

LEASE_META = "ba_host_lease"
WAIT_S = 0.01

# KEYS: the host's lease set; ARGV: limit, lease seconds, token
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
return 1
"""


class HostLeaseMiddleware:
    def __init__(
        self,
        server: Redis,
        keys: RunKeys,
        limit: int,
        lease_s: float,
        redis_url: str,
        batch: WriteBatch | None = None,
    ) -> None:
        self.server, self.keys, self.limit, self.lease_s = server, keys, limit, lease_s
        self.redis_url = redis_url
        self.batch = batch
        self._async: AsyncRedis | None = None  # made in the reactor's loop, on first use
        self._acquire: object = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostLeaseMiddleware:
        settings = crawler.settings
        if not settings.get("BRANDAUDIT_RUN_ID"):
            raise NotConfigured("not a distributed crawl")
        lease_s = settings.getfloat("DOWNLOAD_TIMEOUT") + 5.0
        return cls(
            Redis.from_url(settings["REDIS_URL"]),
            RunKeys(settings["BRANDAUDIT_RUN_ID"]),
            settings.getint("BRANDAUDIT_HOST_CONCURRENCY"),
            lease_s,
            settings["REDIS_URL"],
            batch_of(crawler),
        )

    async def process_request(self, request: Request) -> None:
        key = self.keys.host_leases(urlsplit(request.url).netloc.lower())
        token = uuid.uuid4().hex
        if self._async is None:
            self._async = AsyncRedis.from_url(self.redis_url)
            self._acquire = self._async.register_script(_ACQUIRE)
        acquire = self._acquire
        while not await acquire(keys=[key], args=[self.limit, self.lease_s, token]):  # type: ignore[operator]
            await asyncio.sleep(WAIT_S * (1 + random.random()))
        request.meta[LEASE_META] = (key, token)

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        lease = request.meta.pop(LEASE_META, None)
        if lease is not None:
            (self.batch.pipe if self.batch is not None else self.server).zrem(*lease)
