"""World 19's kinds (mountain districts, measured once as held out on 2026-12-07), invented cases: a member
named in a note after the counts, unreadable cells in other members' rows, a recipient header OCR garbled
inside a cycle of "TT | CN" columns, a row submitted and then decided."""

from __future__ import annotations

from thidua.extractors.report import extract_findings
from tests import test_report_extraction as rx
from tests.test_abbreviated_and_scanned_awards import _found

GK, BK = "giay_khen", "bang_khen_tinh"


def test_a_member_named_in_a_note_after_the_counts_makes_no_table_per_member() -> None:
    """"Huyện đoàn Hà Quảng" as a note beside a central Bằng khen: the table is still the report's own, its
    rows of the continuation after a page break add to those before it."""
    part1 = [["TT", "Hình thức khen thưởng", "Số lượng (TT/CN)", "Số, ngày Quyết định", "Ghi chú"],
             ["1", "Giấy khen của Chủ tịch UBND huyện", "06/21", "88/QĐ-UBND, 19-01-2022", ""],
             ["2", "Bằng khen của Chủ tịch UBND tỉnh (tổng kết năm)", "02/03", "421/QĐ-UBND, 15-3-2022", ""]]
    part2 = [["TT", "Hình thức khen thưởng", "Số lượng (TT/CN)", "Số, ngày Quyết định", "Ghi chú"],
             ["3", "Bằng khen của Chủ tịch UBND tỉnh (chuyên đề)", "01/02", "1690/QĐ-UBND, 09-8-2022", "Trình tháng 5-2022"],
             ["4", "Bằng khen của Ban Chấp hành Trung ương Đoàn", "01/-", "Huyện đoàn Hà Quảng", ""]]
    figs = rx.figures(["II. KẾT QUẢ KHEN THƯỞNG", part1, part2], date="ngày 15 tháng 12 năm 2022",
                      title=("Tổng kết công tác thi đua, khen thưởng năm 2022",))
    assert figs == {f"{GK}.tap_the": 6, f"{GK}.ca_nhan": 21, f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 5}


def test_unreadable_cells_of_other_members_leave_the_total_telling_nothing() -> None:
    """The head's table per member: its own "xỹ," and another member's "Si)" in one column: the total minus
    the readable cells is the two together, so neither is derived; the column's other cells still count."""
    units = rx.UNITS
    table = [["TT", "Đơn vị", "Giấy khen CT UBND huyện", "Giấy khen CT UBND huyện", "LĐTT"],
             ["TT", "Đơn vị", "Tập thể", "Cá nhân", "LĐTT (cá nhân)"],
             ["1", "Hà Quảng (Cụm trưởng)", "10", "xỹ,", "236"],
             ["2", "Hòa An", "11", "Si)", "205"],
             ["3", "Nguyên Bình", "16", "47", "312"],
             ["", "Tổng cộng", "37", "114", "753"]]
    doc = rx.report(["II. KẾT QUẢ KHEN THƯỞNG", table], district="HÀ QUẢNG", place="Hà Quảng", ocr=True)
    figs = {f.metric: f.value for f in extract_findings(doc, units).figures}
    assert figs == {f"{GK}.tap_the": 10, "lao_dong_tien_tien.ca_nhan": 236}


def test_a_garbled_recipient_header_inside_a_cycle_of_recipient_columns() -> None:
    """"Lũy th¿ | kế 9 ng" over "ÿ bí b | CN": the TT | CN cycle of the quarters says the garbled one is Tập thể,
    and the pair is the cumulative one (for review)."""
    table = [["TT", "Hình thức khen thưởng", "Quý I", "Quý I", "Qu/1I", "Qu/1I", "Qu: II", "Qu: II", "Lũy th¿", "kế 9 ng"],
             ["TT", "Hình thức khen thưởng", "TT", "CN", "TT", "CN", "TT", "CN", "ÿ bí b", "CN"],
             ["1", "GK của CT UBND huyện", "07", "24", "03", "11", "05", "16", "15", "51"],
             ["2", "Cờ thi đua của UBND tỉnh", "01", "-", "-", "-", "-", "-", "01", "-"],
             ["3", "TTLĐTT năm 2021", "09", "-", "", "", "", "", "09", "-"]]
    figs, conf = _found([table], ocr=True)
    assert figs == {f"{GK}.tap_the": 15, f"{GK}.ca_nhan": 51, "co_thi_dua_tinh.tap_the": 1, "tap_the_lao_dong_tien_tien.tap_the": 9}
    assert conf[f"{GK}.tap_the"] < 0.3
