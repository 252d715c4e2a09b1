"""The typed document model every reader produces: blocks in reading order, with provenance.

A document is a flat list of blocks (paragraphs and tables) in reading order. Each block has
an index (its position in the list), the PDF page it starts on (None for Word, which has no
pages), and its text. A table keeps its cells as a grid after merged cells are resolved: the
text of a merged cell is repeated in every grid position it covers, and `Cell.merged` says so.

Findings point back into a document with a `Span`: block index, optional table cell
(row, col), character offsets into that block's (or cell's) text, and the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    """How the text of a document was obtained."""

    DOCX = "docx"
    DOC = "doc"  # legacy Word, converted with LibreOffice
    PDF = "pdf"  # PDF with a text layer
    SCAN = "scan"  # PDF without a text layer, read with OCR


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text came from: block, optional table cell, character span, page."""

    block: int
    start: int
    end: int
    page: int | None = None
    row: int | None = None
    col: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        """The span as a JSON-ready dict."""
        return {
            "page": self.page,
            "block": self.block,
            "row": self.row,
            "col": self.col,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Cell:
    """One grid position of a table."""

    text: str
    row: int
    col: int
    #: True when this position repeats the text of a merged cell that starts elsewhere.
    merged: bool = False
    page: int | None = None


@dataclass(slots=True)
class Paragraph:
    """A paragraph of running text (a line group in PDFs)."""

    index: int
    text: str
    page: int | None = None
    style: str | None = None  # Word style name, e.g. "Heading 1"; None for PDFs
    bold: bool = False

    kind = "paragraph"


@dataclass(slots=True)
class Table:
    """A table as a rectangular grid of cells (merged cells resolved)."""

    index: int
    rows: list[list[Cell]]
    page: int | None = None

    kind = "table"

    @property
    def text(self) -> str:
        """The table as text: cells joined by tabs, rows by newlines (merged repeats dropped)."""
        return "\n".join(
            "\t".join(c.text for c in row if not c.merged) for row in self.rows
        )

    @property
    def n_cols(self) -> int:
        """The number of grid columns."""
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell:
        """The cell at a grid position."""
        return self.rows[row][col]


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """A read document: its blocks in reading order and how they were obtained."""

    source: str  # the file name it was read from
    format: SourceFormat
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None  # None for Word
    #: Legacy 8-bit encoding that was converted to Unicode ("tcvn3", "vni"), if any.
    legacy_encoding: str | None = None
    #: True when any text came from OCR (findings from it get a low confidence).
    ocr: bool = False
    #: Mean OCR word confidence (0-100) when the text came from OCR, else None.
    ocr_confidence: float | None = None
    #: Non-fatal problems seen while reading, in Vietnamese, for reviewers.
    warnings: list[str] = field(default_factory=list)
    #: Font names the file uses (".VnTime" betrays TCVN3, "VNI-Times" betrays VNI).
    fonts: set[str] = field(default_factory=set)

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs only, in order."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        """The tables only, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def text_at(self, span: Span) -> str:
        """The text a span points to."""
        block = self.blocks[span.block]
        if isinstance(block, Table):
            if span.row is None or span.col is None:
                return block.text[span.start : span.end]
            return block.cell(span.row, span.col).text[span.start : span.end]
        return block.text[span.start : span.end]

    def units_of_text(self) -> list[tuple[str, Span]]:
        """Every piece of text with the span covering it: paragraphs, then each table cell.

        Merged repeats are skipped so a merged cell's text is seen once.
        """
        out: list[tuple[str, Span]] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append((block.text, Span(block.index, 0, len(block.text), block.page)))
            else:
                for row in block.rows:
                    for c in row:
                        if not c.merged and c.text:
                            out.append(
                                (c.text, Span(block.index, 0, len(c.text), c.page or block.page, c.row, c.col))
                            )
        return out

    @property
    def full_text(self) -> str:
        """All text in reading order, blocks separated by newlines."""
        return "\n".join(b.text for b in self.blocks)
