"""Award tables whose cells carry the count and its recipient together (issue #13).

"27 cá nhân", "05 TT, 12 CN", "03 tập thể và 15 cá nhân" in one "Số lượng" column: each count with
its own recipient and the row's award; bracketed sub-counts, "Tổng cộng" rows and proposal columns
are never counted. The tables were invented (other awards, wording and layouts than any report of
the development worlds) and written before the extractor was run on them; `HELD_BACK` ones were
run once, after the rule was written, and not tuned on.
"""

from __future__ import annotations

import pytest

from tests import test_report_extraction as rx

Body = list[str | list[list[str]]]

GK = "giay_khen"
BK = "bang_khen_tinh"
CSCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"


def _given_and_proposed(body: Body) -> tuple[dict[str, float], dict[str, float]]:
    """Figures of a year report with this body: (given, proposed)."""
    found = rx.findings_of(
        ["II. CÔNG TÁC KHEN THƯỞNG", *body],
        date="ngày 18 tháng 12 năm 2022",
        title=("Tổng kết công tác thi đua, khen thưởng năm 2022",),
    )
    assert not any(f.proposed for f in found.figures)
    return {f.metric: f.value for f in found.figures}, {f.metric: f.value for f in found.proposals}


CASES: list[tuple[Body, dict[str, int]]] = [
    # awards as rows, one "Kết quả" column with count + recipient
    (
        ["Kết quả khen thưởng trong năm:", [
            ["STT", "Hình thức khen thưởng", "Kết quả"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "14 tập thể, 52 cá nhân"],
            ["2", "Lao động tiên tiến", "388 cá nhân"],
            ["3", "Chiến sỹ thi đua cơ sở", "31 cá nhân"],
        ]],
        {f"{GK}.tap_the": 14, f"{GK}.ca_nhan": 52, "lao_dong_tien_tien.ca_nhan": 388, "chien_si_thi_dua_co_so.ca_nhan": 31},
    ),
    # abbreviated recipients and a plus sign
    (
        [[
            ["TT", "Danh hiệu, hình thức", "Số lượng"],
            ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02 TT, 05 CN"],
            ["2", "Giấy khen của Chủ tịch UBND huyện", "11 TT + 27 CN"],
        ]],
        {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 5, f"{GK}.tap_the": 11, f"{GK}.ca_nhan": 27},
    ),
    # a total row is never added again
    (
        [[
            ["STT", "Hình thức", "Số lượng"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "09 tập thể và 33 cá nhân"],
            ["2", "Tập thể lao động tiên tiến", "26 tập thể"],
            ["", "Tổng cộng", "35 tập thể, 33 cá nhân"],
        ]],
        {f"{GK}.tap_the": 9, f"{GK}.ca_nhan": 33, "tap_the_lao_dong_tien_tien.tap_the": 26},
    ),
    # spelled-out counts and a bracketed sub-count
    (
        [[
            ["STT", "Nội dung", "Số lượng"],
            ["1", "Bằng khen của Chủ tịch UBND tỉnh", "hai tập thể và ba cá nhân"],
            ["2", "Giấy khen của Chủ tịch UBND huyện", "45 cá nhân (trong đó 12 cá nhân là nông dân)"],
        ]],
        {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 3, f"{GK}.ca_nhan": 45},
    ),
    # households
    (
        [[
            ["STT", "Hình thức khen thưởng", "Số lượng"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "06 tập thể, 10 cá nhân, 04 hộ gia đình"],
        ]],
        {f"{GK}.tap_the": 6, f"{GK}.ca_nhan": 10, f"{GK}.ho_gia_dinh": 4},
    ),
]

