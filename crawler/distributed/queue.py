"""scrapy-redis's priority queue with acknowledgement: a popped request is not lost.

scrapy-redis removes a request from the queue when a worker pops it, so a worker killed
with `kill -9` loses what it held. Here the pop moves the request, in one Lua script, into
the worker's in-flight hash; the spider acknowledges it once its callback's output (items
and new requests) has been handed on. The coordinator puts back the in-flight requests of a
worker whose heartbeat key expired (`requeue_dead`); such a request comes back flagged
(`REQUEUED_META`), so its page may claim its links again.
"""

from __future__ import annotations

from typing import Any

from redis import Redis
from scrapy import Request
from scrapy_redis.queue import PriorityQueue

from brandaudit.crawler.distributed.keys import RunKeys

TOKEN_META = "ba_inflight"
REQUEUED_META = "ba_requeued"  # the request was taken back from a dead worker

# KEYS: queue, in-flight hash, token counter, re-queued set; returns {token, data, requeued}
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return nil end
redis.call('ZREM', KEYS[1], item[1])
local token = item[2] .. ' ' .. redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, item[1])
return {token, item[1], redis.call('SREM', KEYS[4], item[1])}
"""

# KEYS: in-flight hash, queue, re-queued set; puts every held request back at its priority
_REQUEUE = """
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do
  local score = string.match(held[i], '^(%S+) ')
  redis.call('ZADD', KEYS[2], score, held[i + 1])
  redis.call('SADD', KEYS[3], held[i + 1])
end
redis.call('DEL', KEYS[1])
return #held / 2
"""


class AckedPriorityQueue(PriorityQueue):
    """The request queue of a run; `BRANDAUDIT_WORKER_ID` names this worker's in-flight hash."""

    def __init__(self, server: Redis, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.run_keys = RunKeys(spider.settings["BRANDAUDIT_RUN_ID"])
        self.inflight_key = self.run_keys.inflight(spider.settings["BRANDAUDIT_WORKER_ID"])
        self._pop = server.register_script(_POP)

    def push(self, request: Request) -> None:
        """A retry or redirect of a request this worker holds replaces it in the queue."""
        token = request.meta.pop(TOKEN_META, None)
        request.meta.pop(REQUEUED_META, None)
        super().push(request)
        if token is not None:
            self.server.hdel(self.inflight_key, token)

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self._pop(
            keys=[self.key, self.inflight_key, self.key + ":tokens", self.key + ":requeued"]
        )
        if not popped:
            return None
        token, data, requeued = popped
        request = self._decode_request(data)
        request.meta[TOKEN_META] = token.decode() if isinstance(token, bytes) else token
        if requeued:
            request.meta[REQUEUED_META] = True
        return request


def acknowledge(server: Redis, inflight_key: str, request: Request) -> None:
    """The request's work is handed on: forget it from the worker's in-flight hash."""
    token = request.meta.get(TOKEN_META)
    if token is not None:
        server.hdel(inflight_key, token)


def requeue_dead(server: Redis, keys: RunKeys) -> int:
    """Put back the in-flight requests of workers whose heartbeat expired; how many."""
    requeue = server.register_script(_REQUEUE)
    moved = 0
    for raw in server.scan_iter(match=keys.inflight_pattern, count=100):
        inflight = raw.decode()
        worker = inflight.rsplit(":", 1)[1]
        if not server.exists(keys.alive(worker)):
            moved += int(requeue(keys=[inflight, keys.requests, keys.requests + ":requeued"]))
    return moved


def in_flight_count(server: Redis, keys: RunKeys) -> int:
    return sum(
        int(server.hlen(raw)) for raw in server.scan_iter(match=keys.inflight_pattern, count=100)
    )
