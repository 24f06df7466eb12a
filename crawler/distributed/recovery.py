"""What the coordinator does when a worker dies: its requests back in the queue, its host
slots freed. Apart from the queue and the middleware so that the coordinator never imports
Scrapy (about a second of CPU it does not otherwise need)."""

from __future__ import annotations

from redis import Redis

from brandaudit.crawler.distributed.keys import RunKeys

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


def requeue_dead(server: Redis, keys: RunKeys) -> int:
    """Put back the in-flight requests of workers whose heartbeat expired, and free their
    host slots; how many requests."""
    requeue = server.register_script(_REQUEUE)
    moved = 0
    for raw in server.scan_iter(match=keys.inflight_pattern, count=100):
        inflight = raw.decode()
        worker = inflight.rsplit(":", 1)[1]
        if not server.exists(keys.alive(worker)):
            moved += int(requeue(keys=[inflight, keys.requests, keys.requests + ":requeued"]))
            release_dead(server, keys, worker)  # its host slots, at once
    return moved


def release_dead(server: Redis, keys: RunKeys, worker: str) -> int:
    """Remove a dead worker's host slots at once (else they expire); how many."""
    removed = 0
    for host_key in server.scan_iter(match=keys.host_leases("*"), count=100):
        mine = [m for m in server.zrange(host_key, 0, -1) if m.decode().startswith(f"{worker}:")]
        if mine:
            removed += int(server.zrem(host_key, *mine))
    return removed
