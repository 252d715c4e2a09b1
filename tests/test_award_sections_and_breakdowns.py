"""Award tables with section rows, breakdowns over several paragraphs, asides and look-alike words (issue #13).

Worlds 1d and 7 (other hands) showed these layouts: a section row merged over the whole table
("I | Khen thưởng cấp tỉnh | < | <"), a section of proposals inside a table of awards given, a
head's report with both the members' table and its own, "…, trong đó:" followed by "+" lines,
"01 cá nhân (nguyên …) được … tặng Huân chương", "hồ sơ" read as "hộ". The cases below were invented
(other awards, numbers, recipients and wording than those reports) and written before the rules.
"""

from __future__ import annotations

import pytest

from tests import test_report_extraction as rx

Body = list[str | list[list[str]]]

GK = "giay_khen"
BK = "bang_khen_tinh"


def _found(body: Body, *, ocr: bool = False, district: str = "HÒA AN", place: str = "Hòa An") -> tuple[dict[str, float], dict[str, float]]:
    """(figures, proposals) of a year report with this body."""
    found = rx.findings_of(
        ["II. KẾT QUẢ KHEN THƯỞNG", *body],
        date="ngày 15 tháng 12 năm 2022",
        title=("Tổng kết công tác thi đua, khen thưởng năm 2022",),
        ocr=ocr,
        district=district,
        place=place,
    )
    return {f.metric: f.value for f in found.figures}, {f.metric: f.value for f in found.proposals}


def test_section_rows_merged_over_the_table_do_not_hide_its_count_columns() -> None:
    figures, _ = _found([[
        ["STT", "Hình thức khen thưởng", "Quyết định", "Tập thể", "Cá nhân"],
        ["A", "Khen thưởng cấp Nhà nước", "<", "<", "<"],
        ["1", "Huân chương Lao động hạng Nhì", "QĐ 1120/QĐ-CTN ngày 02/8/2022", "", "01"],
        ["B", "Khen thưởng cấp huyện", "<", "<", "<"],
        ["1", "Giấy khen của Chủ tịch UBND huyện", "Nhiều quyết định", "17", "46"],
        ["2", "Lao động tiên tiến", "QĐ 05/QĐ-UBND ngày 06/01/2022", "", "301"],
        ["", "Tổng cộng", "", "17", "348"],
    ]])
    assert figures == {"huan_chuong.ca_nhan": 1, f"{GK}.tap_the": 17, f"{GK}.ca_nhan": 46, "lao_dong_tien_tien.ca_nhan": 301}


PROPOSAL_SECTIONS: list[tuple[str, bool]] = [
    ("Đề nghị cấp trên khen thưởng (chưa có Quyết định)", False),
    ("Đã trình, đang chờ Quyết định", False),
    ("Đang đề nghị", True),
]


