"""Points per unit and criterion, totals and ranks, each point with the evidence behind it.

Everything is computed from the current data on demand: the completion matrix and the effective
figures (machine results with reviewers' corrections applied, readmodel), the reports'
dates, and the reviewers' manual entries (scoring.manual). `score_year` stores the result in the
`scores` table with `computed_at`; nothing reads the stored rows back to compute.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from thidua.core.errors import ConfigError
from thidua.readmodel import Cell, FigureValue, Matrix, completion_matrix, effective_figures
from thidua.core.settings import Settings
from thidua.models.tables import Correction, Report, Score, SourceFile, Unit
from thidua.scoring.manual import manual_entries, received_dates
from thidua.scoring.table import BONUS_CAP, TOTAL, Criterion, Deadline, ScoringTable, find_table

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MACHINE = "machine"
REVIEWER = "reviewer"
#: Points are kept to this many decimals; totals are compared (for ranks) at 2 decimals.
_DECIMALS = 4


def _r(value: float) -> float:
    return round(value + 0.0, _DECIMALS)


def _local_day(value: dt.datetime) -> dt.date:
    """The day in Vietnam of a stored time (SQLite hands back naive UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(LOCAL_TZ).date()


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(slots=True)
class CriterionScore:
    """A unit's points on one criterion, with one evidence entry per thing that gave or took points."""

    criterion_id: str
    points: float
    max_points: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    #: Some point rests on a finding no reviewer has confirmed (source "machine").
    unreviewed: bool = False
    #: A manual criterion nobody has graded yet.
    pending: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "criterion": self.criterion_id,
            "points": round(self.points, 2),
            "max_points": round(self.max_points, 2),
            "unreviewed": self.unreviewed,
            "pending": self.pending,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class UnitScore:
    """One unit's row of the score sheet: points per criterion, total and rank."""

    unit_id: int
    unit: str
    role: str
    criteria: dict[str, CriterionScore]
    total: float = 0.0
    rank: int = 0

    @property
    def unreviewed(self) -> bool:
        """True when any criterion rests on unreviewed findings."""
        return any(c.unreviewed for c in self.criteria.values())

    @property
    def pending(self) -> list[str]:
        """The manual criteria still to be graded."""
        return [cid for cid, c in self.criteria.items() if c.pending]

    def points(self, criterion_id: str) -> float | None:
        """The points on a criterion, None when the unit has no such line."""
        c = self.criteria.get(criterion_id)
        return None if c is None else c.points

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "unit": self.unit,
            "role": self.role,
            "rank": self.rank,
            "total": round(self.total, 2),
            "unreviewed": self.unreviewed,
            "pending": self.pending,
            "criteria": [c.to_json() for c in self.criteria.values()],
        }


@dataclass(slots=True)
class ScoreSheet:
    """The scores of a year: the table used, units by rank, and the matrix they rest on."""

    year: int
    table: ScoringTable
    as_of: dt.date
    computed_at: dt.datetime
    units: list[UnitScore]
    matrix: Matrix
    figures: list[FigureValue]

    def columns(self) -> list[tuple[str, str, float]]:
        """(criterion id, name, max points) of every column, the bonus-cap line when any unit has it."""
        cols = [(c.id, c.name, c.max_points) for c in self.table.criteria]
        if any(BONUS_CAP in u.criteria for u in self.units):
            cols.append((BONUS_CAP, "Giảm điểm thưởng vượt mức trần", 0.0))
        return cols

    def unit(self, name: str) -> UnitScore:
        """The row of a unit by name."""
        for u in self.units:
            if u.unit == name:
                return u
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (what `thidua score --json` prints)."""
        t = self.table
        return {
            "year": self.year,
            "title": t.title,
            "cluster": t.cluster,
            "table_file": t.path,
            "as_of": self.as_of.isoformat(),
            "computed_at": self.computed_at.isoformat(),
            "max_total": t.max_total,
            "bonus_total_cap": t.bonus_total_cap,
            "deadlines": [
                {"period": d.period, "name": d.name, "date": d.date.isoformat(), "kinds": list(d.kinds)}
                for d in t.deadlines
            ],
            "criteria": [
                {"id": c.id, "section": c.section, "name": c.name, "rule": c.rule, "max_points": c.max_points, "bonus": c.bonus}
                for c in t.criteria
            ],
            "units": [u.to_json() for u in self.units],
        }


# ---- plan tasks --------------------------------------------------------------------------------


def done_date(cell: Cell) -> tuple[dt.date | None, Any]:
    """The date the work was done: the latest state's, else the newest earlier report that gives one."""
    if cell.date is not None:
        return cell.date, cell.latest
    for state in reversed(cell.history):
        if state.state == "done" and state.date is not None:
            return state.date, state
    return None, cell.latest


