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

from spacy.tokens import Doc

from thidua.core.document import Document, Paragraph, Span, Table
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
    f = fold_keep_length(text).strip()
    return f == "bao cao" or (f.startswith("bao cao") and text.strip()[:7].isupper() and len(f) < 250)


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
    for blk in blocks:
        if isinstance(blk, Paragraph):
            zone = "header" if blk.index < title_at else "title" if blk.index < title_end else "body"
            f = fold_keep_length(blk.text)
            if zone == "body" and f.startswith(("noi nhan", "tm.", "kt.", "tl.")):
                closing = True
            if closing:
                zone = "recipients" if f.startswith(("noi nhan", "- ", "+ ")) and "noi nhan" in f or zone == "recipients" else "signature"
                if f.startswith(("tm.", "kt.", "tl.", "chu tich", "pho chu tich")):
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
    return view


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
