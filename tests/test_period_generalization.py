"""The report's period from titles as other hands lay them out (issue #13): a thematic title split
over lines, beside titles of period reports that must keep their period. Titles invented, not
taken from the development worlds.
"""

from __future__ import annotations

import pytest

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
