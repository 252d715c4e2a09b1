"""Read a PDF with a text layer into a Document: tables found by ruling lines, text grouped into paragraphs."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from thidua.core.document import Box, Cell, Document, Paragraph, SourceFormat, Table, align_words
from thidua.core.errors import CorruptDocumentError, DocumentError, EncryptedDocumentError
from thidua.extractors.legacy import TCVN3, VNI, evidence, font_encoding, is_capitals_font, tcvn3_to_unicode, vni_to_unicode
from thidua.core.text import normalize_text

# A line that opens a new paragraph: a list marker or a section number.
_LIST_START = re.compile(r"^\s*(?:[-+•–*]|[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s", re.IGNORECASE)


_PASSWORD_MESSAGE = "tệp PDF được đặt mật khẩu; hãy gửi lại bản không đặt mật khẩu"


def _wrapped(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's PdfminerException (which carries no message of its own)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__
    return inner if isinstance(inner, BaseException) else exc


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open a PDF, turning pdfminer's errors into the project's."""
    try:
        return pdfplumber.open(str(path))
    except PDFPasswordIncorrect:
        raise EncryptedDocumentError(_PASSWORD_MESSAGE, path) from None
    except PDFSyntaxError as exc:
        raise CorruptDocumentError(f"tệp PDF bị hỏng ({exc})", path) from None
    except Exception as exc:
        inner = _wrapped(exc)
        if isinstance(inner, PDFPasswordIncorrect) or any(
            "password" in str(e).lower() or "encrypt" in type(e).__name__.lower() for e in (exc, inner)
        ):
            raise EncryptedDocumentError(_PASSWORD_MESSAGE, path) from None
        raise CorruptDocumentError(f"tệp PDF bị hỏng ({type(inner).__name__}: {inner})", path) from None


def pdf_has_text(path: Path) -> bool:
    """True when at least one page has a text layer."""
    with open_pdf(path) as pdf:
        return any(page.chars for page in pdf.pages)


def read_pdf(path: Path, max_pages: int | None = None) -> Document:
    """Read a text PDF; pages with no text are left empty (the OCR reader handles scans).

    With `max_pages`, a PDF with more pages is refused (LimitExceededError) before any is read.
    """
    doc = Document(source=Path(path).name, format=SourceFormat.PDF)
    try:
        with open_pdf(path) as pdf:
            doc.pages = len(pdf.pages)
            if max_pages is not None and doc.pages > max_pages:
                from thidua.extractors.limits import ReadLimits, check_pages

                check_pages(doc.pages, Path(path), ReadLimits(max_pages=max_pages))
            for page_no, page in enumerate(pdf.pages, start=1):
                doc.fonts.update(c.get("fontname", "") for c in page.chars[:2000])
                legacy = _convert_legacy_chars(page)
                doc.legacy_encoding = doc.legacy_encoding or legacy
                _read_page(page, page_no, doc, vni=legacy == VNI)
    except (DocumentError, MemoryError):
        raise
    except PDFPasswordIncorrect:
        raise EncryptedDocumentError(_PASSWORD_MESSAGE, path) from None
    except Exception as exc:  # pdfminer raises many kinds on broken streams
        inner = _wrapped(exc)
        raise CorruptDocumentError(f"tệp PDF bị hỏng ({type(inner).__name__}: {inner})", path) from None
    doc.fonts.discard("")
    if doc.legacy_encoding:
        doc.warnings.append(
            f"Văn bản dùng phông chữ mã {'TCVN3 (ABC)' if doc.legacy_encoding == TCVN3 else 'VNI'}; "
            "đã chuyển sang Unicode, cần kiểm tra lại chữ có dấu."
        )
    return doc


