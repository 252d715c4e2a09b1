"""Award figures in prose, a third round written by a new hand (issue #13): departments and
communes as well as districts, counts before or after the award, givers far from it, proposals
granted or not, totals, sub-counts, earlier years and other units, targets and percentages.

`CASES` were written before the extractor was run on them: 29 of 30 passed on their first run. The
one that failed ("Tổng số ... 95 cá nhân, trong đó Giấy khen ... 60 cá nhân, Chiến sĩ thi đua cơ sở
35 cá nhân": the total took the award named inside its breakdown) was fixed by a rule in
figures.py. `HELD_BACK` was written after that fix and run once, untuned; its failures, if any,
are strict xfails with their cause.
"""

from __future__ import annotations

import pytest

from tests import test_report_extraction as rx

Body = list[str | list[list[str]]]

GK = "giay_khen"
BK = "bang_khen_tinh"
CSCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"


def _figures(body: Body) -> dict[str, float]:
    """Figures of a year report with this body under an awards heading."""
    return rx.figures(
        ["III. CÔNG TÁC KHEN THƯỞNG", *body],
        date="ngày 16 tháng 12 năm 2022",
        title=("Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022",),
    )


CASES: list[tuple[Body, dict[str, int]]] = [
    # counts after the award, with a colon or a dash
    (["Giấy khen của Chủ tịch UBND huyện: 27 tập thể và 64 cá nhân."], {f"{GK}.tap_the": 27, f"{GK}.ca_nhan": 64}),
    (["- Bằng khen của Chủ tịch UBND tỉnh - 04 tập thể, 06 cá nhân."], {f"{BK}.tap_the": 4, f"{BK}.ca_nhan": 6}),
    # counts before the award, the recipient first
    (["12 cá nhân được Chủ tịch UBND huyện tặng Giấy khen vì có thành tích xuất sắc trong phòng, chống thiên tai."], {f"{GK}.ca_nhan": 12}),
    (["Đã có 08 tập thể được tặng Giấy khen của Chủ tịch UBND huyện."], {f"{GK}.tap_the": 8}),
    # a department's Giám đốc gives Giấy khen
    (["Giám đốc Sở đã tặng Giấy khen cho 15 tập thể và 38 cá nhân thuộc các phòng, đơn vị trực thuộc."], {f"{GK}.tap_the": 15, f"{GK}.ca_nhan": 38}),
    # titles of emulation, spelled both ways
    (["Có 41 cá nhân đạt danh hiệu Chiến sỹ thi đua cơ sở và 312 cá nhân đạt danh hiệu Lao động tiên tiến."], {f"{CSCS}.ca_nhan": 41, f"{LDTT}.ca_nhan": 312}),
    (["Công nhận danh hiệu Tập thể lao động xuất sắc cho 06 tập thể."], {"tap_the_lao_dong_xuat_sac.tap_the": 6}),
    (["Chủ tịch UBND tỉnh công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh cho 03 cá nhân."], {"chien_si_thi_dua_tinh.ca_nhan": 3}),
    # awards without a number
    (["Huyện vinh dự được Thủ tướng Chính phủ tặng Bằng khen vì đã có thành tích xuất sắc trong xây dựng nông thôn mới."], {"bang_khen_thu_tuong.tap_the": 1}),
    (["Phòng Giáo dục và Đào tạo được UBND tỉnh tặng Cờ thi đua."], {"co_thi_dua_tinh.tap_the": 1}),
    # spelled-out counts
    (["Chủ tịch UBND huyện tặng Giấy khen cho mười hai tập thể và ba mươi mốt cá nhân."], {f"{GK}.tap_the": 12, f"{GK}.ca_nhan": 31}),
    (["Chủ tịch UBND tỉnh tặng Bằng khen cho 02 (hai) tập thể."], {f"{BK}.tap_the": 2}),
    # proposals, pending or granted
    (["Huyện đã trình Chủ tịch UBND tỉnh tặng Bằng khen cho 05 cá nhân, hiện đang chờ Quyết định."], {}),
    (["Đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể; hồ sơ đang được Ban Thi đua - Khen thưởng tỉnh thẩm định."], {}),
    (["Hồ sơ đề nghị tặng Cờ thi đua của UBND tỉnh cho xã Tân Lập đã được phê duyệt tại Quyết định số 2101/QĐ-UBND ngày 10/11/2022."], {"co_thi_dua_tinh.tap_the": 1}),
    (["Trên cơ sở đề nghị của huyện, Chủ tịch UBND tỉnh đã ban hành Quyết định tặng Bằng khen cho 03 tập thể, 07 cá nhân."], {f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 7}),
    # totals and breakdowns
    (["Tổng số đã khen thưởng 95 cá nhân, trong đó Giấy khen của Chủ tịch UBND huyện 60 cá nhân, Chiến sĩ thi đua cơ sở 35 cá nhân."], {f"{GK}.ca_nhan": 60, f"{CSCS}.ca_nhan": 35}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 22 tập thể (khối xã 14, khối cơ quan 08)."], {f"{GK}.tap_the": 22}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 73 cá nhân, trong đó có 29 cá nhân là công nhân, nông dân, chiếm 39,7%."], {f"{GK}.ca_nhan": 73}),
    # earlier years and comparisons
    (["Chủ tịch UBND huyện tặng Giấy khen cho 48 cá nhân, tăng 11 cá nhân so với năm 2021."], {f"{GK}.ca_nhan": 48}),
    (["So với cùng kỳ năm trước (42 cá nhân), số cá nhân được tặng Giấy khen tăng 6 cá nhân."], {}),
    # other units and the whole cluster
    (["Toàn Cụm có 12 tập thể được tặng Cờ thi đua của UBND tỉnh, 85 cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh."], {}),
    # targets
    (["Phấn đấu năm 2023 đề nghị tặng Bằng khen cho 05 tập thể."], {}),
    (["Dự kiến quý I/2023 sẽ khen thưởng 20 cá nhân có thành tích trong phong trào."], {}),
    # a giver named in a lead-in
    (["Khen thưởng thuộc thẩm quyền của Chủ tịch UBND tỉnh:", "- Bằng khen: 03 tập thể, 05 cá nhân;", "- Cờ thi đua: 01 tập thể."],
     {f"{BK}.tap_the": 3, f"{BK}.ca_nhan": 5, "co_thi_dua_tinh.tap_the": 1}),
    (["Khen thưởng thuộc thẩm quyền của huyện:", "- Giấy khen: 17 tập thể, 44 cá nhân."], {f"{GK}.tap_the": 17, f"{GK}.ca_nhan": 44}),
    # "lượt"
    (["Chủ tịch UBND huyện tặng Giấy khen cho 210 lượt cá nhân."], {f"{GK}.ca_nhan": 210}),
    # households
    (["Chủ tịch UBND huyện tặng Giấy khen cho 14 hộ gia đình tiêu biểu trong phát triển kinh tế."], {f"{GK}.ho_gia_dinh": 14}),
    # one sentence, two awards with their own counts
    (["UBND huyện đã tặng Giấy khen cho 19 tập thể; đồng thời đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 04 cá nhân."], {f"{GK}.tap_the": 19}),
    # non-award numbers beside awards
    (["Đã tổ chức 03 hội nghị biểu dương, khen thưởng với 250 đại biểu tham dự."], {}),
]


