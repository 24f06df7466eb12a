"""The spider's bookkeeping, held in Redis so that every worker sees the same crawl.

Each class has the interface of what `SiteSpider` keeps in memory (a set, a deque,
`PageBudget`), so the spider's code runs unchanged. The one difference is deliberate: a
membership test *claims* the key (SADD), because the spider always adds what it tested and
two workers must never both find a URL new. Each claim records the page whose parsing made
it (see `ClaimContext`). Claims are cached locally once made, so links met again cost no
round trip. A page's links, and its body, are claimed ahead on the worker's asyncio client
(`ClaimSet.claim_ahead`, `BodyClaims.claim_ahead`: one round trip each, during which the
reactor goes on), so the spider's membership tests find their answers waiting; a test with
no answer waiting is a synchronous round trip, as before.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redis import Redis

from brandaudit.crawler.distributed.batch import WriteBatch
from brandaudit.crawler.distributed.keys import RunKeys


@dataclass
class ClaimContext:
    """Which page's outputs the spider is producing now (set by the spider on every step).

    `reclaim` is that page's URL when its request was re-queued from a dead worker: the
    links it claimed before the worker died may never have reached the queue, so it may
    claim them again (they may be fetched twice; never lost).
    """

    owner: str = ""
    reclaim: str = ""
    depth: int = 0  # the owner page's depth


# KEYS: the claims hash (key -> owner page); ARGV: key, owner, reclaim. 1: already claimed.
_CLAIM = """
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if not owner then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 0 end
if ARGV[3] ~= '' and owner == ARGV[3] then return 0 end
return 1
"""

# The same for several keys; ARGV: owner, reclaim, key... Returns one 0/1 per key.
_CLAIM_MANY = """
local out = {}
for i = 3, #ARGV do
  local owner = redis.call('HGET', KEYS[1], ARGV[i])
  if not owner then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
    out[#out + 1] = 0
  elseif ARGV[2] ~= '' and owner == ARGV[2] then
    out[#out + 1] = 0
  else
    out[#out + 1] = 1
  end
end
return out
"""


class ClaimSet:
    """A set shared by all workers whose `in` claims the key (true only if it was taken)."""

    def __init__(
        self, server: Redis, key: str, context: ClaimContext, batch: WriteBatch | None = None
    ) -> None:
        self.server, self.key, self.context, self.batch = server, key, context, batch
        self._known: set[str] = set()
        # Claimed ahead by `prefetch`, not yet tested, by owner page: pages parse
        # interleaved (a callback yields), so each page keeps its own answers.
        self._answers: dict[str, dict[str, bool]] = {}
        self._claim = server.register_script(_CLAIM)
        self._claim_many = server.register_script(_CLAIM_MANY)
        self._claim_many_async: Any = None
        self._reissued: set[str] = set()

    def _todo(self, items: Iterable[str]) -> list[str]:
        reclaim = self.context.reclaim
        self._answers.pop(self.context.owner, None)
        return list(dict.fromkeys(i for i in items if reclaim or i not in self._known))

    def _keep(self, owner: str, todo: list[str], answers: list[Any]) -> None:
        self._answers[owner] = {i: bool(answer) for i, answer in zip(todo, answers, strict=True)}

    def prefetch(self, items: Iterable[str]) -> None:
        """Claim now, in one round trip, the keys the spider is about to test (and claim)
        one by one for the current owner; each answer is used by the next test of its key."""
        owner, reclaim = self.context.owner, self.context.reclaim
        todo = self._todo(items)
        if todo:
            self._keep(owner, todo, self._claim_many(keys=[self.key], args=[owner, reclaim, *todo]))

    async def claim_ahead(self, items: Iterable[str]) -> None:
        """`prefetch` on the worker's asyncio client: the reactor goes on meanwhile."""
        assert self.batch is not None
        owner, reclaim = self.context.owner, self.context.reclaim
        todo = self._todo(items)
        if not todo:
            return
        if self._claim_many_async is None:
            self._claim_many_async = self.batch.client.register_script(_CLAIM_MANY)
        answers = await self._claim_many_async(keys=[self.key], args=[owner, reclaim, *todo])
        self._keep(owner, todo, answers)

    def __contains__(self, item: object) -> bool:
        item = str(item)
        if item in self._reissued:
            self._reissued.discard(item)
            self._known.add(item)
            return False
        ahead = self._answers.get(self.context.owner)
        answer = ahead.pop(item, None) if ahead else None
        if answer is not None:
            self._known.add(item)
            if not ahead:
                del self._answers[self.context.owner]
            return answer
        if item in self._known and not self.context.reclaim:
            return True
        self._known.add(item)
        owner, reclaim = self.context.owner, self.context.reclaim
        return bool(self._claim(keys=[self.key], args=[item, owner, reclaim]))

    def add(self, item: str) -> None:
        if item not in self._known:
            self._known.add(item)
            self.server.hsetnx(self.key, item, self.context.owner)

    def forget(self, owner: str) -> None:
        """Drop answers `owner`'s page claimed ahead and never asked for (it stopped early)."""
        self._answers.pop(owner, None)

    def known(self, item: str) -> None:
        """`item` is claimed in Redis already (by whichever worker): no round trip for it."""
        self._known.add(item)

    def discard(self, item: str) -> None:
        """The spider takes back `item` to request it now (a page that waited in the backlog
        for a budget slot, popped by this worker alone): the claim stays in Redis, so no other
        worker takes it, and the next test here finds it new."""
        self._known.discard(item)
        for ahead in self._answers.values():
            ahead.pop(item, None)
        self._reissued.add(item)


class BodyClaims:
    """Page bodies seen, by digest, each claimed by one page URL: the same URL fetched again
    (a request re-queued from a dead worker) is not a duplicate of itself."""

    def __init__(
        self, server: Redis, key: str, context: ClaimContext, batch: WriteBatch | None = None
    ) -> None:
        self.server, self.key, self.context, self.batch = server, key, context, batch
        self._claim = server.register_script(_CLAIM)
        self._claim_async: Any = None
        self._answers: dict[tuple[str, bytes], bool] = {}  # (owner, digest) -> answer

    async def claim_ahead(self, digest: bytes) -> None:
        """Claim for the current owner now, on the asyncio client; the test answers from it."""
        assert self.batch is not None
        owner = self.context.owner
        if self._claim_async is None:
            self._claim_async = self.batch.client.register_script(_CLAIM)
        answer = await self._claim_async(keys=[self.key], args=[digest, owner, owner])
        self._answers[(owner, digest)] = bool(answer)

    def __contains__(self, digest: object) -> bool:
        owner = self.context.owner
        answer = self._answers.pop((owner, digest), None)  # type: ignore[arg-type]
        if answer is not None:
            return answer
        return bool(self._claim(keys=[self.key], args=[digest, owner, owner]))

    def add(self, digest: bytes) -> None:
        """Done by the membership test already."""

    def forget(self, owner: str) -> None:
        """Drop answers `owner`'s page claimed ahead and never asked for (it stopped early)."""
        for key in [k for k in self._answers if k[0] == owner]:
            del self._answers[key]


_RESERVE = """
local limit = tonumber(ARGV[1])
local emitted = tonumber(redis.call('HGET', KEYS[1], 'emitted') or '0')
local in_flight = tonumber(redis.call('HGET', KEYS[1], 'in_flight') or '0')
if emitted + in_flight >= limit then return 0 end
redis.call('HINCRBY', KEYS[1], 'in_flight', 1)
return 1
"""


class SharedBudget:
    """`PageBudget` (exact max_pages) across workers: counters in one Redis hash."""

    def __init__(self, server: Redis, key: str, limit: int | None) -> None:
        self.server, self.key, self.limit = server, key, limit
        self._reserve = server.register_script(_RESERVE)

    # Without a limit there is nothing to share: no round trip.

    def reserve(self) -> bool:
        if self.limit is None:
            return True
        return bool(self._reserve(keys=[self.key], args=[self.limit]))

    def emitted_one(self) -> None:
        if self.limit is not None:
            pipe = self.server.pipeline()
            pipe.hincrby(self.key, "in_flight", -1).hincrby(self.key, "emitted", 1).execute()

    def release(self) -> None:
        if self.limit is not None:
            self.server.hincrby(self.key, "in_flight", -1)

    @property
    def emitted(self) -> int:
        return int(self.server.hget(self.key, "emitted") or 0)

    @property
    def exhausted(self) -> bool:
        return self.limit is not None and self.emitted >= self.limit


class SharedBacklog:
    """The deque of pages waiting for a budget slot, as a Redis list."""

    def __init__(self, server: Redis, key: str) -> None:
        self.server, self.key = server, key

    def append(self, entry: tuple[str, int, str | None]) -> None:
        self.server.rpush(self.key, json.dumps(list(entry)))

    def popleft(self) -> tuple[str, int, str | None]:
        raw = self.server.lpop(self.key)
        if raw is None:
            raise IndexError("pop from an empty backlog")
        url, depth, referrer = json.loads(raw)
        return url, depth, referrer

    def __len__(self) -> int:
        return int(self.server.llen(self.key))

    def __bool__(self) -> bool:
        return len(self) > 0


class SharedSites:
    """The crawl's own sites (host[:port]); a seed redirecting to another host adds it for all.

    Read from a local copy refreshed at most once a second on a miss, since `is_own_site` runs
    for every link.
    """

    REFRESH_S = 1.0

    def __init__(self, server: Redis, key: str, initial: Iterable[str]) -> None:
        self.server, self.key = server, key
        self._local = set(initial)
        if self._local:
            server.sadd(key, *self._local)
        self._fresh_at = 0.0

    def __contains__(self, item: object) -> bool:
        if item in self._local:
            return True
        now = time.monotonic()
        if now - self._fresh_at >= self.REFRESH_S:
            self._fresh_at = now
            self._local = {m.decode() for m in self.server.smembers(self.key)}
        return item in self._local

    def add(self, item: str) -> None:
        self._local.add(item)
        self.server.sadd(self.key, item)

    def update(self, items: Iterable[str]) -> None:
        for item in items:
            self.add(item)


def share_spider_state(
    spider: Any,
    server: Redis,
    keys: RunKeys,
    context: ClaimContext,
    batch: WriteBatch | None = None,
) -> None:
    """Replace a `SiteSpider`'s in-memory bookkeeping by the run's shared state."""
    spider.seen_pages = ClaimSet(server, keys.seen_pages, context, batch)
    spider.seen_images = ClaimSet(server, keys.seen_images, context, batch)
    spider.seen_bodies = BodyClaims(server, keys.bodies, context, batch)
    spider.budget = SharedBudget(server, keys.budget, spider.options.max_pages)
    spider.backlog = SharedBacklog(server, keys.backlog)
    spider.scope.sites = SharedSites(server, keys.sites, spider.scope.sites)
