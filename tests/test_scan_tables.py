"""Ruled tables in scanned pages: grid detection on drawn images, and the tables of the sample scans."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rapidfuzz import fuzz

from thidua.core.document import Document, Paragraph, Table
from thidua.extractors.ocr import ocr_confidence, read_scanned_pdf
from thidua.extractors.scan_tables import cell_text, detect_tables, fill_grid, read_pgm, write_pgm
from thidua.core.text import fold

REPORTS = Path(__file__).resolve().parents[1] / "sample_docs" / "reports"
PAPER = 246


# --- drawn grids -----------------------------------------------------------------------------
def _ruled_page(angle: float = 0.0) -> np.ndarray:
    """A 300 dpi-like page: a 4 x 3 ruled table with one cell spanning two columns (row 1) and one
    spanning two rows (column 2, rows 2-3); an underline and a dash of 'text' outside it."""
    img = np.full((1600, 1400), PAPER, dtype=np.uint8)
    rows = [300, 420, 560, 700, 840]
    cols = [150, 350, 800, 1250]
    t = 3
    for r, y in enumerate(rows):
        if r == 3:  # no rule between rows 2 and 3 in column 2
            img[y : y + t, cols[0] : cols[2]] = 20
            img[y : y + t, cols[2] : cols[3] + t] = PAPER
        else:
            img[y : y + t, cols[0] : cols[3] + t] = 20
    for c, x in enumerate(cols):
        img[rows[0] : rows[-1] + t, x : x + t] = 20
        if c == 1:  # no rule between columns 0 and 1 in row 1
            img[rows[1] + t : rows[2], x : x + t] = PAPER
    img[150:153, 500:900] = 20  # underline of a heading: long, but crosses no vertical rule
    img[1000:1040, 300:303] = 20  # a letter's stroke
    rng = np.random.default_rng(0)
    noise = rng.random(img.shape) < 0.002  # scan speckles
    img[noise] = 60
    if angle:
        img = np.asarray(Image.fromarray(img).rotate(angle, resample=Image.BILINEAR, fillcolor=PAPER))
    return img


@pytest.mark.parametrize("angle", [0.0, 0.5, -0.6])
def test_grid_with_merged_cells_is_found_in_a_rotated_page(angle: float, tmp_path: Path):
    path = tmp_path / "page.pgm"
    write_pgm(path, _ruled_page(angle))
    gray = read_pgm(path)
    started = time.perf_counter()
    grids, _ = detect_tables(gray)
    elapsed = time.perf_counter() - started
    assert len(grids) == 1
    grid = grids[0]
    assert grid.shape == (4, 3)
    merged = {p: a for p, a in grid.anchor.items() if p != a}
    assert merged == {(1, 1): (1, 0), (3, 2): (2, 2)}
    assert elapsed < 1.0, elapsed


def test_words_fill_cells_and_merged_cells_repeat():
    grids, _ = detect_tables(_ruled_page(0.5))
    grid = grids[0]

    def word(text: str, x: int, y: int) -> dict:
        return {"text": text, "left": x, "top": y, "width": 80, "height": 40, "cx": x + 40, "cy": y + 20}

    words = [
        word("Nội", 170, 330), word("dung", 260, 330),
        word("Họp", 170, 450), word("Cụm", 400, 450),  # row 1: one cell over columns 0-1
        word("25/01/20", 820, 590), word("22", 820, 640),  # a date wrapped in a narrow cell
        word("|", 795, 600),  # what is left of a rule
    ]
    rows = fill_grid(grid, words, page=1)
    assert [c.text for c in rows[0]] == ["Nội dung", "", ""]
    assert [(c.text, c.merged) for c in rows[1]] == [("Họp Cụm", False), ("Họp Cụm", True), ("", False)]
    assert rows[2][2].text == "25/01/2022" and rows[3][2].text == "25/01/2022" and rows[3][2].merged


@pytest.mark.parametrize(
    "lines, text",
    [
        (["25/01/20", "22"], "25/01/2022"),
        (["22/4/202", "2"], "22/4/2022"),
        (["ngày 10/02/", "2022"], "ngày 10/02/2022"),
        (["CV số", "215/UBND", "-NV"], "CV số 215/UBND-NV"),
        (["Năm 2021", "22 đơn vị"], "Năm 2021 22 đơn vị"),
        (["Hoàn", "thành"], "Hoàn thành"),
    ],
)
def test_wrapped_lines_are_joined(lines: list[str], text: str):
    words = [{"text": t, "left": 0, "top": 50 * i, "height": 40, "cy": 50 * i + 20} for i, line in enumerate(lines) for t in line.split()]
    assert cell_text(words) == text


def test_sub_column_rules_of_a_table_cut_by_the_page_foot_part_its_cells():
    """A table cut after one row at the page's foot: the rules between "Tập thể | Cá nhân" under merged
    period headers span two short rows (~115 px, one strip) and still part the columns."""
    img = np.full((1200, 1400), PAPER, dtype=np.uint8)
    rows = [1000, 1058, 1116, 1174]
    cols = [150, 250, 700, 900, 1100, 1300]
    t = 3
    for y in rows:
        img[y : y + t, cols[0] : cols[-1] + t] = 20
    for c, x in enumerate(cols):
        top = rows[1] if c == 3 else rows[0]  # column 3 parts TT | CN of one period only
        img[top : rows[-1] + t, x : x + t] = 20
    grids, _ = detect_tables(img)
    assert len(grids) == 1
    grid = grids[0]
    assert grid.shape == (3, 5)
    merged = {p: a for p, a in grid.anchor.items() if p != a}
    assert merged == {(0, 3): (0, 2)}  # the period header over its two recipient columns


def test_page_without_rules_has_no_table():
    img = np.full((800, 600), PAPER, dtype=np.uint8)
    img[100:103, 50:550] = 20  # a lone rule (e.g. under a header)
    assert detect_tables(img)[0] == []


# --- the sample scans (OCR, read once per module) --------------------------------------------
@pytest.fixture(scope="module")
def nguyen_binh() -> Document:
    return read_scanned_pdf(REPORTS / "nguyen_binh_6m_2022_scan.pdf")


@pytest.fixture(scope="module")
def bao_lam() -> Document:
    return read_scanned_pdf(REPORTS / "bao_lam_y_2022_scan.pdf")


def _row_with(table: Table, text: str) -> list[str]:
    best = max(table.rows, key=lambda row: max(fuzz.ratio(fold(c.text), fold(text)) for c in row))
    return [c.text for c in best]


def test_scanned_task_table_is_a_table(nguyen_binh: Document):
    tables = nguyen_binh.tables()
    assert len(tables) == 1
    table = tables[0]
    assert table.page == 1 and table.n_cols == 5 and len(table.rows) == 6
    header = fold(" ".join(c.text for c in table.rows[0]))
    assert "noi dung" in header and "ket qua" in header and "ghi chu" in header
    # The table sits between the heading above it and the section below it.
    before, after = nguyen_binh.blocks[table.index - 1], nguyen_binh.blocks[table.index + 1]
    assert isinstance(before, Paragraph) and "KẾT QUẢ THỰC HIỆN" in before.text
    assert isinstance(after, Paragraph) and "KHEN THƯỞNG" in after.text
    task = "Tham dự Hội nghị tổng kết Cụm thi đua năm 2021, triển khai nhiệm vụ 2022"
    row = _row_with(table, task)
    assert fuzz.ratio(fold(row[1]), fold(task)) >= 90
    assert fold(row[2]) in ("da thuc hien", "hoan thanh")
    assert row[3] == "25/01/2022"
    row = _row_with(table, "Ký kết giao ước thi đua năm 2022 theo Quy chế của Cụm")
    assert fold(row[2]) == "hoan thanh" and row[3] == "22/4/2022"
    row = _row_with(table, "Chuẩn bị hồ sơ phục vụ Đoàn kiểm tra công tác TĐKT của Cụm")
    assert fuzz.ratio(fold(row[2]), "dang trien khai") >= 85
    # Words of the table are no longer in the paragraphs.
    assert not any("Hoàn thành" in p.text for p in nguyen_binh.paragraphs())


def test_ocr_confidence_is_a_field(nguyen_binh: Document):
    assert nguyen_binh.ocr_confidence is not None and 50 <= nguyen_binh.ocr_confidence <= 100
    assert ocr_confidence(nguyen_binh) == nguyen_binh.ocr_confidence
    assert f"{nguyen_binh.ocr_confidence:.0f}%" in nguyen_binh.warnings[0]


def test_scan_without_table_keeps_its_paragraphs(bao_lam: Document):
    assert bao_lam.tables() == []
    assert all(isinstance(b, Paragraph) for b in bao_lam.blocks)
    texts = [b.text for b in bao_lam.blocks]
    assert any("BÁO CÁO" in t for t in texts[:10])
    assert [b.index for b in bao_lam.blocks] == list(range(len(bao_lam.blocks)))


def test_a_count_the_page_layout_dropped_is_read_again_in_its_cell():
    """World 18's year scan: Tesseract's page layout drops the bold "33" of the "Cả năm" row and the "12" at the
    top of a tall "Trong đó" cell; each empty cell of a row of counts that holds ink is read again on its own."""
    doc = read_scanned_pdf(REPORTS.parent / "world18" / "reports" / "con_cuong_y_2023_scan.pdf")
    table = next(t for t in doc.tables() if any("năm" in c.text for row in t.rows for c in row[:2]) and len(t.rows[0]) >= 8)
    year = next(row for row in table.rows if fold(row[0].text).startswith("ca nam"))
    breakdown = next(row for row in table.rows if "chuyên đề" in row[1].text)
    assert [c.text for c in year[2:8]] == ["33", "93", "18", "03", "05", "01"]
    assert breakdown[2].text == "12"
