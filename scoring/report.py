"""The score table as plain rows (for the page, the command and the exports), evidence in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.core.findings import RECIPIENT_LABELS
from thidua.core.settings import Settings
from thidua.models.tables import Report, SourceFile
from thidua.scoring.compute import ScoreSheet, score_year
from thidua.scoring.table import BONUS_CAP, ScoringTable

SOURCE_LABELS = {
    "machine": "Máy đọc (chưa duyệt)",
    "confirmed": "Người duyệt xác nhận",
    "changed": "Người duyệt đã sửa",
    "reviewer": "Người duyệt chấm",
    None: "",
}
STATE_LABELS = {"done": "Đã thực hiện", "in_progress": "Đang thực hiện", "not_done": "Chưa thực hiện", "planned": "Dự kiến"}
PERIOD_LABELS = {"Q1": "Quý I", "Q2": "Quý II", "Q3": "Quý III", "Q4": "Quý IV", "6M": "6 tháng", "9M": "9 tháng",
                 "Y": "năm", "OTHER": "chuyên đề"}
TIMING_LABELS = {"on_time": "đúng hạn", "late": "trễ hạn", "overdue": "quá hạn", "pending": "chưa đến hạn"}
AWARD_LABELS = {
    "huan_chuong": "Huân chương", "bang_khen_thu_tuong": "Bằng khen Thủ tướng", "co_thi_dua_chinh_phu": "Cờ thi đua Chính phủ",
    "bang_khen_tinh": "Bằng khen tỉnh", "co_thi_dua_tinh": "Cờ thi đua tỉnh", "chien_si_thi_dua_tinh": "CSTĐ cấp tỉnh",
    "chien_si_thi_dua_co_so": "CSTĐ cơ sở", "giay_khen": "Giấy khen", "lao_dong_tien_tien": "Lao động tiên tiến",
    "tap_the_lao_dong_tien_tien": "Tập thể LĐTT", "tap_the_lao_dong_xuat_sac": "Tập thể LĐXS",
}


def points_vi(value: float | None) -> str:
    """Points as Vietnamese writes them: 83,6; 40; −5."""
    if value is None:
        return "—"
    v = round(float(value), 2)
    if v.is_integer():
        return str(int(v))
    return f"{v:.2f}".rstrip("0").replace(".", ",")


def date_vi(value: str | dt.date | None) -> str:
    """dd/mm/yyyy from a date or an ISO string."""
    if not value:
        return "—"
    d = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return d.strftime("%d/%m/%Y")


def metric_vi(metric: str) -> str:
    """'Bằng khen tỉnh – tập thể' for 'bang_khen_tinh.tap_the'."""
    award, _, rec = metric.partition(".")
    return f"{AWARD_LABELS.get(award, award)} – {RECIPIENT_LABELS.get(rec, rec)}" if rec else AWARD_LABELS.get(award, award)


def describe(entry: dict[str, Any]) -> str:
    """One evidence entry in Vietnamese words."""
    kind = entry.get("kind")
    if kind == "task":
        parts = [f"{entry['item']}: {STATE_LABELS.get(entry.get('state') or '', 'chưa có báo cáo')}"]
        if entry.get("date"):
            parts.append(f"ngày {date_vi(entry['date'])}")
            if entry.get("date_from"):
                parts.append(f"(theo báo cáo {PERIOD_LABELS.get(entry['date_from']['period_kind'], '')})")
        parts.append(f"hạn {date_vi(entry['due_date'])}")
        return " ".join(parts) + f" – {entry.get('note', '')}"
    if kind == "report":
        basis = {"received": "ngày nhận do người duyệt ghi", "report_date": "ngày ký báo cáo",
                 "file_received": "ngày nhận tệp"}.get(entry.get("date_basis", ""), "")
        when = f"{date_vi(entry['date'])} ({basis})" if entry.get("date") else "chưa có"
        return f"{entry['name']} – hạn {date_vi(entry['deadline'])}, gửi {when}: {entry.get('note', '')}"
    if kind == "figure":
        return f"{metric_vi(entry['metric'])} (báo cáo {PERIOD_LABELS.get(entry['period_kind'], entry['period_kind'])}): {points_vi(entry['value'])}"
    if kind in ("target", "cap", "manual"):
        return str(entry.get("note", ""))
    return str(entry)


@dataclass(slots=True)
class ScoreRow:
    """A unit's line of the score table."""

    rank: int
    unit: str
    role: str
    points: list[float | None]
    total: float
    unreviewed: bool
    pending: list[str]
    #: The pending criteria as the table numbers its columns ("(7)"), never by their internal ids.
    pending_labels: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        """'có điểm dựa trên kết quả máy đọc chưa duyệt; chưa chấm: (7), (8)' or ''."""
        parts = []
        if self.unreviewed:
            parts.append("có điểm dựa trên kết quả máy đọc chưa duyệt")
        if self.pending:
            parts.append("chưa chấm: " + ", ".join(self.pending_labels or self.pending))
        return "; ".join(parts)


