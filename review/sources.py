"""The original around a finding, from what the pipeline kept: page image with the span's box, tables as tables.

Nothing here reads an original again: the read document and the page images were kept in the
originals store when the file was processed (models/artifacts.py). A report processed before
they were kept shows the finding's stored text with a note; no OCR, pdftoppm or LibreOffice
ever runs when a page is opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thidua.core.document import Box, Cell, Document, Paragraph, Table
from thidua.core.errors import ThiduaError
from thidua.models.artifacts import kept_document, page_key
from thidua.models.originals import OriginalsStore
from thidua.models.tables import Finding
from thidua.review.labels import cell_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: A table longer than this shows its header rows and the rows around the found one.
FULL_TABLE_ROWS = 40
#: Rows shown either side of the found row in a long table.
ROWS_AROUND = 5
#: Header rows at most (a title row, column groups, sub-columns, column numbers).
MAX_HEADER_ROWS = 5

NOT_KEPT = (
    "Báo cáo này được xử lý trước khi hệ thống lưu bản đọc và ảnh trang, nên chỉ hiện câu máy đã trích. "
    "Tải bản gốc để xem toàn văn, hoặc xử lý lại tệp để có ảnh trang."
)


@dataclass(slots=True)
class PageView:
    """A kept page image and the boxes to highlight on it (fractions of the page)."""

    number: int
    url: str
    boxes: list[Box] = field(default_factory=list)


@dataclass(slots=True)
class CellView:
    """One cell of a table as shown: text, spans, whether it is a header or the found cell."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    found: bool = False
    #: The 1-based place, "hàng 3, cột 2" (labels.cell_label).
    label: str = ""


@dataclass(slots=True)
class TableView:
    """A table as rows of cells (None marks rows left out of a long table)."""

    rows: list[list[CellView] | None]
    header_rows: int
    n_cols: int


@dataclass(slots=True)
class SourceExcerpt:
    """What the reviewer reads: where the text is, the text split around the highlight, context."""

    file_name: str
    format: str = ""
    #: Vietnamese description of the place: "Trang 2 · đoạn 14", "Trang 1 · bảng 18 · hàng 3, cột 2".
    location: str = ""
    page: int | None = None
    before: str = ""
    highlight: str = ""
    after: str = ""
    context_before: list[str] = field(default_factory=list)
    context_after: list[str] = field(default_factory=list)
    #: Set when the original's reading was not kept or the span no longer fits it.
    warning: str | None = None
    #: The page image with the found box, for PDFs and scans whose pages were kept.
    page_view: PageView | None = None
    #: The whole table (or its header and the rows around the finding) when the finding is in one.
    table: TableView | None = None
    #: Where the original file is downloaded (logged-in users only).
    download_url: str = ""


def _distinct(texts: Iterable[str]) -> list[str]:
    # A merged cell repeats its text in every grid position it covers: show it once.
    out: list[str] = []
    for text in texts:
        if text.strip() and (not out or out[-1] != text):
            out.append(text)
    return out


def _split(text: str, start: int | None, end: int | None, found: str) -> tuple[str, str, str] | None:
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return text[:start], text[start:end], text[end:]
    if found and found in text:
        i = text.index(found)
        return text[:i], found, text[i + len(found) :]
    return None


_ORDINAL = re.compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ])[.)]?\s*$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\s*\(?\d{1,2}\)?\s*$")


def header_row_count(table: Table) -> int:
    """How many leading rows are headers: rows before the first that starts like a data row.

    A data row starts with an ordinal ("1", "II", "a)") in its first filled cell; a row that only
    numbers the columns ("(1) (2) (3)", "1 2 3") belongs to the header. At most MAX_HEADER_ROWS,
    and never the whole table.
    """
    if len(table.rows) < 2:
        return 0  # a one-row table (a layout table) has no header
    limit = min(MAX_HEADER_ROWS, len(table.rows) - 1)
    for r, row in enumerate(table.rows[:limit]):
        texts = [c.text for c in row if c.text.strip() and not c.merged]
        if not texts:
            continue
        if len(texts) >= 2 and all(_COLUMN_NUMBER.match(t) for t in texts):
            continue  # the column numbers under the headers
        if _ORDINAL.match(texts[0]) or any(_is_number(t) for t in texts[1:]):
            return r
    return 1 if table.rows else 0


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[\d.,]+\s*", text))


def _covered(rows: list[list[Cell]], r: int, c: int) -> str | None:
    """'left' or 'above' when a grid position repeats a merged cell that starts there."""
    cell = rows[r][c]
    if not cell.merged:
        return None
    if c > 0 and rows[r][c - 1].text == cell.text:
        return "left"
    if r > 0 and c < len(rows[r - 1]) and rows[r - 1][c].text == cell.text:
        return "above"
    return None