def _convert_legacy_chars(page: pdfplumber.page.Page) -> str | None:
    """Convert characters drawn in TCVN3 fonts to Unicode in place; say which legacy encoding the page uses.

    TCVN3 is one code per letter, so each character is converted with its own font (the capitals
    fonts .VnTimeH give capitals). VNI puts accents in separate characters: those are converted
    word by word later (`vni=True`). A page whose legacy-font text already holds Unicode
    Vietnamese letters (a Unicode file keeping an old font name) is left alone.
    """
    fonts: dict[str, str | None] = {}
    legacy_chars = []
    for c in page.chars:
        name = c.get("fontname", "")
        if name not in fonts:
            fonts[name] = font_encoding(name)
        if fonts[name]:
            legacy_chars.append(c)
    if not legacy_chars:
        return None
    kinds = {fonts[c.get("fontname", "")] for c in legacy_chars}
    hint = kinds.pop() if len(kinds) == 1 else None
    sample = "".join(c["text"] for c in legacy_chars).replace("\u2212", "\u00ad")
    encoding = evidence(sample).verdict(hint)
    if encoding == TCVN3:
        capitals = {name: is_capitals_font(name) for name in fonts}
        for c in legacy_chars:
            if fonts[c.get("fontname", "")] == TCVN3:
                text = "\u00ad" if c["text"] == "\u2212" else c["text"]
                c["text"] = tcvn3_to_unicode(text, capitals[c.get("fontname", "")])
    return encoding


def _read_page(page: pdfplumber.page.Page, page_no: int, doc: Document, vni: bool = False) -> None:
    tables = page.find_tables()
    items: list[tuple[float, Paragraph | Table]] = []
    size = (float(page.width), float(page.height))
    for t in tables:
        rows = t.extract()
        if vni:
            rows = [[vni_to_unicode(v) if v else v for v in row] for row in rows]
        grid = _grid(rows, page_no, [list(r.cells) for r in t.rows], size)
        if grid:
            items.append((t.bbox[1], Table(index=-1, rows=grid, page=page_no)))
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    free = page.filter(lambda o: o.get("object_type") != "char" or outside(o)) if boxes else page
    # 3 pt (pdfplumber's default): justified text spaces letters apart, and a tighter tolerance
    # split real reports' words and numbers ("200 3", "ch ỉ").
    words = free.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=3)
    if vni:
        for w in words:
            w["text"] = vni_to_unicode(w["text"])
    lines = _lines(words)
    for top, para in _paragraphs(lines, page_no, size):
        items.append((top, para))
    items.sort(key=lambda it: it[0])
    for _, block in items:
        block.index = len(doc.blocks)
        doc.blocks.append(block)


