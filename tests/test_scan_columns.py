"""Award tables without rules in scans: rebuilt from Tesseract's word boxes, checked against their own total."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from thidua.core.document import Document, Paragraph, SourceFormat, Table
from thidua.core.units import load_units
from thidua.extractors.ocr import _parse_tsv, read_scanned_pdf
from thidua.extractors.report import extract_findings
from thidua.extractors.scan_columns import is_count_text

ROOT = Path(__file__).resolve().parents[1]
UNITS = load_units(ROOT / "sample_docs" / "units.toml")
SCAN = ROOT / "sample_docs" / "reports" / "hoa_an_q3_2022_scan.pdf"

_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


class Page:
    """A Tesseract TSV written word by word, on a page rotated by `angle` degrees."""

    def __init__(self, angle: float = 0.0) -> None:
        self.rows = [f"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
        self.slope = math.tan(math.radians(angle))
        self.block = 0

    def line(self, y: int, *cells: tuple[int, str], block: int | None = None) -> None:
        """Words of one printed line: (x, text) per run of words; each run goes in its own Tesseract block
        unless `block` is given (Tesseract often cuts an unruled table's columns into blocks)."""
        for x, text in cells:
            self.block += 1
            b = block if block is not None else self.block
            for k, word in enumerate(text.split()):
                left = x + k * 0 + sum(len(w) * 24 + 20 for w in text.split()[:k])
                width = len(word) * 24
                top = int(y + self.slope * left)
                self.rows.append(f"5\t1\t{b}\t1\t{y}\t{k + 1}\t{left}\t{top}\t{width}\t44\t95\t{word}")

    @property
    def tsv(self) -> str:
        return "\n".join([_HEADER, *self.rows]) + "\n"


def _award_page(angle: float, cell: str = "112", total: str = "899") -> Page:
    p = Page(angle)
    p.line(300, (350, "Kết quả khen thưởng năm 2023 được tổng hợp như sau:"), block=1)
    p.line(420, (380, "STT"), (560, "Hình thức khen thưởng"), (1560, "Số lượng"), (2040, "Ghi chú"))
    p.line(480, (1380, "Tập"), (1620, "Cá"), (1820, "Hộ gia"))
    p.line(530, (1385, "thể"), (1590, "nhân"), (1830, "đình"))
    p.line(620, (400, "1"), (500, "Cờ thi đua của UBND tỉnh"), (1400, "01"), (2040, "Xã Bắc Quỳnh"))
    p.line(700, (400, "2"), (500, "Giấy khen của Chủ tịch UBND"), (1400, "34"), (1610, cell), (1850, "21"))
    p.line(760, (500, "huyện (thường xuyên)"))
    p.line(840, (400, "3"), (500, "Lao động tiên tiến"), (1610, "745"))
    p.line(920, (400, "4"), (500, "Chiến sĩ thi đua cơ sở"), (1610, "42"))
    p.line(1000, (500, "Tổng cộng"), (1400, "35"), (1610, total), (1850, "21"))
    p.line(1100, (350, "Năm 2022, huyện có 92 tập thể được khen thưởng."), block=99)
    return p


@pytest.mark.parametrize("angle", [0.0, 0.8, -0.8])
def test_unruled_table_is_rebuilt_from_word_boxes(angle: float) -> None:
    page = _parse_tsv(_award_page(angle).tsv, 1)
    kinds = [type(b).__name__ for b in page.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    (table,) = [b for b in page.blocks if isinstance(b, Table)]
    rows = [[c.text for c in r] for r in table.rows]
    assert rows[0][2:5] == ["Số lượng Tập thể", "Số lượng Cá nhân", "Số lượng Hộ gia đình"]
    assert rows[0][5] == "Ghi chú"
    assert rows[2] == ["2", "Giấy khen của Chủ tịch UBND huyện (thường xuyên)", "34", "112", "21", ""]
    assert rows[-1][1:5] == ["Tổng cộng", "35", "899", "21"]
    assert all(c.box is not None for c in table.rows[2] if c.text)
    assert "Kết quả khen thưởng" in page.blocks[0].text and "Tập" not in page.blocks[0].text


def _findings(tsv: str):
    blocks = _parse_tsv(tsv, 1).blocks
    head = [
        Paragraph(0, "ỦY BAN NHÂN DÂN HUYỆN HÒA AN", page=1),
        Paragraph(1, "Số: 12/BC-UBND", page=1),
        Paragraph(2, "Hòa An, ngày 15 tháng 12 năm 2022", page=1),
        Paragraph(3, "BÁO CÁO", page=1),
        Paragraph(4, "Tổng kết công tác thi đua, khen thưởng năm 2022", page=1),
    ]
    doc = Document("t.pdf", SourceFormat.SCAN, blocks=[*head, *blocks], pages=1, ocr=True)
    for i, b in enumerate(doc.blocks):
        b.index = i
    return extract_findings(doc, UNITS)


def test_unruled_award_table_gives_its_figures() -> None:
    found = _findings(_award_page(0.5).tsv)
    assert {f.metric: f.value for f in found.figures} == {
        "co_thi_dua_tinh.tap_the": 1, "giay_khen.tap_the": 34, "giay_khen.ca_nhan": 112,
        "giay_khen.ho_gia_dinh": 21, "lao_dong_tien_tien.ca_nhan": 745, "chien_si_thi_dua_co_so.ca_nhan": 42,
    }
    assert not any("tổng cộng" in w for w in found.warnings)


def test_unruled_table_numbers_that_miss_the_total_are_flagged() -> None:
    right = _findings(_award_page(0.5).tsv)
    wrong = _findings(_award_page(0.5, cell="1127").tsv)
    fig = {f.metric: f for f in wrong.figures}
    assert fig["giay_khen.ca_nhan"].value == 1127  # kept as read, flagged for review
    ok = {f.metric: f for f in right.figures}
    assert fig["giay_khen.ca_nhan"].confidence < ok["giay_khen.ca_nhan"].confidence
    assert any("1914" in w and "899" in w for w in wrong.warnings)


def test_lines_without_a_number_column_are_no_table() -> None:
    p = Page(0.5)
    p.line(300, (350, "Số: 318/BC-PNV"), (1400, "Hòa An, ngày 30 tháng 9 năm 2022"))
    p.line(400, (350, "1. Quý I: Tham dự Hội nghị tổng kết ngày 25/01/2022"), block=7)
    p.line(480, (350, "Nơi nhận:"), (1500, "TRƯỞNG PHÒNG"))
    p.line(560, (350, "- Lưu: VT."), (1500, "Đàm Văn Thắng"))
    assert not any(isinstance(b, Table) for b in _parse_tsv(p.tsv, 1).blocks)


@pytest.mark.parametrize(("text", "count"), [("05", True), ("1.215", True), ("112.", True), ("2À", True),
                                             ("Cộng", False), ("25/01/2022", False), ("11,9%", False)])
def test_count_like_segments(text: str, count: bool) -> None:
    assert is_count_text(text) is count


@pytest.mark.skipif(not SCAN.exists(), reason="sample scan not rendered")
def test_sample_scan_with_an_unruled_award_table() -> None:
    doc = read_scanned_pdf(SCAN)
    (table,) = doc.tables()
    labels = [r[1].text for r in table.rows]
    assert any("Thủ tướng" in t and "Chính phủ" in t for t in labels)  # a label wrapped on two lines
    got = {f.metric: f.value for f in extract_findings(doc, UNITS).figures}
    assert got["giay_khen.ca_nhan"] == 42 and got["bang_khen_thu_tuong.tap_the"] == 1


def test_doubtful_numbers_are_read_again_and_an_unreadable_one_keeps_its_row() -> None:
    p = Page(0.4)
    p.line(420, (560, "Hình thức khen thưởng"), (1380, "Tập thể"), (1650, "Cá nhân"))
    p.line(520, (500, "Bằng khen của Chủ tịch UBND tỉnh"), (1400, "03"), (1670, "03"))
    p.line(600, (500, "Giấy khen của Chủ tịch UBND huyện"), (1400, "2."), (1670, "53"))
    p.line(680, (500, "Chiến sỹ thi đua cơ sở"), (1670, "Sài"))
    p.line(760, (500, "Cộng"), (1400, "25"), (1670, "87"))
    asked: list[str] = []

    def reread(left: float, top: float, right: float, bottom: float) -> str:
        asked.append(f"{left:.0f}")
        return {"1400": "22"}.get(f"{left:.0f}", "")  # the second number stays unreadable

    (table,) = [b for b in _parse_tsv(p.tsv, 1, None, reread).blocks if isinstance(b, Table)]
    rows = [[c.text for c in r] for r in table.rows]
    assert rows[2] == ["Giấy khen của Chủ tịch UBND huyện", "22", "53"]
    assert rows[3] == ["Chiến sỹ thi đua cơ sở", "", "Sài"]  # its own row, not the tail of the one above
    assert "1400" in asked and "1670" in asked
