"""The outbox carries run-folder records as bytes; host slots kept by workers hold the cap.

On a real redis-server: what the coordinator appends is byte for byte what a single-process
crawl writes, and two workers' slots of one host never exceed its limit, while a worker's
idle slots go back so that another can take them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from brandaudit.crawler.artifacts import CrawlError, ImageArtifact, PageArtifact, TextBlock
from brandaudit.crawler.distributed.batch import WriteBatch
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.outbox import OutboxDrain, OutboxWriter
from brandaudit.crawler.distributed.politeness import HostSlots
from brandaudit.crawler.run_store import ERRORS, IMAGES, PAGES, RunWriter, load_run


@pytest.fixture
def keys(redis_url: str) -> Iterator[RunKeys]:
    run = RunKeys(uuid.uuid4().hex)
    yield run
    server = Redis.from_url(redis_url)
    for key in server.scan_iter(match=run.pattern, count=500):
        server.delete(key)


def _artifacts() -> tuple[PageArtifact, ImageArtifact, CrawlError, bytes]:
    page = PageArtifact(
        url="http://127.0.0.1/ü", status=200, title="Bridges — “NovaBridge”",
        text_blocks=(TextBlock(text="承载创意的桥梁。 Nova Bridge", selector="main > p"),),
    )  # fmt: skip
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    image = ImageArtifact("http://127.0.0.1/logo.png", 200, "image/png", None, len(data))
    error = CrawlError("http://127.0.0.1/gone", "page", "HTTP 404", 404, "http://127.0.0.1/ü")
    return page, image, error, data


def test_records_reach_the_run_folder_byte_for_byte(
    tmp_path: Path, redis_url: str, keys: RunKeys
) -> None:
    page, image, error, data = _artifacts()
    local = RunWriter(tmp_path / "local")  # what a single-process crawl writes
    sha = local.store_blob(data)
    image = ImageArtifact(image.url, image.status, image.content_type, sha, image.size_bytes)
    local.add_page(page)
    local.add_image(image)
    local.add_error(error)
    local.close()

    server = Redis.from_url(redis_url)
    batch = WriteBatch(server)
    worker = OutboxWriter(server, keys, batch)
    assert worker.store_blob(data) == sha
    worker.add_page(page)
    worker.add_image(image)
    worker.add_error(error)
    assert server.llen(keys.outbox) == 0  # recorded, not sent
    batch.flush()
    stats: dict[str, object] = {}
    drain = OutboxDrain(server, keys, tmp_path / "remote", stats.__setitem__)
    assert drain.drain() == 3
    drain.close()
    for name in (PAGES, IMAGES, ERRORS):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    result = load_run(tmp_path / "remote")
    assert result.image_bytes(result.images[image.url]) == data
    assert [p.title for p in result.pages] == [page.title]


def test_a_missing_blob_is_an_error_not_a_silent_image(
    tmp_path: Path, redis_url: str, keys: RunKeys
) -> None:
    server = Redis.from_url(redis_url)
    _, image, _, _ = _artifacts()
    OutboxWriter(server, keys).add_image(
        ImageArtifact(image.url, 200, "image/png", "0" * 64, image.size_bytes)
    )
    with pytest.raises(RuntimeError, match=r"logo\.png"):
        OutboxDrain(server, keys, tmp_path / "run", lambda *_: None).drain()


def test_slots_kept_by_two_workers_never_exceed_the_host_limit(
    redis_url: str, keys: RunKeys
) -> None:
    async def scenario() -> None:
        server = Redis.from_url(redis_url)
        batch = WriteBatch(server, redis_url)
        host = keys.host_leases("127.0.0.1:8000")
        a = HostSlots(keys, "a", limit=2, lease_s=30.0, batch=batch)
        b = HostSlots(keys, "b", limit=2, lease_s=30.0, batch=batch)
        first, second = await a.take(host), await a.take(host)
        assert server.zcard(host) == 2
        waiting = asyncio.ensure_future(b.take(host))
        await asyncio.sleep(0.2)
        assert not waiting.done()  # the host is at its limit: b waits
        a.give(host, first)
        assert await a.take(host) == first  # a's own slot comes back without Redis
        a.give(host, first)
        a.give(host, second)
        a.tick()  # used since the last tick: kept, renewed
        await batch.flush_async()
        assert server.zcard(host) == 2 and not waiting.done()
        a.tick()  # free a whole tick: given back
        await batch.flush_async()
        taken = await asyncio.wait_for(waiting, 2.0)
        assert taken.startswith("b:")
        assert server.zcard(host) == 1  # a's two went back, b took one
        await batch.stop()

    asyncio.run(scenario())
