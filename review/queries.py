"""The review page's read queries in one place (the queue itself is in review/queue.py).

Every page asks here for reports, findings and corrections, so a scoping filter (which reports a
reviewer may see) has one place to go.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from thidua.readmodel import orphan_corrections
from thidua.readmodel.values import OrphanCorrection
from thidua.models.corrections import TASK, CorrectionKey, corrections_for, history, latest_by_key, newest_by_key
from thidua.models.plans import active_plan
from thidua.models.tables import Correction, Finding, Match, Plan, PlanItem, Report, Unit, User
from thidua.review.queue import QueueEntry, build_queue

#: Later periods first on the evidence page.
PERIOD_RANK = {"Q1": 1, "Q2": 2, "6M": 3, "Q3": 4, "9M": 5, "Q4": 6, "Y": 7, "OTHER": 8}


def report_years(s: Session) -> list[int]:
    """Years with a report or a correction, newest first."""
    years = {y for y in s.scalars(select(Report.year).where(Report.year.is_not(None)).distinct())}
    years |= {y for y in s.scalars(select(func.distinct(Correction.year))) if y is not None}
    return sorted(years, reverse=True)


def plan_years(s: Session) -> list[int]:
    """Years with an active plan, newest first."""
    return sorted(set(s.scalars(select(Plan.year).where(Plan.active.is_(True)))), reverse=True)


def default_year(s: Session, year: int | None) -> int | None:
    """The year asked for, else the newest active plan's."""
    if year is not None:
        return year
    plan = active_plan(s)
    return plan.year if plan else None


def sort_key(e: QueueEntry) -> tuple[float, float, int, str]:
    """The queue's order: least confident, then weakest match first."""
    return (e.confidence, e.score if e.score is not None else 0.0, e.finding.id, e.item or "")


def neighbours(s: Session, entry: QueueEntry) -> tuple[QueueEntry | None, QueueEntry | None, int]:
    """The open entries before and after an entry in queue order, and how many are open."""
    open_entries = build_queue(s)
    me = sort_key(entry)
    prev = next((e for e in reversed(open_entries) if sort_key(e) < me), None)
    nxt = next((e for e in open_entries if sort_key(e) > me), None)
    return prev, nxt, len(open_entries)


def key_versions(s: Session, entry: QueueEntry) -> dict[str, int]:
    """Plan item code (or metric) → id of its newest correction (the version), for the entry's unit and period."""
    r = entry.report
    out: dict[str, int] = {}
    for key, c in newest_by_key(s, r.year).items():
        if (key.target, key.unit_id, key.period_kind) == (entry.kind, r.unit_id, r.period_kind):
            code = key.plan_item_code if entry.kind == TASK else key.metric
            if code:
                out[code] = c.id
    return out


def siblings(s: Session, entry: QueueEntry) -> list[Finding]:
    """Other statements of current reports of the same unit and period on the same plan item (or metric)."""
    r = entry.report
    if entry.item is None or r.unit_id is None:
        return []
    q = (
        select(Finding)
        .join(Report, Finding.report_id == Report.id)
        .where(
            Report.is_current.is_(True),
            Report.unit_id == r.unit_id,
            Report.year == r.year,
            Report.period_kind == r.period_kind,
            Finding.id != entry.finding.id,
            Finding.kind == entry.kind,
        )
        .order_by(Finding.id)
    )
    if entry.kind == TASK:
        q = q.join(Match, Match.finding_id == Finding.id).join(PlanItem, Match.plan_item_id == PlanItem.id).where(PlanItem.code == entry.item)
    else:
        q = q.where(Finding.metric == entry.item)
    return list(s.scalars(q).unique())


def report(s: Session, report_id: int) -> Report | None:
    """One report by id."""
    return s.get(Report, report_id)


def entry_history(s: Session, entry: QueueEntry) -> list[Correction]:
    """The corrections of an entry's key, oldest first (this statement's own for an unlinked statement or a proposal)."""
    if entry.item is not None and not entry.proposal:
        return corrections_for(s, entry.key)
    text = entry.finding.text
    r = entry.report
    return [
        c for c in corrections_for(s, CorrectionKey(entry.kind, r.unit_id, r.year, r.period_kind))
        if c.finding_id == entry.finding.id or (text and (c.old_value or {}).get("text") == text)
    ]


def evidence_matches(s: Session, unit_id: int, year: int, code: str) -> list[Match]:
    """The matches of current reports of a unit and year to one plan item."""
    return list(
        s.scalars(
            select(Match)
            .join(Finding, Match.finding_id == Finding.id)
            .join(Report, Finding.report_id == Report.id)
            .join(PlanItem, Match.plan_item_id == PlanItem.id)
            .where(Report.unit_id == unit_id, Report.year == year, Report.is_current.is_(True), PlanItem.code == code)
            .options(selectinload(Match.finding).selectinload(Finding.report).selectinload(Report.source_file))
        )
    )


def evidence_periods(s: Session, matches: Sequence[Match], unit_id: int, year: int, code: str) -> list[str | None]:
    """The periods with a statement or a correction for the cell, latest first."""
    periods = {m.finding.report.period_kind for m in matches} | {
        k.period_kind for k in latest_by_key(s, year) if k.target == TASK and k.unit_id == unit_id and k.plan_item_code == code
    }
    return sorted(periods, key=lambda p: PERIOD_RANK.get(p or "", 99), reverse=True)


def period_history(s: Session, unit_id: int, year: int, period_kind: str | None, code: str) -> list[Correction]:
    """The corrections of one matrix cell in one period."""
    return corrections_for(s, CorrectionKey.task(unit_id, year, period_kind, code))


def history_rows(s: Session, year: int | None, unit_id: int | None) -> list[Correction]:
    """The newest thousand corrections, filtered by year and unit."""
    return history(s, year=year, unit_id=unit_id, limit=1000)


def in_force_ids(s: Session, year: int | None) -> set[int]:
    """Ids of the corrections in force (newest per key)."""
    return {c.id for c in latest_by_key(s, year).values()}


def units_by_id(s: Session) -> dict[int, Unit]:
    """Every unit by id."""
    return {u.id: u for u in s.scalars(select(Unit))}


def alive_findings(s: Session, ids: Sequence[int | None]) -> set[int]:
    """Which of these finding ids still exist."""
    return set(s.scalars(select(Finding.id).where(Finding.id.in_([i for i in ids if i]))))


def orphans(s: Session, year: int | None) -> tuple[list[OrphanCorrection], dict[int, Correction]]:
    """Corrections in force that fit no machine finding, newest first, with their rows."""
    years = [year] if year is not None else report_years(s)
    found = [o for y in years for o in orphan_corrections(s, y)]
    rows = {c.id: c for c in s.scalars(select(Correction).where(Correction.id.in_([o.correction_id for o in found])))}
    found.sort(key=lambda o: -o.correction_id)
    return found, rows


def criterion_names(years: Sequence[int | None], s: Session | None = None) -> dict[str, str]:
    """Criterion id → its Vietnamese name, from the scoring tables of these years (the request's cluster's)."""
    from thidua.core.errors import ThiduaError
    from thidua.models.scoping import session_settings
    from thidua.scoring.table import find_table

    settings = session_settings(s) if s is not None else None
    out: dict[str, str] = {}
    for year in {y for y in years if y is not None}:
        try:
            out.update({c.id: c.name for c in find_table(year, settings).criteria})
        except ThiduaError:
            continue
    return out


def all_users(s: Session) -> list[User]:
    """Every account by name."""
    return list(s.scalars(select(User).order_by(User.username)))
