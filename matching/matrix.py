"""The completion matrix (units x plan items) and the effective figures: machine results with corrections applied.

Machine results come from the units' *current* reports (`Report.is_current`): their task findings
linked to plan items (`Match`) and their figure findings. Reviewers' corrections
(`models.tables.Correction`, append-only) are keyed to meaning, (unit, year, period kind, plan
item code) for tasks and (unit, year, period kind, metric) for figures, and the newest correction
of a key is in force (models/corrections.py describes the values):

- "accept": the value the reviewer saw is confirmed (source "confirmed");
- "change": the reviewer's status/date (or figure value) replaces the machine's (source "changed");
  a move to another plan item is a "reject" on the old key plus a "change" on the new one;
- "reject": the key has no value (the statement does not report that item).

The older per-field decisions "status", "date", "value" (a change of that field only) and
"plan_item" (new_value {"plan_item": code}: the finding moves to that item) are applied too.

A cell's state is the one of the latest report period; the earlier periods are its history.
Corrections whose key no longer has a machine finding are listed by `orphan_corrections`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.core.errors import ConfigError, PlanError
from thidua.core.plan import quarter_end
from thidua.core.text import fold
from thidua.models.plans import active_plan
from thidua.models.tables import Correction, Finding, Match, Plan, PlanItem, Report, Unit

SOURCE_MACHINE = "machine"
SOURCE_CONFIRMED = "confirmed"
SOURCE_CHANGED = "changed"

#: Order of report periods within a year (6M closes Q2, 9M closes Q3, Y closes Q4).
_PERIOD_RANK = {"Q1": 1, "Q2": 2, "6M": 3, "Q3": 4, "9M": 5, "Q4": 6, "Y": 7, "OTHER": 8}
_PERIOD_END_MONTH = {"Q1": 3, "Q2": 6, "6M": 6, "Q3": 9, "9M": 9, "Q4": 12, "Y": 12}
_STATUS_RANK = {"done": 0, "in_progress": 1, "not_done": 2, "planned": 3}


def period_end(year: int, kind: str | None) -> dt.date:
    """The last day a report period covers (the year's end for thematic reports)."""
    month = _PERIOD_END_MONTH.get(kind or "", 12)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(slots=True)
class Evidence:
    """Where a value comes from: the report, the finding and its text."""

    report_id: int | None
    finding_id: int | None
    text: str
    score: float | None = None
    match_evidence: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "report_id": self.report_id,
            "finding_id": self.finding_id,
            "text": self.text,
            "score": None if self.score is None else round(self.score, 3),
            "match_evidence": self.match_evidence,
        }


@dataclass(slots=True)
class PeriodState:
    """What one report period says about a cell, after corrections."""

    period_kind: str
    state: str
    date: dt.date | None
    report_id: int | None
    report_date: dt.date | None
    confidence: float
    source: str
    evidence: list[Evidence] = field(default_factory=list)
    correction_id: int | None = None

    def sort_key(self, year: int) -> tuple[Any, ...]:
        """Later reports sort later: report date (or period end), period order, report id."""
        when = self.report_date or period_end(year, self.period_kind)
        return (when, _PERIOD_RANK.get(self.period_kind, 9), self.report_id or 0)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "period_kind": self.period_kind,
            "state": self.state,
            "date": self.date.isoformat() if self.date else None,
            "report_id": self.report_id,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "confidence": round(self.confidence, 3),
            "source": self.source,
            "correction_id": self.correction_id,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(slots=True)
class Cell:
    """One unit x plan item: expected or not, the latest state, timing, source and history."""

    unit: str
    item: str
    expected: bool
    due_date: dt.date
    #: done / in_progress / not_done / planned, or None when no current report mentions it.
    state: str | None = None
    date: dt.date | None = None
    confidence: float | None = None
    #: on_time / late / overdue / pending, or None (not expected and not reported, or unknown).
    timing: str | None = None
    days_late: int | None = None
    source: str | None = None
    latest: PeriodState | None = None
    #: Earlier periods' states, oldest first.
    history: list[PeriodState] = field(default_factory=list)

    @property
    def evidence(self) -> list[Evidence]:
        """The evidence of the latest state."""
        return self.latest.evidence if self.latest else []

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "unit": self.unit,
            "item": self.item,
            "expected": self.expected,
            "state": self.state,
            "date": self.date.isoformat() if self.date else None,
            "due_date": self.due_date.isoformat(),
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "timing": self.timing,
            "days_late": self.days_late,
            "source": self.source,
            "period_kind": self.latest.period_kind if self.latest else None,
            "report_id": self.latest.report_id if self.latest else None,
            "correction_id": self.latest.correction_id if self.latest else None,
            "evidence": [e.to_json() for e in self.evidence],
            "history": [h.to_json() for h in self.history],
        }


