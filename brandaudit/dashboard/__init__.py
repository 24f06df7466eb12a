"""The brand team's workspace: a local web app over the history store (`brandaudit dashboard`).

Flask + waitress: the store is synchronous SQLite and every page is one short query, so a
threaded WSGI app is the simplest fit; both are long-maintained, pure Python, and need no
build step. Pages are server-rendered jinja2 and work without JavaScript.
"""

from brandaudit.dashboard.app import create_app

__all__ = ["create_app"]
