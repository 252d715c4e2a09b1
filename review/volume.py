"""Working through many entries: filters and search, pages, progress, and bulk decisions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from thidua.core.text import fold
from thidua.models.corrections import FIGURE, TASK, CorrectionConflict, CorrectionError, CorrectionKey
from thidua.models.tables import User
from thidua.review.decisions import DecisionRequest, record_decision
from thidua.review.queue import QueueEntry

PAGE_SIZE = 50
#: The `kind` filter value that selects awards only proposed (figures otherwise exclude them).
PROPOSAL = "proposal"
#: The `item` filter value that selects statements on no plan item.
NO_ITEM = "none"


@dataclass(slots=True)
class QueueFilter:
    """What the reviewer narrowed the queue to (every field optional)."""

    year: int | None = None
    kind: str | None = None
    show: str = "open"
    unit_id: int | None = None
    report_id: int | None = None
    status: str | None = None
    item: str | None = None
    ocr: bool = False
    #: Certainty bounds in percent (0–100).
    min_conf: int | None = None
    max_conf: int | None = None
    q: str = ""

    @property
    def query_kind(self) -> str | None:
        """The finding kind to query ("figure" for proposals)."""
        return FIGURE if self.kind == PROPOSAL else self.kind

    def matches(self, e: QueueEntry) -> bool:
        """Whether an entry passes every filter but `show`, `year` and the finding kind (applied by the query)."""
        r = e.report
        if self.kind == PROPOSAL and not e.proposal:
            return False
        if self.kind == FIGURE and e.proposal:
            return False
        if self.unit_id is not None and r.unit_id != self.unit_id:
            return False
        if self.report_id is not None and r.id != self.report_id:
            return False
        if self.status and (e.kind != TASK or e.machine_value.get("status") != self.status):
            return False
        if self.item == NO_ITEM and e.item is not None:
            return False
        if self.item and self.item != NO_ITEM and e.item != self.item:
            return False
        if self.ocr and not e.ocr:
            return False
        if self.min_conf is not None and e.certainty * 100 < self.min_conf:
            return False
        if self.max_conf is not None and e.certainty * 100 > self.max_conf:
            return False
        if self.q and fold(self.q) not in fold(e.finding.text or ""):
            return False
        return True

    def params(self, **override: Any) -> str:
        """The filter as a query string (non-empty values), with some values replaced."""
        values = {
            "year": self.year, "kind": self.kind, "show": None if self.show == "open" else self.show,
            "unit_id": self.unit_id, "report_id": self.report_id, "status": self.status, "item": self.item,
            "ocr": "1" if self.ocr else None, "min_conf": self.min_conf, "max_conf": self.max_conf, "q": self.q or None,
        }
        values.update(override)
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


@dataclass(slots=True)
class Page:
    """One page of entries."""

    entries: list[QueueEntry]
    number: int
    pages: int
    total: int
    size: int = PAGE_SIZE

    @property
    def first_index(self) -> int:
        """1-based position of the page's first entry."""
        return (self.number - 1) * self.size + 1 if self.total else 0


def paginate(entries: Sequence[QueueEntry], number: int, size: int = PAGE_SIZE) -> Page:
    """The entries of page `number` (1-based, clamped to the pages there are)."""
    pages = max(1, -(-len(entries) // size))
    number = min(max(1, number), pages)
    return Page(list(entries[(number - 1) * size : number * size]), number, pages, len(entries), size)


@dataclass(slots=True)
class Progress:
    """Decided and total statements of one report or one unit."""

    label: str
    decided: int = 0
    total: int = 0
    link: str = ""
    reports: list[Progress] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Share decided, in percent (100 for nothing to decide)."""
        return round(100 * self.decided / self.total) if self.total else 100


def progress(entries: Iterable[QueueEntry], period_label: Any) -> list[Progress]:
    """Progress per unit, each with its reports, from every entry (decided or not)."""
    units: dict[Any, Progress] = {}
    reports: dict[int, Progress] = {}
    for e in entries:
        r = e.report
        u = units.setdefault(r.unit_id, Progress(r.unit.name if r.unit else "(chưa rõ đơn vị)", link=f"unit_id={r.unit_id}" if r.unit_id else ""))
        if r.id not in reports:
            reports[r.id] = Progress(f"{period_label(r.period_kind)} {r.year or ''} · {r.source_file.original_name}", link=f"/reports/{r.id}")
            u.reports.append(reports[r.id])
        for p in (u, reports[r.id]):
            p.total += 1
            p.decided += int(e.reviewed)
    return sorted(units.values(), key=lambda p: (p.percent, p.label))


@dataclass(slots=True)
class BulkOutcome:
    """What a bulk decision did."""

    done: int = 0
    skipped: list[str] = field(default_factory=list)


def bulk_accept(s: Session, user: User, entries: Iterable[QueueEntry], min_certainty: float) -> BulkOutcome:
    """Accept every open entry linked to an item at or above a certainty, never over a reviewer's verdict.

    An entry is skipped when its item already has a reviewer's verdict (set on another statement),
    or when another entry of the same item came first in this batch: those stay in the queue.
    """
    out = BulkOutcome()
    batch = uuid.uuid4().hex  # one decision: undo takes the whole batch back
    written: set[CorrectionKey] = set()
    for e in entries:
        if e.reviewed or e.item is None or e.certainty < min_certainty:
            continue
        if not e.proposal and (e.item_decision is not None or e.key in written):
            out.skipped.append(e.ref)
            continue
        try:
            with s.begin_nested():
                record_decision(s, user, e, DecisionRequest("accept", version=e.version, note="Xác nhận hàng loạt", decision=batch), {})
        except (CorrectionConflict, CorrectionError):
            out.skipped.append(e.ref)
            continue
        if not e.proposal:
            written.add(e.key)
        out.done += 1
    return out


def bulk_dismiss_unlinked(s: Session, user: User, entries: Iterable[QueueEntry], reason: str) -> BulkOutcome:
    """Dismiss every open statement on no plan item (they decide no item's verdict)."""
    out = BulkOutcome()
    batch = uuid.uuid4().hex  # one decision: undo takes the whole batch back
    for e in entries:
        if e.reviewed or e.item is not None or e.kind != TASK:
            continue
        note = f"Lý do: {reason}." if reason else "Bỏ hàng loạt các câu không gắn nhiệm vụ"
        try:
            with s.begin_nested():
                record_decision(s, user, e, DecisionRequest("dismiss", note=note, decision=batch), {})
        except (CorrectionConflict, CorrectionError):
            out.skipped.append(e.ref)
            continue
        out.done += 1
    return out
