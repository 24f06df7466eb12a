"""Schedules: stored in the history store, due at their time, one run at a time (leases)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brandaudit.errors import UserError
from brandaudit.schedule import ScheduleStore, build_command
from brandaudit.schedule_runner import new_errors


def test_schedules_survive_a_new_store_and_fall_due(tmp_path: Path) -> None:
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    sid = ScheduleStore(tmp_path / "h.sqlite").add(
        "weekly", "brand.yaml", build_command("audit", "brand.yaml", "https://x.example/"),
        every_minutes=60, first_run=now,
    )  # fmt: skip
    reopened = ScheduleStore(tmp_path / "h.sqlite")  # as after a restart
    assert reopened.due(now - timedelta(minutes=1)) == []
    (due,) = reopened.due(now)
    assert due.id == sid and due.command_line == (
        "brandaudit audit --guideline brand.yaml https://x.example/"
    )
    reopened.finished(due, now, "exit 0, 0 new errors", "7")
    (after,) = reopened.list()
    assert after.next_run > after.last_run and after.last_audit_id == "7"


def test_one_schedule_is_never_leased_twice(tmp_path: Path) -> None:
    store = ScheduleStore(tmp_path / "h.sqlite")
    sid = store.add("s", "g.yaml", ["check", "--from", "r", "--guideline", "g.yaml"], 5)
    assert store.acquire(sid, "runner-1", lease_s=60)
    assert not store.acquire(sid, "runner-2", lease_s=60)
    store.release(sid, "runner-2")  # not its lease: no effect
    assert not store.acquire(sid, "runner-2", lease_s=60)
    store.release(sid, "runner-1")
    assert store.acquire(sid, "runner-2", lease_s=0.05)
    time.sleep(0.1)  # runner-2 died without renewing: its lease expires
    assert store.acquire(sid, "runner-3", lease_s=60)


def test_bad_schedules_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="saved crawl"):
        build_command("check", "g.yaml", "")
    with pytest.raises(UserError, match="above zero"):
        ScheduleStore(tmp_path / "h.sqlite").add("s", "g.yaml", ["audit"], 0)


def test_new_errors_are_those_the_previous_audit_did_not_have() -> None:
    findings = [{"id": i, "severity": s} for i, s in (("a", "error"), ("b", "error"),
                                                     ("c", "warning"))]  # fmt: skip
    doc = {"findings": findings, "history": {"since_last": {"previous_id": "3", "new": ["b", "c"]}}}
    assert [f["id"] for f in new_errors(doc)] == ["b"]
    first = {"findings": findings, "history": {"since_last": {"previous_id": None, "new": []}}}
    assert [f["id"] for f in new_errors(first)] == ["a", "b"]
