"""The review queue: every task and figure the machine found in current reports, least sure first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua.models.corrections import FIGURE, TASK, CorrectionKey, latest_by_key
from thidua.models.tables import Correction, Finding, Match, Report


@dataclass(slots=True)
class QueueEntry:
    """One decision to make: a finding and the plan item (or metric) it was linked to."""

    finding: Finding
    #: The plan item code for a task (None when matching found none), the metric for a figure.
    item: str | None
    match: Match | None
    key: CorrectionKey
    #: The newest correction of the key, if any (the decision in force).
    decision: Correction | None

    @property
    def kind(self) -> str:
        """"task" or "figure"."""
        return self.finding.kind

    @property
    def report(self) -> Report:
        """The report the finding came from."""
        return self.finding.report

    @property
    def confidence(self) -> float:
        """How sure the extractor was (OCR findings are low)."""
        return float(self.finding.confidence or 0.0)

    @property
    def score(self) -> float | None:
        """The matching score for a task linked to a plan item."""
        return float(self.match.score) if self.match is not None else None

    @property
    def ref(self) -> str:
        """The entry's id in URLs: `<finding id>` or `<finding id>?item=<code>`."""
        return f"{self.finding.id}" + (f"?item={self.item}" if self.item and self.kind == TASK else "")

    @property
    def machine_value(self) -> dict[str, Any]:
        """What the machine says: {"status", "date"} for a task, {"value"} for a figure."""
        if self.kind == FIGURE:
            v = self.finding.value
            return {"value": int(v) if v is not None and float(v).is_integer() else v}
        src: Any = self.match if self.match is not None else self.finding
        date = src.date
        return {"status": src.status, "date": date.isoformat() if isinstance(date, dt.date) else date}

    @property
    def reviewed(self) -> bool:
        """Whether a reviewer has decided on this entry's key."""
        return self.decision is not None

    @property
    def ocr(self) -> bool:
        """Whether the finding came from OCR."""
        return (self.report.source_format or "") == "scan"


def _entries_of(finding: Finding) -> list[tuple[str | None, Match | None]]:
    if finding.kind == FIGURE:
        return [(finding.metric, None)]
    best: dict[str, Match] = {}
    for m in finding.matches:
        code = m.plan_item.code
        if code not in best or m.score > best[code].score:
            best[code] = m
    if not best:
        return [(None, None)]
    return [(code, best[code]) for code in sorted(best, key=lambda c: -best[c].score)]


def _unmatched_decisions(corrections: dict[CorrectionKey, Correction]) -> dict[tuple[Any, ...], Correction]:
    # A task the machine linked to no plan item is decided by any correction quoting its text.
    out: dict[tuple[Any, ...], Correction] = {}
    for key, c in corrections.items():
        if key.target == TASK:
            text = (c.old_value or {}).get("text")
            if text:
                out[(key.unit_id, key.year, key.period_kind, text)] = c
    return out


def build_queue(
    session: Session,
    *,
    year: int | None = None,
    kind: str | None = None,
    include_reviewed: bool = False,
) -> list[QueueEntry]:
    """Entries of current reports, lowest confidence first (then lowest matching score)."""
    q = (
        select(Finding)
        .join(Report, Finding.report_id == Report.id)
        .where(Report.is_current.is_(True), Finding.kind.in_([kind] if kind else [TASK, FIGURE]))
        .options(
            selectinload(Finding.matches).selectinload(Match.plan_item),
            selectinload(Finding.report).selectinload(Report.unit),
            selectinload(Finding.report).selectinload(Report.source_file),
        )
    )
    if year is not None:
        q = q.where(Report.year == year)
    corrections = latest_by_key(session, year)
    unmatched = _unmatched_decisions(corrections)
    entries: list[QueueEntry] = []
    for f in session.scalars(q):
        r = f.report
        for item, match in _entries_of(f):
            if f.kind == FIGURE:
                key = CorrectionKey.figure(r.unit_id, r.year, r.period_kind, item)
            else:
                key = CorrectionKey.task(r.unit_id, r.year, r.period_kind, item)
            decision = corrections.get(key) if item is not None else unmatched.get(
                (r.unit_id, r.year, r.period_kind, f.text)
            )
            entry = QueueEntry(f, item, match, key, decision)
            if include_reviewed or not entry.reviewed:
                entries.append(entry)
    entries.sort(key=lambda e: (e.confidence, e.score if e.score is not None else 0.0, e.finding.id, e.item or ""))
    return entries


def entry_for(session: Session, finding_id: int, item: str | None) -> QueueEntry | None:
    """The entry of one finding (and plan item), reviewed or not."""
    f = session.get(Finding, finding_id)
    if f is None or f.kind not in (TASK, FIGURE):
        return None
    r = f.report
    pairs = _entries_of(f)
    chosen = next((p for p in pairs if p[0] == item), pairs[0]) if f.kind == TASK else pairs[0]
    code, match = chosen
    corrections = latest_by_key(session, r.year)
    if f.kind == FIGURE:
        key = CorrectionKey.figure(r.unit_id, r.year, r.period_kind, code)
        decision = corrections.get(key)
    else:
        key = CorrectionKey.task(r.unit_id, r.year, r.period_kind, code)
        decision = corrections.get(key) if code is not None else _unmatched_decisions(corrections).get(
            (r.unit_id, r.year, r.period_kind, f.text)
        )
    return QueueEntry(f, code, match, key, decision)