def _grid(
    rows: list[list[str | None]],
    page_no: int,
    boxes: list[list[tuple[float, float, float, float] | None]] | None = None,
    size: tuple[float, float] = (1.0, 1.0),
) -> list[list[Cell]]:
    """pdfplumber gives None for grid positions covered by a merged cell: repeat the neighbour.

    `boxes` are pdfplumber's cell rectangles (None where merged), kept as each cell's `Box`; a
    merged position gets the box of the cell covering it.
    """
    grid: list[list[Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        for c, value in enumerate(row):
            if value is None:
                if c > 0:
                    src = cells[c - 1]
                elif r > 0 and c < len(grid[r - 1]):
                    src = grid[r - 1][c]
                else:
                    src = None
                cells.append(Cell(
                    text=src.text if src else "", row=r, col=c, merged=src is not None, page=page_no,
                    box=src.box if src else None,
                ))
            else:
                rect = boxes[r][c] if boxes and r < len(boxes) and c < len(boxes[r]) else None
                box = Box.on_page(*rect, *size) if rect else None
                cells.append(Cell(text=normalize_text(_join_cell_lines(value)), row=r, col=c, page=page_no, box=box))
        grid.append(cells)
    if not any(c.text for row in grid for c in row):
        return []
    return grid


_RULE = re.compile(r"_{3,}|-{5,}|\.{6,}")


def _lines(words: list[dict]) -> list[dict]:
    """Group words into lines, splitting a line where a wide gap separates two columns.

    Decree 30 headers put the issuing body and the national motto side by side, and
    "Số: 12/BC-UBND" beside "Hòa An, ngày ..."; each side becomes a line of its own.
    Decorative rules (underscores) are dropped.
    """
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    out: list[dict] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = statistics.median([w["bottom"] - w["top"] for w in row]) or 10
        segment: list[dict] = []
        segments: list[dict] = []
        for w in row:
            if segment and w["x0"] - segment[-1]["x1"] > 2.5 * size:
                segments.append(_segment(segment))
                segment = []
            segment.append(w)
        segments.append(_segment(segment))
        for seg in segments:
            seg["split"] = len(segments) > 1
        out.extend(segments)
    return [ln for ln in (_strip_rule(ln) for ln in out) if ln["text"]]


def _segment(words: list[dict]) -> dict:
    return {
        "words": words,
        "text": " ".join(w["text"] for w in words),
        "x0": words[0]["x0"],
        "x1": words[-1]["x1"],
        "top": min(w["top"] for w in words),
        "bottom": max(w["bottom"] for w in words),
    }


def _strip_rule(line: dict) -> dict:
    line["text"] = _RULE.sub(" ", line["text"]).strip()
    return line


def _paragraphs(lines: list[dict], page_no: int, size: tuple[float, float] = (1.0, 1.0)) -> list[tuple[float, Paragraph]]:
    """Join wrapped lines into paragraphs, column by column where a row is split in two.

    A new paragraph starts after a wide gap, at a list marker, after a line that stopped short,
    and where a centred title meets body text.
    """
    if not lines:
        return []
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:]) if b["top"] > a["bottom"]]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    middle = (left + right) / 2

    def centered(ln: dict) -> bool:
        return ln["x0"] > left + 30 and abs((ln["x0"] + ln["x1"]) / 2 - middle) < 20

    def column(ln: dict) -> str:
        if ln.get("split"):
            return "left" if (ln["x0"] + ln["x1"]) / 2 < middle else "right"
        # A lone line inside one half continues that half's open paragraph (a wrapped column).
        if "left" in open_ and ln["x1"] < middle + 10:
            return "left"
        if "right" in open_ and ln["x0"] > middle - 10:
            return "right"
        return "full"

    out: list[tuple[float, Paragraph]] = []
    open_: dict[str, tuple[float, list[str], dict]] = {}  # column -> (top, texts, last line)
    placed: dict[str, list[tuple[str, int, Box]]] = {}  # column -> the open paragraph's words

    def place(col: str, ln: dict) -> None:
        placed.setdefault(col, []).extend(
            (w["text"], page_no, Box.on_page(w["x0"], w["top"], w["x1"], w["bottom"], *size)) for w in ln.get("words", ())
        )

    def flush(col: str) -> None:
        if col in open_:
            top, texts, _ = open_.pop(col)
            text = normalize_text(" ".join(texts))
            words = align_words(text, placed.pop(col, []))
            out.append((top, Paragraph(index=-1, text=text, page=page_no, words=words)))

    for line in lines:
        col = column(line)
        if col == "full":
            flush("left")
            flush("right")
        else:
            flush("full")
        text = line["text"]
        prev = open_[col][2] if col in open_ else None
        new = prev is None
        if prev is not None:
            gap = line["top"] - prev["bottom"]
            height = line["bottom"] - line["top"]
            wide_gap = gap > max(usual_gap * 1.8 + 2, 0.7 * height)
            if col != "full":
                new = wide_gap or bool(_LIST_START.match(text))
            elif centered(line) and abs((prev["x0"] + prev["x1"]) / 2 - middle) < 20:
                # A centred title wraps onto centred lines; a change of case or a full stop ends it.
                new = (
                    wide_gap
                    or text.isupper() != prev["text"].isupper()
                    or prev["text"].rstrip().endswith((".", ";", ":"))
                )
            else:
                new = (
                    wide_gap
                    or bool(_LIST_START.match(text))
                    or centered(line)
                    or prev["x1"] < right - 40  # the previous line stopped short: it ended a paragraph
                )
        if new:
            flush(col)
            open_[col] = (line["top"], [text], line)
        else:
            top, texts, _ = open_[col]
            texts.append(text)
            open_[col] = (top, texts, line)
        place(col, line)
    for col in ("full", "left", "right"):
        flush(col)
    return [(t, p) for t, p in out if p.text]


#: A line of a cell that starts with letters but no vowel ("n" of "nhâ|n"): the tail of a word the
#: narrow cell wrapped, since every Vietnamese syllable has a vowel.
_WORD_TAIL = re.compile(r"^[^\W\daeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+(?=\W|$)", re.IGNORECASE)


def _join_cell_lines(value: str) -> str:
    """A cell's lines joined with spaces, a wrapped word's tail ("Cá nhâ" / "n") joined without one."""
    lines = value.split("\n")
    out = lines[0]
    for line in lines[1:]:
        glue = "" if out[-1:].isalpha() and _WORD_TAIL.match(line) and not line[:1].isupper() else " "
        out += glue + line
    return out