@dataclass(slots=True)
class EvidenceRow:
    """One thing that gave or took points: unit, criterion, what, points, source, where it comes from."""

    unit: str
    criterion_id: str
    criterion: str
    what: str
    points: float | None
    source: str
    report_file: str
    report_id: int | None
    finding_ids: list[int]
    correction_id: int | None


@dataclass(slots=True)
class ScoreTable:
    """The score table of a year: columns (id, name, max), rows by rank, and the sheet behind them."""

    sheet: ScoreSheet
    columns: list[tuple[str, str, float]]
    rows: list[ScoreRow]

    @property
    def year(self) -> int:
        """The plan year."""
        return self.sheet.year

    @property
    def table(self) -> ScoringTable:
        """The scoring table used."""
        return self.sheet.table


def rows_of(sheet: ScoreSheet) -> ScoreTable:
    """The sheet as a score table (columns and rows by rank)."""
    columns = sheet.columns()
    number = {cid: i for i, (cid, _, _) in enumerate(columns, start=1)}
    names = {c.id: c.name for c in sheet.table.criteria}

    def label(cid: str) -> str:
        return f"({number[cid]})" if cid in number else names.get(cid, cid)

    rows = [
        ScoreRow(
            u.rank, u.unit, u.role, [u.points(cid) for cid, _, _ in columns], u.total, u.unreviewed, u.pending,
            [label(c) for c in u.pending],
        )
        for u in sheet.units
    ]
    return ScoreTable(sheet, columns, rows)


def score_table(
    session: Session,
    year: int | None = None,
    table: ScoringTable | None = None,
    as_of: dt.date | None = None,
    settings: Settings | None = None,
) -> ScoreTable:
    """Recompute (and store) a year's scores and return them as rows for a page or an export."""
    return rows_of(score_year(session, year, table, as_of, settings))


def evidence_rows(session: Session, sheet: ScoreSheet) -> list[EvidenceRow]:
    """Every evidence entry of the sheet as a row, with the report's file name."""
    names = {c.id: c.name for c in sheet.table.criteria}
    names[BONUS_CAP] = "Giảm điểm thưởng vượt mức trần"
    files = dict(
        session.execute(select(Report.id, SourceFile.original_name).join(SourceFile, Report.source_file_id == SourceFile.id)).all()
    )
    out = []
    for u in sheet.units:
        for cid, cs in u.criteria.items():
            for e in cs.evidence:
                rid = e.get("report_id")
                source = SOURCE_LABELS.get(e.get("source"), str(e.get("source") or ""))
                report_file = files.get(rid, "") if rid else ""
                finding_ids = list(e.get("finding_ids") or [])
                earlier = e.get("date_from")
                if earlier:  # the date comes from an earlier report: name it too
                    report_file = "; ".join(x for x in (report_file, f"{files.get(earlier['report_id'], '')} (ngày)") if x)
                    finding_ids += [i for i in earlier.get("finding_ids", []) if i not in finding_ids]
                out.append(
                    EvidenceRow(
                        u.unit, cid, names.get(cid, cid), describe(e), e.get("points"), source, report_file,
                        rid or (earlier or {}).get("report_id"), finding_ids, e.get("correction_id"),
                    )
                )
    return out


__all__ = [
    "EvidenceRow",
    "ScoreRow",
    "ScoreTable",
    "date_vi",
    "describe",
    "evidence_rows",
    "metric_vi",
    "points_vi",
    "rows_of",
    "score_table",
]
