"""The typed document model every reader produces: blocks in reading order, with provenance.

A document is a flat list of blocks (paragraphs and tables) in reading order. Each block has
an index (its position in the list), the PDF page it starts on (None for Word, which has no
pages), and its text. A table keeps its cells as a grid after merged cells are resolved: the
text of a merged cell is repeated in every grid position it covers, and `Cell.merged` says so.

Findings point back into a document with a `Span`: block index, optional table cell
(row, col), character offsets into that block's (or cell's) text, the page, and the box on the
page the span's words cover (`Span.bbox`), where the reader knew where words are.

Boxes (`Box`) are fractions of the page's width and height, origin at the page's top left:
`(x0, top, x1, bottom)` with 0 <= x0 <= x1 <= 1. Fractions fit a page image of any resolution
(PDF points from pdfplumber and Tesseract's pixels alike). Text PDFs keep each paragraph's word
boxes (`Paragraph.words`) and each table cell's box (`Cell.box`); OCR'd scans the same from
Tesseract's TSV and the ruled grid. Word documents have no pages, hence no boxes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from thidua.core.text import normalize_text


class SourceFormat(StrEnum):
    """How the text of a document was obtained."""

    DOCX = "docx"
    DOC = "doc"  # legacy Word, converted with LibreOffice
    PDF = "pdf"  # PDF with a text layer
    SCAN = "scan"  # PDF without a text layer, read with OCR


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page as fractions of the page's width and height, origin top left."""

    x0: float
    top: float
    x1: float
    bottom: float

    @classmethod
    def on_page(cls, x0: float, top: float, x1: float, bottom: float, width: float, height: float) -> "Box":
        """The box of a rectangle in page units (points, pixels) on a page of that width and height."""
        w, h = width or 1.0, height or 1.0

        def frac(v: float, size: float) -> float:
            return round(min(1.0, max(0.0, v / size)), 4)

        return cls(frac(min(x0, x1), w), frac(min(top, bottom), h), frac(max(x0, x1), w), frac(max(top, bottom), h))

    def union(self, other: "Box") -> "Box":
        """The smallest box holding both."""
        return Box(min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1), max(self.bottom, other.bottom))

    @staticmethod
    def around(boxes: Iterable["Box | None"]) -> "Box | None":
        """The smallest box holding all given boxes; None when there is none."""
        out: Box | None = None
        for b in boxes:
            if b is not None:
                out = b if out is None else out.union(b)
        return out

    def to_list(self) -> list[float]:
        """[x0, top, x1, bottom], JSON-ready."""
        return [self.x0, self.top, self.x1, self.bottom]

    @classmethod
    def from_list(cls, values: Sequence[float]) -> "Box":
        """The box of a [x0, top, x1, bottom] list."""
        x0, top, x1, bottom = (float(v) for v in values)
        return cls(x0, top, x1, bottom)


