"""The brand team's workspace: a local web app over the history store (`brandaudit dashboard`).

Flask + waitress: the store is synchronous SQLite and every page is one short query, so a
threaded WSGI app is the simplest fit; both are long-maintained, pure Python, and need no
build step. Pages are server-rendered jinja2 and work without JavaScript. The app lives in
`brandaudit.dashboard.app` (imported only by the command, so audits never load Flask).
"""
