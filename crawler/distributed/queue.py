"""scrapy-redis's priority queue with acknowledgement: a popped request is not lost.

scrapy-redis removes a request from the queue when a worker pops it, so a worker killed
with `kill -9` loses what it held. Here the pop moves the request, in one Lua script, into
the worker's in-flight hash; the spider acknowledges it once its callback's output (items
and new requests) has been handed on. The coordinator puts back the in-flight requests of a
worker whose heartbeat key expired (`recovery.requeue_dead`); such a request comes back flagged
(`REQUEUED_META`), so its page may claim its links again.

Round trips: the worker never waits for a pop. Scrapy's `pop` is answered from requests
taken ahead; when fewer than REFILL_BELOW are left, an asynchronous pop takes up to PREFETCH
more (all held in flight, so a kill still loses none), carrying the worker's recorded
writes (`batch.WriteBatch`) in the same MULTI/EXEC, and wakes the engine when it returns. A
pop that finds the queue empty is not repeated for EMPTY_WAIT_S. Pushes are recorded in
the batch; the queue's length is the count the last pop saw, not a round trip.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

from redis import Redis
from scrapy import Request
from scrapy_redis.queue import PriorityQueue

from brandaudit.crawler.distributed.batch import WriteBatch, batch_of
from brandaudit.crawler.distributed.keys import RunKeys

TOKEN_META = "ba_inflight"
REQUEUED_META = "ba_requeued"  # the request was taken back from a dead worker

log = logging.getLogger(__name__)

PREFETCH = 4  # requests taken per pop; a worker's concurrency is 8 by default
REFILL_BELOW = 2  # requests taken ahead: fewer left starts the next pop
EMPTY_WAIT_S = 0.02

# KEYS: queue, in-flight hash, token counter, re-queued set; ARGV: how many.
# Returns {token, data, requeued, token, data, requeued..., requests left} in queue order.
_POP = """
local items = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local out = {}
for i = 1, #items, 2 do
  redis.call('ZREM', KEYS[1], items[i])
  local token = items[i + 1] .. ' ' .. redis.call('INCR', KEYS[3])
  redis.call('HSET', KEYS[2], token, items[i])
  out[#out + 1] = token
  out[#out + 1] = items[i]
  out[#out + 1] = redis.call('SREM', KEYS[4], items[i])
end
out[#out + 1] = redis.call('ZCARD', KEYS[1])
return out
"""


class AckedPriorityQueue(PriorityQueue):
    """The request queue of a run; `BRANDAUDIT_WORKER_ID` names this worker's in-flight hash."""

    def __init__(self, server: Redis, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.run_keys = RunKeys(spider.settings["BRANDAUDIT_RUN_ID"])
        self.inflight_key = self.run_keys.inflight(spider.settings["BRANDAUDIT_WORKER_ID"])
        self.batch: WriteBatch = batch_of(spider.crawler)
        self._pop_sha = server.script_load(_POP)
        self._taken: deque[Request] = deque()  # popped ahead, held in flight
        self._refill: asyncio.Future[None] | None = None
        self._quiet_until = 0.0
        self._left = 0  # requests in the shared queue, as the last pop saw it

    def _encode_request(self, request: Request) -> bytes:
        """scrapy-redis's encoding, without Scrapy's search for the callback's name (it walks
        every member of the spider with `inspect.getmembers`, per request: 2.3 s of 400
        requests profiled): a spider method's own name is checked and used."""
        callback, errback = request.callback, request.errback
        request.callback = self._method_name(callback)
        request.errback = self._method_name(errback)
        try:
            return super()._encode_request(request)  # type: ignore[no-any-return]
        finally:
            request.callback, request.errback = callback, errback

    def _method_name(self, func: Any) -> Any:
        name = getattr(func, "__name__", None)
        bound = getattr(self.spider, name, None) if isinstance(name, str) else None
        if bound is not None and getattr(bound, "__func__", None) is getattr(func, "__func__", 0):
            return name
        return func  # not one of the spider's methods: Scrapy's own lookup decides

    def __len__(self) -> int:
        return len(self._taken) + self._left

    def push(self, request: Request) -> None:
        """Queued at the next flush. A retry or redirect of a request this worker holds
        replaces it in the queue (the push is recorded before the acknowledgement)."""
        token = request.meta.pop(TOKEN_META, None)
        request.meta.pop(REQUEUED_META, None)
        self.batch.pipe.zadd(self.key, {self._encode_request(request): -request.priority})
        self._left += 1
        if token is not None:
            self.batch.pipe.hdel(self.inflight_key, token)

    def pop(self, timeout: int = 0) -> Request | None:
        if (
            len(self._taken) < REFILL_BELOW
            and self._refill is None
            and time.monotonic() >= self._quiet_until
        ):
            self._refill = asyncio.ensure_future(self._take_more())
        return self._taken.popleft() if self._taken else None

    async def _take_more(self) -> None:
        keys = [self.key, self.inflight_key, self.key + ":tokens", self.key + ":requeued"]
        try:
            results = await self.batch.flush_async(
                lambda pipe: pipe.evalsha(self._pop_sha, len(keys), *keys, PREFETCH)
            )
        except Exception:
            log.exception("taking requests from the shared queue failed")
            self._quiet_until = time.monotonic() + 1.0
            return
        finally:
            self._refill = None
        *popped, left = results[-1]
        self._left = int(left)
        for i in range(0, len(popped), 3):
            token, data, requeued = popped[i : i + 3]
            request = self._decode_request(data)
            request.meta[TOKEN_META] = token.decode() if isinstance(token, bytes) else token
            if requeued:
                request.meta[REQUEUED_META] = True
            self._taken.append(request)
        if not popped:
            self._quiet_until = time.monotonic() + EMPTY_WAIT_S
            return
        engine = getattr(self.spider.crawler, "engine", None)
        slot = getattr(engine, "_slot", None)  # Scrapy's own wake-up, as after a download
        if slot is not None:
            slot.nextcall.schedule()


def acknowledge(batch: WriteBatch, inflight_key: str, request: Request) -> None:
    """The request's work is handed on: forget it from the worker's in-flight hash (at the
    next flush, after the outputs buffered before it)."""
    token = request.meta.get(TOKEN_META)
    if token is not None:
        batch.pipe.hdel(inflight_key, token)
