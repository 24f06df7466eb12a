"""Gathering: Scrapy (and Playwright, through scrapy-playwright) turn touchpoints into artifacts.

The only package that imports Scrapy or Playwright.
"""
