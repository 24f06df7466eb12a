"""A worker's writes to Redis, sent together and off the reactor: one round trip, no wait.

On a loaded machine each synchronous Redis call blocks the worker's reactor for a context
switch to redis-server and back (7-26 ms measured at load 10-12), during which it handles no
response. Writes whose order matters but whose answer does not (outbox records and blobs,
queued requests, acknowledgements, host-lease renewals) are recorded here and sent in one
MULTI/EXEC, in the order they were made, with the next queue pop or at the latest every
FLUSH_S, on an asyncio Redis client: the reactor goes on while the batch travels. Flushes
run one at a time, in order (a lock), so batches reach Redis in the order they were made.

Guarantees hold because the order holds: a request's acknowledgement is recorded after its
outputs, so a worker killed before a flush loses the outputs and the acknowledgement
together, and its request is re-queued; and MULTI/EXEC means the coordinator's snapshot
never sees half a batch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from redis import Redis
from redis.asyncio import Redis as AsyncRedis

log = logging.getLogger(__name__)

FLUSH_S = 0.05


class _Recorder:
    """`batch.pipe.<command>(...)` records the command for the next flush."""

    def __init__(self, batch: WriteBatch) -> None:
        self._batch = batch

    def __getattr__(self, name: str) -> Callable[..., _Recorder]:
        def record(*args: Any, **kwargs: Any) -> _Recorder:
            self._batch._commands.append((name, args, kwargs))
            return self

        return record


class WriteBatch:
    """Ordered Redis writes waiting for the next flush (reactor thread only)."""

    def __init__(self, server: Redis, redis_url: str | None = None) -> None:
        self.server = server
        self.redis_url = redis_url
        self._commands: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._pipe = _Recorder(self)
        self._async: AsyncRedis | None = None
        self._lock: asyncio.Lock | None = None
        self._loop: Any = None

    def __len__(self) -> int:
        return len(self._commands)

    @property
    def pipe(self) -> Any:
        """Queue a write on it (`batch.pipe.rpush(...)`); it is sent at the next flush."""
        return self._pipe

    @property
    def client(self) -> AsyncRedis:
        """The worker's asyncio client (made in the reactor's loop, on first use)."""
        if self._async is None:
            if self.redis_url is None:
                raise RuntimeError("an asynchronous flush needs the batch's Redis URL")
            self._async = AsyncRedis.from_url(self.redis_url)
        return self._async

    def _take(self, pipe: Any, then: Callable[[Any], Any] | None) -> int:
        commands, self._commands = self._commands, []
        for name, args, kwargs in commands:
            getattr(pipe, name)(*args, **kwargs)
        before = len(pipe)
        if then is not None:
            then(pipe)
        return before

    def flush(self, then: Callable[[Any], Any] | None = None) -> list[Any]:
        """Send every recorded write (and `then(pipe)`, e.g. a pop, in the same round trip)
        now, blocking; the results of the commands `then` added. Only where no asynchronous
        flush can be under way (before the reactor runs, in tests)."""
        pipe = self.server.pipeline(transaction=True)
        before = self._take(pipe, then)
        return pipe.execute()[before:] if len(pipe) else []

    async def flush_async(self, then: Callable[[Any], Any] | None = None) -> list[Any]:
        """`flush` without blocking the reactor; flushes run one after the other."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # FIFO: batches reach Redis in the order they were made
            pipe = self.client.pipeline(transaction=True)
            before = self._take(pipe, then)
            if not len(pipe):
                return []
            return list(await pipe.execute())[before:]

    def _tick(self) -> Any:
        from twisted.internet.defer import Deferred

        if not self._commands:
            return None
        return Deferred.fromFuture(asyncio.ensure_future(self._flush_logged()))

    async def _flush_logged(self) -> None:
        try:
            await self.flush_async()
        except Exception:  # the next tick tries again with what is recorded after
            log.exception("sending the worker's writes to Redis failed")

    def start(self) -> None:
        """Flush every FLUSH_S on the reactor, for writes made while no pop comes."""
        from twisted.internet.task import LoopingCall

        if self._loop is None:
            self._loop = LoopingCall(self._tick)
            self._loop.start(FLUSH_S, now=False)

    async def stop(self) -> None:
        """The last flush, after the engine's last writes (engine_stopped)."""
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._loop = None
        await self.flush_async()
        if self._async is not None:
            await self._async.aclose()
            self._async = None


def batch_of(crawler: Any) -> WriteBatch:
    """The one batch of this worker's crawl (shared by spider, queue, pipeline, middleware)."""
    batch = getattr(crawler, "ba_write_batch", None)
    if batch is None:
        url = crawler.settings["REDIS_URL"]
        batch = WriteBatch(Redis.from_url(url), url)
        crawler.ba_write_batch = batch
    return batch