@dataclass(frozen=True, slots=True)
class Word:
    """A word where the reader saw it: its characters in its block's (or cell's) text, page and box."""

    start: int
    end: int
    page: int
    box: Box


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text came from: block, optional table cell, character span, page, box."""

    block: int
    start: int
    end: int
    page: int | None = None
    row: int | None = None
    col: int | None = None
    #: The box on `page` the span's words cover (see `Box`); None where the reader has no boxes.
    bbox: Box | None = None

    def to_dict(self) -> dict[str, Any]:
        """The span as a JSON-ready dict ("bbox" only when known: [x0, top, x1, bottom] fractions)."""
        out: dict[str, Any] = {
            "page": self.page,
            "block": self.block,
            "row": self.row,
            "col": self.col,
            "start": self.start,
            "end": self.end,
        }
        if self.bbox is not None:
            out["bbox"] = self.bbox.to_list()
        return out


def align_words(text: str, placed: Sequence[tuple[str, int, Box]]) -> list[Word]:
    """Words (text, page, box) in reading order found in `text`, with their character offsets.

    Each word is looked for after the previous one, within the room the words missed since
    then would take (a dropped rule or an unmatched word does not send the search far ahead).
    """
    out: list[Word] = []
    cursor = 0
    room = 2
    for raw, page, box in placed:
        word = normalize_text(raw).strip()
        if not word:
            continue
        i = text.find(word, cursor, cursor + room + len(word))
        if i < 0:
            room += len(word) + 1
            continue
        out.append(Word(i, i + len(word), page, box))
        cursor, room = i + len(word), 2
    return out


def rescaled(words: list[Word], old_len: int, new_len: int) -> list[Word]:
    """Word offsets carried over to a rewritten text of another length (legacy-encoding fixes)."""
    if old_len == new_len or not old_len:
        return words
    k = new_len / old_len
    return [replace(w, start=round(w.start * k), end=max(round(w.start * k) + 1, round(w.end * k))) for w in words]


def _covering(words: Sequence[Word], start: int, end: int, page: int | None) -> Box | None:
    return Box.around(
        w.box for w in words if w.start < end and w.end > start and (page is None or w.page == page)
    )


@dataclass(slots=True)
class Cell:
    """One grid position of a table."""

    text: str
    row: int
    col: int
    #: True when this position repeats the text of a merged cell that starts elsewhere.
    merged: bool = False
    page: int | None = None
    #: The cell's box on its page (a merged cell's whole area), where the reader knows it.
    box: Box | None = None


@dataclass(slots=True)
class Paragraph:
    """A paragraph of running text (a line group in PDFs)."""

    index: int
    text: str
    page: int | None = None
    style: str | None = None  # Word style name, e.g. "Heading 1"; None for PDFs
    bold: bool = False
    #: The words with their boxes (PDFs and scans), in order; empty for Word.
    words: list[Word] = field(default_factory=list)

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

    @property
    def box(self) -> Box | None:
        """The box around the table's cells (on its first page), None without cell boxes."""
        return Box.around(c.box for row in self.rows for c in row if c.page in (None, self.page))


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

    def box_of(self, span: Span) -> Box | None:
        """The box a span's text covers: its words' boxes, or its table cell's; None when unknown."""
        if not 0 <= span.block < len(self.blocks):
            return None
        block = self.blocks[span.block]
        if isinstance(block, Paragraph):
            return _covering(block.words, span.start, span.end, span.page)
        if span.row is None or span.col is None:
            return block.box
        try:
            cell = block.cell(span.row, span.col)
        except IndexError:
            return None
        return cell.box

    def located(self, span: Span) -> Span:
        """The span with its box filled in (unchanged when it has one or none is known)."""
        if span.bbox is not None:
            return span
        box = self.box_of(span)
        return span if box is None else replace(span, bbox=box)

    def to_json(self) -> dict[str, Any]:
        """The document as JSON-ready data: what the pipeline read, kept beside the original."""
        blocks: list[dict[str, Any]] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                blocks.append({
                    "kind": "paragraph", "text": b.text, "page": b.page, "style": b.style, "bold": b.bold,
                    "words": [[w.start, w.end, w.page, *w.box.to_list()] for w in b.words],
                })
            else:
                blocks.append({
                    "kind": "table", "page": b.page,
                    "rows": [
                        [
                            {"text": c.text, "merged": c.merged, "page": c.page, "box": c.box.to_list() if c.box else None}
                            for c in row
                        ]
                        for row in b.rows
                    ],
                })
        return {
            "source": self.source, "format": self.format.value, "pages": self.pages,
            "legacy_encoding": self.legacy_encoding, "ocr": self.ocr, "ocr_confidence": self.ocr_confidence,
            "warnings": list(self.warnings), "fonts": sorted(self.fonts), "blocks": blocks,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        """A document from `to_json` data."""
        doc = cls(
            source=str(data["source"]), format=SourceFormat(data["format"]), pages=data.get("pages"),
            legacy_encoding=data.get("legacy_encoding"), ocr=bool(data.get("ocr")),
            ocr_confidence=data.get("ocr_confidence"), warnings=list(data.get("warnings") or []),
            fonts=set(data.get("fonts") or []),
        )
        for i, b in enumerate(data.get("blocks") or []):
            if b["kind"] == "paragraph":
                words = [Word(int(w[0]), int(w[1]), int(w[2]), Box.from_list(w[3:7])) for w in b.get("words") or []]
                doc.blocks.append(Paragraph(i, b["text"], b.get("page"), b.get("style"), bool(b.get("bold")), words))
            else:
                rows = [
                    [
                        Cell(c["text"], r, k, bool(c.get("merged")), c.get("page"), Box.from_list(c["box"]) if c.get("box") else None)
                        for k, c in enumerate(row)
                    ]
                    for r, row in enumerate(b["rows"])
                ]
                doc.blocks.append(Table(i, rows, b.get("page")))
        return doc

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
