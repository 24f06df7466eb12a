"""Scheduled audits, kept in the history store so they survive restarts.

A schedule is a brandaudit command line (`audit ...` or `check --from ...`) run every N
minutes. A lease row per running schedule (table schedule_leases) makes sure two scheduler
processes, or two ticks of one, never run the same schedule at once; a lease that is not
renewed expires, so a crashed runner does not block its schedule for ever.
"""

from __future__ import annotations

import json
import shlex
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from brandaudit.errors import UserError
from brandaudit.history import HistoryStore

COMMANDS = ("audit", "check")


@dataclass(frozen=True)
class Schedule:
    id: int
    name: str
    guideline: str
    command: list[str]  # the brandaudit arguments, without --out and --history
    every_minutes: float
    next_run: str
    email: str | None = None
    enabled: bool = True
    last_run: str | None = None
    last_status: str | None = None
    last_audit_id: str | None = None

    @property
    def command_line(self) -> str:
        return "brandaudit " + shlex.join(self.command)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_command(kind: str, guideline: str, target: str) -> list[str]:
    """`audit --guideline G URL...` or `check --from RUN_DIR --guideline G`."""
    if kind not in COMMANDS:
        raise UserError(f"schedule kind '{kind}': expected audit or check")
    if not guideline.strip():
        raise UserError("a schedule needs a guideline path")
    if kind == "check":
        if not target.strip():
            raise UserError("a check schedule needs the folder of a saved crawl")
        return ["check", "--from", target.strip(), "--guideline", guideline]
    return ["audit", "--guideline", guideline, *target.split()]


class ScheduleStore:
    def __init__(self, history: HistoryStore | Path | str | None = None) -> None:
        self.history = history if isinstance(history, HistoryStore) else HistoryStore(history)

    def add(
        self,
        name: str,
        guideline: str,
        command: list[str],
        every_minutes: float,
        email: str | None = None,
        first_run: datetime | None = None,
    ) -> int:
        if every_minutes <= 0:
            raise UserError("a schedule runs every N minutes, N above zero")
        first = stamp(first_run or datetime.now(UTC))
        with self.history.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO schedules (name, guideline, command, every_minutes, next_run, email)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name or guideline, guideline, json.dumps(command), every_minutes, first, email),
            )
            return int(cursor.lastrowid or 0)

    def add_from_form(self, form: Mapping[str, str]) -> int:
        try:
            every = float(form.get("every_minutes", ""))
        except ValueError:
            raise UserError("every: give a number of minutes") from None
        guideline = form.get("guideline", "").strip()
        command = build_command(form.get("kind", "audit"), guideline, form.get("target", ""))
        return self.add(form.get("name", "").strip(), guideline, command, every,
                        form.get("email", "").strip() or None)  # fmt: skip

    def list(self) -> list[Schedule]:
        with self.history.connect() as conn:
            rows = conn.execute("SELECT * FROM schedules ORDER BY id").fetchall() if conn else []
        return [_schedule(row) for row in rows]

    def delete(self, schedule_id: int) -> None:
        with self.history.connect(write=True) as conn:
            conn.execute("DELETE FROM schedules WHERE id = ?", (schedule_id,))

    def due(self, now: datetime) -> list[Schedule]:
        return [s for s in self.list() if s.enabled and s.next_run <= stamp(now)]

    def acquire(self, schedule_id: int, holder: str, lease_s: float) -> bool:
        """Take the schedule's lease unless another holder has an unexpired one."""
        now = time.time()
        with self.history.connect(write=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            cursor = conn.execute(
                "INSERT INTO schedule_leases (schedule_id, holder, expires) VALUES (?, ?, ?)"
                " ON CONFLICT(schedule_id) DO UPDATE SET holder = excluded.holder,"
                " expires = excluded.expires WHERE schedule_leases.expires < ?",
                (schedule_id, holder, now + lease_s, now),
            )
            return cursor.rowcount == 1

    def renew(self, schedule_id: int, holder: str, lease_s: float) -> None:
        with self.history.connect(write=True) as conn:
            conn.execute(
                "UPDATE schedule_leases SET expires = ? WHERE schedule_id = ? AND holder = ?",
                (time.time() + lease_s, schedule_id, holder),
            )

    def release(self, schedule_id: int, holder: str) -> None:
        with self.history.connect(write=True) as conn:
            conn.execute(
                "DELETE FROM schedule_leases WHERE schedule_id = ? AND holder = ?",
                (schedule_id, holder),
            )

    def finished(
        self, schedule: Schedule, started: datetime, status: str, audit_id: str | None
    ) -> None:
        """Record the run and set the next one (from the planned time, never in the past)."""
        step = timedelta(minutes=schedule.every_minutes)
        planned = datetime.fromisoformat(schedule.next_run.replace("Z", "+00:00"))
        following = planned + step
        now = datetime.now(UTC)
        if following <= now:
            following = now + step
        with self.history.connect(write=True) as conn:
            conn.execute(
                "UPDATE schedules SET last_run = ?, last_status = ?, last_audit_id = ?,"
                " next_run = ? WHERE id = ?",
                (stamp(started), status, audit_id, stamp(following), schedule.id),
            )


def _schedule(row: sqlite3.Row) -> Schedule:
    data = dict(row)
    data["command"] = json.loads(data["command"])
    data["enabled"] = bool(data["enabled"])
    return Schedule(**data)