@dataclass(slots=True)
class MatrixItem:
    """A plan item as a matrix column."""

    id: str
    quarter: int
    content: str
    responsible: str
    responsible_units: list[str]
    due_date: dt.date


@dataclass(slots=True)
class MatrixUnit:
    """A unit as a matrix row."""

    id: int
    name: str
    role: str


@dataclass(slots=True)
class Matrix:
    """Units x plan items of a year's active plan."""

    year: int
    plan_id: int
    title: str
    as_of: dt.date
    units: list[MatrixUnit]
    items: list[MatrixItem]
    cells: dict[tuple[str, str], Cell]

    def cell(self, unit: str, item: str) -> Cell:
        """The cell of a unit (name) and a plan item (code)."""
        return self.cells[(unit, item)]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (what `thidua status --json` prints)."""
        return {
            "year": self.year,
            "plan_id": self.plan_id,
            "title": self.title,
            "as_of": self.as_of.isoformat(),
            "units": [{"name": u.name, "role": u.role} for u in self.units],
            "items": [
                {
                    "id": i.id,
                    "quarter": i.quarter,
                    "content": i.content,
                    "responsible": i.responsible,
                    "responsible_units": i.responsible_units,
                    "due_date": i.due_date.isoformat(),
                }
                for i in self.items
            ],
            "cells": [self.cells[(u.name, i.id)].to_json() for u in self.units for i in self.items],
        }


def _plan(session: Session, year: int | None) -> Plan:
    plan = active_plan(session, year)
    if plan is None:
        which = f"năm {year}" if year else "nào"
        raise PlanError(f"chưa có kế hoạch {which}; hãy chạy: thidua plan import TỆP")
    return plan


def _units(session: Session, unit: str | None) -> list[Unit]:
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


def _expected(item: PlanItem, unit: Unit) -> bool:
    kind = item.responsible_kind
    if kind == "head":
        return unit.role == "head"
    if kind == "units":
        named = {fold(n) for n in item.responsible_units or []}
        return bool(named & {fold(n) for n in (unit.name, *(unit.aliases or []))})
    return True  # "all", "head_and_all"


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _current_reports(session: Session, year: int, unit_ids: list[int]) -> dict[tuple[int, str], Report]:
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


TaskKey = tuple[int, str, str]  # (unit id, period kind, plan item code)


def _machine_tasks(session: Session, year: int, unit_ids: list[int]) -> dict[TaskKey, PeriodState]:
    """The machine's state per (unit, period, item) from current reports: the strongest match wins."""
    rows = session.execute(
        select(Match, Finding, Report, PlanItem.code)
        .join(Finding, Match.finding_id == Finding.id)
        .join(Report, Finding.report_id == Report.id)
        .join(PlanItem, Match.plan_item_id == PlanItem.id)
        .where(
            Report.is_current.is_(True),
            Report.year == year,
            Report.unit_id.in_(unit_ids),
            Finding.kind == "task",
        )
        .order_by(Report.id, Finding.id, Match.id)
    ).all()
    found: dict[TaskKey, list[tuple[Match, Finding, Report]]] = defaultdict(list)
    for match, finding, report, code in rows:
        if report.period_kind:
            found[(report.unit_id, report.period_kind, code)].append((match, finding, report))
    out: dict[TaskKey, PeriodState] = {}
    for key, group in found.items():
        group.sort(
            key=lambda t: (
                -(t[0].score * t[1].confidence),
                _STATUS_RANK.get(t[0].status or t[1].status or "", 9),
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
            confidence=float(match.score) * float(finding.confidence),
            source=SOURCE_MACHINE,
            evidence=[Evidence(r.id, f.id, f.text, float(m.score), m.evidence or "") for m, f, r in group],
        )
    return out


def _corrections(session: Session, target: str, year: int, unit_ids: list[int]) -> list[Correction]:
    q = (
        select(Correction)
        .where(Correction.target == target, Correction.year == year, Correction.unit_id.in_(unit_ids))
        .order_by(Correction.id)
    )
    return list(session.scalars(q))


def _in_force(corrections: list[Correction], name: str) -> dict[tuple[int, str, str], Correction]:
    """The newest correction of each key (corrections come oldest first)."""
    out: dict[tuple[int, str, str], Correction] = {}
    for c in corrections:
        sub = getattr(c, name)
        if c.unit_id is not None and c.period_kind and sub:
            out[(c.unit_id, c.period_kind, sub)] = c
    return out


def _apply_task_corrections(
    machine: dict[TaskKey, PeriodState],
    in_force: dict[TaskKey, Correction],
    reports: dict[tuple[int, str], Report],
) -> dict[TaskKey, PeriodState]:
    out = dict(machine)
    moves: list[tuple[TaskKey, TaskKey, Correction]] = []
    for key, c in in_force.items():
        nv = c.new_value or {}
        if c.field == "plan_item":
            target = nv.get("plan_item") or nv.get("value")
            if target:
                moves.append((key, (key[0], key[1], str(target)), c))
    # Moves first (the legacy "plan_item" field), then each key's decision.
    for old, new, c in moves:
        state = out.pop(old, None) or machine.get(old)
        if state is not None:
            out[new] = dataclasses.replace(state, source=SOURCE_CHANGED, correction_id=c.id, confidence=1.0)
    for key, c in in_force.items():
        nv = c.new_value or {}
        base = out.get(key)
        moved_from = nv.get("moved_from")
        if base is None and moved_from:
            base = machine.get((key[0], key[1], str(moved_from)))
        if c.field == "plan_item":
            continue
        if c.field == "reject":
            out.pop(key, None)
            continue
        if base is None and not (nv.get("status") or (c.field == "status" and nv.get("value"))):
            continue  # no value to show (e.g. a date alone): listed by orphan_corrections
        report = reports.get((key[0], key[1]))
        state = PeriodState(
            period_kind=key[1],
            state=base.state if base else "done",
            date=base.date if base else None,
            report_id=base.report_id if base else (report.id if report else None),
            report_date=base.report_date if base else (report.report_date if report else None),
            confidence=1.0,
            source=SOURCE_CONFIRMED if c.field == "accept" else SOURCE_CHANGED,
            evidence=list(base.evidence) if base else [],
            correction_id=c.id,
        )
        status = nv.get("status") or (nv.get("value") if c.field == "status" else None)
        if status:
            state.state = str(status)
        if c.field in ("accept", "change") and "date" in nv:
            state.date = _date(nv.get("date"))
        if c.field == "date":
            state.date = _date(nv.get("date", nv.get("value")))
        out[key] = state
    return out


def _timing(cell: Cell, as_of: dt.date) -> None:
    due = cell.due_date
    if cell.state == "done":
        when = cell.date or (cell.latest.report_date if cell.latest else None)
        if when is None:
            return
        if when <= due:
            cell.timing = "on_time"
        elif cell.date is not None:
            cell.timing, cell.days_late = "late", (cell.date - due).days
        return
    if not cell.expected:
        return
    if due < as_of:
        cell.timing, cell.days_late = "overdue", (as_of - due).days
    else:
        cell.timing = "pending"


def completion_matrix(
    session: Session, year: int | None = None, unit: str | None = None, as_of: dt.date | None = None
) -> Matrix:
    """Units x items of the active plan: latest state per cell with history, timing and source.

    `year` defaults to the latest year with an active plan; `unit` (a name or alias) keeps one
    unit's row; `as_of` (default today) decides what is overdue.
    """
    plan = _plan(session, year)
    units = _units(session, unit)
    as_of = as_of or dt.date.today()
    unit_ids = [u.id for u in units]
    reports = _current_reports(session, plan.year, unit_ids)
    states = _apply_task_corrections(
        _machine_tasks(session, plan.year, unit_ids),
        _in_force(_corrections(session, "task", plan.year, unit_ids), "plan_item_code"),
        reports,
    )
    per_cell: dict[tuple[int, str], list[PeriodState]] = defaultdict(list)
    for (unit_id, _period, code), state in states.items():
        per_cell[(unit_id, code)].append(state)
    items = [
        MatrixItem(
            i.code,
            i.quarter,
            i.content,
            i.responsible_kind,
            list(i.responsible_units or []),
            i.due_date or quarter_end(i.quarter, plan.year),
        )
        for i in plan.items
    ]
    cells: dict[tuple[str, str], Cell] = {}
    for u in units:
        for row, item in zip(plan.items, items):
            cell = Cell(u.name, item.id, _expected(row, u), item.due_date)
            found = sorted(per_cell.get((u.id, item.id), []), key=lambda s: s.sort_key(plan.year))
            if found:
                latest = found[-1]
                cell.latest, cell.history = latest, found[:-1]
                cell.state, cell.date = latest.state, latest.date
                cell.confidence, cell.source = latest.confidence, latest.source
            _timing(cell, as_of)
            cells[(u.name, item.id)] = cell
    return Matrix(
        plan.year,
        plan.id,
        plan.title,
        as_of,
        [MatrixUnit(u.id, u.name, u.role) for u in units],
        items,
        cells,
    )


@dataclass(slots=True)
class FigureValue:
    """A unit's figure for one metric in one report period, with corrections applied."""

    unit: str
    period_kind: str
    metric: str
    value: float
    source: str
    confidence: float
    report_id: int | None
    report_date: dt.date | None
    evidence: list[Evidence] = field(default_factory=list)
    correction_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "unit": self.unit,
            "period_kind": self.period_kind,
            "metric": self.metric,
            "value": value,
            "source": self.source,
            "confidence": round(self.confidence, 3),
            "report_id": self.report_id,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "correction_id": self.correction_id,
            "evidence": [e.to_json() for e in self.evidence],
        }


