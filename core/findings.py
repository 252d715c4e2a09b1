"""What the report extractor finds: unit, period, dates, task statements and figures, with provenance."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from thidua.core.document import Document, Span
from thidua.core.lexicon import general_lexicon, words
from thidua.core.text import fold


#: The recipient keys of a figure's metric ("bang_khen_tinh.tap_the") as Vietnamese names them.
RECIPIENT_LABELS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}


class Status(StrEnum):
    """How far a task is, as the report states it."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"
    PLANNED = "planned"


class PeriodKind(StrEnum):
    """The period a report covers."""

    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"
    H1 = "6M"  # sơ kết 6 tháng
    M9 = "9M"
    YEAR = "Y"  # tổng kết năm
    OTHER = "OTHER"  # thematic reports


@dataclass(slots=True)
class Period:
    """The year and kind of period a report covers."""

    year: int | None
    kind: PeriodKind


@dataclass(slots=True)
class Located:
    """A value with where it was found and how sure the extractor is (0..1)."""

    value: Any
    span: Span | None = None
    confidence: float = 1.0
    text: str = ""


@dataclass(slots=True)
class TaskStatement:
    """A sentence (or table row) saying a task was done, is under way, was not done, or is planned."""

    text: str
    status: Status
    date: dt.date | None
    span: Span
    confidence: float
    #: Filled by matching: the plan item ids this statement reports on, with their scores.
    plan_items: list[tuple[str, float]] = field(default_factory=list)
    #: The later year a future-work section names ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023"): next year's plan, not this one's.
    for_year: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A report's one status for one plan item, decided by its most confident statement."""

    plan_item: str
    status: Status
    date: dt.date | None
    score: float
    #: Index in `Findings.tasks` of the deciding statement, and of every statement linked to the item.
    statement: int
    supporting: tuple[int, ...]


@dataclass(slots=True)
class Figure:
    """An award count: metric `<award>.<recipient>` (see domain.md) and its value."""

    metric: str
    value: float
    span: Span
    confidence: float
    text: str = ""
    #: Spans of every number the value was summed from (the first is `span`), for the reviewer.
    parts: list[Span] = field(default_factory=list)
    #: An award the district only proposed ("đề nghị", "đang chờ Quyết định"): shown to reviewers,
    #: never counted as an award (see docs/architecture.md, "Proposals").
    proposed: bool = False


