"""The text at the foot of `brandaudit --help`: examples, exit statuses, environment.

Kept as data beside the parser so the README and completion never disagree with it; the
environment list is checked against the variables the code reads (tests/brandaudit/
test_cli_help.py).
"""

from __future__ import annotations

import textwrap

WIDTH = 88

EXAMPLES = (
    ("brandaudit demo", "audit the bundled sample brand on its demo site"),
    (
        "brandaudit audit --guideline brand.yaml https://www.example.com/",
        "crawl a site and write reports/<UTC timestamp>/report.{json,html}",
    ),
    (
        "brandaudit audit --guideline brand.yaml --json --fail-on warning > summary.json",
        "a CI step: JSON summary on stdout, exit 1 on any warning",
    ),
    (
        "brandaudit check --from reports/20261207T090000Z --guideline brand.yaml",
        "re-check a saved crawl after a guideline change (no network)",
    ),
    ("brandaudit diff last~1 last", "what changed since the previous audit"),
    ("brandaudit rules logo.altered", "what a rule looks for and how to fix it"),
    ('eval "$(brandaudit completion bash)"', "tab completion in this shell"),
)

EXIT_STATUSES = (
    ("0", "no finding at or above --fail-on (default: error)"),
    ("1", "a finding at or above --fail-on (diff: a new one)"),
    (
        "2",
        "the command could not run: bad option, unreadable or invalid guideline, "
        "nothing to crawl (one line per problem on stderr)",
    ),
    ("130", "interrupted (Ctrl-C)"),
)

ENVIRONMENT = (
    ("BRANDAUDIT_HEADERS", "'Name: value' lines sent with every request to the audited "
                           "sites (staging credentials; never on the command line)"),
    ("BRANDAUDIT_HISTORY", "the history store (SQLite) when --history is not given"),
    ("BRANDAUDIT_CACHE", "the logo-fingerprint cache (SQLite) path, or 'off'; the re-audit "
     "caches (HTTP, findings) go beside it"),
    ("BRANDAUDIT_HTTP_CACHE_MB", "the bound of each estate's HTTP cache (default 2048)"),
    ("BRANDAUDIT_CHROMIUM", "the Chromium executable for rendering (default: chromium on PATH)"),
    ("BRANDAUDIT_OCR", "'off': read no text inside pictures (OCR is on by default)"),
    ("BRANDAUDIT_TESSERACT", "the tesseract executable for text in pictures (default: on PATH)"),
    ("BRANDAUDIT_DASHBOARD_URL", "the dashboard's address: report.html links back to it"),
    ("BRANDAUDIT_DASHBOARD_TOKEN", "the dashboard's access token when bound beyond loopback"),
    ("BRANDAUDIT_SMTP", "host:port of the SMTP server for scheduled audits' e-mail"),
    ("BRANDAUDIT_SMTP_FROM", "the sender address of those e-mails"),
    ("BRANDAUDIT_SMTP_USER", "SMTP login (with STARTTLS), when the server needs one"),
    ("BRANDAUDIT_SMTP_PASSWORD", "SMTP password for that login"),
    ("BRANDAUDIT_WEBHOOK", "a Slack-compatible webhook URL that receives each audit's counts"),
    ("BRANDAUDIT_PLATFORM_<NAME>_URL", "fetch a social or app-store platform from a mirror, "
                                       "e.g. BRANDAUDIT_PLATFORM_APP_STORE_URL"),
    ("BRANDAUDIT_WORKER_PROFILE", "a folder: each scale-out worker writes a cProfile of its "
                                  "crawl there (<worker>.prof)"),
    ("GITHUB_ACTIONS", "'true': findings are also printed as GitHub annotations"),
)  # fmt: skip


def _table(rows: tuple[tuple[str, str], ...], indent: int = 2) -> list[str]:
    width = max(len(left) for left, _ in rows)
    if width > 34:  # long left columns (commands): description on the next line
        return [line for left, right in rows for line in (f"{' ' * indent}{left}",
                f"{' ' * (indent + 4)}{right}")]  # fmt: skip
    lines = []
    for left, right in rows:
        wrapped = textwrap.wrap(right, WIDTH - indent - width - 2) or [""]
        lines.append(f"{' ' * indent}{left.ljust(width)}  {wrapped[0]}")
        lines += [f"{' ' * (indent + width + 2)}{more}" for more in wrapped[1:]]
    return lines


def epilog() -> str:
    lines = ["examples:", *_table(EXAMPLES), "", "exit status:", *_table(EXIT_STATUSES)]
    lines += ["", "environment:", *_table(ENVIRONMENT)]
    lines += ["", "'brandaudit COMMAND --help' shows a command's options; -v and -q work "
              "before or after COMMAND."]  # fmt: skip
    return "\n".join(lines)
