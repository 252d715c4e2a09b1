"""Helpers that lay out Word files the way Decree 30/2020/ND-CP prescribes (test-data generation only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BUILD_DIR = Path(__file__).resolve().parent
SAMPLE_DIR = BUILD_DIR.parent
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def new_document(font: str = "Times New Roman", size: float = 14, landscape: bool = False):
    """An A4 document with the margins and body font of an administrative text."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_height, sec.page_width = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(1.8)
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.space_before = Pt(0)
    doc._thidua_font = font  # remembered for runs that must name the font explicitly
    return doc


def set_run_font(run, font: str | None = None, size: float | None = None,
                 bold: bool | None = None, italic: bool | None = None, caps: bool = False):
    """Apply font attributes to a run, writing every rFonts slot so Word shows the font."""
    if font:
        run.font.name = font
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), font)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if caps:
        run.font.all_caps = True
    return run


def para(container, text: str = "", *, bold=False, italic=False, align=JUSTIFY, indent: float | None = 1.0,
         size: float | None = None, font: str | None = None, space_after: float | None = None,
         keep_first: bool = False):
    """Add a paragraph; `text` may hold **bold** segments marked with double asterisks."""
    p = container.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(indent)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    parts = text.split("**")
    for i, part in enumerate(parts):
        if not part:
            continue
        r = p.add_run(part)
        set_run_font(r, font=font, size=size, bold=bold or (i % 2 == 1), italic=italic)
    if keep_first:
        p.paragraph_format.keep_with_next = True
    return p


def cell_text(cell, lines, *, bold=False, italic=False, align=LEFT, size: float | None = 12,
              font: str | None = None):
    """Fill a table cell with one paragraph per line (lines may be str or (str, dict) pairs)."""
    if isinstance(lines, str):
        lines = [lines]
    first = True
    for line in lines:
        opts = {}
        if isinstance(line, tuple):
            line, opts = line
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = opts.get("align", align)
        p.paragraph_format.space_after = Pt(opts.get("space_after", 1))
        if line:
            r = p.add_run(line)
            set_run_font(r, font=opts.get("font", font), size=opts.get("size", size),
                         bold=opts.get("bold", bold), italic=opts.get("italic", italic))
    return cell


def plan_table(doc, header, rows, widths_cm, aligns, *, size: float = 12.5, column_numbers: bool = False):
    """A plan's table: a bold header row (repeated on each page), optionally a "(1) (2) ..." row, then
    rows of one cell (a quarter heading merged across), of two (its label, then a heading merged over
    the rest) or one cell per column, aligned by `aligns`."""
    n = len(header)
    top = 2 if column_numbers else 1
    t = grid(doc, len(rows) + top, n, widths_cm)
    for i, h in enumerate(header):
        cell_text(t.cell(0, i), [h], bold=True, align=CENTER, size=size)
        if column_numbers:
            cell_text(t.cell(1, i), [f"({i + 1})"], italic=True, align=CENTER, size=11)
    repeat_header(t.rows[0])
    for r, row in enumerate(rows, start=top):
        if len(row) == 1:
            cell_text(t.cell(r, 0).merge(t.cell(r, n - 1)), [row[0]], bold=True, align=LEFT, size=size)
        elif len(row) == 2:
            cell_text(t.cell(r, 0), [row[0]], bold=True, align=CENTER, size=size)
            cell_text(t.cell(r, 1).merge(t.cell(r, n - 1)), [row[1]], bold=True, align=LEFT, size=size)
        else:
            for c, (value, align) in enumerate(zip(row, aligns)):
                cell_text(t.cell(r, c), value, align=align, size=size)
    return t


def no_borders(table):
    """Remove every border of a table (header and signature tables are invisible)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def grid(container, rows: int, cols: int, widths_cm):
    """A bordered table with fixed column widths."""
    t = container.add_table(rows=rows, cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(t, widths_cm)
    return t


def set_widths(table, widths_cm):
    """Set column widths on every cell (Word honours cell widths, LibreOffice the grid)."""
    table.autofit = False
    for row in table.rows:
        for i, w in enumerate(widths_cm):
            if i < len(row.cells):
                row.cells[i].width = Cm(w)
    for i, col in enumerate(table.columns):
        if i < len(widths_cm):
            col.width = Cm(widths_cm[i])


def repeat_header(row):
    """Mark a table row as a header row repeated on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def header_block(doc, left_lines, number: str, place_date: str, *, motto_rule: bool = True,
                 font: str | None = None, left_width: float = 6.5, right_width: float = 9.5,
                 motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")):
    """The two-column header table: issuing body and number left, national motto and date right."""
    t = doc.add_table(rows=2, cols=2)
    no_borders(t)
    set_widths(t, [left_width, right_width])
    left = []
    for line in left_lines:
        left.append(line if isinstance(line, tuple) else (line, {"bold": True}))
    left.append(("", {}))
    cell_text(t.cell(0, 0), left, align=CENTER, size=13, font=font)
    right = [(motto[0], {"bold": True, "size": 12.5}), (motto[1], {"bold": True, "size": 13})]
    if motto_rule:
        right.append(("_______________________", {"size": 10}))
    cell_text(t.cell(0, 1), right, align=CENTER, size=13, font=font)
    cell_text(t.cell(1, 0), [number], align=CENTER, size=13, font=font)
    cell_text(t.cell(1, 1), [(place_date, {"italic": True})], align=CENTER, size=13, font=font)
    return t


def signature_block(doc, recipients, sign_lines, name: str, *, font: str | None = None,
                    left_width: float = 7.0, right_width: float = 9.2, blank_lines: int = 3):
    """'Nơi nhận:' list on the left and the signer's block on the right."""
    t = doc.add_table(rows=1, cols=2)
    no_borders(t)
    set_widths(t, [left_width, right_width])
    left = [("Nơi nhận:", {"bold": True, "italic": True, "size": 12})]
    left += [(r, {"size": 11}) for r in recipients]
    cell_text(t.cell(0, 0), left, font=font)
    right = [(s, {"bold": True, "align": CENTER}) for s in sign_lines]
    right += [("", {})] * blank_lines
    right.append((name, {"bold": True, "align": CENTER}))
    cell_text(t.cell(0, 1), right, size=13.5, font=font)
    return t


def signer_office(doc, office: str) -> None:
    """Print the signer's office above the name in the signature block (as plans signed by a chairman do)."""
    sig_cell = doc.tables[-1].cell(0, 1)
    p = sig_cell.paragraphs[-1].insert_paragraph_before("")
    p.alignment = CENTER
    set_run_font(p.add_run(office), size=13, bold=True)


def save_docx_and_pdf(doc, out_dir: Path, stem: str, author: str, title: str) -> tuple[Path, Path]:
    """Save the document as out_dir/stem.docx with its properties, and a LibreOffice PDF beside it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path = out_dir / f"{stem}.docx"
    doc.core_properties.author = author
    doc.core_properties.title = title
    doc.save(docx_path)
    return docx_path, soffice_convert(docx_path, "pdf", out_dir)


def page_break(doc):
    """Add a paragraph holding only a hard page break."""
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    return p


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice in a private profile; returns the produced file."""
    profile = Path(tempfile.gettempdir()) / "thidua_sample_docs_lo_profile"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", fmt, "--outdir", tmp, str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        ext = fmt.split(":")[0]
        produced = Path(tmp) / (src.stem + "." + ext)
        if not produced.exists():
            raise RuntimeError(f"LibreOffice did not produce {produced.name} from {src}")
        outdir.mkdir(parents=True, exist_ok=True)
        target = outdir / produced.name
        shutil.move(str(produced), target)
    return target
