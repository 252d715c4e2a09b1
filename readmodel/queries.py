"""Queries of the read model: the active plan, units, current reports, machine tasks and figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from thidua.core.errors import ConfigError, PlanError
from thidua.core.text import fold
from thidua.models.plans import active_plan
from thidua.models.results import is_proposal
from thidua.models.tables import Correction, Finding, Match, Plan, PlanItem, Report, Unit
from thidua.readmodel.values import SOURCE_MACHINE, STATUS_RANK, Evidence, FigureValue, PeriodState, TaskKey, certainty


def active_plan_or_error(session: Session, year: int | None) -> Plan:
    """The active plan of a year (the latest year when None); PlanError when there is none."""
    plan = active_plan(session, year)
    if plan is None:
        which = f"năm {year}" if year else "nào"
        raise PlanError(f"chưa có kế hoạch {which}; hãy chạy: thidua plan import TỆP")
    return plan


def select_units(session: Session, unit: str | None) -> list[Unit]:
    """The units in matrix order (head first), or the one named (by name or alias)."""
    rows = list(session.scalars(select(Unit).order_by(Unit.id)))
    # The head first, then members in the order of the units file.
    rows.sort(key=lambda u: (u.role != "head", u.id))
    if unit is None:
        return rows
    key = fold(unit)
    chosen = [u for u in rows if key in {fold(n) for n in (u.name, *(u.aliases or []))}]
    if not chosen:
        names = ", ".join(u.name for u in rows) or "(chưa có đơn vị nào)"
        raise ConfigError(f"không có đơn vị '{unit}' (các đơn vị: {names})")
    return chosen


def expected_of(item: PlanItem, unit: Unit) -> bool:
    """Whether the plan expects this unit to carry out this item."""
    kind = item.responsible_kind
    if kind == "head":
        return unit.role == "head"
    if kind == "units":
        named = {fold(n) for n in item.responsible_units or []}
        return bool(named & {fold(n) for n in (unit.name, *(unit.aliases or []))})
    return True  # "all", "head_and_all"


def parse_date(value: Any) -> dt.date | None:
    """A date from a stored value (date, ISO string or None)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def current_reports(session: Session, year: int, unit_ids: list[int]) -> dict[tuple[int, str], Report]:
    """The current report of each (unit, period kind); the latest when several claim to be current."""
    out: dict[tuple[int, str], Report] = {}
    q = (
        select(Report)
        .where(Report.is_current.is_(True), Report.year == year, Report.unit_id.in_(unit_ids))
        .order_by(Report.report_date.is_(None), Report.report_date, Report.id)
    )
    for r in session.scalars(q):
        if r.unit_id is not None and r.period_kind:
            out[(r.unit_id, r.period_kind)] = r
    return out


def _in_current_reports(year: int, unit_ids: list[int]) -> tuple[ColumnElement[bool], ...]:
    """Findings of the units' current reports of a year (the read model never sees superseded ones)."""
    return (Report.is_current.is_(True), Report.year == year, Report.unit_id.in_(unit_ids))


def machine_tasks(session: Session, year: int, unit_ids: list[int]) -> dict[TaskKey, PeriodState]:
    """The machine's state per (unit, period, item) from current reports: the strongest match wins."""
    rows = session.execute(
        select(Match, Finding, Report, PlanItem.code)
        .join(Finding, Match.finding_id == Finding.id)
        .join(Report, Finding.report_id == Report.id)
        .join(PlanItem, Match.plan_item_id == PlanItem.id)
        .where(*_in_current_reports(year, unit_ids), Finding.kind == "task")
        .order_by(Report.id, Finding.id, Match.id)
    ).all()
    found: dict[TaskKey, list[tuple[Match, Finding, Report]]] = defaultdict(list)
    for match, finding, report, code in rows:
        if report.unit_id is not None and report.period_kind:  # the query's filters; typed for mypy
            found[(report.unit_id, report.period_kind, code)].append((match, finding, report))
    out: dict[TaskKey, PeriodState] = {}
    for key, group in found.items():
        group.sort(
            key=lambda t: (
                -(t[0].score * t[1].confidence),
                STATUS_RANK.get(t[0].status or t[1].status or "", 9),
                t[1].id,
            )
        )
        match, finding, report = group[0]
        out[key] = PeriodState(
            period_kind=key[1],
            state=match.status or finding.status or "done",
            date=match.date if match.date is not None else finding.date,
            report_id=report.id,
            report_date=report.report_date,
            confidence=certainty(float(finding.confidence), float(match.score)),
            source=SOURCE_MACHINE,
            evidence=[Evidence(r.id, f.id, f.text, float(m.score), m.evidence or "") for m, f, r in group],
        )
    return out


def machine_figures(session: Session, year: int, unit_ids: list[int]) -> dict[TaskKey, FigureValue]:
    """Machine figures per (unit, period, metric) from current reports.

    Several findings of one metric in one report (e.g. two table rows of Giấy khen) add up.
    Awards only proposed (`extra["proposed"]`, see models.results.is_proposal) are skipped.
    """
    rows = session.execute(
        select(Finding, Report, Unit.name)
        .join(Report, Finding.report_id == Report.id)
        .join(Unit, Report.unit_id == Unit.id)
        .where(*_in_current_reports(year, unit_ids), Finding.kind == "figure", Finding.metric.is_not(None))
        .order_by(Report.id, Finding.id)
    ).all()
    out: dict[TaskKey, FigureValue] = {}
    for finding, report, unit_name in rows:
        if report.unit_id is None or not report.period_kind or finding.metric is None or finding.value is None:
            continue  # excluded by the query's filters; typed for mypy
        if is_proposal(finding):
            continue  # an award only proposed is shown to reviewers, never counted
        key = (report.unit_id, report.period_kind, finding.metric)
        fig = out.get(key)
        ev = Evidence(report.id, finding.id, finding.text, None, "")
        if fig is None or fig.report_id != report.id:
            if fig is not None and (report.report_date or dt.date.min) < (fig.report_date or dt.date.min):
                continue  # an older current report of the same period: keep the newer
            out[key] = FigureValue(
                unit_name, report.period_kind, finding.metric, float(finding.value), SOURCE_MACHINE,
                float(finding.confidence), report.id, report.report_date, [ev],
            )
        else:
            fig.value += float(finding.value)
            fig.confidence = min(fig.confidence, float(finding.confidence))
            fig.evidence.append(ev)
    return out


def corrections_of(session: Session, target: str, year: int, unit_ids: list[int]) -> list[Correction]:
    """The corrections of one target ("task" or "figure") of a year, oldest first."""
    q = (
        select(Correction)
        .where(Correction.target == target, Correction.year == year, Correction.unit_id.in_(unit_ids))
        .order_by(Correction.id)
    )
    return list(session.scalars(q))


def done_items(session: Session, unit_id: int | None, year: int | None) -> set[str]:
    """Plan item codes the machine found done by a unit in its current reports of a year (any period)."""
    if unit_id is None or year is None:
        return set()
    return {code for (uid, _period, code), state in machine_tasks(session, year, [unit_id]).items()
            if uid == unit_id and state.state == "done"}
