"""Effective figures: machine figures of current reports with reviewers' corrections applied."""

from __future__ import annotations

from sqlalchemy.orm import Session

from thidua.readmodel.corrections import apply_figure_corrections, in_force
from thidua.readmodel.queries import corrections_of, current_reports, machine_figures, select_units
from thidua.readmodel.values import PERIOD_RANK, FigureValue


def effective_figures(session: Session, year: int, unit: str | None = None) -> list[FigureValue]:
    """Figures per unit, report period and metric from current reports, with corrections applied."""
    units = select_units(session, unit)
    names = {u.id: u.name for u in units}
    unit_ids = list(names)
    figures = machine_figures(session, year, unit_ids)
    corrections = in_force(corrections_of(session, "figure", year, unit_ids), "metric")
    figures = apply_figure_corrections(figures, corrections, current_reports(session, year, unit_ids), names)
    return sorted(
        figures.values(),
        key=lambda f: (unit_ids.index(next(k for k, v in names.items() if v == f.unit)),
                       PERIOD_RANK.get(f.period_kind, 9), f.metric),
    )
