"""Provenance with boxes: word boxes from pdfplumber and Tesseract, span boxes, the document as JSON."""

from __future__ import annotations

import json

import pdfplumber
import pytest
from typer.testing import CliRunner

from thidua.core.document import Box, Document, Paragraph, SourceFormat, Span, Table, align_words, rescaled
from thidua.extractors.ocr import _parse_tsv
from thidua.extractors.readers import read_document
from tests.conftest import SAMPLE_DOCS

TEXT_PDF = SAMPLE_DOCS / "reports" / "hoa_an_9m_2022.pdf"
TABLE_PDF = SAMPLE_DOCS / "reports" / "bao_lam_6m_2022.pdf"
DOCX = SAMPLE_DOCS / "reports" / "hoa_an_6m_2022.docx"


def _close(a: Box, b: Box, tol: float = 0.002) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a.to_list(), b.to_list()))


def _pdfplumber_box(path, page_no: int, phrase: str) -> Box:
    """The box pdfplumber itself gives for a phrase on a page, as page fractions."""
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[page_no - 1]
        [hit, *_] = page.search(phrase)
        return Box.on_page(hit["x0"], hit["top"], hit["x1"], hit["bottom"], float(page.width), float(page.height))


def test_text_pdf_span_box_is_the_box_of_its_words() -> None:
    doc = read_document(TEXT_PDF)
    phrase = "Giấy khen cho 89"
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and phrase in b.text)
    start = para.text.index(phrase)
    box = doc.box_of(Span(para.index, start, start + len(phrase), para.page))
    assert box is not None
    assert _close(box, _pdfplumber_box(TEXT_PDF, para.page or 1, phrase))
    # A shorter span inside covers less of the line.
    inner = doc.box_of(Span(para.index, start, start + 4, para.page))
    assert inner is not None and inner.x1 < box.x1 and inner.x0 == box.x0


def test_every_text_pdf_paragraph_keeps_its_words() -> None:
    doc = read_document(TEXT_PDF)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras
    for p in paras:
        assert p.words, p.text
        for w in p.words:
            assert p.text[w.start : w.end].strip()
            assert 0 <= w.box.x0 < w.box.x1 <= 1 and 0 <= w.box.top < w.box.bottom <= 1
        assert [w.start for w in p.words] == sorted(w.start for w in p.words)


def test_text_pdf_table_cells_have_boxes_around_their_text() -> None:
    doc = read_document(TABLE_PDF)
    table = next(t for t in doc.tables() if len(t.rows) > 2)
    cell = next(c for row in table.rows[1:] for c in row if len(c.text) > 8 and not c.merged)
    assert cell.box is not None
    word_box = _pdfplumber_box(TABLE_PDF, cell.page or 1, cell.text)
    # The text's centre is inside the cell's rules (glyph tops may touch the rule above).
    assert cell.box.x0 <= (word_box.x0 + word_box.x1) / 2 <= cell.box.x1
    assert cell.box.top <= (word_box.top + word_box.bottom) / 2 <= cell.box.bottom
    assert cell.box.x1 - cell.box.x0 < 0.5 and cell.box.bottom - cell.box.top < 0.1
    span = Span(table.index, 0, len(cell.text), cell.page, cell.row, cell.col)
    assert doc.box_of(span) == cell.box


def test_findings_json_shows_boxes_for_pdf_and_none_for_word() -> None:
    from thidua.cli.main import app

    runner = CliRunner()
    out = runner.invoke(app, ["extract", str(TEXT_PDF), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["statements"] and all("bbox" in s["span"] for s in data["statements"])
    assert all(len(s["span"]["bbox"]) == 4 for s in data["statements"])
    figure = data["figures"][0]
    assert "bbox" in figure["span"]
    out = runner.invoke(app, ["extract", str(DOCX), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["statements"] and not any("bbox" in s["span"] for s in data["statements"])


_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(words: list[tuple[int, int, int, int, str]], width: int = 2480, height: int = 3508) -> str:
    rows = [_TSV_HEADER, f"1\t1\t0\t0\t0\t0\t0\t0\t{width}\t{height}\t-1\t"]
    for n, (left, top, w, h, text) in enumerate(words, start=1):
        rows.append(f"5\t1\t1\t1\t1\t{n}\t{left}\t{top}\t{w}\t{h}\t91.5\t{text}")
    return "\n".join(rows) + "\n"


def test_tesseract_words_keep_their_boxes_as_page_fractions() -> None:
    page = _parse_tsv(_tsv([(248, 351, 200, 50, "Tặng"), (478, 351, 300, 50, "Giấy"), (800, 351, 180, 50, "khen")]), 2)
    [para] = page.blocks
    assert isinstance(para, Paragraph) and para.text == "Tặng Giấy khen"
    assert [para.text[w.start : w.end] for w in para.words] == ["Tặng", "Giấy", "khen"]
    assert para.words[0].page == 2
    assert _close(para.words[0].box, Box(0.1, 0.1001, 0.1806, 0.1143), 0.0005)
    doc = Document("x.pdf", format=SourceFormat.SCAN)
    para.index = 0
    doc.blocks.append(para)
    box = doc.box_of(Span(0, 5, 14, 2))
    assert box is not None and _close(box, Box.on_page(478, 351, 980, 401, 2480, 3508))


def test_align_words_skips_dropped_words_without_running_ahead() -> None:
    b = Box(0, 0, 0.1, 0.1)
    words = align_words("Số: 12 ngày 5", [("Số:", 1, b), ("_____", 1, b), ("12", 1, b), ("ngày", 1, b), ("5", 1, b)])
    assert [(w.start, w.end) for w in words] == [(0, 3), (4, 6), (7, 11), (12, 13)]
    # A word missing from the text is not matched somewhere far later.
    words = align_words("a b c d e f g h i j a", [("a", 1, b), ("x", 1, b), ("a", 1, b)])
    assert [(w.start, w.end) for w in words] == [(0, 1)]


def test_rescaled_words_follow_a_rewritten_text() -> None:
    b = Box(0, 0, 0.1, 0.1)
    words = align_words("ab cd", [("ab", 1, b), ("cd", 1, b)])
    assert [(w.start, w.end) for w in rescaled(words, 5, 10)] == [(0, 4), (6, 10)]


@pytest.mark.parametrize("path", [TEXT_PDF, TABLE_PDF, DOCX])
def test_document_json_round_trip(path) -> None:
    doc = read_document(path)
    back = Document.from_json(json.loads(json.dumps(doc.to_json(), ensure_ascii=False)))
    assert back.to_json() == doc.to_json()
    assert [b.text for b in back.blocks] == [b.text for b in doc.blocks]
    assert [type(b) for b in back.blocks] == [type(b) for b in doc.blocks]
    for b in back.blocks:
        if isinstance(b, Table):
            assert all(c.row == r and c.col == k for r, row in enumerate(b.rows) for k, c in enumerate(row))
