"""Per-host politeness across workers: at most N requests in flight to one host, globally.

Scrapy's per-domain concurrency holds inside one process; with several workers a site
would get N times the load. A worker holds *slots* of a host: members `<worker>:<n>` of the
host's sorted set in Redis (score: expiry on the Redis server's clock), taken atomically
only while the set has fewer than N live members. A download runs on a slot the worker
holds; when the worker holds none free it takes a new one (on the asyncio client: the
reactor goes on meanwhile), or waits for one of its own to come back or another worker to
give one up. So the requests in flight to a host never exceed the slots held, which never
exceed N.

Slots are kept, not taken and given back per request (that was a round trip per request):
every RENEW_S the worker renews the expiry of the slots it holds and gives back those that
stayed free since the last tick, both with its next batch of writes (`batch.WriteBatch`).
A killed worker's slots expire after the lease time (the download timeout plus 5 s), and
the coordinator removes them as soon as it finds the worker dead (`recovery.release_dead`).
"""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict, deque
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from brandaudit.crawler.distributed.batch import WriteBatch, batch_of
from brandaudit.crawler.distributed.keys import RunKeys

LEASE_META = "ba_host_lease"
WAIT_S = 0.01
RENEW_S = 1.0

# KEYS: the host's slot set; ARGV: limit, lease seconds, slot. 1: taken.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
return 1
"""

# KEYS: the host's slot set; ARGV: lease seconds, slot... Renews the slots still held.
_RENEW = """
local t = redis.call('TIME')
local expiry = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i]) end
return 0
"""


class HostSlots:
    """One worker's slots of each host (reactor thread only)."""

    def __init__(
        self, keys: RunKeys, worker: str, limit: int, lease_s: float, batch: WriteBatch
    ) -> None:
        self.keys, self.worker, self.limit, self.lease_s = keys, worker, limit, lease_s
        self.batch = batch
        self.free: dict[str, list[str]] = defaultdict(list)
        self.busy: dict[str, set[str]] = defaultdict(set)
        self.waiting: dict[str, deque[asyncio.Future[str]]] = defaultdict(deque)
        self.used_since_tick: set[str] = set()
        self._serial = 0
        self._acquire: object = None
        self._renew_sha: str | None = None

    async def take(self, key: str) -> str:
        """A slot of the host whose set is `key`, once one is free (kept by this worker)."""
        while True:
            if self.free[key]:
                slot = self.free[key].pop()
                break
            slot = f"{self.worker}:{self._serial}"
            if await self._take_new(key, slot):
                self._serial += 1
                break
            waiter: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            self.waiting[key].append(waiter)
            try:  # one of ours comes back, or look at Redis again soon
                slot = await asyncio.wait_for(
                    asyncio.shield(waiter), WAIT_S * (1 + random.random())
                )
                break
            except TimeoutError:
                if waiter.done():  # handed over just as the wait ran out
                    slot = waiter.result()
                    break
                waiter.cancel()
                self.waiting[key].remove(waiter)
        self.busy[key].add(slot)
        self.used_since_tick.add(slot)
        return slot

    async def _take_new(self, key: str, slot: str) -> bool:
        if self._acquire is None:
            self._acquire = self.batch.client.register_script(_ACQUIRE)
        return bool(await self._acquire(keys=[key], args=[self.limit, self.lease_s, slot]))  # type: ignore[operator]

    def give(self, key: str, slot: str) -> None:
        """The download on `slot` ended: to a local waiter, else kept free."""
        self.busy[key].discard(slot)
        waiters = self.waiting[key]
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(slot)
                self.busy[key].add(slot)
                return
        self.free[key].append(slot)

    def tick(self) -> None:
        """Renew the slots held; give back those free and unused since the last tick."""
        if self._renew_sha is None:
            self._renew_sha = self.batch.server.script_load(_RENEW)
        for key in list(self.free.keys() | self.busy.keys()):
            idle = [s for s in self.free[key] if s not in self.used_since_tick]
            if idle:
                self.free[key] = [s for s in self.free[key] if s not in idle]
                self.batch.pipe.zrem(key, *idle)
            held = self.free[key] + list(self.busy[key])
            if held:
                self.batch.pipe.evalsha(self._renew_sha, 1, key, self.lease_s, *held)
        self.used_since_tick.clear()

    def give_all_back(self) -> None:
        for key in list(self.free.keys() | self.busy.keys()):
            held = self.free[key] + list(self.busy[key])
            if held:
                self.batch.pipe.zrem(key, *held)
        self.free.clear()
        self.busy.clear()


class HostLeaseMiddleware:
    def __init__(self, keys: RunKeys, slots: HostSlots) -> None:
        self.keys, self.slots = keys, slots
        self._loop: object = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostLeaseMiddleware:
        from scrapy import signals

        settings = crawler.settings
        if not settings.get("BRANDAUDIT_RUN_ID"):
            raise NotConfigured("not a distributed crawl")
        keys = RunKeys(settings["BRANDAUDIT_RUN_ID"])
        slots = HostSlots(
            keys,
            settings["BRANDAUDIT_WORKER_ID"],
            settings.getint("BRANDAUDIT_HOST_CONCURRENCY"),
            settings.getfloat("DOWNLOAD_TIMEOUT") + 5.0,
            batch_of(crawler),
        )
        middleware = cls(keys, slots)
        crawler.signals.connect(middleware._start, signal=signals.spider_opened)
        crawler.signals.connect(middleware._stop, signal=signals.spider_closed)
        return middleware

    def _start(self) -> None:
        from twisted.internet.task import LoopingCall

        self._loop = LoopingCall(self.slots.tick)
        self._loop.start(RENEW_S, now=False)  # type: ignore[attr-defined]

    def _stop(self) -> None:
        if self._loop is not None and self._loop.running:  # type: ignore[attr-defined]
            self._loop.stop()  # type: ignore[attr-defined]
        self.slots.give_all_back()

    async def process_request(self, request: Request) -> None:
        key = self.keys.host_leases(urlsplit(request.url).netloc.lower())
        request.meta[LEASE_META] = (key, await self.slots.take(key))

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        lease = request.meta.pop(LEASE_META, None)
        if lease is not None:
            self.slots.give(*lease)
