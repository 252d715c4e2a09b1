"""The typed view of a document the report rules read: pieces of text in zones, with their parsed Doc.

Zones: "header" (before the "BÁO CÁO" title), "title", "body", "recipients" ("Nơi nhận" lists)
and "signature" (from "TM."/"KT."/"TL." on). Every paragraph is a piece; every table cell is a
piece too, except grid positions that repeat a horizontally merged cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Doc

from thidua.core.document import Cell, Document, Paragraph, Span, Table
from thidua.core.findings import Status
from thidua.core.numbers import count_value
from thidua.core.units import UnitSpec, fold_keep_length
from thidua.extractors.report.config import ReportConfig
from thidua.extractors.report.wording import HEADING, LIST_MARK


@dataclass(slots=True)
class Piece:
    """One text the pipeline reads: a paragraph or a table cell, with its place in the document."""

    text: str
    span: Span
    zone: str  # "header", "title", "body", "recipients", "signature"
    doc: Doc | None = None
    #: Where the text continues another block after a page break: (offset in `text`, that block's span).
    tail: tuple[int, Span] | None = None

    def span_of(self, start: int, end: int) -> Span:
        """The span of characters start..end of the text, in the block they were read from."""
        if self.tail is not None and start >= self.tail[0]:
            return sub(self.tail[1], start - self.tail[0], end - self.tail[0])
        if self.tail is not None:
            end = min(end, self.tail[0] - 1)
        return sub(self.span, start, end)


@dataclass(slots=True)
class TableLayout:
    """The count columns of an award table, for its continuation after a page break."""

    n_cols: int
    block: int
    recipients: dict[int, str]
    awards: dict[int, str | None]
    values: set[int]


@dataclass(slots=True)
class DocumentView:
    """A document as pieces in zones, and what later rules need to know about it as a whole."""

    document: Document
    config: ReportConfig
    factor: float
    pieces: list[Piece] = field(default_factory=list)
    cells: dict[tuple[int, int, int], Piece] = field(default_factory=dict)
    year: int | None = None
    report_date: dt.date | None = None
    #: Default status of the section each body block sits in (see statements.section_default).
    section_of: dict[int, Status | None] = field(default_factory=dict)
    #: Columns of the last award table.
    table_layout: TableLayout | None = None
    #: The issuing district the header names when it is not one of the cluster's units.
    foreign_issuer: str | None = None
    #: The cluster's units, and the reporting one once it is known (other units' numbers are not its).
    units: list[UnitSpec] = field(default_factory=list)
    unit_name: str | None = None
    #: (block, columns, sum per column) of an award table without a total row, for its continuation.
    table_carry: tuple[int, int, dict[int, int]] | None = None
    #: (block, columns, award) of the last award row of an award table, for its "- Tập thể" rows after a page break.
    parent_carry: tuple[int, int, str | None] | None = None
    #: Per table block, the recipient order of its slashed cells ("-/287") its title rows tell, once computed.
    slashed_votes: list[tuple[tuple[int, int], int, str]] | None = None
    #: Warnings for the reviewer found while reading (e.g. table numbers that do not add up to their total).
    warnings: list[str] = field(default_factory=list)

    def zone_pieces(self, *zones: str) -> Iterable[Piece]:
        """The pieces of the given zones, in reading order."""
        return (p for p in self.pieces if p.zone in zones)

    def table_cells(self, table: Table) -> list[list[Piece | None]]:
        """The pieces of a table's grid (None where a position repeats a merged cell)."""
        return [[self.cells.get((table.index, c.row, c.col)) for c in row] for row in table.rows]


def sub(span: Span, start: int, end: int) -> Span:
    """The span of characters start..end inside a piece's span."""
    return Span(span.block, span.start + start, span.start + end, span.page, span.row, span.col)


def _is_title_start(text: str) -> bool:
    text = _SPECKS_BEFORE.sub("", text)  # "'BÁO CÁO": a speck OCR read before the title
    f = fold_keep_length(text).strip()
    if f == "bao cao" or (f.startswith("bao cao") and text.strip()[:7].isupper() and len(f) < 250):
        return True
    # OCR reading a two-column header across puts the other column's tail before it ("2024 BÁO CÁO",
    # "2024 BÁO CÁO Công tác ..."): up to three short words, then the upper-case "BÁO CÁO".
    if f.endswith(" bao cao") and text.strip()[-7:].isupper() and len(f) < 40:
        return True
    m = _SPILL_BEFORE_TITLE.match(f)
    if not m or not text[m.start("title") : m.start("title") + 7].isupper() or len(f) >= 250:
        return False
    # spilled words are header fragments (a year, "Phúc", "NAM"), not the words of a sentence
    return all(w[0].isdigit() or w[0].isupper() for w in text[: m.start("title")].split())


