"""Task tables: one statement per row, its status from a status column, "x" marks, or cues in the row."""

from __future__ import annotations

import datetime as dt
import re

from thidua.core.dates import dates_in
from thidua.core.findings import Status, TaskStatement
from thidua.core.text import fold
from thidua.core.units import fold_keep_length
from thidua.extractors.report.statements import quoted_tokens
from thidua.extractors.report.view import DocumentView, Piece
from thidua.extractors.report.wording import STATUS_OF

#: Spaces or a line break between two digits of a date cell.
_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")
_MARK = re.compile(r"^\s*[xX✓✔vV+]\s*$")


def table_tasks(view: DocumentView, award_tables: set[int]) -> list[TaskStatement]:
    """One statement per row of a task table (status column, 'x' marks in status columns, or cues in the row)."""
    w = view.config.task_tables
    out: list[TaskStatement] = []
    for b in view.document.tables():
        if b.index in award_tables:
            continue
        cells = view.table_cells(b)
        if not any(p and p.zone == "body" for row in cells for p in row):
            continue
        header = [fold_keep_length(c.text) for c in b.rows[0]] if b.rows else []
        status_col = next((i for i, h in enumerate(header) if re.search(r"ket qua|tinh hinh|trang thai|muc do|danh gia", h)), None)
        date_col = next((i for i, h in enumerate(header) if re.search(r"thoi gian|ngay|thoi han|thoi diem", h)), None)
        content_col = next((i for i, h in enumerate(header) if re.search(r"noi dung|nhiem vu|cong viec|ten ", h)), None)
        mark_cols = {}
        for i, c in enumerate(b.rows[0] if b.rows else []):
            p = cells[0][i]
            if p is not None and p.doc is not None:
                labels = [s.label_ for s in p.doc.spans["cues"] if s.label_ in STATUS_OF]
                if labels and len(p.text) < 40:
                    mark_cols[i] = STATUS_OF[labels[0]]
        has_header = status_col is not None or date_col is not None or content_col is not None or mark_cols
        for r in range(1 if has_header else 0, len(b.rows)):
            row = cells[r]
            if not any(row):
                continue
            status = None
            cue_piece = None
            conf = w.default
            status_cell = row[status_col] if status_col is not None and status_col < len(row) else None
            if status_cell is not None:
                status, cue_piece = _cell_status(status_cell)
                if status is None and view.document.ocr:
                    status = _folded_status(status_cell.text)
                    cue_piece = status_cell if status else None
                conf = w.status_column
            if status is None:
                for i, st in mark_cols.items():
                    mark = row[i] if i < len(row) else None
                    if mark is not None and _MARK.match(mark.text):
                        status, conf = st, w.mark_column
                        break
            if status is None:
                # No status column: cues anywhere in the row; a refusal or a plan ("Dự kiến" in
                # a note column) outweighs the verb of the content ("Tiếp tục thực hiện ...").
                found = [(st, piece) for i, piece in enumerate(row) if piece is not None and i not in mark_cols for st, _ in [_cell_status(piece)] if st is not None]
                for wanted in (Status.NOT_DONE, Status.PLANNED, Status.IN_PROGRESS, Status.DONE):
                    hit = next((f for f in found if f[0] is wanted), None)
                    if hit:
                        status, cue_piece = hit
                        conf = w.row_cue
                        break
            if status is None:
                status = _section_status(view, b.index, row, content_col, (status_col, date_col))
                conf = w.row_cue
            if status is None:
                continue
            if status is Status.IN_PROGRESS and view.section_of.get(b.index) is Status.PLANNED:
                status = Status.PLANNED
            ccol = content_col if content_col is not None and content_col < len(row) and row[content_col] else _longest(row)
            content = row[ccol] if ccol is not None else cue_piece
            if content is None:
                continue
            date = None
            date_cell = row[date_col] if date_col is not None and date_col < len(row) else None
            if date_cell is not None:
                # A narrow date column wraps or OCR splits the digits ("22-01-20 26", "03-3-202 6").
                ds = [d for d, _, _ in dates_in(_DIGIT_GAP.sub("", fold_keep_length(date_cell.text)), view.year) if d]
                date = ds[0] if ds else (_damaged_year_date(date_cell.text, view.year) if view.document.ocr else None)
            if date is None:
                for piece in row:
                    if piece is not None and piece is not content:
                        ds = [d for d, _, _ in dates_in(fold_keep_length(piece.text), view.year) if d]
                        if ds and date_col is None:
                            date = ds[0]
                            break
            if date is None and content is not None:
                ds = [d for d, _, _ in dates_in(fold_keep_length(content.text), view.year) if d]
                date = ds[0] if ds and content is not cue_piece else date
            if status is not Status.DONE:
                date = None  # "Dự kiến 22/12/2026", "Chưa thực hiện": a day the work was not done
            text = content.text if cue_piece is None or cue_piece is content else f"{content.text} — {cue_piece.text}"
            out.append(TaskStatement(text=text, status=status, date=date, span=content.span, confidence=conf * view.factor))
    return out


