"""Task matching on a plan and a cluster invented here (a commune/ward cluster, 2026), not the seed's nor world 2's.

Every sentence below was written for this test, in several hands: paraphrase, passive voice,
several items in one sentence, no diacritics, a plan item cited only as background, work planned
or in progress, dates in several notations. Each goes through the public pipeline functions
(extract_findings, then match_findings) inside a small Decree 30 report, and the verdicts per plan
item (status, date) are compared with what a secretariat would read.

HELD_BACK cases were written with the others, before any result was seen, and are not used to
tune the rules (they show how the rules fare on wording they were not fitted to).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table
from thidua.core.plan import PlanItemSpec, PlanSpec
from thidua.core.units import UnitSpec
from thidua.extractors.report import extract_findings
from thidua.matching import PlanMatcher, match_findings
from thidua.matching.matcher import DEFAULT_THRESHOLD

UNITS = [
    UnitSpec("Sông Cầu", "head"),
    UnitSpec("Yên Thịnh", "member"),
    UnitSpec("Phú Lộc", "member"),
    UnitSpec("Minh Khai", "member"),
    UnitSpec("Đồng Tâm", "member"),
]

PLAN = PlanSpec(
    2026,
    "Kế hoạch hoạt động Cụm thi đua các xã, phường năm 2026",
    [
        PlanItemSpec("Q1-1", 1, 1, "Tổ chức ký kết giao ước thi đua năm 2026 giữa các đơn vị trong Cụm", "all"),
        PlanItemSpec("Q1-2", 1, 2, "Đăng ký danh hiệu thi đua, gửi bản đăng ký chỉ tiêu thi đua về Trưởng Cụm", "all"),
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức Hội thi tiếng hát cán bộ, công chức, viên chức các xã, phường", "head_and_all",
                     place="phường Sông Cầu"),
        PlanItemSpec("Q2-2", 2, 2, "Xây dựng báo cáo chuyên đề về chuyển đổi số trong giải quyết thủ tục hành chính", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Kiểm tra chéo việc thực hiện các phong trào thi đua giữa các đơn vị trong Cụm", "all"),
        PlanItemSpec("Q3-2", 3, 2, "Xây dựng, nhân rộng mô hình “Dân vận khéo” trong xây dựng nông thôn mới", "all"),
        PlanItemSpec("Q4-1", 4, 1, "Tự chấm điểm thi đua theo Bảng tiêu chí, gửi kết quả về Trưởng Cụm", "all"),
        PlanItemSpec("Q4-2", 4, 2, "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm", "head"),
    ],
)


def _report(unit: str, date: dt.date, body: list, ocr: bool = False) -> Document:  # type: ignore[type-arg]
    """A Decree 30 report of a commune or ward: header table, title, body paragraphs, recipients."""
    level = "PHƯỜNG" if unit == "Sông Cầu" or unit == "Minh Khai" else "XÃ"
    header = [[f"ỦY BAN NHÂN DÂN\n{level} {unit.upper()}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
              ["Số: 12/BC-UBND", f"{unit}, ngày {date.day} tháng {date.month} năm {date.year}"]]
    blocks: list = [Table(0, [[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(header)])]
    blocks.append(Paragraph(1, "BÁO CÁO", bold=True))
    blocks.append(Paragraph(2, "Kết quả công tác thi đua, khen thưởng năm 2026", bold=True))
    for item in body:
        if isinstance(item, str):
            blocks.append(Paragraph(len(blocks), item, bold=item.isupper()))
        else:  # a table, as rows of cell texts
            blocks.append(Table(len(blocks), [[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(item)]))
    sign = [["Nơi nhận:\n- Trưởng Cụm thi đua;\n- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn B"]]
    blocks.append(Table(len(blocks), [[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(sign)]))
    return Document("constructed.docx", SourceFormat.DOCX, blocks=blocks, ocr=ocr)


def verdicts(unit: str, date: dt.date, body: list, ocr: bool = False) -> set[tuple[str, str, str | None]]:  # type: ignore[type-arg]
    """(plan item, status, date) the pipeline reads from a report with this body."""
    findings = extract_findings(_report(unit, date, body, ocr), UNITS)
    match_findings(findings, PLAN, UNITS, threshold=DEFAULT_THRESHOLD)
    return {(r["plan_item"], r["status"], r["date"]) for r in findings.to_json()["tasks"]}


RESULTS = "I. KẾT QUẢ THỰC HIỆN"
NEXT = "II. NHIỆM VỤ TRỌNG TÂM QUÝ TIẾP THEO"
D = dt.date

# (unit, report date, body, expected verdicts)
CASES = [
    # paraphrase, active voice, d/m/yyyy
    ("Yên Thịnh", D(2026, 3, 20), [RESULTS, "Ngày 12/01/2026, UBND xã đã ký giao ước thi đua với các xã, phường trong Cụm."],
     {("Q1-1", "done", "2026-01-12")}),
    # passive voice, date spelled out
    ("Phú Lộc", D(2026, 3, 25), [RESULTS, "Giao ước thi đua năm 2026 đã được ký kết vào ngày 15 tháng 01 năm 2026."],
     {("Q1-1", "done", "2026-01-15")}),
    # no diacritics
    ("Minh Khai", D(2026, 3, 25), [RESULTS, "Da gui ban dang ky chi tieu thi dua nam 2026 ve Truong Cum ngay 20/01/2026."],
     {("Q1-2", "done", "2026-01-20")}),
    # registration by another word order
    ("Đồng Tâm", D(2026, 3, 25), [RESULTS, "Bản đăng ký danh hiệu thi đua của xã đã được gửi Trưởng Cụm đúng thời gian quy định (ngày 18/01/2026)."],
     {("Q1-2", "done", "2026-01-18")}),
    # two items in one sentence
    ("Yên Thịnh", D(2026, 3, 30), [RESULTS, "Đã ký giao ước thi đua và gửi bản đăng ký chỉ tiêu thi đua về Trưởng Cụm trong tháng 01/2026."],
     {("Q1-1", "done", None), ("Q1-2", "done", None)}),
    # the singing contest, passive, with a place
    ("Phú Lộc", D(2026, 6, 20), [RESULTS, "Hội thi tiếng hát cán bộ, công chức các xã, phường đã được tổ chức tại phường Sông Cầu ngày 28/4/2026, xã cử 01 đội tham gia."],
     {("Q2-1", "done", "2026-04-28")}),
    # the singing contest by paraphrase ("liên hoan văn nghệ" is not it, "hội thi tiếng hát" is)
    ("Minh Khai", D(2026, 6, 20), [RESULTS, "Phường đã thành lập đội văn nghệ tham gia Hội thi tiếng hát CBCCVC do Trưởng Cụm tổ chức ngày 28-4-2026."],
     {("Q2-1", "done", "2026-04-28")}),
    # thematic report, done
    ("Đồng Tâm", D(2026, 6, 25), [RESULTS, "Đã xây dựng và gửi báo cáo chuyên đề về chuyển đổi số trong giải quyết thủ tục hành chính ngày 10/6/2026."],
     {("Q2-2", "done", "2026-06-10")}),
    # thematic report, in progress
    ("Yên Thịnh", D(2026, 6, 25), [RESULTS, "Báo cáo chuyên đề chuyển đổi số đang được hoàn thiện để gửi Trưởng Cụm."],
     {("Q2-2", "in_progress", None)}),
    # cross inspection, passive
    ("Phú Lộc", D(2026, 9, 25), [RESULTS, "Công tác kiểm tra chéo giữa các đơn vị trong Cụm đã được tiến hành từ ngày 05/8/2026, xã được đoàn kiểm tra đánh giá cao."],
     {("Q3-1", "done", "2026-08-05")}),
    # cross inspection, no diacritics
    ("Minh Khai", D(2026, 9, 25), [RESULTS, "Phuong da tiep doan kiem tra cheo cua Cum thi dua ngay 12/8/2026."],
     {("Q3-1", "done", "2026-08-12")}),
    # model, paraphrase
    ("Đồng Tâm", D(2026, 9, 28), [RESULTS, "Xã đã xây dựng 03 mô hình “Dân vận khéo” trong xây dựng nông thôn mới, nhân rộng ra các thôn."],
     {("Q3-2", "done", None)}),
    # model, planned (future heading)
    ("Yên Thịnh", D(2026, 6, 28), [NEXT, "- Xây dựng mô hình dân vận khéo gắn với xây dựng nông thôn mới."],
     {("Q3-2", "planned", None)}),
    # self-scoring, done, dotted date
    ("Phú Lộc", D(2026, 12, 20), [RESULTS, "Xã đã tự chấm điểm thi đua theo Bảng tiêu chí của Cụm và gửi kết quả về Trưởng Cụm ngày 15.12.2026."],
     {("Q4-1", "done", "2026-12-15")}),
    # self-scoring planned with "dự kiến"
    ("Minh Khai", D(2026, 9, 28), [RESULTS, "Dự kiến trong tháng 12/2026 phường sẽ tự chấm điểm thi đua và gửi kết quả về Trưởng Cụm."],
     {("Q4-1", "planned", None)}),
    # background citation only: no completion
    ("Đồng Tâm", D(2026, 3, 20), [RESULTS, "Thực hiện Kế hoạch số 05/KH-CTĐ ngày 10/01/2026 của Cụm thi đua về tổ chức Hội thi tiếng hát cán bộ, công chức, viên chức các xã, phường, xã đã phổ biến đến cán bộ, công chức."],
     set()),
    # head's conference (head-only item, reported by the head)
    ("Sông Cầu", D(2026, 12, 28), [RESULTS, "Ngày 22/12/2026, phường Sông Cầu (Trưởng Cụm) đã tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm."],
     {("Q4-2", "done", "2026-12-22")}),
    # a member attending the head's conference
    ("Yên Thịnh", D(2026, 12, 28), [RESULTS, "Xã đã cử đại biểu dự Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm do Trưởng Cụm tổ chức ngày 22/12/2026."],
     {("Q4-2", "done", "2026-12-22")}),
    # unrelated work: nothing
    ("Phú Lộc", D(2026, 6, 20), [RESULTS, "Tổ chức 02 lớp tập huấn kỹ năng sử dụng dịch vụ công trực tuyến cho 120 người dân."],
     set()),
    # not yet done, before its due date: planned
    ("Minh Khai", D(2026, 6, 20), [RESULTS, "Phường chưa thực hiện việc kiểm tra chéo giữa các đơn vị trong Cụm."],
     {("Q3-1", "planned", None)}),
    # partly done: some members did, others still at it
    ("Đồng Tâm", D(2026, 9, 25), [RESULTS, "Đến nay 4/6 thôn đã xây dựng mô hình Dân vận khéo trong xây dựng nông thôn mới, 02 thôn đang triển khai."],
     {("Q3-2", "in_progress", None)}),
    ("Yên Thịnh", D(2026, 9, 25), [RESULTS, "Việc nhân rộng mô hình dân vận khéo đang được thực hiện, còn một số thôn chưa xây dựng mô hình."],
     {("Q3-2", "in_progress", None)}),
    # dated actions joined by commas: each its own statement and day
    ("Minh Khai", D(2026, 6, 25), [RESULTS, "Phường đã gửi bản đăng ký danh hiệu thi đua ngày 19/01/2026, ký giao ước thi đua với các đơn vị ngày 23/01/2026, xây dựng báo cáo chuyên đề chuyển đổi số ngày 02/6/2026."],
     {("Q1-2", "done", "2026-01-19"), ("Q1-1", "done", "2026-01-23"), ("Q2-2", "done", "2026-06-02")}),
    # under next period's heading, work said to be under way now is in progress, the rest planned
    ("Phú Lộc", D(2026, 6, 25), [NEXT, "Hiện nay xã đang tập hợp tài liệu để hoàn thiện báo cáo chuyên đề về chuyển đổi số (dự kiến gửi ngày 30/6/2026).",
                                 "- Tiếp tục xây dựng mô hình dân vận khéo trong xây dựng nông thôn mới."],
     {("Q2-2", "in_progress", None), ("Q3-2", "planned", None)}),
    # two items in one sentence, the second passive
    ("Đồng Tâm", D(2026, 6, 28), [RESULTS, "Xã đã cử 01 đội tham gia Hội thi tiếng hát cán bộ, công chức ngày 28/4/2026; báo cáo chuyên đề về chuyển đổi số đã được gửi Trưởng Cụm ngày 15/6/2026."],
     {("Q2-1", "done", "2026-04-28"), ("Q2-2", "done", "2026-06-15")}),
]

HELD_BACK = [
    ("Yên Thịnh", D(2026, 3, 22), [RESULTS, "Tham gia ký kết Giao ước thi đua năm 2026 của Cụm thi đua vào ngày 09/01/2026."],
     {("Q1-1", "done", "2026-01-09")}),
    ("Phú Lộc", D(2026, 3, 22), [RESULTS, "Hoan thanh dang ky danh hieu thi dua nam 2026, gui Truong Cum ngay 16/01/2026."],
     {("Q1-2", "done", "2026-01-16")}),
    pytest.param("Minh Khai", D(2026, 6, 22), [RESULTS, "Đang tập luyện các tiết mục để tham gia Hội thi tiếng hát cán bộ, công chức, viên chức của Cụm."],
                 {("Q2-1", "in_progress", None)},
                 marks=pytest.mark.xfail(strict=True, reason="held back, failing: 'tập luyện' is no action verb, so 'Đang' states no status")),
    ("Đồng Tâm", D(2026, 6, 22), [RESULTS, "Báo cáo chuyên đề “Chuyển đổi số trong giải quyết thủ tục hành chính” hoàn thành và gửi Trưởng Cụm ngày 20 tháng 6 năm 2026."],
     {("Q2-2", "done", "2026-06-20")}),
    ("Yên Thịnh", D(2026, 9, 22), [RESULTS, "Ngày 20/8/2026, đoàn kiểm tra chéo của Cụm đã làm việc tại xã, kiểm tra việc thực hiện các phong trào thi đua."],
     {("Q3-1", "done", "2026-08-20")}),
    ("Phú Lộc", D(2026, 9, 22), [RESULTS, "Tiếp tục duy trì và nhân rộng mô hình Dân vận khéo ở các thôn, xóm."],
     {("Q3-2", "in_progress", None)}),
    ("Minh Khai", D(2026, 12, 18), [RESULTS, "Phuong da tu cham diem thi dua theo Bang tieu chi, gui ket qua ve Truong Cum ngay 10/12/2026."],
     {("Q4-1", "done", "2026-12-10")}),
    ("Đồng Tâm", D(2026, 3, 22), [RESULTS, "Căn cứ Kế hoạch số 02/KH-CTĐ của Cụm về ký kết giao ước thi đua năm 2026, UBND xã ban hành Kế hoạch tuyên truyền về công tác thi đua, khen thưởng."],
     set()),
    ("Sông Cầu", D(2026, 9, 25), [NEXT, "- Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Cụm."],
     {("Q4-2", "planned", None)}),
    # Failed when first measured (comma-joined dated actions stayed one statement); passes since the general
    # comma and participation rules, written against other sentences.
    ("Yên Thịnh", D(2026, 12, 20), [RESULTS, "Trong năm, xã đã ký giao ước thi đua (12/01/2026), tham gia Hội thi tiếng hát (28/4/2026) và tự chấm điểm thi đua gửi Trưởng Cụm (16/12/2026)."],
     {("Q1-1", "done", "2026-01-12"), ("Q2-1", "done", "2026-04-28"), ("Q4-1", "done", "2026-12-16")}),
    ("Phú Lộc", D(2026, 12, 20), [RESULTS, "Đã tham dự Hội nghị tổng kết Cụm thi đua năm 2026 được tổ chức tại phường Sông Cầu ngày 23/12/2026."],
     {("Q4-2", "done", "2026-12-23")}),
]


@pytest.mark.parametrize(("unit", "date", "body", "expected"), CASES)
def test_invented_plan_statements(unit: str, date: dt.date, body: list[str], expected: set) -> None:  # type: ignore[type-arg]
    assert verdicts(unit, date, body) == expected


@pytest.mark.parametrize(("unit", "date", "body", "expected"), HELD_BACK)
def test_held_back_statements(unit: str, date: dt.date, body: list[str], expected: set) -> None:  # type: ignore[type-arg]
    assert verdicts(unit, date, body) == expected


# A bloc of provincial departments (Khối thi đua), 2027: head-only events members take part in,
# quoted titles, connected tasks and sub-items on lines of their own.
BLOC_UNITS = [UnitSpec("Sở Tài chính", "head"), UnitSpec("Sở Tư pháp"), UnitSpec("Ban Dân tộc"), UnitSpec("Sở Y tế")]
BLOC_PLAN = PlanSpec(
    2027,
    "Kế hoạch hoạt động Khối thi đua các cơ quan tổng hợp năm 2027",
    [
        PlanItemSpec("Q1-1", 1, 1, "Tổ chức Hội nghị phát động thi đua năm 2027 của Khối", "head"),
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức Hội thao “Cán bộ khỏe – Cơ quan mạnh” cấp Khối\n- Mỗi cơ quan cử 01 đội bóng chuyền", "head"),
        PlanItemSpec("Q2-2", 2, 2, "Báo cáo chuyên đề kết quả phong trào thi đua “Văn phòng xanh – sạch – đẹp – an toàn”", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Tổ chức Hội nghị sơ kết 6 tháng đầu năm của Khối, kết hợp giao lưu văn nghệ giữa các cơ quan", "head"),
        PlanItemSpec("Q3-2", 3, 2, "Tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ phụ trách của các cơ quan trong Khối", "head"),
        PlanItemSpec("Q4-1", 4, 1, "Tổ chức Hội nghị tổng kết công tác thi đua năm 2027 của Khối; bình xét, suy tôn đơn vị dẫn đầu", "head"),
    ],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở đã cử 01 đội bóng chuyền tham gia Hội thao cấp Khối ngày 20/5/2027", {"Q2-1"}),
        ("Lãnh đạo Sở dự Hội nghị sơ kết 6 tháng của Khối do Sở Tài chính chủ trì", {"Q3-1"}),
        ("Cử 02 công chức dự lớp tập huấn nghiệp vụ thi đua, khen thưởng do Khối trưởng tổ chức", {"Q3-2"}),
        ("Da gui bao cao chuyen de phong trao Van phong xanh ve Khoi truong", {"Q2-2"}),
        ("Đội văn nghệ của Sở tham gia giao lưu văn nghệ giữa các cơ quan trong Khối", {"Q3-1"}),
        # The member's own conference is not the head's.
        ("Sở tổ chức Hội nghị sơ kết công tác chuyên môn 6 tháng đầu năm của Sở", set()),
    ],
)
def test_a_blocs_members_take_part_in_the_heads_events(text: str, expected: set[str]) -> None:
    matcher = PlanMatcher(BLOC_PLAN, BLOC_UNITS, threshold=DEFAULT_THRESHOLD)
    assert {m.item_id for m in matcher.match(text, status="done", unit="Sở Tư pháp")} == expected


def test_task_table_rows_take_their_sections_status_and_keep_no_planned_day() -> None:
    body = [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Các việc đã làm",
        [["STT", "Nội dung công việc", "Thời gian", "Kết quả"],
         ["1", "Ký giao ước thi đua năm 2026 với các xã, phường trong Cụm", "14-01-20 26", "Lãnh đạo xã dự, ký"],
         ["2", "Gửi bản đăng ký chỉ tiêu thi đua về Trưởng Cụm", "21/01/2026", "Văn bản số 12/UBND"],
         ["3", "Tự chấm điểm thi đua theo Bảng tiêu chí", "Dự kiến 10/12/2026", "Chưa thực hiện"]],
    ]
    assert verdicts("Phú Lộc", D(2026, 6, 20), body) == {
        ("Q1-1", "done", "2026-01-14"), ("Q1-2", "done", "2026-01-21"), ("Q4-1", "planned", None)}


def test_a_scanned_date_cell_with_a_damaged_year_keeps_its_day() -> None:
    body = [
        "I. KẾT QUẢ THỰC HIỆN",
        [["TT", "Nội dung", "Kết quả", "Ngày"],
         ["1", "Kiểm tra chéo giữa các đơn vị trong Cụm", "Hoàn thành", "19/8/202 K)"],
         ["2", "Báo cáo chuyên đề chuyển đổi số", "Hoàn thành", "3/6/19 ^"]],
    ]
    # "202" begins 2026: the day is kept; "19" does not: no day is made up.
    assert verdicts("Minh Khai", D(2026, 9, 25), body, ocr=True) == {("Q3-1", "done", "2026-08-19"), ("Q2-2", "done", None)}


def test_work_still_under_way_long_after_its_due_date_weighs_less() -> None:
    matcher = PlanMatcher(PLAN, UNITS, threshold=DEFAULT_THRESHOLD)
    text = "Xã đang hoàn thiện bản đăng ký chỉ tiêu thi đua gửi Trưởng Cụm"
    early = {m.item_id: m for m in matcher.score_all(text, status="in_progress", unit="Phú Lộc", report_date=D(2026, 3, 20))}
    late = {m.item_id: m for m in matcher.score_all(text, status="in_progress", unit="Phú Lộc", report_date=D(2026, 12, 20))}
    assert "time" not in early["Q1-2"].factors
    assert late["Q1-2"].factors["time"] < 1 and late["Q1-2"].score < early["Q1-2"].score


def test_a_plan_item_is_split_at_its_sub_items_and_connectors() -> None:
    matcher = PlanMatcher(BLOC_PLAN, BLOC_UNITS, threshold=DEFAULT_THRESHOLD)
    parts = matcher._parts(BLOC_PLAN.items[3].content)  # "Hội nghị sơ kết ..., kết hợp giao lưu văn nghệ ..."
    assert "Tổ chức Hội nghị sơ kết 6 tháng đầu năm của Khối" in parts
    assert any(p.startswith("giao lưu văn nghệ") for p in parts)
    sub = matcher._parts(BLOC_PLAN.items[1].content)  # "Tổ chức Hội thao “...” cấp Khối\n- Mỗi cơ quan cử ..."
    assert "Tổ chức Hội thao “Cán bộ khỏe – Cơ quan mạnh” cấp Khối" in sub and "Tổ chức Hội thao cấp Khối" in sub
