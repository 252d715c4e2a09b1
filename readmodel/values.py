"""The read model's values: matrix cells with their period states and evidence, figures, orphans."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from thidua.core.jsonable import jsonable, whole_or_float

SOURCE_MACHINE = "machine"
SOURCE_CONFIRMED = "confirmed"
SOURCE_CHANGED = "changed"

#: Order of report periods within a year (6M closes Q2, 9M closes Q3, Y closes Q4).
PERIOD_RANK = {"Q1": 1, "Q2": 2, "6M": 3, "Q3": 4, "9M": 5, "Q4": 6, "Y": 7, "OTHER": 8}
_PERIOD_END_MONTH = {"Q1": 3, "Q2": 6, "6M": 6, "Q3": 9, "9M": 9, "Q4": 12, "Y": 12}
STATUS_RANK = {"done": 0, "in_progress": 1, "not_done": 2, "planned": 3}


#: (unit id, period kind, plan item code or metric)
TaskKey = tuple[int, str, str]


def certainty(confidence: float, score: float | None) -> float:
    """The one figure of how sure the machine is: the lower of extraction confidence and match score.

    The review queue sorts and bulk-accepts by it and the matrix shows it, so a reviewer sees one
    number everywhere (never a product of the two on one page and a minimum on another).
    """
    return min(confidence, score) if score is not None else confidence


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
        return jsonable(self)


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
        return (when, PERIOD_RANK.get(self.period_kind, 9), self.report_id or 0)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return jsonable(self)


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
        """JSON-ready dict (counts as whole numbers)."""
        return jsonable(self) | {"value": whole_or_float(self.value)}


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
        return jsonable(self)