HELD_BACK: list[tuple[Body, dict[str, int]]] = [
    (["Năm 2022, Chủ tịch UBND huyện đã ký Quyết định tặng Giấy khen cho 33 tập thể, 97 cá nhân có thành tích xuất sắc."], {f"{GK}.tap_the": 33, f"{GK}.ca_nhan": 97}),
    (["Tổng số tập thể, cá nhân được khen thưởng: 130, trong đó Bằng khen của Chủ tịch UBND tỉnh 05 cá nhân."], {f"{BK}.ca_nhan": 5}),
    (["Được Chủ tịch UBND tỉnh tặng Bằng khen: 02 tập thể."], {f"{BK}.tap_the": 2}),
    (["Các xã, thị trấn đã khen thưởng 156 cá nhân theo thẩm quyền; Chủ tịch UBND huyện tặng Giấy khen cho 18 tập thể."], {f"{GK}.tap_the": 18}),
    (["Chủ tịch UBND huyện đã tặng Giấy khen cho bốn tập thể."], {f"{GK}.tap_the": 4}),
    (["Có 5 hồ sơ đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh đang chờ phê duyệt."], {}),
    (["Tỷ lệ Chiến sĩ thi đua cơ sở đạt 15% tổng số cán bộ, công chức."], {}),
    (["Khen thưởng đột xuất: Chủ tịch UBND huyện tặng Giấy khen cho 07 cá nhân có thành tích trong cứu hộ, cứu nạn."], {f"{GK}.ca_nhan": 7}),
    (["Cùng kỳ năm 2021, Chủ tịch UBND huyện tặng Giấy khen cho 40 cá nhân."], {}),
    (["Ông Nguyễn Văn Hùng, Chủ tịch UBND xã Minh Tâm được tặng Bằng khen của Chủ tịch UBND tỉnh."], {f"{BK}.ca_nhan": 1}),
]


