"""The completion matrix: units x plan items of the active plan, latest state per cell with history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy.orm import Session

from thidua.core.plan import quarter_end
from thidua.readmodel.corrections import apply_task_corrections, in_force
from thidua.readmodel.queries import (
    active_plan_or_error,
    corrections_of,
    current_reports,
    expected_of,
    machine_tasks,
    select_units,
)
from thidua.readmodel.values import Cell, Matrix, MatrixItem, MatrixUnit, PeriodState


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
    plan = active_plan_or_error(session, year)
    units = select_units(session, unit)
    as_of = as_of or dt.date.today()
    unit_ids = [u.id for u in units]
    reports = current_reports(session, plan.year, unit_ids)
    states = apply_task_corrections(
        machine_tasks(session, plan.year, unit_ids),
        in_force(corrections_of(session, "task", plan.year, unit_ids), "plan_item_code"),
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
            cell = Cell(u.name, item.id, expected_of(row, u), item.due_date)
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