@dataclass(slots=True)
class Findings:
    """Everything found in one report."""

    source: str
    format: str
    unit: Located | None = None
    period: Located | None = None  # value: Period
    report_date: Located | None = None  # value: datetime.date
    doc_number: Located | None = None  # value: str, e.g. "45/BC-UBND"
    tasks: list[TaskStatement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    #: Awards only proposed, one per metric (`Figure.proposed` set); never part of `figures`.
    proposals: list[Figure] = field(default_factory=list)
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)

    def verdicts(self) -> list["Verdict"]:
        """One verdict per linked plan item, in plan-item order: its most confident statement decides.

        Strength is match score x extraction confidence (as the completion matrix ranks them); the
        date is the deciding statement's, else the earliest date of a supporting statement with
        the same status. So a report never says both "done" and "planned" for one item.
        """
        support: dict[str, list[tuple[int, float]]] = {}
        for i, t in enumerate(self.tasks):
            for item, score in t.plan_items:
                support.setdefault(item, []).append((i, score))
        out = []
        for item in sorted(support):
            rows = all_rows = support[item]
            # "Tiếp tục đôn đốc ..." (planned) goes on with work the report says was done or is under way
            begun = [r for r in rows if self.tasks[r[0]].status in (Status.DONE, Status.IN_PROGRESS)]
            if begun and len(begun) < len(rows):
                rows = [r for r in rows if r in begun or not _continues(self.tasks[r[0]])] or rows
            best, score = max(rows, key=lambda r: (r[1] * self.tasks[r[0]].confidence, -r[0]))
            chosen = self.tasks[best]
            date = chosen.date
            if date is None and chosen.status != Status.PLANNED:
                dates = [d for i, _ in rows if self.tasks[i].status == chosen.status and (d := self.tasks[i].date)]
                date = min(dates) if dates else None
            out.append(Verdict(item, chosen.status, date, score, best, tuple(i for i, _ in all_rows)))
        return out

    def locate(self, doc: Document) -> "Findings":
        """Fill every span's box from the document the findings were read from (in place; returns self)."""
        for x in (self.unit, self.period, self.report_date, self.doc_number):
            if x is not None and x.span is not None:
                x.span = doc.located(x.span)
        for t in self.tasks:
            t.span = doc.located(t.span)
        for f in [*self.figures, *self.proposals]:
            f.span = doc.located(f.span)
            f.parts = [doc.located(p) for p in f.parts]
        return self

    def to_json(self) -> dict[str, Any]:
        """The expected-results format of domain.md, plus provenance and confidence fields.

        `tasks` holds one verdict per plan item (see `verdicts`), with the indexes of its supporting
        statements; `statements` holds every task statement with the plan items it was linked to.
        `proposals` holds the awards only proposed (`"proposed": true`), never counted as figures.
        """

        def figure_json(f: Figure) -> dict[str, Any]:
            return {
                "metric": f.metric,
                "value": int(f.value) if float(f.value).is_integer() else f.value,
                "text": f.text,
                "span": f.span.to_dict(),
                "confidence": round(f.confidence, 3),
                **({"parts": [p.to_dict() for p in f.parts]} if len(f.parts) > 1 else {}),
                **({"proposed": True} if f.proposed else {}),
            }

        def loc(x: Located | None) -> dict[str, Any] | None:
            if x is None:
                return None
            return {"span": x.span.to_dict() if x.span else None, "confidence": round(x.confidence, 3), "text": x.text}

        period = self.period.value if self.period else None
        statements = [
            {
                "text": t.text,
                "status": t.status.value,
                "date": t.date.isoformat() if t.date else None,
                "span": t.span.to_dict(),
                "confidence": round(t.confidence, 3),
                "plan_items": [{"plan_item": item, "match_score": round(score, 3)} for item, score in t.plan_items],
                **({"for_year": t.for_year} if t.for_year else {}),
            }
            for t in self.tasks
        ]
        tasks = [
            {
                "plan_item": v.plan_item,
                "status": v.status.value,
                "date": v.date.isoformat() if v.date else None,
                "text": self.tasks[v.statement].text,
                "span": self.tasks[v.statement].span.to_dict(),
                "confidence": round(self.tasks[v.statement].confidence, 3),
                "match_score": round(v.score, 3),
                "statements": list(v.supporting),
            }
            for v in self.verdicts()
        ]
        return {
            "source": self.source,
            "format": self.format,
            "unit": self.unit.value if self.unit else None,
            "period": {"year": period.year, "kind": period.kind.value} if period else None,
            "report_date": self.report_date.value.isoformat() if self.report_date else None,
            "doc_number": self.doc_number.value if self.doc_number else None,
            "tasks": tasks,
            "statements": statements,
            "figures": [figure_json(f) for f in self.figures],
            "proposals": [figure_json(f) for f in self.proposals],
            "provenance": {
                "unit": loc(self.unit),
                "period": loc(self.period),
                "report_date": loc(self.report_date),
                "doc_number": loc(self.doc_number),
            },
            "ocr": self.ocr,
            "warnings": list(self.warnings),
        }


@functools.lru_cache(maxsize=1)
def _continuation_pattern() -> re.Pattern[str]:
    """Folded openers of a statement going on with work begun (lexicon `continuation_openers`)."""
    openers = "|".join(re.escape(fold(w)) for w in words(general_lexicon(), "continuation_openers"))
    return re.compile(rf"^[\W\d]*(?:{openers})\b")


def _continues(task: TaskStatement) -> bool:
    """A planned statement that goes on with work begun ("Tiếp tục đôn đốc ...")."""
    return task.status == Status.PLANNED and _continuation_pattern().match(fold(task.text)) is not None