def _finding_ids(state: Any) -> list[int]:
    return sorted({e.finding_id for e in (state.evidence if state else []) if e.finding_id is not None})


def _plan_tasks(c: Criterion, cells: list[Cell]) -> CriterionScore:
    expected = [cell for cell in cells if cell.expected and (not c.items or cell.item in c.items)]
    n = len(expected)
    per_item = c.points_per_item if c.points_per_item is not None else (c.max_points / n if n else 0.0)
    out = CriterionScore(c.id, 0.0, _r(per_item * n))
    for cell in expected:
        entry: dict[str, Any] = {
            "kind": "task",
            "item": cell.item,
            "state": cell.state,
            "due_date": cell.due_date.isoformat(),
            "of": _r(per_item),
            "source": cell.source,
            "period_kind": cell.latest.period_kind if cell.latest else None,
            "report_id": cell.latest.report_id if cell.latest else None,
            "finding_ids": _finding_ids(cell.latest),
            "correction_id": cell.latest.correction_id if cell.latest else None,
        }
        fraction, note = 0.0, ""
        if cell.state == "done":
            when, state = done_date(cell)
            entry["date"] = _iso(when)
            if state is not cell.latest and state is not None:
                entry["date_from"] = {
                    "period_kind": state.period_kind,
                    "report_id": state.report_id,
                    "finding_ids": _finding_ids(state),
                    "correction_id": state.correction_id,
                    "source": state.source,
                }
                if state.source == MACHINE:
                    out.unreviewed = True
            if when is not None:
                late = (when - cell.due_date).days
                timing = "on_time" if late <= 0 else "late"
            else:
                # No date anywhere: the matrix's timing says whether the report itself came by the due date.
                timing, late = ("on_time", 0) if cell.timing == "on_time" else ("undated", None)
            entry["timing"], entry["days_late"] = timing, late if timing == "late" else None
            fraction = {"on_time": 1.0, "late": c.late_fraction, "undated": c.undated_fraction}[timing]
            note = {
                "on_time": "hoàn thành đúng hạn",
                "late": f"hoàn thành chậm {late} ngày",
                "undated": "đã hoàn thành, báo cáo không ghi ngày",
            }[timing]
        elif cell.state == "in_progress":
            fraction, note = c.in_progress_fraction, "đang thực hiện"
            entry["timing"] = cell.timing
        else:
            note = {"not_done": "chưa thực hiện", "planned": "mới dự kiến"}.get(cell.state or "", "không có báo cáo nào nói đến")
            entry["timing"] = cell.timing
        entry["points"] = _r(per_item * fraction)
        entry["note"] = note
        out.points += per_item * fraction
        if cell.source == MACHINE:
            out.unreviewed = True
        out.evidence.append(entry)
    out.points = _r(out.points)
    return out


# ---- reports and their deadlines ---------------------------------------------------------------


@dataclass(slots=True)
class _Received:
    """When a unit's report for a deadline arrived, and how that is known."""

    deadline: Deadline
    date: dt.date | None
    basis: str  # "received" (a reviewer's entry), "report_date", "file_received", "missing"
    report_id: int | None
    report_period: str | None
    correction_id: int | None
    days_late: int | None

    def entry(self, points: float, note: str) -> dict[str, Any]:
        return {
            "kind": "report",
            "period": self.deadline.period,
            "name": self.deadline.name,
            "deadline": self.deadline.date.isoformat(),
            "date": _iso(self.date),
            "date_basis": self.basis,
            "days_late": self.days_late,
            "report_id": self.report_id,
            "report_period_kind": self.report_period,
            "correction_id": self.correction_id,
            "source": "changed" if self.basis == "received" else (MACHINE if self.report_id else None),
            "points": _r(points),
            "note": note,
        }


