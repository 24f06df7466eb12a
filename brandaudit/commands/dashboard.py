"""`brandaudit dashboard`: the brand team's workspace over the history store (local web app).

Heavy imports (Flask, waitress) happen inside run(), so other commands never pay for them.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dashboard",
        help="serve the dashboard (estates, trends, triage, schedules) on 127.0.0.1",
        description="A local web app over the history store. Bound to 127.0.0.1 by default; "
        "bound to any other address it requires a token ($BRANDAUDIT_DASHBOARD_TOKEN, or "
        "one printed at start). Also runs the scheduled audits unless --no-scheduler.",
    )
    parser.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free)")
    parser.add_argument(
        "--no-scheduler", action="store_true", help="do not run scheduled audits in this process"
    )
    parser.add_argument(
        "--scheduler-interval", type=float, default=30.0, metavar="S",
        help="seconds between looks for due schedules (default 30)",
    )  # fmt: skip
    parser.add_argument(
        "--reports-dir", type=Path, metavar="DIR",
        help="where scheduled audits write their reports (default: beside the history store)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    import socket

    from waitress import create_server

    from brandaudit.dashboard.app import create_app
    from brandaudit.dashboard.security import TOKEN_ENV, Access, is_loopback
    from brandaudit.history import history_path

    token = None
    if not is_loopback(args.host):
        token = os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(18)
    history = history_path(args.history)
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    app = create_app(history, Access(args.host, port, token))
    server = create_server(app, sockets=[sock], threads=4)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"brandaudit dashboard on {address} (history {history})", flush=True)
    if not args.no_scheduler:
        from brandaudit.schedule_runner import start_in_thread

        start_in_thread(history, args.reports_dir, dashboard_url=address.split("?")[0],
                        interval_s=args.scheduler_interval)  # fmt: skip
    try:
        server.run()
    finally:
        server.close()
    return 0
