"""The Redis keys of one distributed run, all under `brandaudit:run:<id>:`.

One naming place, so the coordinator, the workers and the clean-up agree.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTIVE_RUNS = "brandaudit:runs"  # set of run ids that workers may join


@dataclass(frozen=True)
class RunKeys:
    run_id: str

    @property
    def prefix(self) -> str:
        return f"brandaudit:run:{self.run_id}:"

    def _key(self, name: str) -> str:
        return self.prefix + name

    @property
    def spec(self) -> str:  # the crawl options (JSON)
        return self._key("spec")

    @property
    def requests(self) -> str:  # scrapy-redis priority queue (sorted set)
        return self._key("requests")

    @property
    def dupefilter(self) -> str:  # scrapy-redis request fingerprints
        return self._key("dupefilter")

    def inflight(self, worker: str) -> str:  # hash: token -> serialized request
        return self._key(f"inflight:{worker}")

    @property
    def inflight_pattern(self) -> str:
        return self._key("inflight:*")

    def alive(self, worker: str) -> str:  # heartbeat key with a time to live
        return self._key(f"alive:{worker}")

    @property
    def workers(self) -> str:  # set of worker ids that joined
        return self._key("workers")

    @property
    def seen_pages(self) -> str:
        return self._key("seen_pages")

    @property
    def seen_images(self) -> str:
        return self._key("seen_images")

    @property
    def bodies(self) -> str:  # hash: body digest -> the URL that claimed it
        return self._key("bodies")

    @property
    def budget(self) -> str:  # hash: emitted, in_flight
        return self._key("budget")

    @property
    def backlog(self) -> str:  # list of pages waiting for a free budget slot
        return self._key("backlog")

    @property
    def sites(self) -> str:  # set of site keys (host[:port]) that belong to the crawl
        return self._key("sites")

    @property
    def outbox(self) -> str:  # list of JSON records for the coordinator
        return self._key("outbox")

    def blob(self, sha256: str) -> str:
        return self._key(f"blob:{sha256}")

    def host_leases(self, host: str) -> str:  # sorted set: lease token -> expiry time
        return self._key(f"host:{host}")

    @property
    def seeded(self) -> str:  # set once a worker has queued the seeds
        return self._key("seeded")

    @property
    def done(self) -> str:  # set by the coordinator: workers close
        return self._key("done")

    @property
    def pattern(self) -> str:
        return self._key("*")