def _received(
    table: ScoringTable, unit_id: int, reports: list[tuple[Report, SourceFile]], entries: dict[tuple[int, str], Correction],
    as_of: dt.date,
) -> list[_Received]:
    out = []
    for d in table.deadlines:
        # The earliest report of the period counts (a corrected re-send does not make it late).
        found = sorted(
            ((r, sf) for r, sf in reports if r.period_kind in d.kinds),
            key=lambda t: (t[0].report_date or _local_day(t[1].received_at), t[0].id),
        )
        correction = next((entries[(unit_id, k)] for k in (d.period, *d.kinds) if (unit_id, k) in entries), None)
        report, sf = found[0] if found else (None, None)
        if correction is not None:
            date, basis = dt.date.fromisoformat(str(correction.new_value["date"])[:10]), "received"
        elif report is not None and report.report_date is not None:
            date, basis = report.report_date, "report_date"
        elif sf is not None:
            date, basis = _local_day(sf.received_at), "file_received"
        else:
            date, basis = None, "missing"
        if date is not None:
            late = max(0, (date - d.date).days)
        else:
            late = (as_of - d.date).days if as_of > d.date else None
        out.append(
            _Received(
                d, date, basis, report.id if report else None, report.period_kind if report else None,
                correction.id if correction else None, late,
            )
        )
    return out


def _reports_on_time(c: Criterion, received: list[_Received]) -> CriterionScore:
    out = CriterionScore(c.id, 0.0, _r(c.points_per_report * len(received)))
    for r in received:
        if r.basis == "missing":
            note = "chưa nhận được báo cáo" + ("" if r.days_late else " (chưa đến hạn)")
            points = 0.0
        elif r.days_late:
            points, note = 0.0, f"gửi chậm {r.days_late} ngày"
        else:
            points, note = c.points_per_report, "gửi đúng hạn"
        entry = r.entry(points, note)
        out.unreviewed |= entry["source"] == MACHINE
        out.points += points
        out.evidence.append(entry)
    out.points = _r(out.points)
    return out


def _late_reports(c: Criterion, received: list[_Received]) -> CriterionScore:
    out = CriterionScore(c.id, 0.0, 0.0)
    for r in received:
        if not r.days_late:
            continue
        tier = next(
            (t for t in reversed(c.tiers) if r.days_late >= t.from_days and (t.to_days is None or r.days_late < t.to_days)),
            None,
        )
        if tier is None:
            continue
        what = "chưa nhận được báo cáo sau" if r.basis == "missing" else "gửi chậm"
        entry = r.entry(tier.points, f"{what} {r.days_late} ngày: {tier.points:+g} điểm")
        out.unreviewed |= entry["source"] == MACHINE
        out.points += tier.points
        out.evidence.append(entry)
    out.points = _r(out.points)
    return out


# ---- figures -----------------------------------------------------------------------------------