#: Up to three marks OCR read from specks before a line ("'", "|", "‘").
_SPECKS_BEFORE = re.compile(r"^\s*[^\w\s]{1,3}\s*")
#: A line of specks only ("|", "‘ .").
_SPECKS_ONLY = re.compile(r"^[^\w]{1,4}$")

#: A few short words OCR spilled from the header's other column, then the title ("2024 BÁO CÁO ...").
_SPILL_BEFORE_TITLE = re.compile(r"^\s*(?:\S{1,6}\s+){1,3}(?P<title>bao cao)\b")


def build_view(document: Document, config: ReportConfig) -> DocumentView:
    """Split the document into header / title / body / recipients / signature pieces."""
    view = DocumentView(document, config, config.ocr_factor if document.ocr else 1.0)
    blocks = document.blocks
    title_at = next((b.index for b in blocks[:15] if isinstance(b, Paragraph) and _is_title_start(b.text)), None)
    if title_at is None:  # no "BÁO CÁO" line: the first table or the first 3 blocks are the header
        title_at = next((b.index + 1 for b in blocks[:4] if isinstance(b, Table)), min(3, len(blocks)))
        title_end = title_at
    else:
        title_end = title_at + 1
        while title_end < len(blocks) and title_end - title_at <= 4:
            b = blocks[title_end]
            if not isinstance(b, Paragraph) or len(b.text) > 220 or re.match(r"^[_\-–=*.\s]+$", b.text):
                break
            f = fold_keep_length(b.text)
            if f.startswith(("can cu", "thuc hien", "kinh gui", "theo ")) or HEADING.match(b.text) or LIST_MARK.match(b.text):
                break
            title_block = blocks[title_at]
            if b.text.rstrip().endswith((".", ":")) or (isinstance(title_block, Paragraph) and title_block.bold and not b.bold):
                break  # a sentence, or plain text after a bold title: the body has begun
            title_end += 1
    closing = False
    listing = False  # inside the "Nơi nhận:" list, one paragraph per recipient ("- Cụm trưởng ...;")
    for blk in blocks:
        if isinstance(blk, Paragraph):
            zone = "header" if blk.index < title_at else "title" if blk.index < title_end else "body"
            f = fold_keep_length(blk.text)
            if zone == "body" and f.startswith(("noi nhan", "tm.", "kt.", "tl.")):
                closing = True
            if closing and _SPECKS_ONLY.match(blk.text.strip() or "."):
                # a speck OCR read as a line ("|") neither ends the "Nơi nhận" list nor starts the signature
                zone = "recipients" if listing else "signature"
            elif closing:
                # an item of the list, or its tail that OCR set apart ("huyện ... (UBND huyện X);"): it ends with ";"
                signing = f.startswith(("tm.", "kt.", "tl.", "chu tich", "pho chu tich"))
                item = listing and (f.lstrip().startswith(("-", "+", "•")) or f.rstrip().endswith(";"))
                zone = "recipients" if f.startswith("noi nhan") or item or (f.startswith(("- ", "+ ")) and "noi nhan" in f) else "signature"
                # the list goes on past a signature line OCR read in between ("TM. ỦY BAN NHÂN DÂN")
                listing = f.startswith("noi nhan") or item or (listing and signing)
                if signing:
                    zone = "signature"
            view.pieces.append(Piece(blk.text, Span(blk.index, 0, len(blk.text), blk.page), zone))
            continue
        base = "header" if blk.index < title_at else "body"
        full = fold_keep_length(blk.text)
        if base == "body" and "noi nhan" in full:
            closing = True
        for row in blk.rows:
            for c in row:
                if not c.text or is_repeat(blk, c.row, c.col):
                    continue
                fc = fold_keep_length(c.text).lstrip()
                zone = base
                if closing or (base == "body" and "noi nhan" in full):
                    zone = "recipients" if fc.startswith("noi nhan") else "signature"
                piece = Piece(c.text, Span(blk.index, 0, len(c.text), c.page or blk.page, c.row, c.col), zone)
                view.pieces.append(piece)
                view.cells[(blk.index, c.row, c.col)] = piece
    _join_continuations(view)
    return view


