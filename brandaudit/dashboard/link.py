"""The link from a report back to the dashboard, when one is configured.

$BRANDAUDIT_DASHBOARD_URL (the scheduler sets it for the audits it starts) is the
dashboard's address; the report then links to its audit's page there.
"""

from __future__ import annotations

import os
from typing import Any

DASHBOARD_URL_ENV = "BRANDAUDIT_DASHBOARD_URL"


def dashboard_link(document: dict[str, Any], base: str | None = None) -> dict[str, str] | None:
    """{"url", "audit_url"} for report["dashboard"], or None when no dashboard is configured
    or the audit was not recorded in the history (the dashboard could not show it)."""
    base = (base or os.environ.get(DASHBOARD_URL_ENV, "")).strip().rstrip("/")
    audit_id = document.get("audit", {}).get("id")
    if not base.startswith(("http://", "https://")) or not audit_id:
        return None
    return {"url": base + "/", "audit_url": f"{base}/audit/{audit_id}"}
