"""Scanned reports as OCR lays them out (issue #13): a header read across both columns spills
words of one column into the other's lines, and a place-date line can lose its year to the next
line. The line sets were invented (other units, numbers and spills than the development scans).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.document import Document, Paragraph, SourceFormat
from thidua.extractors.report import extract_findings
from tests.test_report_extraction import UNITS


def _scan(lines: list[str]) -> Document:
    """A scanned document of these OCR'd lines, one paragraph each."""
    return Document("scan.pdf", SourceFormat.SCAN, [Paragraph(i, t) for i, t in enumerate(lines)], pages=1, ocr=True)


_BODY = [
    "UBND huyện báo cáo công tác thi đua, khen thưởng như sau:",
    "1. Ngày 12-01-2022 đã gửi đăng ký thi đua đến Trưởng Cụm.",
    "Trên đây là báo cáo của UBND huyện./.",
]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # the year wrapped onto the title line, before "BÁO CÁO"
        (["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "HUYỆN HÀ QUẢNG", "VIỆT NAM",
          "2022 BÁO CÁO Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
          "Số: 61/BC-UBND", "Hà Quảng, ngày 17 tháng 6 năm"], dt.date(2022, 6, 17)),
        # two spilled words before the title
        (["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "HUYỆN BẢO LÂM",
          "Phúc 2022 BÁO CÁO Kết quả công tác thi đua, khen thưởng 9 tháng năm 2022",
          "Số: 130/BC-UBND", "Bảo Lâm, ngày 21 tháng 9 năm"], dt.date(2022, 9, 21)),
        # the title alone: the whole date on its line
        (["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "HUYỆN HÒA AN", "Số: 88/BC-UBND",
          "Hòa An, ngày 02 tháng 12 năm 2022", "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2022"],
         dt.date(2022, 12, 2)),
    ],
)
def test_report_date_when_ocr_moves_the_year(head: list[str], expected: dt.date) -> None:
    """A place-date line cut before its year takes the lone year OCR put on the title line."""
    found = extract_findings(_scan(head + _BODY), UNITS)
    assert found.report_date is not None and found.report_date.value == expected


def test_a_sentence_naming_a_report_is_no_title() -> None:
    """Words before an upper-case "BÁO CÁO" make a title only when they are few and short."""
    from thidua.extractors.report.view import _is_title_start

    assert _is_title_start("2024 BÁO CÁO Công tác thi đua, khen thưởng 6 tháng đầu năm 2024")
    assert not _is_title_start("Huyện đã gửi BÁO CÁO sơ kết đúng hạn.")
    assert not _is_title_start("2024 báo cáo công tác thi đua")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # the issuer's name wrapped over two header lines, the motto read across it, a speck before the title
        (["UBND HUYỆN NGUYÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT Độc lập - Tự do - Hạnh phúc", "BÌNH", "NAM",
          "Số: 77/BC-UBND", "Nguyên Bình, ngày 24 tháng 3 năm 2022"],
         "'BÁO CÁO Kết quả công tác thi đua, khen thưởng quý I năm 2022"),
        # no name in the header and no title OCR could read: the place-date line, on its own, names the seat
        (["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 77/BC-UBND",
          "Nguyên Bình, ngày 24 tháng 3 năm 2022"],
         "B Á O C Á O kết quả công tác thi đua, khen thưởng quý I năm 2022"),
    ],
)
def test_a_scanned_header_names_its_issuer_over_the_head_the_recipients_name(head: list[str], title: str) -> None:
    """The cluster head named in the body and in a "Nơi nhận" list after a speck OCR read as a line ("|")
    does not outvote the issuer of the header (one mention per line, however many aliases match it)."""
    body = [
        title,
        "Ngày 20-01-2022, đ/c Phó Chủ tịch UBND huyện dự Hội nghị ký kết giao ước thi đua do UBND huyện Hà Quảng (Trưởng Cụm) tổ chức.",
        "Nơi nhận:",
        "|",
        "- Trưởng Cụm thi đua (UBND huyện Hà Quảng);",
        "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ);",
        "- Lưu: VT.",
        "Nông Văn Hải",
    ]
    found = extract_findings(_scan(head + body), UNITS)
    assert found.unit is not None and found.unit.value == "Nguyên Bình"
