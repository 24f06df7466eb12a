"""Social profiles and app-store listings: fetched, reduced to ProfileArtifacts, stored.

Each platform is one adapter module in `platforms/`; `registry` maps a URL to its adapter,
`run` fetches (the only module here that imports Scrapy), `store` reads and writes
`profiles.jsonl` in the run directory, `discover` finds profile links on the brand's pages.
"""