def _machine_figures(session: Session, year: int, unit_ids: list[int]) -> dict[TaskKey, FigureValue]:
    """Machine figures per (unit, period, metric) from current reports.

    Several findings of one metric in one report (e.g. two table rows of Giấy khen) add up.
    """
    rows = session.execute(
        select(Finding, Report, Unit.name)
        .join(Report, Finding.report_id == Report.id)
        .join(Unit, Report.unit_id == Unit.id)
        .where(
            Report.is_current.is_(True),
            Report.year == year,
            Report.unit_id.in_(unit_ids),
            Finding.kind == "figure",
            Finding.metric.is_not(None),
        )
        .order_by(Report.id, Finding.id)
    ).all()
    out: dict[TaskKey, FigureValue] = {}
    for finding, report, unit_name in rows:
        if not report.period_kind or finding.value is None:
            continue
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


def effective_figures(session: Session, year: int, unit: str | None = None) -> list[FigureValue]:
    """Figures per unit, report period and metric from current reports, with corrections applied."""
    units = _units(session, unit)
    names = {u.id: u.name for u in units}
    unit_ids = list(names)
    figures = _machine_figures(session, year, unit_ids)
    reports = _current_reports(session, year, unit_ids)
    for key, c in _in_force(_corrections(session, "figure", year, unit_ids), "metric").items():
        nv = c.new_value or {}
        base = figures.get(key)
        if c.field == "reject":
            figures.pop(key, None)
            continue
        value = nv.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            if base is None:
                continue
            value = base.value
        report = reports.get((key[0], key[1]))
        source = SOURCE_CONFIRMED if c.field == "accept" and (base is None or base.value == value) else SOURCE_CHANGED
        figures[key] = FigureValue(
            names[key[0]], key[1], key[2], float(value), source, 1.0,
            base.report_id if base else (report.id if report else None),
            base.report_date if base else (report.report_date if report else None),
            list(base.evidence) if base else [], c.id,
        )
    return sorted(
        figures.values(),
        key=lambda f: (unit_ids.index(next(k for k, v in names.items() if v == f.unit)),
                       _PERIOD_RANK.get(f.period_kind, 9), f.metric),
    )


