"""Read a .docx file into a Document: paragraphs and tables in body order, merged cells resolved."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from extractors.document import Cell, Document, Paragraph, SourceFormat, Table
from extractors.errors import CorruptDocumentError, EncryptedDocumentError
from extractors.text import normalize_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, source_format: SourceFormat = SourceFormat.DOCX) -> Document:
    """Read a Word 2007+ file; raise CorruptDocumentError or EncryptedDocumentError if unreadable."""
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise CorruptDocumentError("tệp .docx thiếu phần nội dung (word/document.xml)", path)
    except zipfile.BadZipFile:
        # Encrypted Office files are OLE containers, not zips.
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise EncryptedDocumentError("tệp Word được đặt mật khẩu hoặc là định dạng .doc cũ", path)
        raise CorruptDocumentError("tệp .docx bị hỏng (không phải tệp zip hợp lệ)", path) from None
    try:
        wd = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({exc})", path) from None
    except Exception as exc:  # lxml errors and friends: the XML inside is broken
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({type(exc).__name__}: {exc})", path) from None
    doc = Document(source=Path(path).name, format=source_format)
    doc.blocks = list(_blocks(wd))
    doc.fonts = _font_names(wd)
    return doc


def docx_font_names(path: Path) -> set[str]:
    """The font names a .docx uses (run fonts and styles), to detect legacy encodings."""
    return _font_names(docx.Document(str(path)))


def _font_names(wd: DocxDocument) -> set[str]:
    names: set[str] = set()
    for el in wd.element.body.iter(f"{_W}rFonts"):
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            v = el.get(f"{_W}{attr}")
            if v:
                names.add(v)
    for el in wd.styles.element.iter(f"{_W}rFonts"):
        for attr in ("ascii", "hAnsi"):
            v = el.get(f"{_W}{attr}")
            if v:
                names.add(v)
    return names


def _blocks(wd: DocxDocument):
    index = 0
    for child in wd.element.body.iterchildren():
        if child.tag == f"{_W}p":
            p = DocxParagraph(child, wd)
            text = normalize_text(p.text)
            if not text:
                continue
            yield Paragraph(
                index=index,
                text=text,
                style=p.style.name if p.style is not None else None,
                bold=bool(p.runs) and all(r.bold for r in p.runs if r.text.strip()),
            )
            index += 1
        elif child.tag == f"{_W}tbl":
            yield _table(DocxTable(child, wd), index)
            index += 1


def _table(t: DocxTable, index: int) -> Table:
    """Resolve horizontal (gridSpan) and vertical (vMerge) merges into a full grid."""
    grid: list[list[Cell]] = []
    # Keyed on the cell's XML element itself, not id(): python-docx builds new proxies per call,
    # so ids of freed objects get reused and would mark unmerged cells as merged.
    seen: dict[object, tuple[int, int]] = {}
    for r, row in enumerate(t.rows):
        cells: list[Cell] = []
        for c, cell in enumerate(row.cells):  # python-docx repeats merged cells per grid column
            key = cell._tc
            text = normalize_text(cell.text)
            merged = key in seen
            if not merged:
                seen[key] = (r, c)
            cells.append(Cell(text=text, row=r, col=c, merged=merged))
        grid.append(cells)
    width = max((len(r) for r in grid), default=0)
    for r, cells in enumerate(grid):
        while len(cells) < width:
            cells.append(Cell(text="", row=r, col=len(cells)))
    return Table(index=index, rows=grid)
