"""The contact inventory: every other address on the brand's own domains, where it appears.

Mailing lists, role addresses (press@, jobs@, security@) and subdomain addresses
(dev@lists.brand.org) are the organisation's legitimately; holding them to the guideline's
canonical contact made every one a false `fact.mismatch`. They are not errors, but a brand
team wants to know which addresses its sites publish, so report.json lists them as
`contacts`: [{kind, value, domain, pages, occurrences}], sorted by value.
Near misses of a canonical address are not listed here: `fact.mismatch` reports them.
"""

from __future__ import annotations

from typing import Any

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.facts import email_expected
from brandaudit.checks.text.blocks import iter_block_texts
from brandaudit.checks.text.contact import EMAIL, brand_domain, brand_domains
from brandaudit.crawler.run_store import CrawlResult

MAX_PAGES = 10  # example pages kept per address; `occurrences` counts them all
# Every character whose NFKC form holds "@" (EMAIL needs one): "@", "﹫" and "＠".
AT_SIGNS = ("@", "\ufe6b", "\uff20")


def contact_inventory(result: CrawlResult, guideline: Guideline) -> list[dict[str, Any]]:
    """Addresses on the brand's domains that are neither canonical nor a near miss."""
    domains = brand_domains(guideline.facts.email, guideline.touchpoints.websites)
    emails = {e.lower() for e in guideline.facts.email}
    found: dict[str, dict[str, Any]] = {}
    if not domains:
        return []
    for page, text in iter_block_texts(result, holding=AT_SIGNS):
        if "@" not in text:
            continue  # EMAIL needs one: the search skipped in most blocks
        for match in EMAIL.finditer(text):
            address = match.group(0).lower()
            own = brand_domain(match.group(1), domains)
            if not own or address in emails:
                continue
            if email_expected(address, match.group(1).lower(), emails, domains):
                continue
            entry = found.setdefault(
                address,
                {"kind": "email", "value": address, "domain": own, "pages": [], "occurrences": 0},
            )
            entry["occurrences"] += 1
            if page.url not in entry["pages"] and len(entry["pages"]) < MAX_PAGES:
                entry["pages"].append(page.url)
    return [found[key] for key in sorted(found)]