HELD_BACK: list[tuple[Body, dict[str, int]]] = [
    # a cell with a semicolon and "lượt"
    (
        [[
            ["STT", "Hình thức", "Kết quả thực hiện"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "17 lượt tập thể; 64 lượt cá nhân"],
            ["2", "Chiến sĩ thi đua cơ sở", "19 cá nhân"],
        ]],
        {f"{GK}.tap_the": 17, f"{GK}.ca_nhan": 64, "chien_si_thi_dua_co_so.ca_nhan": 19},
    ),
    # zero-padded counts and a dash list in the cell
    (
        [[
            ["TT", "Hình thức khen thưởng", "Số lượng"],
            ["1", "Bằng khen của Chủ tịch UBND tỉnh", "- 03 tập thể\n- 07 cá nhân"],
        ]],
        {f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 7},
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES + HELD_BACK)
def test_cells_with_count_and_recipient(body: Body, expected: dict[str, int]) -> None:
    """Each count of a "Số lượng" cell goes with its own recipient and the row's award."""
    given, _proposed = _given_and_proposed(body)
    assert given == expected


def test_a_proposal_column_of_such_cells_gives_proposals_only() -> None:
    """Counts in a column headed as proposals ("Số lượng đề nghị") are proposals, never awards."""
    body: Body = [[
        ["STT", "Hình thức khen thưởng", "Số lượng đã khen thưởng", "Số lượng đề nghị cấp trên khen thưởng"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02 tập thể", "03 tập thể, 04 cá nhân"],
        ["2", "Giấy khen của Chủ tịch UBND huyện", "12 tập thể, 40 cá nhân", ""],
    ]]
    given, proposed = _given_and_proposed(body)
    assert given == {f"{BK}.tap_the": 2, f"{GK}.tap_the": 12, f"{GK}.ca_nhan": 40}
    assert proposed == {f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 4}


def test_a_cell_of_other_text_is_no_count() -> None:
    """A cell with words besides counts and recipients ("27 cá nhân xuất sắc ...") is left to prose rules."""
    from thidua.extractors.nlp import get_nlp
    from thidua.extractors.report.award_tables import recipient_counts
    from thidua.extractors.report.view import Piece

    nlp = get_nlp()

    def counts(text: str) -> list[tuple[int, str]] | None:
        return recipient_counts(Piece(text=text, span=None, zone="body", doc=nlp(text)))  # type: ignore[arg-type]

    assert counts("23 tập thể, 96 cá nhân") == [(23, "tap_the"), (96, "ca_nhan")]
    assert counts("05 TT, 12 CN") == [(5, "tap_the"), (12, "ca_nhan")]
    assert counts("27 cá nhân đề nghị tỉnh khen") is None
    assert counts("tập thể") is None
    assert counts("12") is None


# Scans: a dash OCR read as another mark ("„", "~", "—", "'") is an empty cell, so the column
# stays a column of counts (a Tập thể column was lost to "„" cells before).
SCAN_DASHES: list[tuple[Body, dict[str, int]]] = [
    (
        [[
            ["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"],
            ["1", "Giấy khen Chủ tịch UBND huyện", "21", "63"],
            ["2", "Lao động tiên tiến", "„", "410"],
            ["3", "Tập thể lao động tiên tiến", "44", "~"],
            ["", "Tổng cộng", "65", "473"],
        ]],
        {f"{GK}.tap_the": 21, f"{GK}.ca_nhan": 63, "lao_dong_tien_tien.ca_nhan": 410, "tap_the_lao_dong_tien_tien.tap_the": 44},
    ),
    (
        [[
            ["STT", "Hình thức", "Tập thể", "Cá nhân", "Hộ gia đình"],
            ["1", "Bằng khen Chủ tịch UBND tỉnh", "03", "—", "'"],
            ["2", "Giấy khen Chủ tịch UBND huyện", "—", "18", "06"],
        ]],
        {f"{BK}.tap_the": 3, f"{GK}.ca_nhan": 18, f"{GK}.ho_gia_dinh": 6},
    ),
]


@pytest.mark.parametrize(("body", "expected"), SCAN_DASHES)
def test_scanned_dashes_are_empty_cells(body: Body, expected: dict[str, int]) -> None:
    """Cells of OCR'd dashes leave their column a column of counts."""
    found = rx.findings_of(
        ["II. KẾT QUẢ KHEN THƯỞNG", *body],
        date="ngày 18 tháng 12 năm 2022",
        title=("Tổng kết công tác thi đua, khen thưởng năm 2022",),
        ocr=True,
    )
    assert {f.metric: f.value for f in found.figures} == expected


_QUARTERS = ["STT", "Hình thức", "Đối tượng", "Quý I", "Quý II", "Quý III", "Quý IV", "Cả năm"]


def _scan_figures(table: list[list[str]]) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """Figures, their confidences and the warnings of a scanned year report holding this table."""
    found = rx.findings_of(
        ["II. KẾT QUẢ KHEN THƯỞNG", table],
        date="ngày 18 tháng 12 năm 2022",
        title=("Tổng kết công tác thi đua, khen thưởng năm 2022",),
        ocr=True,
    )
    return ({f.metric: f.value for f in found.figures}, {f.metric: f.confidence for f in found.figures}, found.warnings)


def test_an_unreadable_cumulative_cell_is_the_sum_of_its_quarters() -> None:
    """Two unreadable "Cả năm" cells (the total row cannot derive both): each row's quarters give it, for review."""
    figures, confidence, warnings = _scan_figures([
        _QUARTERS,
        ["1", "Giấy khen của Chủ tịch UBND huyện", "Tập thể", "07", "04", "06", "03", "Sử."],
        ["", "", "Cá nhân", "21", "12", "15", "10", "58"],
        ["2", "Lao động tiên tiến", "Cá nhân", "", "", "", "402", "ĐI"],
        ["3", "Chiến sĩ thi đua cơ sở", "Cá nhân", "", "", "", "26", "26"],
        ["4", "Tập thể lao động tiên tiến", "Tập thể", "", "", "", "31", "31"],
        ["5", "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể", "", "01", "", "02", "03"],
        ["", "Tổng cộng", "", "28", "17", "21", "474", "540"],
    ])
    assert figures == {
        f"{GK}.tap_the": 20, f"{GK}.ca_nhan": 58, "lao_dong_tien_tien.ca_nhan": 402,
        "chien_si_thi_dua_co_so.ca_nhan": 26, "tap_the_lao_dong_tien_tien.tap_the": 31, f"{BK}.tap_the": 3,
    }
    assert confidence[f"{GK}.tap_the"] < confidence[f"{GK}.ca_nhan"]
    assert any("cộng các cột quý" in w for w in warnings)


def test_quarters_that_do_not_add_up_flag_the_cumulative_cell() -> None:
    """OCR read "117" as "1127": the quarters (117) disagree, so the figure is kept for review."""
    figures, confidence, warnings = _scan_figures([
        _QUARTERS,
        ["1", "Giấy khen của Chủ tịch UBND huyện", "Cá nhân", "30", "27", "25", "35", "1127"],
        ["2", "Chiến sĩ thi đua cơ sở", "Cá nhân", "", "", "", "22", "22"],
    ])
    assert figures == {f"{GK}.ca_nhan": 1127, "chien_si_thi_dua_co_so.ca_nhan": 22}
    assert confidence[f"{GK}.ca_nhan"] < confidence["chien_si_thi_dua_co_so.ca_nhan"]
    assert any("1127" in w and "117" in w for w in warnings)


def test_a_numbered_row_with_an_unreadable_label_takes_no_award_from_the_row_above() -> None:
    """OCR garbled a label past reading ("B0.G5sIĐGS"): its count is not added to the award of the row above;
    one it misread letter by letter ("LOII" for "LĐTT") reads as that award (`ocr_words`)."""
    figures, _confidence, _warnings = _scan_figures([
        ["STT", "Hình thức", "Đối tượng", "Số lượng"],
        ["1", "Chiến sĩ thi đua cơ sở", "Cá nhân", "24"],
        ["2", "B0.G5sIĐGS", "Cá nhân", "517"],
    ])
    assert figures == {"chien_si_thi_dua_co_so.ca_nhan": 24}
    figures, _confidence, _warnings = _scan_figures([
        ["STT", "Hình thức", "Đối tượng", "Số lượng"],
        ["1", "Chiến sĩ thi đua cơ sở", "Cá nhân", "24"],
        ["2", "LOII", "Cá nhân", "517"],
    ])
    assert figures == {"chien_si_thi_dua_co_so.ca_nhan": 24, "lao_dong_tien_tien.ca_nhan": 517}


def test_a_cumulative_column_with_half_its_cells_unreadable_stays_the_figure() -> None:
    """Two of four "Cả năm" cells read as letters: the column is kept (and its quarters give those
    cells), never replaced by the "Quý IV" column."""
    figures, _confidence, _warnings = _scan_figures([
        _QUARTERS,
        ["1", "Giấy khen của Chủ tịch UBND huyện", "Tập thể", "07", "04", "06", "03", "Sử."],
        ["2", "Giấy khen của Chủ tịch UBND huyện", "Cá nhân", "21", "12", "15", "10", "58"],
        ["3", "Lao động tiên tiến", "Cá nhân", "", "", "", "402", "ĐI"],
        ["", "Tổng cộng", "", "28", "16", "21", "415", "480"],
    ])
    assert figures == {f"{GK}.tap_the": 20, f"{GK}.ca_nhan": 58, "lao_dong_tien_tien.ca_nhan": 402}


# Layouts of other hands, written before the extractor was run on them: awards as columns and
# recipients as rows, two header rows, an earlier year's column, quarters and a cumulative column,
# a "Tổng số" column over its breakdown. On the first run 3 of 5 passed: the two-header case was
# mis-written (merge marks as cell text, now each merged cell's text in its columns, as readers give
# it) and the earlier-year one failed (fixed: one column of counts left is the count column).
LAYOUTS: list[tuple[Body, dict[str, int]]] = [
    # awards as columns, recipients as rows
    (
        [[
            ["Đối tượng", "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Chủ tịch UBND huyện"],
            ["Tập thể", "03", "19"],
            ["Cá nhân", "06", "58"],
        ]],
        {f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 6, f"{GK}.tap_the": 19, f"{GK}.ca_nhan": 58},
    ),
    # two header rows: award merged over its recipients (a merged cell's text in each of its columns)
    (
        [[
            ["STT", "Đơn vị", "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh",
             "Giấy khen của Chủ tịch UBND huyện", "Giấy khen của Chủ tịch UBND huyện"],
            ["STT", "Đơn vị", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân"],
            ["1", "Khối xã, thị trấn", "01", "02", "12", "30"],
            ["2", "Khối cơ quan", "", "01", "05", "14"],
            ["", "Cộng", "01", "03", "17", "44"],
        ]],
        {f"{BK}.tap_the": 1, f"{BK}.ca_nhan": 3, f"{GK}.tap_the": 17, f"{GK}.ca_nhan": 44},
    ),
    # a column of last year's numbers beside this year's
    (
        [[
            ["STT", "Hình thức khen thưởng", "Năm 2021", "Năm 2022"],
            ["1", "Giấy khen của Chủ tịch UBND huyện (cá nhân)", "61", "74"],
            ["2", "Chiến sĩ thi đua cơ sở", "22", "25"],
        ]],
        {f"{GK}.ca_nhan": 74, f"{CSCS}.ca_nhan": 25},
    ),
    # a month per column and a cumulative column in a year report
    (
        [[
            ["STT", "Hình thức", "Đối tượng", "Quý I", "Quý II", "Quý III", "Quý IV", "Lũy kế"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "Tập thể", "02", "05", "", "08", "15"],
            ["2", "Lao động tiên tiến", "Cá nhân", "", "", "", "377", "377"],
        ]],
        {f"{GK}.tap_the": 15, f"{LDTT}.ca_nhan": 377},
    ),
    # recipients as columns with a "Tổng số" column first
    (
        [[
            ["STT", "Hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân"],
            ["1", "Bằng khen của Chủ tịch UBND tỉnh", "07", "02", "05"],
            ["2", "Giấy khen của Chủ tịch UBND huyện", "66", "16", "50"],
        ]],
        {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 5, f"{GK}.tap_the": 16, f"{GK}.ca_nhan": 50},
    ),
]

@pytest.mark.parametrize(("body", "expected"), LAYOUTS)
def test_award_tables_of_other_layouts(body: Body, expected: dict[str, int]) -> None:
    """Each layout gives the counts a secretariat would copy from it, once each."""
    given, _proposed = _given_and_proposed(body)
    assert given == expected


def test_each_count_of_a_cell_keeps_its_own_span() -> None:
    """"23 tập thể, 96 cá nhân": the cá nhân figure points at "96 cá nhân", not the whole cell."""
    found = rx.findings_of(
        ["II. CÔNG TÁC KHEN THƯỞNG", [["STT", "Hình thức", "Số lượng"], ["1", "Giấy khen của Chủ tịch UBND huyện", "23 tập thể, 96 cá nhân"]]],
        date="ngày 18 tháng 12 năm 2022",
        title=("Tổng kết công tác thi đua, khen thưởng năm 2022",),
    )
    by_metric = {f.metric: f for f in found.figures}
    cell = "23 tập thể, 96 cá nhân"
    individual, group = by_metric[f"{GK}.ca_nhan"], by_metric[f"{GK}.tap_the"]
    assert (individual.span.row, individual.span.col) == (1, 2)
    assert cell[individual.span.start : individual.span.end] == "96 cá nhân"
    assert cell[group.span.start : group.span.end] == "23 tập thể"



# More layouts (written before the run; 1 of 7 failed: the head's table of a row per member gave
# the members' sums; now only the reporting unit's own row counts, never the others' or the total).
MORE_LAYOUTS: list[tuple[Body, dict[str, int]]] = [
    # split over a page break, the header repeated
    (
        [
            [["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"], ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02", "06"],
             ["2", "Giấy khen của Chủ tịch UBND huyện", "15", "47"]],
            [["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"], ["3", "Chiến sĩ thi đua cơ sở", "", "23"], ["", "Tổng cộng", "17", "76"]],
        ],
        {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 6, f"{GK}.tap_the": 15, f"{GK}.ca_nhan": 47, f"{CSCS}.ca_nhan": 23},
    ),
    # a table of proposals under its caption
    (
        ["Danh sách đề nghị cấp trên khen thưởng:", [["STT", "Hình thức", "Tập thể", "Cá nhân"],
         ["1", "Bằng khen của Thủ tướng Chính phủ", "01", "02"], ["2", "Cờ thi đua của UBND tỉnh", "01", ""]]],
        {},
    ),
    # given and proposed columns
    (
        [[["STT", "Hình thức", "Đã khen thưởng", "Đang đề nghị"], ["1", "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", "05", "03"],
          ["2", "Chiến sĩ thi đua cấp tỉnh", "", "02"]]],
        {f"{BK}.ca_nhan": 5},
    ),
    # recipients in dash rows under an award row
    (
        [[["STT", "Nội dung", "Số lượng"], ["1", "Giấy khen của Chủ tịch UBND huyện", ""], ["", "- Tập thể", "18"], ["", "- Cá nhân", "52"],
          ["2", "Lao động tiên tiến", "460"]]],
        {f"{GK}.tap_the": 18, f"{GK}.ca_nhan": 52, f"{LDTT}.ca_nhan": 460},
    ),
    # a percentage column beside the counts
    (
        [[["STT", "Danh hiệu", "Số lượng", "Tỷ lệ (%)"], ["1", "Chiến sĩ thi đua cơ sở", "31", "12,5"], ["2", "Lao động tiên tiến", "402", "85,3"]]],
        {f"{CSCS}.ca_nhan": 31, f"{LDTT}.ca_nhan": 402},
    ),
    # last year's column and a difference column
    (
        [[["STT", "Hình thức", "Năm 2022", "Cùng kỳ năm 2021", "Tăng/giảm"], ["1", "Giấy khen của Chủ tịch UBND huyện (cá nhân)", "88", "75", "+13"]]],
        {f"{GK}.ca_nhan": 88},
    ),
]


@pytest.mark.parametrize(("body", "expected"), MORE_LAYOUTS)
def test_more_award_table_layouts(body: Body, expected: dict[str, int]) -> None:
    """Split tables, proposal tables and columns, dash rows, percentages and comparisons."""
    given, _proposed = _given_and_proposed(body)
    assert given == expected


def test_the_heads_table_of_a_row_per_member_gives_only_its_own_row() -> None:
    """Other members' rows and the cluster's total are not the head's figures; its own row is."""
    body: Body = ["Kết quả khen thưởng của các huyện trong Cụm năm 2022:", [
        ["STT", "Đơn vị", "Giấy khen (tập thể)", "Giấy khen (cá nhân)"],
        ["1", "Hà Quảng", "12", "40"], ["2", "Hòa An", "10", "33"], ["3", "Bảo Lạc", "08", "29"], ["", "Tổng cộng", "30", "102"],
    ]]
    found = rx.findings_of(["II. CÔNG TÁC KHEN THƯỞNG", *body], district="HÀ QUẢNG", place="Hà Quảng",
                           date="ngày 16 tháng 12 năm 2022", title=("Tổng kết công tác thi đua, khen thưởng năm 2022",))
    assert {f.metric: f.value for f in found.figures} == {f"{GK}.tap_the": 12, f"{GK}.ca_nhan": 40}
    member = rx.findings_of(["II. CÔNG TÁC KHEN THƯỞNG", *body], district="BẢO LẠC", place="Bảo Lạc",
                            date="ngày 16 tháng 12 năm 2022", title=("Tổng kết công tác thi đua, khen thưởng năm 2022",))
    assert {f.metric: f.value for f in member.figures} == {f"{GK}.tap_the": 8, f"{GK}.ca_nhan": 29}
