"""The plan as every stage sees it: items `Q<quarter>-<number>` with responsibility, due date and place."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field

from thidua.core.document import Span


@dataclass(slots=True)
class PlanItemSpec:
    """One plan task as read from the document."""

    id: str
    quarter: int
    number: int
    content: str
    #: "all" (every member), "head" (cluster head only), "head_and_all" (head leads, all take part)
    #: or "units" (only the units named in `responsible_units`).
    responsible: str
    responsible_units: list[str] = field(default_factory=list)
    responsible_text: str = ""
    due: str | None = None
    due_date: dt.date | None = None
    place: str | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict (dates as ISO strings, spans as dicts)."""
        d = asdict(self)
        d["due_date"] = self.due_date.isoformat() if self.due_date else None
        d["spans"] = [s.to_dict() for s in self.spans]
        return d


@dataclass(slots=True)
class PlanSpec:
    """A plan as read from a document: its year, title and items in order."""

    year: int
    title: str
    items: list[PlanItemSpec]


def quarter_end(quarter: int, year: int) -> dt.date:
    """The last day of a quarter."""
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])