# Blocs of departments and communes (written before the run; 3 of 12 failed on it: "phòng",
# "công chức", "viên chức" were no recipients; now RECIPIENT patterns in patterns/awards.jsonl).
OTHER_MEMBERS: list[tuple[Body, dict[str, int]]] = [
    (["Giám đốc Sở Tài chính tặng Giấy khen cho 06 tập thể và 21 cá nhân có thành tích xuất sắc."], {f"{GK}.tap_the": 6, f"{GK}.ca_nhan": 21}),
    (["Chủ tịch UBND xã tặng Giấy khen cho 09 thôn và 25 cá nhân."], {f"{GK}.tap_the": 9, f"{GK}.ca_nhan": 25}),
    (["Sở được Chủ tịch UBND tỉnh tặng Bằng khen cho 02 phòng chuyên môn và 04 công chức."], {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 4}),
    (["Công nhận danh hiệu Tập thể lao động xuất sắc cho 03 phòng và danh hiệu Lao động tiên tiến cho 58 công chức, viên chức."],
     {"tap_the_lao_dong_xuat_sac.tap_the": 3, f"{LDTT}.ca_nhan": 58}),
    (["Có 11 công chức đạt danh hiệu Chiến sĩ thi đua cơ sở."], {f"{CSCS}.ca_nhan": 11}),
    (["Thủ tướng Chính phủ tặng Bằng khen cho 01 đồng chí Phó Giám đốc Sở."], {"bang_khen_thu_tuong.ca_nhan": 1}),
    (["Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 01 tập thể."], {"huan_chuong.tap_the": 1}),
    (["Đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho 01 cá nhân."], {}),
    (["Chủ tịch UBND phường đã khen thưởng 14 tập thể, 33 cá nhân bằng Giấy khen."], {f"{GK}.tap_the": 14, f"{GK}.ca_nhan": 33}),
    (["Năm 2022, đơn vị được tặng 02 Bằng khen của Chủ tịch UBND tỉnh (01 tập thể, 01 cá nhân)."], {f"{BK}.tap_the": 1, f"{BK}.ca_nhan": 1}),
    (["Sở đã tặng 35 Giấy khen cho các tập thể, cá nhân."], {}),
    (["Kết quả: 100% công chức đạt danh hiệu Lao động tiên tiến."], {}),
]


