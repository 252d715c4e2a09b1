"""The cluster's score report as a Word file laid out as Decree 30/2020/NĐ-CP (Phụ lục I).

A4, margins 20/20/30/15 mm, Times New Roman; header table with the issuing body (left) and the
national motto (right), number and symbol, place and date (italic), the title BÁO CÁO with its
subject, a numbered body with the score table and the chart, then "Nơi nhận:" beside the
signature block; page numbers centred at the top from page 2.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from thidua.core.errors import StorageError
from thidua.scoring.chart import score_chart_png
from thidua.scoring.report import ScoreTable, points_vi

FONT = "Times New Roman"


@dataclass(slots=True)
class WordOptions:
    """What the report says about itself: issuer, number, place and date, recipients, signer."""

    issuer: str = ""
    #: The number is given by the clerk at signing: "Số:      /BC-CTĐ" when empty.
    number: str = ""
    symbol: str = "BC-CTĐ"
    place: str = ""
    #: The signing date; None leaves "ngày … tháng … năm …" for the signer to fill in.
    date: dt.date | None = None
    recipients: list[str] = field(
        default_factory=lambda: [
            "Ban Thi đua - Khen thưởng tỉnh",
            "Các đơn vị trong Cụm thi đua",
            "Lưu: VT, Tổ giúp việc",
        ]
    )
    signer_authority: str = "TM. CỤM THI ĐUA"
    signer_title: str = "TRƯỞNG CỤM"
    signer_name: str = ""


def date_line(place: str, date: dt.date | None, year: int) -> str:
    """'Hà Quảng, ngày 05 tháng 01 năm 2023' (day < 10 and months 1, 2 zero-padded, as Decree 30 says)."""
    if date is None:
        return f"{place}, ngày      tháng      năm {year}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _run(p: Paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    r = p.add_run(text)
    r.font.name = FONT
    r._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic


def _para(container, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, after: float = 6) -> Paragraph:
    p = container.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    if indent:
        pf.first_line_indent = Cm(1.27)
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule_below(p: Paragraph) -> None:
    """A short solid line under a centred paragraph (under the issuer, the motto, the subject)."""
    _run(p, "\n" + "\u2500" * 8 + "\u2500" * 4, size=10)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_para(cell, first: bool) -> Paragraph:
    return cell.paragraphs[0] if first and not cell.paragraphs[0].text else cell.add_paragraph()


def _header_table(doc, view: ScoreTable, o: WordOptions) -> None:
    t = doc.add_table(rows=2, cols=2)
    _no_borders(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(6.5), Cm(9.5))
    for col, w in zip(t.columns, widths):
        col.width = w
    for row in t.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    left, right = t.cell(0, 0), t.cell(0, 1)
    p = _cell_para(left, True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, o.issuer.upper(), size=13, bold=True)
    _rule_below(p)
    p = _cell_para(right, True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    _rule_below(p)
    p = _cell_para(t.cell(1, 0), True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, f"Số: {o.number or '      '}/{o.symbol}", size=13)
    p = _cell_para(t.cell(1, 1), True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, date_line(o.place, o.date, o.date.year if o.date else dt.date.today().year), size=14, italic=True)


def _page_numbers(section) -> None:
    """Page number centred at the top, not shown on the first page (Decree 30, I.7)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _score_table(doc, view: ScoreTable) -> Table:
    """Rank, unit, one numbered column per criterion ((1), (2), …, explained below), total."""
    n = len(view.columns)
    cols = ["Xếp hạng", "Đơn vị", *[f"({i})" for i in range(1, n + 1)], "Tổng điểm"]
    t = doc.add_table(rows=1, cols=len(cols))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    rest = (16.5 - 1.4 - 2.9 - 1.7) / max(n, 1)
    widths = [Cm(1.4), Cm(2.9), *[Cm(rest)] * n, Cm(1.7)]
    for col, w in zip(t.columns, widths):
        col.width = w  # the grid (LibreOffice reads it) as well as each cell (Word reads those)
    for cell, title, w in zip(t.rows[0].cells, cols, widths):
        cell.width = w
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, title, size=10, bold=True)
    for r in view.rows:
        cells = t.add_row().cells
        values = [str(r.rank), r.unit + (" *" if r.unreviewed else ""), *[points_vi(p) for p in r.points], points_vi(r.total)]
        for i, (cell, v, w) in enumerate(zip(cells, values, widths)):
            cell.width = w
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER
            _run(p, v, size=11 if i == 1 else 10, bold=i == len(values) - 1)
    return t


def _footer(doc, o: WordOptions) -> None:
    t = doc.add_table(rows=1, cols=2)
    _no_borders(t)
    left, right = t.cell(0, 0), t.cell(0, 1)
    for col in t.columns:
        col.width = Cm(8)
    left.width, right.width = Cm(8), Cm(8)
    p = _cell_para(left, True)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for i, r in enumerate(o.recipients):
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _run(p, f"- {r}{'.' if i == len(o.recipients) - 1 else ';'}", size=11)
    p = _cell_para(right, True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, o.signer_authority, size=14, bold=True)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, o.signer_title, size=14, bold=True)
    for _ in range(4):
        right.add_paragraph()
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, o.signer_name or "", size=14, bold=True)