def _figures(
    c: Criterion, unit: Unit, figures: dict[tuple[str, str], FigureValue]
) -> tuple[CriterionScore, float]:
    """Points of a figure criterion and the bonus part of them (for the table's cap)."""
    target = c.target_for(unit.name, list(unit.aliases or []))
    if target is None:
        raise ConfigError(f"tiêu chí '{c.id}' chưa có chỉ tiêu cho đơn vị {unit.name} (mục [criterion.targets])")
    out = CriterionScore(c.id, 0.0, c.max_points)
    period = next((p for p in c.periods if any((p, m) in figures for m in c.metrics)), None)
    achieved = 0.0
    for m in c.metrics:
        fig = figures.get((period, m)) if period else None
        if fig is None:
            continue
        achieved += fig.value
        out.unreviewed |= fig.source == MACHINE
        out.evidence.append(
            {
                "kind": "figure",
                "metric": m,
                "period_kind": period,
                "value": fig.value,
                "source": fig.source,
                "report_id": fig.report_id,
                "finding_ids": sorted({e.finding_id for e in fig.evidence if e.finding_id is not None}),
                "correction_id": fig.correction_id,
            }
        )
    if c.lower_is_better:
        ratio = target / achieved if achieved > 0 else 1.0 + c.bonus_cap_fraction
    else:
        ratio = achieved / target
    base = min(ratio, 1.0) * c.max_points
    bonus = min(max(ratio - 1.0, 0.0), c.bonus_cap_fraction) * c.max_points
    out.points = _r(base + bonus)
    out.evidence.append(
        {
            "kind": "target",
            "period_kind": period,
            "achieved": achieved,
            "target": target,
            "ratio": round(ratio, 4),
            "base": _r(base),
            "bonus": _r(bonus),
            "points": out.points,
            "note": (
                f"đạt {achieved:g}/{target:g} = {ratio * 100:.1f}% chỉ tiêu"
                + (f", thưởng {bonus:.2f} điểm" if bonus else "")
                + ("" if period else "; không có số liệu")
            ),
        }
    )
    return out, bonus


# ---- manual ------------------------------------------------------------------------------------


def _manual(c: Criterion, entry: Correction | None) -> CriterionScore:
    out = CriterionScore(c.id, 0.0, c.max_points)
    if entry is None:
        out.pending = True
        out.evidence.append({"kind": "manual", "points": 0.0, "source": None, "note": "chưa chấm"})
        return out
    nv = entry.new_value or {}
    if c.grades:
        grade = str(nv.get("grade", "")).upper()
        if grade not in c.grades:
            raise ConfigError(f"tiêu chí '{c.id}': loại '{grade}' đã chấm không còn trong bảng điểm")
        points, note = c.grades[grade], f"loại {grade}"
    else:
        points = float(nv.get("points", 0.0))
        points = min(max(points, c.min_points), c.max_points)
        note = f"{points:g} điểm"
    out.points = _r(points)
    out.evidence.append(
        {
            "kind": "manual",
            "grade": nv.get("grade"),
            "points": out.points,
            "source": REVIEWER,
            "correction_id": entry.id,
            "user_id": entry.user_id,
            "note": note + (f" – {entry.note}" if entry.note else ""),
        }
    )
    return out


# ---- the sheet ---------------------------------------------------------------------------------


def _rank(units: list[UnitScore]) -> None:
    """Standard competition ranking on totals at 2 decimals: ties share a rank (1, 2, 2, 4)."""
    units.sort(key=lambda u: (-round(u.total, 2), u.role != "head", u.unit_id))
    previous, rank = None, 0
    for i, u in enumerate(units, start=1):
        key = round(u.total, 2)
        if key != previous:
            rank, previous = i, key
        u.rank = rank