@dataclass(slots=True)
class OrphanCorrection:
    """A correction in force whose key no longer has a machine finding."""

    correction_id: int
    target: str
    unit: str | None
    period_kind: str | None
    key: str
    field: str
    new_value: dict[str, Any]
    created_at: dt.datetime | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "correction_id": self.correction_id,
            "target": self.target,
            "unit": self.unit,
            "period_kind": self.period_kind,
            "key": self.key,
            "field": self.field,
            "new_value": self.new_value,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "reason": self.reason,
        }


def _made_on_machine_value(c: Correction) -> bool:
    old = c.old_value or {}
    return c.finding_id is not None or any(k in old for k in ("status", "value", "text", "date"))


def orphan_corrections(session: Session, year: int) -> list[OrphanCorrection]:
    """Corrections in force whose key has no finding in the current reports any more.

    Reviewers' additions (a "change" on a key the machine never had, made on no finding) are not
    orphans; a "reject" or "accept" with nothing to act on, or a change of a finding that is gone,
    are. Their values still count in the matrix (a reviewer's decision is never dropped); the
    review page lists them so someone re-checks them against the new reading.
    """
    units = {u.id: u.name for u in session.scalars(select(Unit))}
    unit_ids = list(units)
    tasks = _machine_tasks(session, year, unit_ids)
    figures = _machine_figures(session, year, unit_ids)
    out = []
    for target, name, machine in (("task", "plan_item_code", tasks), ("figure", "metric", figures)):
        for key, c in _in_force(_corrections(session, target, year, unit_ids), name).items():
            moved_from = (c.new_value or {}).get("moved_from")
            backed = key in machine or (moved_from is not None and (key[0], key[1], str(moved_from)) in machine)
            if backed:
                continue
            if c.field in ("reject", "accept", "plan_item"):
                reason = "không còn phát hiện nào của máy cho mục này"
            elif _made_on_machine_value(c):
                reason = "phát hiện được sửa không còn trong báo cáo hiện hành"
            else:
                continue
            out.append(
                OrphanCorrection(
                    c.id, target, units.get(key[0]), key[1], key[2], c.field, dict(c.new_value or {}),
                    c.created_at, reason,
                )
            )
    return sorted(out, key=lambda o: o.correction_id)
