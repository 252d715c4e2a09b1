"""The secretariat's Excel workbook: completion matrix, scores and ranks, evidence, the table used."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from thidua.core.errors import StorageError
from thidua.scoring.compute import done_date
from thidua.scoring.report import (
    SOURCE_LABELS,
    STATE_LABELS,
    TIMING_LABELS,
    ScoreTable,
    date_vi,
    evidence_rows,
)

SHEET_MATRIX = "Bảng hoàn thành"
SHEET_SCORES = "Điểm và xếp hạng"
SHEET_EVIDENCE = "Căn cứ chấm điểm"
SHEET_TABLE = "Bảng tiêu chí"

_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_STATE_FILL = {
    "done": PatternFill("solid", fgColor="E2F0D9"),
    "in_progress": PatternFill("solid", fgColor="FFF2CC"),
    "planned": PatternFill("solid", fgColor="FFF2CC"),
    "not_done": PatternFill("solid", fgColor="F8CBAD"),
}
_LATE_FONT = Font(color="C00000")


def _header(ws: Worksheet, row: int, titles: list[str], widths: list[float]) -> None:
    for col, (title, width) in enumerate(zip(titles, widths), start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width


def _matrix_sheet(ws: Worksheet, view: ScoreTable) -> None:
    m = view.sheet.matrix
    ws.append([f"Bảng theo dõi thực hiện Kế hoạch năm {m.year} (đến ngày {m.as_of:%d/%m/%Y})"])
    ws["A1"].font = Font(bold=True, size=13)
    _header(ws, 2, ["Đơn vị", *[i.id for i in m.items]], [22, *[16] * len(m.items)])
    ws.append(["Nội dung", *[i.content for i in m.items]])
    ws.append(["Hạn", *[date_vi(i.due_date) for i in m.items]])
    for r in (3, 4):
        for c in range(1, len(m.items) + 2):
            cell = ws.cell(row=r, column=c)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(italic=r == 3, size=9 if r == 3 else 10, bold=c == 1)
            cell.border = _BOX
    ws.row_dimensions[3].height = 90
    for u in m.units:
        values = [u.name + (" (Trưởng Cụm)" if u.role == "head" else "")]
        cells = [m.cell(u.name, i.id) for i in m.items]
        for c in cells:
            if c.state is None:
                values.append("Chưa báo cáo" if c.expected else "–")
                continue
            parts = [STATE_LABELS.get(c.state, c.state)]
            # A done cell whose latest report gives no date shows the date an earlier report gave
            # (the one scoring uses), so the sheet and the points agree.
            when = done_date(c)[0] if c.state == "done" else c.date
            timing = c.timing
            if when is not None:
                parts.append(when.strftime("%d/%m/%Y"))
                if c.state == "done":
                    timing = "on_time" if when <= c.due_date else "late"
            if timing:
                parts.append(TIMING_LABELS.get(timing, timing))
            if c.source and c.source != "machine":
                parts.append(SOURCE_LABELS[c.source].lower())
            values.append("\n".join(parts))
        ws.append(values)
        row = ws.max_row
        ws.cell(row=row, column=1).font = Font(bold=True)
        for col, c in enumerate(cells, start=2):
            cell = ws.cell(row=row, column=col)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BOX
            if c.state in _STATE_FILL:
                cell.fill = _STATE_FILL[c.state]
            if c.timing in ("late", "overdue") or "trễ hạn" in str(cell.value):
                cell.font = _LATE_FONT
    ws.freeze_panes = "B3"


def _scores_sheet(ws: Worksheet, view: ScoreTable) -> None:
    t = view.table
    ws.append([f"{t.title} – {t.cluster}".strip(" –")])
    ws["A1"].font = Font(bold=True, size=13)
    titles = ["Xếp hạng", "Đơn vị"]
    titles += [f"{cid}\n{name}\n(tối đa {mx:g})" if mx else f"{cid}\n{name}" for cid, name, mx in view.columns]
    titles += [f"Tổng điểm\n(tối đa {t.max_total:g})", "Ghi chú"]
    _header(ws, 2, titles, [10, 22, *[18] * len(view.columns), 14, 40])
    ws.row_dimensions[2].height = 75
    for r in view.rows:
        ws.append([r.rank, r.unit, *[None if p is None else round(p, 2) for p in r.points], round(r.total, 2), r.note])
        row = ws.max_row
        for col in range(1, len(titles) + 1):
            cell = ws.cell(row=row, column=col)
            cell.border = _BOX
            if 3 <= col <= len(titles) - 1:
                cell.number_format = "0.##"
        ws.cell(row=row, column=len(titles) - 1).font = Font(bold=True)
        ws.cell(row=row, column=len(titles)).alignment = Alignment(wrap_text=True)
    ws.freeze_panes = "C3"


def _evidence_sheet(ws: Worksheet, session: Session, view: ScoreTable) -> None:
    titles = ["Đơn vị", "Tiêu chí", "Nội dung", "Điểm", "Nguồn", "Tệp báo cáo", "Mã báo cáo", "Mã phát hiện", "Mã bản sửa"]
    _header(ws, 1, titles, [18, 30, 70, 8, 22, 32, 11, 14, 11])
    for e in evidence_rows(session, view.sheet):
        ws.append([
            e.unit, e.criterion, e.what, None if e.points is None else round(e.points, 4), e.source, e.report_file,
            e.report_id, ", ".join(str(i) for i in e.finding_ids), e.correction_id,
        ])
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{ws.max_row}"


def _table_sheet(ws: Worksheet, view: ScoreTable) -> None:
    t = view.table
    _header(ws, 1, ["Mục", "Mã", "Tiêu chí", "Cách tính", "Điểm tối đa"], [7, 24, 60, 20, 12])
    rules = {"plan_tasks": "Nhiệm vụ kế hoạch", "reports_on_time": "Báo cáo đúng hạn", "late_reports": "Trừ điểm báo cáo chậm",
             "figures": "Số liệu so với chỉ tiêu", "manual": "Chấm tay"}
    for c in t.criteria:
        ws.append([c.section, c.id, c.name, rules[c.rule] + (" (điểm thưởng)" if c.bonus else ""), c.max_points or None])
    for d in t.deadlines:
        ws.append(["", f"hạn {d.period}", d.name, f"hạn {d.date:%d/%m/%Y}", None])
    ws.append([])
    ws.append(["", "", f"Tệp bảng điểm: {t.path or ''}", "", None])
    ws.freeze_panes = "A2"


def export_excel(session: Session, view: ScoreTable, out: str | Path) -> Path:
    """Write the workbook (matrix, scores and ranks, evidence, the table) to `out`."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_SCORES
    _scores_sheet(ws, view)
    _matrix_sheet(wb.create_sheet(SHEET_MATRIX, 0), view)
    _evidence_sheet(wb.create_sheet(SHEET_EVIDENCE), session, view)
    _table_sheet(wb.create_sheet(SHEET_TABLE), view)
    wb.active = 1  # open on the scores
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise StorageError(f"không ghi được tệp Excel ({exc.strerror or exc})", path) from None
    return path


__all__ = ["SHEET_EVIDENCE", "SHEET_MATRIX", "SHEET_SCORES", "SHEET_TABLE", "export_excel"]
