"""Fewer round trips, same guarantees: batched writes and claims made ahead, on real Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from redis import Redis

from brandaudit.crawler.distributed.batch import WriteBatch
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.shared_state import ClaimContext, ClaimSet


@pytest.fixture
def keys(redis_url: str) -> Iterator[RunKeys]:
    """A run of its own, whose keys are deleted afterwards: the crawl tests sharing this
    database assert that a finished run leaves no key behind."""
    run = RunKeys(uuid.uuid4().hex)
    yield run
    server = Redis.from_url(redis_url)
    for key in server.scan_iter(match=run.pattern, count=500):
        server.delete(key)


def _commands(server: Redis) -> int:
    return int(server.info("stats")["total_commands_processed"])


def test_a_batch_is_invisible_until_flushed_and_sent_in_one_transaction(
    redis_url: str, keys: RunKeys
) -> None:
    server = Redis.from_url(redis_url)
    batch = WriteBatch(server)
    for i in range(5):
        batch.pipe.rpush(keys.outbox, f"record {i}")
    batch.pipe.hdel(keys.inflight("w"), "token")  # an acknowledgement, after its outputs
    assert server.llen(keys.outbox) == 0  # a worker killed now loses outputs and ack together
    before = _commands(server)
    results = batch.flush(lambda pipe: pipe.llen(keys.outbox))
    # MULTI, 6 writes, the read, EXEC (and the INFO of `_commands`): one round trip.
    assert _commands(server) - before == 1 + 1 + 6 + 1 + 1
    assert results == [5]  # the read in the same transaction sees every write before it
    assert [r.decode() for r in server.lrange(keys.outbox, 0, -1)] == [
        f"record {i}" for i in range(5)
    ]
    assert batch.flush() == [] and len(batch) == 0


def test_claims_made_ahead_answer_each_page_even_when_pages_interleave(
    redis_url: str, keys: RunKeys
) -> None:
    server = Redis.from_url(redis_url)
    key = keys.seen_pages
    a_context, b_context = ClaimContext(), ClaimContext()
    worker_a = ClaimSet(server, key, a_context)
    worker_b = ClaimSet(server, key, b_context)
    worker_b.add("/taken-by-b")
    a_context.owner = "/page-1"
    worker_a.prefetch(["/x", "/y", "/taken-by-b", "/x"])
    a_context.owner = "/page-2"  # another page's callback runs between two outputs of page 1
    worker_a.prefetch(["/y", "/z"])
    assert "/z" not in worker_a  # page 2 claimed /z
    a_context.owner = "/page-1"
    assert "/x" not in worker_a  # new: page 1 claimed it
    assert "/x" in worker_a  # the same link twice on a page: one request
    assert "/taken-by-b" in worker_a
    assert "/y" not in worker_a  # page 1 claimed /y before page 2 asked
    a_context.owner = "/page-2"
    assert "/y" in worker_a
    b_context.owner = "/page-3"
    assert all(u in worker_b for u in ("/x", "/y", "/z"))  # and for every other worker
    assert {k.decode(): v.decode() for k, v in server.hgetall(key).items()} == {
        "/taken-by-b": "",
        "/x": "/page-1",
        "/y": "/page-1",
        "/z": "/page-2",
    }


def test_a_page_taken_back_from_a_dead_worker_may_claim_its_links_again(
    redis_url: str, keys: RunKeys
) -> None:
    server = Redis.from_url(redis_url)
    key = keys.seen_pages
    context = ClaimContext(owner="/page-1")
    ClaimSet(server, key, context).prefetch(["/x"])  # the worker dies before queueing /x
    again = ClaimSet(server, key, context)
    context.reclaim = "/page-1"
    again.prefetch(["/x", "/w"])
    assert "/x" not in again and "/w" not in again
    context.owner = context.reclaim = "/page-9"
    assert "/x" in again