@pytest.mark.parametrize("section,ocr", PROPOSAL_SECTIONS)
def test_a_section_of_proposals_inside_a_table_gives_proposals(section: str, ocr: bool) -> None:
    """Rows under a section row of proposals are proposals until the next section; the given part's "Cộng" is not upset."""
    split = [section, "<", "<"] if not ocr else [section[:-4], section[-4:], section[-4:]]
    figures, proposals = _found([[
        ["TT", "Hình thức", "Tập thể", "Cá nhân"],
        ["I", "Đã có Quyết định khen thưởng", "<", "<"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02", "05"],
        ["2", "Giấy khen của Chủ tịch UBND huyện", "13", "40"],
        ["", "Cộng (I)", "15", "45"],
        ["II", *split],
        ["1", "Cờ thi đua của UBND tỉnh", "01", "-"],
        ["2", "Chiến sĩ thi đua cấp tỉnh", "-", "03"],
    ]], ocr=ocr)
    assert figures == {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 5, f"{GK}.tap_the": 13, f"{GK}.ca_nhan": 40}
    assert proposals == {"co_thi_dua_tinh.tap_the": 1, "chien_si_thi_dua_tinh.ca_nhan": 3}


def test_ocr_dashes_read_as_marks_or_one_letter_leave_a_column_of_counts() -> None:
    """"ˆ" (a modifier letter) and a lone "h" where a dash stood: the Hộ gia đình column is still read."""
    figures, _ = _found([[
        ["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Hộ gia đình"],
        ["1", "Giấy khen Chủ tịch UBND huyện", "21", "64", "09"],
        ["2", "Huân chương Lao động hạng Ba", "ˆ", "01", "h"],
        ["3", "Lao động tiên tiến", "-", "233", "ˆ"],
    ]], ocr=True)
    assert figures == {f"{GK}.tap_the": 21, f"{GK}.ca_nhan": 64, f"{GK}.ho_gia_dinh": 9, "huan_chuong.ca_nhan": 1, "lao_dong_tien_tien.ca_nhan": 233}


def test_the_heads_own_table_wins_over_its_row_in_the_members_table() -> None:
    """The head's report gives its awards in the members' table and again in its own: counted once."""
    body: Body = [
        "Kết quả khen thưởng của các đơn vị trong Cụm:",
        [
            ["STT", "Đơn vị", "Giấy khen (tập thể)", "Giấy khen (cá nhân)"],
            ["1", "Hà Quảng", "14", "38"], ["2", "Bảo Lạc", "09", "27"], ["3", "Hòa An", "11", "30"],
        ],
        "Kết quả khen thưởng của huyện Hà Quảng:",
        [
            ["TT", "Hình thức", "Quý I", "Quý II", "Quý III", "Quý IV", "Cả năm"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "<", "<", "<", "<", "<"],
            ["", "- Tập thể", "03", "04", "02", "05", "14"],
            ["", "- Cá nhân", "10", "08", "09", "11", "38"],
        ],
    ]
    figures, _ = _found(body, district="HÀ QUẢNG", place="Hà Quảng")
    assert figures == {f"{GK}.tap_the": 14, f"{GK}.ca_nhan": 38}


BREAKDOWNS: list[tuple[Body, dict[str, int]]] = [
    # "-" lead, "+" items, then a "-" point of its own
    (
        [
            "- Trong năm, Chủ tịch UBND huyện tặng Giấy khen cho 31 tập thể, 75 cá nhân, trong đó:",
            "+ Khen thưởng thường xuyên: 25 tập thể, 60 cá nhân;",
            "+ Khen thưởng chuyên đề: 06 tập thể, 15 cá nhân.",
            "- Công nhận danh hiệu Lao động tiên tiến cho 280 cá nhân.",
        ],
        {f"{GK}.tap_the": 31, f"{GK}.ca_nhan": 75, "lao_dong_tien_tien.ca_nhan": 280},
    ),
    # a plain lead with "gồm:", lettered items, then plain text again
    (
        [
            "UBND huyện đã tặng Giấy khen cho 46 cá nhân, gồm:",
            "a) 30 cá nhân có thành tích trong phong trào xây dựng nông thôn mới;",
            "b) 16 cá nhân có thành tích trong phòng, chống thiên tai.",
            "Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể.",
        ],
        {f"{GK}.ca_nhan": 46, f"{BK}.tap_the": 3},
    ),
    # a lead without counts ("cụ thể:"): its items are the figures
    (
        [
            "Huyện đã khen thưởng kịp thời các tập thể, cá nhân, cụ thể:",
            "- Giấy khen của Chủ tịch UBND huyện: 12 tập thể, 29 cá nhân;",
            "- Bằng khen của Chủ tịch UBND tỉnh: 02 tập thể.",
        ],
        {f"{GK}.tap_the": 12, f"{GK}.ca_nhan": 29, f"{BK}.tap_the": 2},
    ),
    # "hồ sơ" and "phong trào" are no recipients, even under a lead-in naming an award
    (
        [
            "Kết quả khen thưởng bằng Giấy khen của Chủ tịch UBND huyện:",
            "- 18 tập thể, 52 cá nhân;",
            "- Đã thẩm định 326 hồ sơ đề nghị khen thưởng, phát động 05 phong trào thi đua.",
        ],
        {f"{GK}.tap_the": 18, f"{GK}.ca_nhan": 52},
    ),
    # a bracketed aside closed before the award: the award is the count's
    (
        ["Năm 2022, huyện có 02 cá nhân (cán bộ lão thành cách mạng) được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba."],
        {"huan_chuong.ca_nhan": 2},
    ),
    # an award without a number to a "Chi cục": a collective
    (
        ["Thủ tướng Chính phủ đã tặng Bằng khen cho Chi cục Kiểm lâm huyện vì thành tích bảo vệ rừng."],
        {"bang_khen_thu_tuong.tap_the": 1},
    ),
]


@pytest.mark.parametrize("body,expected", BREAKDOWNS)
def test_breakdowns_asides_and_look_alike_words(body: Body, expected: dict[str, int]) -> None:
    figures, _ = _found(body)
    assert figures == expected
