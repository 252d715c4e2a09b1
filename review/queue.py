"""The review queue: every task and figure the machine found in current reports, least sure first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua.models.corrections import FIGURE, TASK, CorrectionKey, without_undone
from thidua.models.results import PROPOSAL_PREFIX, is_proposal
from thidua.models.tables import Correction, Finding, Match, Report
from thidua.readmodel.values import certainty


@dataclass(slots=True)
class QueueEntry:
    """One decision to make: a finding and the plan item (or metric) it was linked to."""

    finding: Finding
    #: The plan item code for a task (None when matching found none), the metric for a figure.
    item: str | None
    match: Match | None
    key: CorrectionKey
    #: The reviewer's newest decision made on this statement (its own, never another statement's).
    decision: Correction | None
    #: The correction in force for the key (unit, period, plan item or metric), whichever statement it was made on.
    item_decision: Correction | None = None
    #: The id of the key's newest correction, an undo included (0: none): the version a form carries.
    version: int = 0

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
    def certainty(self) -> float:
        """The one figure the queue, the finding page and the matrix show: the lower of confidence and match score."""
        return certainty(self.confidence, self.score)

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
        """Whether a reviewer has decided on this statement (a decision on another one does not count)."""
        return self.decision is not None

    @property
    def decided_elsewhere(self) -> bool:
        """Whether the item's verdict in force was set on another statement."""
        return self.item_decision is not None and (self.decision is None or self.item_decision.id != self.decision.id)

    @property
    def proposal(self) -> bool:
        """Whether the finding is an award only proposed (never counted as an award)."""
        return self.kind == FIGURE and is_proposal(self.finding)

    @property
    def text(self) -> str:
        """The sentence as the report says it (a proposal without its stored prefix)."""
        text = self.finding.text or ""
        return text[len(PROPOSAL_PREFIX):] if self.proposal and text.startswith(PROPOSAL_PREFIX) else text

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


class StatementDecisions:
    """Every correction of a year indexed so each statement finds the decisions made on it.

    A decision belongs to a statement when it was recorded on that finding, or on a finding of the
    same unit and period with the same sentence (the statement survives reprocessing that way).
    Undone decisions and the undo rows themselves do not count.
    """

    def __init__(self, corrections: list[Correction]) -> None:
        self.latest: dict[CorrectionKey, Correction] = {}
        #: The newest correction id of every key, undo rows included (what versions name).
        self.newest: dict[CorrectionKey, int] = {CorrectionKey.of(c): c.id for c in corrections}
        self._by_place: dict[tuple[Any, ...], list[Correction]] = {}
        for c in without_undone(corrections):  # oldest first
            key = CorrectionKey.of(c)
            self.latest[key] = c
            self._by_place.setdefault((c.target, c.unit_id, c.year, c.period_kind), []).append(c)

    @classmethod
    def load(cls, session: Session, year: int | None) -> StatementDecisions:
        """The corrections of one year (or all), oldest first."""
        q = select(Correction).order_by(Correction.id)
        if year is not None:
            q = q.where(Correction.year == year)
        return cls(list(session.scalars(q)))

    def of(self, finding: Finding, key: CorrectionKey) -> Correction | None:
        """The newest decision made on this statement for this entry's key."""
        found: Correction | None = None
        for c in self._by_place.get((key.target, key.unit_id, key.year, key.period_kind), []):
            if c.finding_id != finding.id and (c.old_value or {}).get("text") != finding.text:
                continue
            code = c.plan_item_code if key.target == TASK else c.metric
            wanted = key.plan_item_code if key.target == TASK else key.metric
            old = c.old_value or {}
            dismissed_from = old.get("dismissed_from") or old.get("proposal_of")
            if wanted is None or code == wanted or (code is None and dismissed_from == wanted):
                found = c
        return found


def _entry(f: Finding, item: str | None, match: Match | None, decisions: StatementDecisions) -> QueueEntry:
    r = f.report
    if f.kind == FIGURE:
        key = CorrectionKey.figure(r.unit_id, r.year, r.period_kind, item)
    else:
        key = CorrectionKey.task(r.unit_id, r.year, r.period_kind, item)
    # A proposal never takes the metric's verdict: a decision on the metric is not about it.
    verdict = decisions.latest.get(key) if item is not None and not (f.kind == FIGURE and is_proposal(f)) else None
    return QueueEntry(f, item, match, key, decisions.of(f, key), verdict, decisions.newest.get(key, 0) if item is not None else 0)


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
    decisions = StatementDecisions.load(session, year)
    entries: list[QueueEntry] = []
    for f in session.scalars(q):
        for item, match in _entries_of(f):
            entry = _entry(f, item, match, decisions)
            if include_reviewed or not entry.reviewed:
                entries.append(entry)
    entries.sort(key=lambda e: (e.confidence, e.score if e.score is not None else 0.0, e.finding.id, e.item or ""))
    return entries


def entry_for(session: Session, finding_id: int, item: str | None) -> QueueEntry | None:
    """The entry of one finding (and plan item), reviewed or not."""
    f = session.get(Finding, finding_id)
    if f is None or f.kind not in (TASK, FIGURE):
        return None
    pairs = _entries_of(f)
    item, match = next((p for p in pairs if p[0] == item), pairs[0]) if f.kind == TASK else pairs[0]
    return _entry(f, item, match, StatementDecisions.load(session, f.report.year))