def _plan_summary(view: ScoreTable) -> list[str]:
    m = view.sheet.matrix
    lines = []
    for u in m.units:
        cells = [m.cell(u.name, i.id) for i in m.items if m.cell(u.name, i.id).expected]
        done = [c for c in cells if c.state == "done"]
        late = [c for c in done if c.timing == "late"]
        missing = [c.item for c in cells if c.state != "done"]
        text = f"- {u.name}: hoàn thành {len(done)}/{len(cells)} nhiệm vụ"
        if late:
            text += f", trong đó {len(late)} nhiệm vụ chậm so với kế hoạch ({', '.join(c.item for c in late)})"
        if missing:
            text += f"; chưa hoàn thành: {', '.join(missing)}"
        lines.append(text + ".")
    return lines


def export_word(view: ScoreTable, out: str | Path, options: WordOptions | None = None) -> Path:
    """Write the score report (Decree 30 layout, score table, embedded chart) to `out`."""
    o = options or WordOptions()
    t = view.table
    cluster = t.cluster or "Cụm thi đua"
    if not o.issuer:
        o.issuer = cluster
    if not o.place:
        head = next((r.unit for r in view.rows if r.role == "head"), "")
        o.place = head
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_numbers(section)

    _header_table(doc, view, o)
    _para(doc, after=0)
    _para(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    p = _para(doc, f"Kết quả chấm điểm, xếp hạng thi đua năm {view.year} của {cluster}", bold=True,
              align=WD_ALIGN_PARAGRAPH.CENTER)
    _rule_below(p)

    _para(doc, (
        f"Căn cứ Kế hoạch hoạt động năm {view.year} và {t.title[0].lower() + t.title[1:]} của {cluster}; "
        f"căn cứ báo cáo của các đơn vị thành viên, Tổ giúp việc tổng hợp kết quả chấm điểm thi đua như sau:"
    ), indent=True)
    _para(doc, "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH HOẠT ĐỘNG CỦA CỤM", bold=True)
    for line in _plan_summary(view):
        _para(doc, line, indent=True)
    _para(doc, "II. KẾT QUẢ CHẤM ĐIỂM VÀ XẾP HẠNG", bold=True)
    _para(doc, f"Tổng điểm tối đa: {points_vi(t.max_total)} điểm (chưa kể điểm thưởng). Kết quả cụ thể:", indent=True)
    _score_table(doc, view)
    legend = "; ".join(
        f"({i}) {name}" + (f" (tối đa {points_vi(mx)} điểm)" if mx else "")
        for i, (_cid, name, mx) in enumerate(view.columns, start=1)
    )
    _para(doc, f"Ghi chú: {legend}.", size=11, italic=True)
    doc.add_picture(io.BytesIO(score_chart_png(view)), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "Biểu đồ: tổng điểm thi đua của các đơn vị theo từng mục của bảng tiêu chí.", size=11, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "III. ĐỀ XUẤT", bold=True)
    top = [r for r in view.rows if r.rank == 1]
    second = [r for r in view.rows if r.rank == 2]
    text = "Căn cứ kết quả chấm điểm, Tổ giúp việc đề xuất Cụm thi đua bình xét, suy tôn "
    text += ", ".join(f"huyện {r.unit} ({points_vi(r.total)} điểm)" for r in top) + " dẫn đầu phong trào thi đua"
    if second:
        text += "; " + ", ".join(f"huyện {r.unit} ({points_vi(r.total)} điểm)" for r in second) + " xếp thứ hai"
    _para(doc, text + ".", indent=True)
    unreviewed = [r.unit for r in view.rows if r.unreviewed]
    number = {cid: i for i, (cid, _, _) in enumerate(view.columns, start=1)}
    pending = [f"({number[c]})" for c in sorted({c for r in view.rows for c in r.pending}, key=number.get)]
    if unreviewed or pending:
        note = "Lưu ý: "
        if unreviewed:
            note += f"điểm của {', '.join(unreviewed)} (đánh dấu *) còn dựa trên kết quả máy đọc báo cáo chưa được người duyệt xác nhận"
        if pending:
            note += ("; " if unreviewed else "") + f"các tiêu chí chưa chấm: {', '.join(pending)}"
        _para(doc, note + ".", indent=True, italic=True)
    _para(doc, f"Trên đây là báo cáo kết quả chấm điểm, xếp hạng thi đua năm {view.year} của {cluster}./.", indent=True)
    _footer(doc, o)
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
    except OSError as exc:
        raise StorageError(f"không ghi được tệp Word ({exc.strerror or exc})", path) from None
    return path


__all__ = ["WordOptions", "date_line", "export_word"]
