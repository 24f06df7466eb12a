"""Who may use the dashboard: the Host check, the access token, and CSRF protection.

- Bound to loopback (the default) only requests naming a loopback Host are served, so a web
  page elsewhere cannot reach it through DNS rebinding. No token is needed.
- Bound to anything else a token is required (from $BRANDAUDIT_DASHBOARD_TOKEN, else a new
  one printed at start): `?token=` once (kept in an HttpOnly cookie), or `Authorization:
  Bearer`.
- Every form carries a CSRF token equal to a SameSite=Strict cookie, and a POST must come
  from the dashboard's own origin (Origin, else Referer).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response, abort, g, redirect, request

TOKEN_ENV = "BRANDAUDIT_DASHBOARD_TOKEN"
TOKEN_COOKIE = "brandaudit_token"
CSRF_COOKIE = "brandaudit_csrf"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Access:
    host: str
    port: int
    token: str | None  # None: loopback binding, no token needed


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header.split("]")[0] + "]"
    return host_header.rsplit(":", 1)[0]


def _same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc) == (request.scheme, request.host)


def install(app: Flask, access: Access) -> None:
    """Add the checks to every request of `app`."""

    @app.before_request
    def _guard() -> Response | None:
        if access.token is None and not is_loopback(_host_name(request.host)):
            abort(400, "this dashboard answers only on a loopback address")
        if access.token is not None and not _token_ok(access.token):
            given = request.args.get("token")
            if given is not None and hmac.compare_digest(given, access.token):
                response = redirect(request.path)
                response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="Strict")
                return response
            abort(401, "a token is required: open the address printed when the dashboard started")
        g.csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        if request.method == "POST":
            origin = request.headers.get("Origin") or request.headers.get("Referer")
            if not origin or not _same_origin(origin):
                abort(403, "cross-site request refused (Origin is not this dashboard)")
            sent = request.form.get("csrf", "")
            cookie = request.cookies.get(CSRF_COOKIE, "")
            if not cookie or not hmac.compare_digest(sent, cookie):
                abort(403, "cross-site request refused (missing or wrong form token)")
        return None

    @app.after_request
    def _cookie(response: Response) -> Response:
        if request.cookies.get(CSRF_COOKIE) != g.get("csrf") and g.get("csrf"):
            response.set_cookie(CSRF_COOKIE, g.csrf, httponly=True, samesite="Strict")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
        )
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def _token_ok(token: str) -> bool:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and hmac.compare_digest(header[7:], token):
        return True
    return hmac.compare_digest(request.cookies.get(TOKEN_COOKIE, ""), token)