def compute_scores(session: Session, table: ScoringTable, as_of: dt.date | None = None) -> ScoreSheet:
    """Score every unit on every criterion of the table from the current data (nothing stored)."""
    as_of = as_of or dt.date.today()
    matrix = completion_matrix(session, table.year, as_of=as_of)
    figures = effective_figures(session, table.year)
    units = {u.id: u for u in session.scalars(select(Unit))}
    by_unit_fig: dict[str, dict[tuple[str, str], FigureValue]] = defaultdict(dict)
    for f in figures:
        by_unit_fig[f.unit][(f.period_kind, f.metric)] = f
    reports: dict[int, list[tuple[Report, SourceFile]]] = defaultdict(list)
    rows = session.execute(
        select(Report, SourceFile)
        .join(SourceFile, Report.source_file_id == SourceFile.id)
        .where(Report.year == table.year, Report.unit_id.is_not(None))
    ).all()
    for r, sf in rows:
        reports[r.unit_id].append((r, sf))  # type: ignore[index]
    received_entries = received_dates(session, table.year)
    manual = manual_entries(session, table.year)
    out: list[UnitScore] = []
    for mu in matrix.units:
        unit = units[mu.id]
        cells = [matrix.cell(mu.name, i.id) for i in matrix.items]
        received = _received(table, mu.id, reports.get(mu.id, []), received_entries, as_of)
        scores: dict[str, CriterionScore] = {}
        bonus_total = 0.0
        for c in table.criteria:
            if c.rule == "plan_tasks":
                scores[c.id] = _plan_tasks(c, cells)
            elif c.rule == "reports_on_time":
                scores[c.id] = _reports_on_time(c, received)
            elif c.rule == "late_reports":
                scores[c.id] = _late_reports(c, received)
            elif c.rule == "figures":
                scores[c.id], bonus = _figures(c, unit, by_unit_fig.get(mu.name, {}))
                bonus_total += bonus
            else:
                scores[c.id] = _manual(c, manual.get((mu.id, c.id)))
        cap = table.bonus_total_cap
        if cap is not None and bonus_total > cap:
            scores[BONUS_CAP] = CriterionScore(
                BONUS_CAP, _r(cap - bonus_total), 0.0,
                [{"kind": "cap", "bonus_total": _r(bonus_total), "cap": cap, "points": _r(cap - bonus_total),
                  "note": f"điểm thưởng các chỉ tiêu {bonus_total:.2f} vượt mức trần {cap:g} điểm"}],
            )
        us = UnitScore(mu.id, mu.name, mu.role, scores)
        us.total = _r(sum(s.points for s in scores.values()))
        out.append(us)
    _rank(out)
    return ScoreSheet(table.year, table, as_of, dt.datetime.now(dt.timezone.utc), out, matrix, figures)


def store_scores(session: Session, sheet: ScoreSheet) -> list[Score]:
    """Replace the year's stored scores of the sheet's cluster with the sheet's (in the caller's transaction)."""
    unit_ids = [u.unit_id for u in sheet.units]
    clusters = dict(session.execute(select(Unit.id, Unit.cluster_id).where(Unit.id.in_(unit_ids))).all())
    session.execute(
        delete(Score).where(Score.year == sheet.year, Score.cluster_id.in_(sorted(set(clusters.values()))))
    )
    rows = []
    for u in sheet.units:
        for s in u.criteria.values():
            rows.append(
                Score(
                    cluster_id=clusters[u.unit_id], year=sheet.year, unit_id=u.unit_id, criterion=s.criterion_id, points=s.points,
                    max_points=s.max_points, evidence=s.evidence, unreviewed=s.unreviewed, computed_at=sheet.computed_at,
                )
            )
        rows.append(
            Score(
                cluster_id=clusters[u.unit_id], year=sheet.year, unit_id=u.unit_id, criterion=TOTAL, points=u.total, max_points=sheet.table.max_total,
                evidence=[{"kind": "rank", "rank": u.rank, "pending": u.pending, "table_file": sheet.table.path}],
                unreviewed=u.unreviewed, computed_at=sheet.computed_at,
            )
        )
    session.add_all(rows)
    session.flush()
    return rows


def score_year(
    session: Session,
    year: int | None = None,
    table: ScoringTable | None = None,
    as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> ScoreSheet:
    """Recompute a year's scores from the current data and store them; the year's table by default."""
    if table is None:
        if year is None:
            from thidua.models.plans import active_plan

            plan = active_plan(session)
            if plan is None:
                raise ConfigError("chưa có kế hoạch nào; hãy chạy: thidua plan import TỆP")
            year = plan.year
        from thidua.models.scoping import session_settings

        table = find_table(year, session_settings(session, settings))  # beside the cluster's units file
    elif year is not None and table.year != year:
        raise ConfigError(f"bảng điểm ghi năm {table.year}, không phải năm {year}", table.path)
    sheet = compute_scores(session, table, as_of)
    store_scores(session, sheet)
    return sheet


__all__ = ["CriterionScore", "done_date", "ScoreSheet", "UnitScore", "compute_scores", "score_year", "store_scores"]
