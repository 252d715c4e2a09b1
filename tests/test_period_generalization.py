"""The report's period from titles as other hands lay them out (issue #13): a thematic title split
over lines, beside titles of period reports that must keep their period. Titles invented, not
taken from the development worlds.
"""

from __future__ import annotations

import pytest

from thidua.core.document import Document, Paragraph, SourceFormat
from thidua.core.findings import PeriodKind
from tests import test_report_extraction as rx


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # a campaign's quoted name on the line after "phong trào thi đua": thematic
        (("Kết quả thực hiện phong trào thi đua", "“Chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” năm 2022"), PeriodKind.OTHER),
        (("Sơ kết phong trào", "\"Dân vận khéo\" năm 2022"), PeriodKind.OTHER),
        (("Kết quả phong trào thi đua \"Xây dựng xã đạt chuẩn tiếp cận pháp luật\" năm 2022",), PeriodKind.OTHER),
        # period reports keep their period, whatever follows on the next line
        (("Tổng kết phong trào thi đua yêu nước", "và công tác khen thưởng năm 2022"), PeriodKind.YEAR),
        (("Kết quả thực hiện phong trào thi đua", "6 tháng đầu năm 2022"), PeriodKind.H1),
        (("Công tác thi đua, khen thưởng", "9 tháng đầu năm 2022"), PeriodKind.M9),
    ],
)
def test_period_of_a_title_over_several_lines(title: tuple[str, ...], kind: PeriodKind) -> None:
    """A thematic phrase split over two title lines is found; period titles are not taken for it."""
    found = rx.findings_of(["I. KẾT QUẢ", "Huyện đã triển khai đến các xã, thị trấn."], title=title, date="ngày 20 tháng 8 năm 2022")
    assert found.period is not None and found.period.value.kind is kind
    assert found.period.value.year == 2022


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("BÁO CÁO Kết quả công tác thi đua, khen thưởng Quý 2/2022 Thực hiện Kế hoạch của Cụm, UBND huyện báo cáo như sau: I. KẾT QUẢ - Ngày 12/5/2022 huyện đã tổ chức hội nghị cho các xã, thị trấn trong toàn huyện năm 2022; các cơ quan, đơn vị đã đăng ký thi đua và gửi bản đăng ký về Thường trực Hội đồng Thi đua - Khen thưởng huyện đúng thời hạn.", PeriodKind.Q2),
        ("BÁO CÁO Sơ kết 6 tháng đầu năm 2022 công tác thi đua Căn cứ Kế hoạch số 12/KH-CTĐ, UBND huyện báo cáo kết quả như sau: 1. Công tác chỉ đạo - Huyện đã ban hành kế hoạch năm 2022 và phát động các phong trào thi đua trong toàn huyện, chỉ đạo các xã, thị trấn tổ chức hội nghị triển khai và ký giao ước thi đua năm 2022 theo hướng dẫn của Trưởng Cụm.", PeriodKind.H1),
    ],
)
def test_period_of_a_scanned_title_run_into_the_opening_text(opening: str, kind: PeriodKind) -> None:
    """OCR read the header as lines and joined the title to the opening text in one long paragraph:
    the head of that paragraph is the title, not the place-date line's "năm 2022"."""
    lines = [
        "UBND HUYỆN HÒA AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 45/BC-UBND",
        "Hòa An, ngày 20 tháng 6 năm 2022",
        opening,
        "II. PHƯƠNG HƯỚNG",
        "Tiếp tục triển khai các phong trào năm 2022.",
    ]
    doc = Document("scan.pdf", SourceFormat.SCAN, [Paragraph(i, t, page=1) for i, t in enumerate(lines)], pages=1, ocr=True)
    found = rx.extract_findings(doc, rx.UNITS)
    assert found.period is not None and found.period.value.kind is kind and found.period.value.year == 2022
