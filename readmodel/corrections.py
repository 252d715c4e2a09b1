"""How reviewers' corrections apply to machine values: the newest correction of a key is in force."""

from __future__ import annotations

import dataclasses
from typing import Any

from thidua.models.corrections import without_undone
from thidua.models.tables import Correction, Report
from thidua.readmodel.queries import parse_date
from thidua.readmodel.values import (
    SOURCE_CHANGED,
    SOURCE_CONFIRMED,
    FigureValue,
    PeriodState,
    TaskKey,
)


def in_force(corrections: list[Correction], name: str) -> dict[tuple[int, str, str], Correction]:
    """The newest correction of each key not undone (corrections come oldest first)."""
    out: dict[tuple[int, str, str], Correction] = {}
    for c in without_undone(corrections):
        sub = getattr(c, name)
        if c.unit_id is not None and c.period_kind and sub:
            out[(c.unit_id, c.period_kind, sub)] = c
    return out


def apply_task_corrections(
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
            state.date = parse_date(nv.get("date"))
        if c.field == "date":
            state.date = parse_date(nv.get("date", nv.get("value")))
        out[key] = state
    return out


def made_on_machine_value(c: Correction) -> bool:
    """Whether a correction was made on a value the machine had found."""
    old = c.old_value or {}
    return c.finding_id is not None or any(k in old for k in ("status", "value", "text", "date"))


def apply_figure_corrections(
    machine: dict[TaskKey, FigureValue],
    corrections: dict[TaskKey, Correction],
    reports: dict[tuple[int, str], Report],
    names: dict[int, str],
) -> dict[TaskKey, FigureValue]:
    """The figures after the corrections in force: a reject drops a value, accept/change set it."""
    figures = dict(machine)
    for key, c in corrections.items():
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
    return figures