def table_view(table: Table, found: tuple[int, int] | None) -> TableView:
    """The table as HTML-ready rows: merged cells as col/rowspans, headers marked, the found cell marked.

    A long table keeps every header row and the rows around the found one.
    """
    rows = table.rows
    n_cols = table.n_cols
    headers = header_row_count(table)
    cover = [[_covered(rows, r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    found_owner = _owner(cover, *found) if found and found[0] < len(rows) and found[1] < len(rows[found[0]]) else None
    keep = set(range(len(rows)))
    if len(rows) > FULL_TABLE_ROWS:
        centre = found[0] if found else headers
        keep = set(range(headers)) | set(range(max(headers, centre - ROWS_AROUND), min(len(rows), centre + ROWS_AROUND + 1)))
    out: list[list[CellView] | None] = []
    for r, row in enumerate(rows):
        if r not in keep:
            if out and out[-1] is not None:
                out.append(None)
            continue
        cells: list[CellView] = []
        for c, cell in enumerate(row):
            if cover[r][c] is not None:
                continue
            colspan = 1
            while c + colspan < len(row) and cover[r][c + colspan] == "left":
                colspan += 1
            rowspan = 1
            while r + rowspan < len(rows) and r + rowspan in keep and c < len(rows[r + rowspan]) and cover[r + rowspan][c] == "above":
                rowspan += 1
            cells.append(CellView(
                text=cell.text, colspan=colspan, rowspan=rowspan, header=r < headers,
                found=found_owner == (r, c), label=cell_label(r, c),
            ))
        out.append(cells)
    return TableView(out, headers, n_cols)


def _owner(cover: list[list[str | None]], r: int, c: int) -> tuple[int, int]:
    """The grid position where the merged cell covering (r, c) starts."""
    while True:
        how = cover[r][c]
        if how == "left":
            c -= 1
        elif how == "above":
            r -= 1
        else:
            return r, c


def _finding_boxes(finding: Finding, doc: Document | None) -> list[Box]:
    """The boxes of a finding on its page: each summed part's, else its own (stored, or from the document)."""
    extra: dict[str, Any] = finding.extra or {}
    parts = [p for p in extra.get("parts") or [] if p.get("bbox") and p.get("page") == finding.page]
    if parts:
        return [Box.from_list(p["bbox"]) for p in parts]
    if extra.get("bbox"):
        return [Box.from_list(extra["bbox"])]
    if doc is not None and finding.block is not None:
        from thidua.core.document import Span

        span = Span(finding.block, finding.span_start or 0, finding.span_end or 0, finding.page, finding.row, finding.col)
        box = doc.box_of(span)
        return [box] if box else []
    return []


def _store() -> OriginalsStore:
    from thidua.core.settings import Settings

    return OriginalsStore.from_settings(Settings.from_env())


def _where(finding: Finding, block: Paragraph | Table | None) -> list[str]:
    where = [f"Trang {finding.page}"] if finding.page is not None else []
    if isinstance(block, Table) or (block is None and finding.row is not None):
        index = block.index if block is not None else finding.block
        where.append(f"bảng {index + 1 if index is not None else ''}".strip())
        if finding.row is not None and finding.col is not None:
            where.append(cell_label(finding.row, finding.col))
    elif block is not None:
        where.append(f"đoạn {block.index + 1}")
    return where


def excerpt_for(finding: Finding, store: OriginalsStore | None = None) -> SourceExcerpt:
    """The source excerpt of a finding from the kept reading; the finding's own text with a note otherwise."""
    source = finding.report.source_file
    out = SourceExcerpt(
        file_name=source.original_name,
        format=finding.report.source_format or "",
        page=finding.page,
        download_url=f"/sources/{source.id}/original",
    )
    fallback = (finding.text or "").strip()
    store = store or _store()
    try:
        doc = kept_document(store, source.sha256)
    except (OSError, ThiduaError, ValueError, KeyError) as exc:
        doc = None
        out.warning = f"Không đọc được bản đọc đã lưu ({getattr(exc, 'reason', exc)}); chỉ hiện câu máy đã trích."
    if doc is None:
        out.highlight = fallback
        out.location = " · ".join(_where(finding, None))
        out.warning = out.warning or NOT_KEPT
        return out
    out.format = str(doc.format)
    if finding.block is None or not 0 <= finding.block < len(doc.blocks):
        out.highlight = fallback
        out.warning = "Vị trí trong bản gốc không còn khớp; chỉ hiện câu máy đã trích."
        return out
    block = doc.blocks[finding.block]
    out.page = finding.page if finding.page is not None else block.page
    out.location = " · ".join(_where(finding, block))
    text = block.text
    if isinstance(block, Table):
        cell = None
        if finding.row is not None and finding.col is not None:
            try:
                cell = block.cell(finding.row, finding.col)
            except IndexError:
                cell = None
        out.table = table_view(block, (finding.row, finding.col) if cell is not None else None)  # type: ignore[arg-type]
        if cell is not None:
            text = cell.text
            row_cells = _distinct(c.text for i, c in enumerate(block.rows[finding.row]) if i != finding.col)  # type: ignore[index]
            if row_cells:
                out.context_after.append("Cùng hàng: " + " | ".join(row_cells))
    else:
        prev = [b for b in doc.blocks[max(0, block.index - 2) : block.index] if isinstance(b, Paragraph)]
        nxt = [b for b in doc.blocks[block.index + 1 : block.index + 3] if isinstance(b, Paragraph)]
        out.context_before = [b.text for b in prev if b.text.strip()]
        out.context_after = [b.text for b in nxt if b.text.strip()]
    if out.page is not None and doc.pages and store.exists(page_key(source.sha256, out.page)):
        out.page_view = PageView(out.page, f"/sources/{source.id}/pages/{out.page}", _finding_boxes(finding, doc))
    parts = _split(text, finding.span_start, finding.span_end, fallback)
    if parts is None:
        out.before, out.highlight, out.after = text, "", ""
        out.warning = "Không tìm thấy đúng đoạn máy đã trích trong bản gốc; hiện cả khối."
    else:
        out.before, out.highlight, out.after = parts
    return out


def finding_places(s: "Session", finding_ids: Iterable[int | None]) -> dict[int, str]:
    """Where each finding is in its original ('trang 2 · hàng 3, cột 2'), for history; unknown ones left out."""
    from sqlalchemy import select

    from thidua.review.labels import place_label

    ids = sorted({i for i in finding_ids if i is not None})
    if not ids:
        return {}
    rows = s.execute(select(Finding.id, Finding.page, Finding.row, Finding.col).where(Finding.id.in_(ids))).all()
    return {fid: label for fid, page, row, col in rows if (label := place_label(page, row, col))}
