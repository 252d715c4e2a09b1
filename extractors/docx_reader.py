"""Read a .docx file into a Document: paragraphs and tables in body order, merged cells resolved."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table
from thidua.core.errors import CorruptDocumentError, EncryptedDocumentError
from thidua.extractors.legacy import convert_runs, evidence, font_encoding
from thidua.core.text import normalize_text

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
    except MemoryError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({exc})", path) from None
    except Exception as exc:  # lxml errors and friends: the XML inside is broken
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({type(exc).__name__}: {exc})", path) from None
    doc = Document(source=Path(path).name, format=source_format)
    doc.fonts = _font_names(wd)
    fonts = _RunFonts(wd) if any(font_encoding(f) for f in doc.fonts) else None
    if fonts is not None and not fonts.holds_legacy_text(wd.element.body):
        fonts = None  # a Unicode file that only names an old font: nothing to convert
    try:
        doc.blocks = list(_blocks(wd, fonts))
    except _TooWide as exc:
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({exc})", path) from None
    if fonts is not None and fonts.used:
        doc.legacy_encoding = fonts.used
        doc.warnings.append(
            f"Văn bản dùng phông chữ mã {'TCVN3 (ABC)' if fonts.used == 'tcvn3' else 'VNI'}; "
            "đã chuyển sang Unicode, cần kiểm tra lại chữ có dấu."
        )
    return doc


class _RunFonts:
    """Each run's effective font (run, character style, paragraph style chain, defaults), for legacy text."""

    def __init__(self, wd: DocxDocument) -> None:
        self.used: str | None = None
        self._styles: dict[str, tuple[str | None, str | None]] = {}  # id -> (font, basedOn)
        styles = wd.styles.element
        for st in styles.iterchildren(f"{_W}style"):
            based = st.find(f"{_W}basedOn")
            self._styles[st.get(f"{_W}styleId")] = (
                _rfonts(st.find(f"{_W}rPr")),
                based.get(f"{_W}val") if based is not None else None,
            )
        default = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self._default = _rfonts(default)
        self._default_para = next(
            (st.get(f"{_W}styleId") for st in styles.iterchildren(f"{_W}style")
             if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true")),
            None,
        )

    def _style_font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based = self._styles.get(style_id, (None, None))
            if font:
                return font
            style_id = based
        return None

    def runs(self, p_el) -> list[tuple[str, str | None]]:
        """A paragraph's runs as (text, effective font name)."""
        pstyle = p_el.find(f"{_W}pPr/{_W}pStyle")
        para_font = self._style_font(pstyle.get(f"{_W}val") if pstyle is not None else self._default_para)
        runs = []
        for r in p_el.xpath("w:r | w:hyperlink/w:r"):
            rpr = r.find(f"{_W}rPr")
            font = _rfonts(rpr)
            if font is None and rpr is not None and rpr.find(f"{_W}rStyle") is not None:
                font = self._style_font(rpr.find(f"{_W}rStyle").get(f"{_W}val"))
            runs.append((_run_text(r), font or para_font or self._default))
        return runs

    def holds_legacy_text(self, body) -> bool:
        """Whether the text set in legacy fonts really is 8-bit legacy text (not retyped Unicode)."""
        texts: list[str] = []
        kinds: set[str] = set()
        for p_el in body.iter(f"{_W}p"):
            for text, font in self.runs(p_el):
                enc = font_encoding(font)
                if enc:
                    kinds.add(enc)
                    texts.append(text)
        hint = next(iter(kinds)) if len(kinds) == 1 else None
        return bool(texts) and evidence(" ".join(texts)).verdict(hint or "tcvn3") is not None

    def text(self, p_el) -> str:
        """A paragraph's text with runs in a legacy font converted to Unicode."""
        text, used = convert_runs(self.runs(p_el))
        self.used = self.used or used
        return text


def _rfonts(rpr) -> str | None:
    """The font an rPr sets for Latin text (hAnsi covers the 8-bit codes legacy fonts use)."""
    el = rpr.find(f"{_W}rFonts") if rpr is not None else None
    if el is None:
        return None
    names = [el.get(f"{_W}{a}") for a in ("hAnsi", "ascii")]
    return next((n for n in names if n and font_encoding(n)), None) or next((n for n in names if n), None)


def _run_text(r) -> str:
    # As python-docx's run text, plus soft hyphens: TCVN3 keeps "ư" on the soft-hyphen code 0xAD.
    out = []
    for e in r.iterchildren():
        tag = e.tag
        if tag == f"{_W}t":
            out.append(e.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            out.append("\t")
        elif tag == f"{_W}cr" or (tag == f"{_W}br" and e.get(f"{_W}type") in (None, "textWrapping")):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}softHyphen":
            out.append("\u00ad")
    return "".join(out)


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


def paragraph_style_names(wd: DocxDocument) -> tuple[dict[str, str], str | None]:
    """Paragraph style id -> name, and the default paragraph style's name, read once per document.

    python-docx's `paragraph.style` searches styles.xml on every call (a quarter of the reading
    time of a long report); the names are the same as its (built-in ones get their UI names).
    """
    from docx.styles import BabelFish

    names: dict[str, str] = {}
    default: str | None = None
    for st in wd.styles.element.iterchildren(f"{_W}style"):
        if st.get(f"{_W}type") != "paragraph":
            continue
        el = st.find(f"{_W}name")
        raw = el.get(f"{_W}val") if el is not None else None
        name = BabelFish.internal2ui(raw) if raw is not None else None
        if name is None:
            continue
        names[st.get(f"{_W}styleId") or ""] = name
        if st.get(f"{_W}default") in ("1", "true", "on"):
            default = name
    return names, default


def _blocks(wd: DocxDocument, fonts: _RunFonts | None = None):
    index = 0
    style_names, default_style = paragraph_style_names(wd)
    for child in wd.element.body.iterchildren():
        if child.tag == f"{_W}p":
            p = DocxParagraph(child, wd)
            text = normalize_text(fonts.text(child) if fonts is not None else p.text)
            if not text:
                continue
            pstyle = child.find(f"{_W}pPr/{_W}pStyle")
            style_id = pstyle.get(f"{_W}val") if pstyle is not None else None
            yield Paragraph(
                index=index,
                text=text,
                style=style_names.get(style_id, default_style) if style_id is not None else default_style,
                bold=bool(p.runs) and all(r.bold for r in p.runs if r.text.strip()),
            )
            index += 1
        elif child.tag == f"{_W}tbl":
            yield _table(DocxTable(child, wd), index, fonts)
            index += 1


#: Grid columns a table row may span at most: Word makes at most 63; python-docx lists a merged
#: cell once per column it spans, so a forged gridSpan of 10^11 would fill the memory.
MAX_GRID_COLUMNS = 1000


class _TooWide(ValueError):
    """A table row spanning more grid columns than any Word table has."""


def _check_width(t: DocxTable, index: int) -> None:
    """Refuse a table whose rows span more than MAX_GRID_COLUMNS (checked in the XML, before python-docx)."""
    for tr in t._tbl.iterchildren(f"{_W}tr"):
        width = 0
        for span in tr.iter(f"{_W}gridSpan"):
            value = span.get(f"{_W}val", "1")
            width += int(value) if value.isdigit() else 1
            if width > MAX_GRID_COLUMNS:
                raise _TooWide(
                    f"bảng thứ {index + 1} có một hàng trải trên hơn {MAX_GRID_COLUMNS} cột; Word chỉ tạo tối đa 63 cột"
                )


def _table(t: DocxTable, index: int, fonts: _RunFonts | None = None) -> Table:
    """Resolve horizontal (gridSpan) and vertical (vMerge) merges into a full grid."""
    _check_width(t, index)
    grid: list[list[Cell]] = []
    # Keyed on the cell's XML element itself, not id(): python-docx builds new proxies per call,
    # so ids of freed objects get reused and would mark unmerged cells as merged.
    seen: dict[object, tuple[int, int]] = {}
    for r, row in enumerate(t.rows):
        cells: list[Cell] = []
        for c, cell in enumerate(row.cells):  # python-docx repeats merged cells per grid column
            key = cell._tc
            if fonts is not None:
                text = normalize_text("\n".join(fonts.text(p) for p in key.iterchildren(f"{_W}p")))
            else:
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
