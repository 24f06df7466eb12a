"""Scale-out: one crawl shared by worker processes through Redis (CONTRACT §5).

The coordinator (`audit --redis URL`) publishes a run in Redis; workers (`brandaudit worker`)
crawl it with scrapy-redis's scheduler and queue and our own spider, sharing what was seen,
the page budget and per-host politeness through Redis, and push pages, image bytes and
errors back through a Redis list that the coordinator drains into its run directory.
Workers share no disk with the coordinator. See README, "Large estates".
"""