# The head's report (Hà Quảng): the cluster's and other members' numbers beside its own. Written
# before the run; 3 of 9 failed on it, fixed by: "riêng huyện ..." opening a clause of its own
# numbers (figure_wording.json `own_subject`), "5/5 huyện trong Cụm" naming the cluster
# (wording.ABOUT_OTHERS), and the cluster named after the first count in another comma segment
# ("..., chiếm 34% tổng số ... của toàn Cụm") scoping only the counts from its segment on.
HEAD_REPORT: list[tuple[Body, dict[str, int]]] = [
    (["Trong năm, các huyện trong Cụm đã khen thưởng 1.245 cá nhân và 320 tập thể."], {}),
    (["Huyện Bảo Lạc tặng Giấy khen cho 45 cá nhân, huyện Bảo Lâm tặng Giấy khen cho 38 cá nhân."], {}),
    (["Riêng huyện Hà Quảng (Trưởng Cụm), Chủ tịch UBND huyện tặng Giấy khen cho 29 tập thể, 81 cá nhân."], {f"{GK}.tap_the": 29, f"{GK}.ca_nhan": 81}),
    (["Các thành viên trong Cụm được Chủ tịch UBND tỉnh tặng Bằng khen cho 14 tập thể, 37 cá nhân; riêng huyện Hà Quảng được tặng Bằng khen cho 04 tập thể, 09 cá nhân."],
     {f"{BK}.tap_the": 4, f"{BK}.ca_nhan": 9}),
    (["5/5 huyện trong Cụm đều được tặng Cờ thi đua của UBND tỉnh."], {}),
    (["Cụm thi đua có 02 huyện được Thủ tướng Chính phủ tặng Bằng khen."], {}),
    (["Huyện đã tặng Giấy khen cho 52 cá nhân, chiếm 34% tổng số cá nhân được khen thưởng của toàn Cụm."], {f"{GK}.ca_nhan": 52}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 61 cá nhân, bằng 105% so với cùng kỳ."], {f"{GK}.ca_nhan": 61}),
    (["Năm 2022 tặng Giấy khen cho 70 cá nhân (năm 2021 là 64 cá nhân)."], {f"{GK}.ca_nhan": 70}),
]


@pytest.mark.parametrize(("body", "expected"), HEAD_REPORT)
def test_figures_in_the_heads_report(body: Body, expected: dict[str, int]) -> None:
    """Only the head's own numbers are figures, never the cluster's or other members'."""
    got = rx.figures(
        ["III. CÔNG TÁC KHEN THƯỞNG", *body],
        district="HÀ QUẢNG", place="Hà Quảng",
        date="ngày 16 tháng 12 năm 2022", title=("Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022",),
    )
    assert got == expected


@pytest.mark.parametrize(("body", "expected"), CASES + HELD_BACK + OTHER_MEMBERS)
def test_figures_in_prose_of_other_hands(body: Body, expected: dict[str, int]) -> None:
    """Each sentence gives the figures domain.md's counting rules give, and no others."""
    assert _figures(body) == expected


# A 9-month report: quarters and the cumulative count, proposals beside grants in one clause.
# Written before the run; 1 of 8 failed ("tặng Giấy khen cho 15 cá nhân và đề nghị ... tặng Bằng
# khen cho 02 cá nhân" lost its 15: a proposal after "và"/"đồng thời" is another action, and a
# proposal cue after a nearer count is that count's). The last 3 were written after that fix.
NINE_MONTHS_MIXED: list[tuple[Body, dict[str, int]]] = [
    (["Quý III, Chủ tịch UBND huyện tặng Giấy khen cho 11 cá nhân; lũy kế 9 tháng tặng Giấy khen cho 47 cá nhân."], {f"{GK}.ca_nhan": 47}),
    (["9 tháng đầu năm, Chủ tịch UBND huyện tặng Giấy khen cho 26 tập thể, 70 cá nhân, trong đó quý III là 08 tập thể, 21 cá nhân."],
     {f"{GK}.tap_the": 26, f"{GK}.ca_nhan": 70}),
    (["Quý I tặng Giấy khen 05 tập thể; quý II tặng 07 tập thể; quý III tặng 04 tập thể."], {f"{GK}.tap_the": 16}),
    (["Đã trình UBND tỉnh khen thưởng 02 tập thể và đã có Quyết định số 1877/QĐ-UBND ngày 02/8/2022 tặng Bằng khen của Chủ tịch UBND tỉnh."],
     {f"{BK}.tap_the": 2}),
    (["Hồ sơ đề nghị tặng Bằng khen cho 03 cá nhân đã gửi Sở Nội vụ (Ban Thi đua - Khen thưởng) thẩm định."], {}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 15 cá nhân và đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 02 cá nhân."], {f"{GK}.ca_nhan": 15}),
    (["Trong 9 tháng, UBND huyện đã khen thưởng theo thẩm quyền cho 19 tập thể và 55 cá nhân (Giấy khen)."], {f"{GK}.tap_the": 19, f"{GK}.ca_nhan": 55}),
    (["Ngày 12/7/2022, Chủ tịch UBND huyện ban hành Quyết định tặng Giấy khen cho 06 tập thể, 14 cá nhân có thành tích trong công tác phòng, chống dịch."],
     {f"{GK}.tap_the": 6, f"{GK}.ca_nhan": 14}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 09 tập thể, đồng thời đề nghị tỉnh tặng Bằng khen cho 01 tập thể."], {f"{GK}.tap_the": 9}),
    (["Có 04 cá nhân được đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh."], {}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 10 cá nhân và 03 tập thể đề nghị tỉnh khen thưởng."], {f"{GK}.ca_nhan": 10}),
]


@pytest.mark.parametrize(("body", "expected"), NINE_MONTHS_MIXED)
def test_figures_of_a_nine_month_report(body: Body, expected: dict[str, int]) -> None:
    """The cumulative count of the report's period, and grants apart from the proposals beside them."""
    got = rx.figures(
        ["II. CÔNG TÁC KHEN THƯỞNG", *body],
        date="ngày 25 tháng 9 năm 2022", title=("Báo cáo công tác thi đua, khen thưởng 9 tháng đầu năm 2022",),
    )
    assert got == expected


# A later clause naming its own award after its count (found on a department's report of my own
# making: the ministry's Bằng khen took the Giấy khen of the clause before and was added to it).
OWN_CLAUSE_AWARD: list[tuple[Body, dict[str, int]]] = [
    (["Giám đốc Kho bạc tặng Giấy khen cho 06 tập thể, 22 cá nhân; có 01 cá nhân được Bộ trưởng Bộ Tài chính tặng Bằng khen."],
     {f"{GK}.tap_the": 6, f"{GK}.ca_nhan": 22}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 30 cá nhân; 02 cá nhân được Chủ tịch UBND tỉnh tặng Bằng khen."],
     {f"{GK}.ca_nhan": 30, f"{BK}.ca_nhan": 2}),
    (["Chủ tịch UBND huyện tặng Giấy khen cho 14 tập thể; 03 tập thể khác được Liên đoàn Lao động tỉnh tặng Bằng khen."],
     {f"{GK}.tap_the": 14}),
]


@pytest.mark.parametrize(("body", "expected"), OWN_CLAUSE_AWARD)
def test_a_clause_names_its_own_award(body: Body, expected: dict[str, int]) -> None:
    """An award after the count in the count's own clause wins over one of an earlier clause."""
    assert _figures(body) == expected
