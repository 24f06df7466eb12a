"""E-mail about a scheduled audit's new errors (SMTP through smtplib).

The server comes from $BRANDAUDIT_SMTP (host:port, default localhost:25) and the sender from
$BRANDAUDIT_SMTP_FROM; $BRANDAUDIT_SMTP_USER / _PASSWORD log in (with STARTTLS) when set. A
failure is logged, never fatal: the audit itself is already recorded.
"""

from __future__ import annotations

import logging
import os
import smtplib
from email.message import EmailMessage
from typing import Any

log = logging.getLogger(__name__)

SMTP_ENV = "BRANDAUDIT_SMTP"
FROM_ENV = "BRANDAUDIT_SMTP_FROM"


def new_errors_message(
    to: str, schedule_name: str, new_errors: list[dict[str, Any]], report: str, link: str | None
) -> EmailMessage:
    message = EmailMessage()
    count = len(new_errors)
    message["Subject"] = f"[brandaudit] {schedule_name}: {count} new error{'s' * (count != 1)}"
    message["From"] = os.environ.get(FROM_ENV, "brandaudit@localhost")
    message["To"] = to
    lines = [f"The scheduled audit '{schedule_name}' found {count} new error(s):", ""]
    lines += [f"- {f.get('rule')}: {f.get('message')}\n  {f.get('url')}" for f in new_errors[:50]]
    if count > 50:
        lines.append(f"... and {count - 50} more.")
    lines += ["", f"Report: {report}"] + ([f"Dashboard: {link}"] if link else [])
    message.set_content("\n".join(lines))
    return message


def send(message: EmailMessage, timeout_s: float = 20) -> bool:
    host, _, port = os.environ.get(SMTP_ENV, "localhost:25").rpartition(":")
    try:
        with smtplib.SMTP(host or "localhost", int(port or 25), timeout=timeout_s) as smtp:
            user = os.environ.get("BRANDAUDIT_SMTP_USER")
            if user:
                smtp.starttls()
                smtp.login(user, os.environ.get("BRANDAUDIT_SMTP_PASSWORD", ""))
            smtp.send_message(message)
        return True
    except (OSError, smtplib.SMTPException, ValueError) as exc:
        log.warning("the e-mail to %s could not be sent: %s", message["To"], exc)
        return False