def _section_status(
    view: DocumentView, table: int, row: list[Piece | None], content_col: int | None, filled: tuple[int | None, ...]
) -> Status | None:
    """A row of a task table with no status word takes its section's ("1. Các nội dung đã thực hiện"):
    only with a headed content column and a filled result or time cell, never on a total row."""
    section = view.section_of.get(table)
    if section not in (Status.DONE, Status.PLANNED) or content_col is None or content_col >= len(row):
        return None
    content = row[content_col]
    if content is None or len(content.text.split()) < 3 or re.match(r"^\s*(?:tổng\s+)?cộng\b", content.text.lower()):
        return None
    cells = [row[i] for i in filled if i is not None and i < len(row)]
    if not any(c is not None and c.text.strip() for c in cells):
        return None
    return section


#: A scanned date cell whose year OCR damaged: "24/8/202 K;", "08/12/20 ^O" (day, month, the year's first digits).
_DAMAGED_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,3})(?!\d)")


def _damaged_year_date(text: str, year: int | None) -> dt.date | None:
    """The day of a scanned date cell whose year is damaged, when the digits left begin the report's year."""
    m = _DAMAGED_YEAR.match(text)
    if m is None or year is None or not str(year).startswith(m.group(3)):
        return None
    try:
        return dt.date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _longest(row: list[Piece | None]) -> int | None:
    lengths = {i: len(p.text) for i, p in enumerate(row) if p is not None}
    return max(lengths, key=lambda i: lengths[i], default=None)


# Short status cells as OCR reads them: tone marks are often misread ("Đang triến khai"), so the
# cell is compared without diacritics. Only the whole (short) cell counts, never running text.
_FOLDED_STATUS = [
    (re.compile(r"^(chua|khong) (thuc hien|hoan thanh|trien khai|to chuc)\b"), Status.NOT_DONE),
    (re.compile(r"^dang (trien khai|thuc hien|to chuc|hoan thien|xay dung)\b"), Status.IN_PROGRESS),
    (re.compile(r"^(da (hoan thanh|thuc hien|to chuc|trien khai)|hoan thanh)\b"), Status.DONE),
    (re.compile(r"^(du kien|se) "), Status.PLANNED),
]


def _folded_status(text: str) -> Status | None:
    """The status a short OCR'd status cell states, matched without diacritics."""
    folded = re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split()
    if not folded or len(folded) > 6:
        return None
    joined = " ".join(folded)
    return next((st for rx, st in _FOLDED_STATUS if rx.match(joined)), None)


def _cell_status(piece: Piece) -> tuple[Status | None, Piece | None]:
    if piece.doc is None:
        return None, None
    quoted = quoted_tokens(piece.doc)
    cues = [c for c in piece.doc.spans["cues"] if c.label_ in STATUS_OF and c.start not in quoted]
    if not cues:
        return None, None
    neg = [c for c in cues if c.label_ == "NOT_DONE"]
    return STATUS_OF[(neg or cues)[0].label_], piece
