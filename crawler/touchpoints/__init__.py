"""Social profiles and app-store listings: fetched, reduced to ProfileArtifacts, stored.

Each platform is one adapter module in `platforms/`; `registry` maps a URL to its adapter,
`run` fetches (the only module here that imports Scrapy), `store` reads and writes
`profiles.jsonl` and `profile_links.jsonl` in the run directory, `discover` finds profile
links on the brand's pages. What checks may read: `artifacts`, `store` and `profile_urls`
(which platform a URL is, one key per profile), none of which loads an adapter.
"""