#: A paragraph that ends mid-sentence (no closing punctuation) ...
_OPEN_END = re.compile(r"[^.;:!?…)\]\"”'/]\s*$")
#: ... and one that goes on with a lower-case word.
_GOES_ON = re.compile(r"^\s*[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


def _join_continuations(view: DocumentView) -> None:
    """Join text a page break cut in two: a body paragraph going on at the top of the next page (or in
    the next OCR paragraph), and a table row whose label goes on in the first row of the table's
    continuation. The joined piece reads as one text; its tail keeps its own span."""
    blocks = view.document.blocks
    by_block: dict[int, Piece] = {p.span.block: p for p in view.pieces if p.span.row is None}
    drop: set[int] = set()
    for a, b in zip(blocks, blocks[1:]):
        pa, pb = by_block.get(a.index), by_block.get(b.index)
        if not (isinstance(a, Paragraph) and isinstance(b, Paragraph) and pa and pb and pa.zone == pb.zone == "body"):
            continue
        if a.page is None or (a.page == b.page and not view.document.ocr) or id(pa) in drop:
            continue
        if pa.tail is None and _OPEN_END.search(pa.text) and _GOES_ON.match(pb.text) and not LIST_MARK.match(pb.text):
            pa.tail = (len(pa.text) + 1, pb.span)
            pa.text = f"{pa.text} {pb.text}"
            drop.add(id(pb))
    tables = [b for b in blocks if isinstance(b, Table)]
    for a, b in zip(tables, tables[1:]):
        if a.n_cols != b.n_cols or b.index - a.index > 2 or a.page is None or b.page != a.page + 1:
            continue
        split = _split_row(a, b)
        if split is None:
            continue
        last, first = split
        for c in range(b.n_cols):
            head, tail = view.cells.get((a.index, last, c)), view.cells.get((b.index, first, c))
            if head is None or tail is None or head.tail is not None:
                continue
            head.tail = (len(head.text) + 1, tail.span)
            head.text = f"{head.text} {tail.text}"
            drop.add(id(tail))
            del view.cells[(b.index, first, c)]
    view.pieces = [p for p in view.pieces if id(p) not in drop]


def _split_row(a: Table, b: Table) -> tuple[int, int] | None:
    """(last row of a, first row of b) when b's first row after its repeated header is the rest of a's last
    row: no number of its own, no row number, and text only where a's last row has text."""
    heads = {_row_key(r) for r in a.rows[:4]}
    first = 0
    while first < len(b.rows) and (_row_key(b.rows[first]) in heads or _is_number_row(b.rows[first]) or _near_any(b.rows[first], a.rows[:4])):
        first += 1
    if first >= len(b.rows) or not a.rows:
        return None
    row = b.rows[first]
    last = len(a.rows) - 1
    texts = [c.text.strip() for c in row]
    if not any(texts) or any(ch.isdigit() for t in texts for ch in t):
        return None
    if texts[0]:
        # a table with no STT column: its label goes on in lower case ("Bằng khen của Chủ" | "tịch UBND
        # tỉnh") and the row has nothing else
        label = a.rows[last][0].text
        return (last, first) if _GOES_ON.match(texts[0]) and not any(texts[1:]) and _OPEN_END.search(label) else None
    if not a.rows[last][0].text.strip():
        return None  # a's last row has no row number either: nothing says b's row is not its own
    if any(t and not a.rows[last][c].text.strip() for c, t in enumerate(texts)):
        return None
    return last, first


def _row_key(row: list[Cell]) -> str:
    return "|".join(re.sub(r"\W+", "", fold_keep_length(c.text)) for c in row)


def _is_number_row(row: list[Cell]) -> bool:
    """The "(1) (2) (3)" row under a header (OCR may drop a bracket)."""
    vals = [c.text.strip() for c in row if c.text.strip()]
    return len(vals) >= 2 and sum(bool(re.fullmatch(r"\(?\d{1,2}\)?|\W*", v)) for v in vals) >= len(vals) - 1


def _near_any(row: list[Cell], rows: list[list[Cell]]) -> bool:
    """A repeated header row read a little differently by OCR ("Số lượng" / "Số lượm¡")."""
    key = _row_key(row)
    return bool(key.strip("|")) and any(SequenceMatcher(None, key, _row_key(r)).ratio() >= 0.75 for r in rows)


def is_repeat(table: Table, r: int, c: int) -> bool:
    """A grid position that repeats a horizontally merged cell's text.

    The `merged` flag alone is not trusted: the position must also repeat the text on its left.
    Vertical repeats are kept on purpose: a status cell "Hoàn thành" spanning three rows states the
    status of each of them, and equal cells stacked in a column ("Hoàn thành" above "Hoàn thành",
    "01" above "01") are far more common than merged ones. Counts are never treated as repeats.
    """
    cell = table.rows[r][c]
    if not cell.merged or c == 0 or count_value(cell.text) is not None:
        return False
    return cell.text == table.rows[r][c - 1].text
