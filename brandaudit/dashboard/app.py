"""The dashboard's pages: estates, one estate (trend, touchpoints, KPI), an audit's findings
with triage, the diff of two audits, schedules."""

from __future__ import annotations

import getpass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, abort, g, redirect, render_template, request, url_for
from markupsafe import Markup

from brandaudit.dashboard import estates as views
from brandaudit.dashboard.filters import filter_findings, finding_facets
from brandaudit.dashboard.kpi import TARGET, period_kpi
from brandaudit.dashboard.security import Access, install
from brandaudit.diff import diff_reports
from brandaudit.errors import UserError
from brandaudit.history import HistoryStore
from brandaudit.schedule import ScheduleStore
from brandaudit.trend_chart import trend_svg
from brandaudit.trends import trend
from brandaudit.triage import LABELS, STATUSES, Decision, TriageStore, now_utc

TEMPLATES = Path(__file__).parent / "templates"


class _Dashboard(Flask):
    def select_jinja_autoescape(self, filename: str) -> bool:
        return True  # every template here is HTML (named .j2, as in reports/templates)


def create_app(history: Path | str | None, access: Access | None = None) -> Flask:
    app = _Dashboard(__name__, template_folder=str(TEMPLATES), static_folder=None)
    store = HistoryStore(history)
    triage = TriageStore(store)
    schedules = ScheduleStore(store)
    install(app, access or Access("127.0.0.1", 0, None))
    app.jinja_env.globals.update(LABELS=LABELS, STATUSES=STATUSES, TARGET=TARGET)
    app.jinja_env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.0f} %"
    app.jinja_env.filters["when"] = _when

    @app.errorhandler(UserError)
    def _user_error(exc: UserError) -> tuple[str, int]:
        return render_template("error.j2", message=str(exc)), 400

    @app.get("/")
    def index() -> str:
        all_estates = views.estates(store)
        sparks = {
            e.guideline: Markup(views.sparkline([views.mean_score(a.scores)
                                                 for a in reversed(e.audits[:20])]))
            for e in all_estates
        }  # fmt: skip
        return render_template(
            "index.j2",
            estates=all_estates,
            sparks=sparks,
            history=store.path,
            false_alarms=triage.false_alarms_by_rule(),
        )

    @app.get("/estate")
    def estate() -> str:
        guideline = request.args.get("g", "")
        found = views.estate(store, guideline)
        if found is None:
            abort(404, f"no audits of {guideline!r} in this history")
        today = datetime.now(UTC).date()
        first = _date(request.args.get("from"), today - timedelta(days=365))
        last = _date(request.args.get("to"), today)
        decisions = triage.current()
        tps = views.touchpoint_trends(found.audits[:30])
        return render_template(
            "estate.j2",
            estate=found,
            chart=Markup(trend_svg(trend(store, limit=30, guideline=guideline))),
            touchpoints=tps,
            sparks={(t.kind, t.url): Markup(views.sparkline([p[2] for p in t.points]))
                    for t in tps},
            kpi=period_kpi(store, found.audits, first, last, decisions),
            first=first, last=last,
            schedules=[s for s in schedules.list() if s.guideline == guideline],
        )  # fmt: skip

    @app.get("/audit/<int:audit_id>")
    def audit(audit_id: int) -> str:
        doc = _load(store, str(audit_id))
        decisions = triage.current()
        chosen = {
            k: request.args.get(k, "") for k in ("severity", "rule", "touchpoint", "status", "q")
        }
        findings = [_with_decision(f, decisions) for f in doc["findings"]]
        shown = filter_findings(findings, **chosen)
        return render_template(
            "audit.j2", audit_id=audit_id, doc=doc, findings=shown, total=len(findings),
            facets=finding_facets(findings), chosen=chosen,
            set_aside=(doc.get("triage") or {}).get("set_aside", []),
            regressions=(doc.get("triage") or {}).get("regressions", []),
            coverage=doc.get("coverage"), who=request.cookies.get("brandaudit_who", _login()),
        )  # fmt: skip

    @app.post("/triage")
    def mark() -> Any:
        form = request.form
        who = form.get("who", "").strip()
        decision = Decision(
            finding_id=form.get("finding_id", ""), status=form.get("status", ""), who=who,
            at=now_utc(), reason=form.get("reason") or None,
            assignee=form.get("assignee") or None, guideline=form.get("guideline") or None,
            rule=form.get("rule") or None, url=form.get("url") or None,
            message=form.get("message") or None,
        )  # fmt: skip
        triage.record(decision)
        back = form.get("next", "/")
        response = redirect(back if back.startswith("/") and not back.startswith("//") else "/")
        response.set_cookie("brandaudit_who", who, samesite="Strict", httponly=True)
        return response

    @app.get("/diff")
    def diff() -> str:
        a, b = request.args.get("a", ""), request.args.get("b", "")
        result = diff_reports(_load(store, a), _load(store, b))
        return render_template("diff.j2", a=a, b=b, result=result)

    @app.get("/schedules")
    def schedule_list() -> str:
        return render_template("schedules.j2", schedules=schedules.list(),
                               guidelines=[e.guideline for e in views.estates(store)])  # fmt: skip

    @app.post("/schedules")
    def schedule_add() -> Any:
        form = request.form
        schedules.add_from_form(form)
        return redirect(url_for("schedule_list"))

    @app.post("/schedules/<int:schedule_id>/delete")
    def schedule_delete(schedule_id: int) -> Any:
        schedules.delete(schedule_id)
        return redirect(url_for("schedule_list"))

    @app.context_processor
    def _csrf() -> dict[str, Any]:
        return {"csrf": g.get("csrf", "")}

    return app


def _when(stamp: str | None) -> str:
    """'2026-12-07T15:50:45Z' as '2026-12-07 15:50 UTC' (stored times are UTC)."""
    return f"{stamp[:10]} {stamp[11:16]} UTC" if stamp and len(stamp) >= 16 else (stamp or "")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _date(text: str | None, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        raise UserError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _load(store: HistoryStore, ref: str) -> dict[str, Any]:
    if not ref.isdigit():
        raise UserError(f"'{ref}': give an audit id")
    return store.load(ref)


def _with_decision(finding: dict[str, Any], decisions: dict[str, Decision]) -> dict[str, Any]:
    decision = decisions.get(finding["id"])
    if decision is None:
        return finding
    return {**finding, "decision": decision.as_dict()}
