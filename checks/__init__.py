"""Checks: pure functions from crawl artifacts and the guideline to findings."""
