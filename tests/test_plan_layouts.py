"""The plan importer on layouts other than the quarter table: a deadline table grouped by field, a prose plan.

Invented plans of invented clusters (other wording, columns and order) check the layouts in general;
the two sample plans of worlds 6 and 8 check the ids their READMEs list.
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table
from thidua.core.errors import PlanError
from thidua.core.units import load_units
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from tests.conftest import SAMPLE_DOCS

UNITS = ["Sơn Hà", "Minh Tân", "Đông Phong", "Lạc Sơn", "Tân Mỹ"]
D = dt.date


def _table(index: int, grid: list[list[str]]) -> Table:
    """A table from rows of texts; '<' repeats the cell on its left as a merged cell, '^' the one above."""
    rows: list[list[Cell]] = []
    for r, texts in enumerate(grid):
        row: list[Cell] = []
        for c, text in enumerate(texts):
            if text == "<":
                row.append(Cell(row[c - 1].text, r, c, merged=True))
            elif text == "^":
                row.append(Cell(rows[r - 1][c].text, r, c, merged=True))
            else:
                row.append(Cell(text, r, c))
        rows.append(row)
    return Table(index, rows)


def _doc(title: str, grid: list[list[str]] | None = None, lines: list[str] | None = None) -> Document:
    """A plan document: a title, an optional table, optional paragraphs, a closing paragraph."""
    blocks: list[Paragraph | Table] = [Paragraph(0, "KẾ HOẠCH", bold=True), Paragraph(1, title, bold=True)]
    if grid is not None:
        blocks.append(_table(len(blocks), grid))
    for text in lines or []:
        blocks.append(Paragraph(len(blocks), text))
    blocks.append(Paragraph(len(blocks), "Nơi nhận:"))
    return Document("invented_plan.docx", SourceFormat.DOCX, blocks=blocks)


# --- A table grouped by field, numbered straight through, the quarter from the deadline -------------------

FIELD_TABLE = [
    ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐĂNG KÝ THI ĐUA", "<", "<", "<"],
    ["1", "Đăng ký giao ước thi đua năm 2027", "Trưởng Cụm", "Các đơn vị trong Cụm", "Tháng 3/2027"],
    ["2", "Hội thao truyền thống của Cụm", "UBND huyện Minh Tân", "Các đơn vị trong Cụm",
     "Quý II\nĐịa điểm: huyện Minh Tân"],
    ["II", "PHONG TRÀO THI ĐUA CHUYÊN ĐỀ", "<", "<", "<"],
    ["3", "Báo cáo sơ kết 6 tháng gửi Trưởng Cụm", "Các đơn vị trong Cụm", "", "trước ngày 15/6/2027"],
    ["4", "Kiểm tra chéo công tác thi đua", "Trưởng Cụm", "", "8-9/2027"],
    ["5", "Giao lưu văn nghệ giữa các huyện", "UBND huyện Đông Phong", "Các đơn vị trong Cụm", "Tháng 7/2027"],
    ["", "nhân dịp Quốc khánh 2/9", "", "", ""],
    ["III. SƠ KẾT, TỔNG KẾT", "<", "<", "<", "<"],
    ["6", "Hội nghị tổng kết năm 2027", "Trưởng Cụm", "Các đơn vị trong Cụm", "Tháng 10/2027"],
    ["7", "Báo cáo tổng kết năm kèm bảng tự chấm điểm", "Các đơn vị trong Cụm", "", "trước ngày 20/11/2027"],
]


def test_field_table_ids_follow_the_deadline_quarter_in_plan_order() -> None:
    """Items numbered 1..7 under field rows get Q<quarter of deadline>-<order within that quarter>."""
    spec = extract_plan(_doc("Hoạt động của Cụm thi đua số 5 năm 2027", FIELD_TABLE), UNITS)
    assert spec.year == 2027
    # Item 5 (July) comes after item 4 (August-September) in the plan: it is Q3-2.
    assert [i.id for i in spec.items] == ["Q1-1", "Q2-1", "Q2-2", "Q3-1", "Q3-2", "Q4-1", "Q4-2"]
    items = {i.id: i for i in spec.items}
    assert [(i.quarter, i.number) for i in spec.items] == [(1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (4, 2)]
    assert items["Q1-1"].due_date == D(2027, 3, 31)
    assert items["Q2-1"].due_date == D(2027, 6, 30)
    assert items["Q2-2"].due_date == D(2027, 6, 15)
    assert items["Q3-1"].due_date == D(2027, 9, 30)
    assert items["Q3-2"].due_date == D(2027, 7, 31)
    assert items["Q4-1"].due_date == D(2027, 10, 31)
    assert items["Q4-2"].due_date == D(2027, 11, 20)


def test_field_table_responsibility_place_and_section_rows() -> None:
    """Responsibility and place as the quarter table reads them; field rows are neither items nor tails."""
    spec = extract_plan(_doc("Hoạt động của Cụm thi đua số 5 năm 2027", FIELD_TABLE), UNITS)
    items = {i.id: i for i in spec.items}
    assert items["Q1-1"].responsible == "head_and_all"
    assert items["Q2-1"].responsible == "units" and items["Q2-1"].responsible_units == ["Minh Tân"]
    assert items["Q2-1"].place == "huyện Minh Tân"
    assert items["Q2-2"].responsible == "all"
    assert items["Q3-1"].responsible == "head"
    assert items["Q4-2"].responsible == "all"
    # The row with an empty number continues item 5; the field rows join no item.
    assert items["Q3-2"].content == "Giao lưu văn nghệ giữa các huyện nhân dịp Quốc khánh 2/9"
    assert not any(w in i.content for i in spec.items for w in ("CHỈ ĐẠO", "CHUYÊN ĐỀ", "SƠ KẾT, TỔNG KẾT"))
    assert items["Q2-2"].content == "Báo cáo sơ kết 6 tháng gửi Trưởng Cụm"
    assert items["Q4-1"].content == "Hội nghị tổng kết năm 2027"


def test_field_table_other_column_order_and_names() -> None:
    """Columns in another order ('STT | Thời hạn | Nội dung | Đơn vị thực hiện'), section rows 'A', 'B'."""
    grid = [
        ["STT", "Thời hạn", "Nội dung", "Đơn vị thực hiện"],
        ["A", "Công tác tổ chức", "<", "<"],
        ["1", "Quý III/2027", "Tọa đàm kinh nghiệm khen thưởng đột xuất", "UBND huyện Lạc Sơn"],
        ["2", "Trong tháng 2/2027", "Kiện toàn Tổ giúp việc", "Cụm trưởng"],
        ["B", "Công tác kiểm tra", "<", "<"],
        ["3", "Tháng 11 năm 2027", "Chấm điểm thi đua", "Các đơn vị thành viên"],
        ["4", "Quý I", "Ký kết giao ước", "Các đơn vị thành viên"],
    ]
    spec = extract_plan(_doc("Kế hoạch hoạt động năm 2027 của Cụm", grid), UNITS)
    assert [i.id for i in spec.items] == ["Q3-1", "Q1-1", "Q4-1", "Q1-2"]
    items = {i.id: i for i in spec.items}
    assert items["Q3-1"].responsible_units == ["Lạc Sơn"] and items["Q3-1"].due_date == D(2027, 9, 30)
    assert items["Q1-1"].responsible == "head" and items["Q1-1"].due_date == D(2027, 2, 28)
    assert items["Q4-1"].due_date == D(2027, 11, 30)
    assert items["Q1-2"].due_date == D(2027, 3, 31) and items["Q1-2"].responsible == "all"


def test_field_table_cells_merged_down_continue_the_item() -> None:
    """A number or lead cell merged down over a second row: that row is the item's tail, not a field row."""
    grid = [
        ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian"],
        ["1", "Hội nghị ký kết giao ước", "Trưởng Cụm", "Tháng 2/2027"],
        ["^", "và trao đổi kinh nghiệm", "^", ""],
        ["2", "Báo cáo quý I", "Các đơn vị trong Cụm", "Tháng 3/2027"],
        ["", "gửi qua hộp thư của Cụm", "^", ""],
    ]
    spec = extract_plan(_doc("Kế hoạch năm 2027", grid), UNITS)
    assert [i.id for i in spec.items] == ["Q1-1", "Q1-2"]
    assert spec.items[0].content == "Hội nghị ký kết giao ước và trao đổi kinh nghiệm"
    assert spec.items[1].content == "Báo cáo quý I gửi qua hộp thư của Cụm"
    assert spec.items[0].responsible == "head" and spec.items[1].responsible == "all"


# --- Prose plans: a heading per quarter, numbered items, dash lines ---------------------------------------

ROMAN_PROSE = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Đẩy mạnh phong trào thi đua trong toàn Cụm.",
    "II. NỘI DUNG HOẠT ĐỘNG",
    "I. QUÝ I",
    "1. Đăng ký danh hiệu thi đua năm 2027, gửi Trưởng Cụm.",
    "- Thời gian: trước ngày 20/01/2027.",
    "- Chủ trì: Các đơn vị trong Cụm.",
    "2. Hội nghị ký kết giao ước thi đua.",
    "- Thời gian: tháng 2/2027.",
    "- Chủ trì: Trưởng Cụm.",
    "- Phối hợp: Các đơn vị trong Cụm.",
    "- Địa điểm: huyện Sơn Hà.",
    "II. QUÝ II",
    "1. Hội thi tuyên truyền viên giỏi của Cụm.",
    "- Thời gian: tháng 5 - 6/2027.",
    "- Chủ trì: UBND huyện Tân Mỹ.",
    "III. QUÝ III",
    "1. Kiểm tra chéo công tác thi đua, khen thưởng.",
    "- Thời gian: Quý III.",
    "- Chủ trì: Trưởng Cụm.",
    "IV. QUÝ IV",
    "1. Báo cáo tổng kết năm 2027.",
    "- Thời gian: trước ngày 20/11/2027.",
    "- Chủ trì: Các đơn vị trong Cụm.",
    "2. Hội nghị tổng kết, suy tôn đơn vị dẫn đầu.",
    "- Thời gian: tháng 12/2027.",
    "- Chủ trì: Trưởng Cụm.",
    "- Phối hợp: Các đơn vị trong Cụm.",
    "V. TỔ CHỨC THỰC HIỆN",
    "1. Các đơn vị căn cứ kế hoạch xây dựng kế hoạch của đơn vị.",
    "2. Trưởng Cụm theo dõi, đôn đốc.",
]


def test_prose_plan_with_roman_quarter_headings() -> None:
    """'I. QUÝ I' headings, items '1.', '2.' with '- Thời gian:' / '- Chủ trì:' lines; later sections are not items."""
    spec = extract_plan(_doc("Hoạt động của Cụm thi đua số 7 năm 2027", lines=ROMAN_PROSE), UNITS)
    assert spec.year == 2027
    assert [i.id for i in spec.items] == ["Q1-1", "Q1-2", "Q2-1", "Q3-1", "Q4-1", "Q4-2"]
    items = {i.id: i for i in spec.items}
    assert items["Q1-1"].content == "Đăng ký danh hiệu thi đua năm 2027, gửi Trưởng Cụm."
    assert items["Q1-1"].responsible == "all" and items["Q1-1"].due_date == D(2027, 1, 20)
    assert items["Q1-2"].responsible == "head_and_all"
    assert items["Q1-2"].place == "huyện Sơn Hà"
    assert items["Q1-2"].due_date == D(2027, 2, 28)
    assert items["Q2-1"].responsible == "units" and items["Q2-1"].responsible_units == ["Tân Mỹ"]
    assert items["Q2-1"].due_date == D(2027, 6, 30)
    assert items["Q3-1"].responsible == "head" and items["Q3-1"].due_date == D(2027, 9, 30)
    assert items["Q4-1"].due_date == D(2027, 11, 20)
    assert items["Q4-2"].responsible == "head_and_all" and items["Q4-2"].due_date == D(2027, 12, 31)


def test_prose_plan_with_quarter_lead_lines_and_dotted_numbers() -> None:
    """'Quý I:' lead lines, items '1.1.' with '- Thời hạn:' / '- Đơn vị thực hiện:' lines; the number is the order."""
    lines = [
        "NỘI DUNG VÀ THỜI GIAN",
        "Quý I:",
        "1.1. Xây dựng kế hoạch phát động thi đua chuyên đề.",
        "- Thời hạn: Tháng 3/2027.",
        "- Đơn vị thực hiện: Các đơn vị thành viên.",
        "Quý II:",
        "2.1. Giao lưu thể thao giữa các đơn vị.",
        "- Thời hạn: tháng 4/2027.",
        "- Đơn vị chủ trì: UBND huyện Đông Phong.",
        "- Đơn vị phối hợp: Các đơn vị thành viên.",
        "- Địa điểm: huyện Đông Phong.",
        "2.2. Báo cáo 6 tháng.",
        "- Thời hạn: trước ngày 10/6/2027.",
        "- Đơn vị thực hiện: Các đơn vị thành viên.",
        "Quý IV:",
        "4.1. Hội nghị tổng kết năm.",
        "- Thời hạn: từ ngày 05/12 đến ngày 15/12/2027.",
        "- Đơn vị chủ trì: Cụm trưởng.",
    ]
    spec = extract_plan(_doc("Kế hoạch hoạt động năm 2027", lines=lines), UNITS)
    assert [i.id for i in spec.items] == ["Q1-1", "Q2-1", "Q2-2", "Q4-1"]
    items = {i.id: i for i in spec.items}
    assert items["Q2-1"].responsible == "units" and items["Q2-1"].responsible_units == ["Đông Phong"]
    assert items["Q2-1"].place == "huyện Đông Phong"
    assert items["Q2-2"].due_date == D(2027, 6, 10) and items["Q2-2"].responsible == "all"
    assert items["Q4-1"].responsible == "head"
    assert items["Q4-1"].due_date == D(2027, 12, 15)
    assert items["Q1-1"].content == "Xây dựng kế hoạch phát động thi đua chuyên đề."


def test_prose_heading_numbered_like_items_ends_the_quarters() -> None:
    """Under '1. Quý I' headings the items are '1.1.'; a later '3. Chế độ báo cáo' is no quarter's item."""
    lines = [
        "1. Quý I năm 2027",
        "1.1. Ký kết giao ước thi đua.",
        "- Thời gian: tháng 1/2027.",
        "- Đơn vị chủ trì: Cụm trưởng.",
        "2. Quý II năm 2027",
        "2.1. Báo cáo sơ kết 6 tháng.",
        "- Thời gian: trước ngày 15/6/2027.",
        "- Đơn vị thực hiện: Các đơn vị trong Cụm.",
        "3. Chế độ báo cáo",
        "3.1. Các đơn vị gửi báo cáo quý trước ngày 15 của tháng cuối quý.",
    ]
    spec = extract_plan(_doc("Kế hoạch của Cụm thi đua", lines=lines), UNITS)
    assert spec.year == 2027
    assert [i.id for i in spec.items] == ["Q1-1", "Q2-1"]


# --- Prose plans numbered straight through: no quarter headings, the quarter from the deadline ------------

STRAIGHT_PROSE_TASKS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Phát huy tinh thần thi đua yêu nước trong toàn Cụm.",
    "2. Các hoạt động của Cụm thiết thực, hiệu quả.",
    "II. NỘI DUNG",
    "A. CÔNG TÁC TUYÊN TRUYỀN",
    "Nhiệm vụ 1. Tuyên truyền phong trào thi đua trên cổng thông tin của các huyện.",
    "- Thời hạn: trước 15/4/2027.",
    "- Chủ trì: Các đơn vị trong Cụm.",
    "Nhiệm vụ 2. Hội thi tuyên truyền viên giỏi.",
    "- Thời gian: Quý III/2027.",
    "- Chủ trì: UBND huyện Tân Mỹ.",
    "- Địa điểm: huyện Tân Mỹ.",
    "B. CÔNG TÁC KHEN THƯỞNG",
    "Nhiệm vụ 3. Ký kết giao ước thi đua năm 2027.",
    "- Thời hạn: tháng 2/2027.",
    "- Chủ trì: Trưởng Cụm.",
    "- Phối hợp: Các đơn vị trong Cụm.",
    "Nhiệm vụ 4. Báo cáo sơ kết 6 tháng gửi Trưởng Cụm.",
    "- Thời hạn: trước 10/6/2027.",
    "- Chủ trì: Các đơn vị trong Cụm.",
    "Nhiệm vụ 5. Kiểm tra chéo công tác khen thưởng.",
    "- Thời gian: tháng 8/2027.",
    "- Chủ trì: Trưởng Cụm.",
    "Nhiệm vụ 6. Hội nghị tổng kết năm 2027.",
    "- Thời gian: tháng 12/2027.",
    "- Chủ trì: Trưởng Cụm.",
    "- Phối hợp: Các đơn vị trong Cụm.",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Các đơn vị căn cứ kế hoạch triển khai thực hiện.",
    "2. Trưởng Cụm theo dõi, đôn đốc.",
]


def test_straight_prose_tasks_under_field_headings() -> None:
    """'Nhiệm vụ 1.' … 'Nhiệm vụ 6.' under 'A. CÔNG TÁC …' headings: Q<deadline quarter>-<order in it, plan order>.

    The numbered aims and closing points carry no time or lead line: they are no items.
    """
    spec = extract_plan(_doc("Hoạt động của Cụm thi đua số 9 năm 2027", lines=STRAIGHT_PROSE_TASKS), UNITS)
    assert spec.year == 2027
    # Task 5 (August) comes after task 2 (Quý III) in the plan: it is Q3-2.
    assert [i.id for i in spec.items] == ["Q2-1", "Q3-1", "Q1-1", "Q2-2", "Q3-2", "Q4-1"]
    items = {i.id: i for i in spec.items}
    assert items["Q2-1"].content == "Tuyên truyền phong trào thi đua trên cổng thông tin của các huyện."
    assert items["Q2-1"].responsible == "all" and items["Q2-1"].due_date == D(2027, 4, 15)
    assert items["Q2-1"].due and "15/4/2027" in items["Q2-1"].due
    assert items["Q3-1"].responsible == "units" and items["Q3-1"].responsible_units == ["Tân Mỹ"]
    assert items["Q3-1"].place == "huyện Tân Mỹ" and items["Q3-1"].due_date == D(2027, 9, 30)
    assert items["Q3-1"].due and items["Q3-1"].due.startswith("Quý III")
    assert items["Q1-1"].responsible == "head_and_all" and items["Q1-1"].due_date == D(2027, 2, 28)
    assert items["Q2-2"].responsible == "all" and items["Q2-2"].due_date == D(2027, 6, 10)
    assert items["Q3-2"].responsible == "head" and items["Q3-2"].due_date == D(2027, 8, 31)
    assert items["Q4-1"].responsible == "head_and_all" and items["Q4-1"].due_date == D(2027, 12, 31)
    assert all(i.quarter == int(i.id[1]) and i.number == int(i.id[3:]) for i in spec.items)


STRAIGHT_PROSE_BARE = [
    "NỘI DUNG HOẠT ĐỘNG",
    "1) Hội nghị triển khai nhiệm vụ năm 2027",
    "Tổ chức Hội nghị triển khai nhiệm vụ và ký kết giao ước thi đua.",
    "- Thời gian: tháng 01/2027.",
    "- Đơn vị chủ trì: Cụm trưởng.",
    "- Địa điểm: huyện Lạc Sơn.",
    "2) Giao lưu văn nghệ",
    "Giao lưu văn nghệ chào mừng Ngày Quốc khánh 2/9.",
    "- Thời gian: tháng 8 - 9/2027.",
    "- Đơn vị chủ trì: UBND huyện Minh Tân.",
    "- Đơn vị tham gia: Các đơn vị thành viên.",
    "3) Báo cáo sơ kết 6 tháng",
    "- Thời gian: trước ngày 15/6/2027.",
    "- Đơn vị thực hiện: Các đơn vị thành viên.",
    "4) Cập nhật thông tin thi đua trên trang của Cụm",
    "- Thời gian: Thường xuyên.",
    "- Đơn vị thực hiện: Các đơn vị thành viên.",
    "5) Hội nghị sơ kết 6 tháng",
    "- Thời gian: tháng 7/2027.",
    "- Đơn vị chủ trì: Cụm trưởng.",
    "- Đơn vị phối hợp: Các đơn vị thành viên.",
]


def test_straight_prose_tasks_with_no_headings() -> None:
    """'1)' … '5)' with no heading at all, a title line then a paragraph; no deadline ('Thường xuyên') is Q4."""
    spec = extract_plan(_doc("Kế hoạch hoạt động của Cụm năm 2027", lines=STRAIGHT_PROSE_BARE), UNITS)
    assert spec.year == 2027
    assert [i.id for i in spec.items] == ["Q1-1", "Q3-1", "Q2-1", "Q4-1", "Q3-2"]
    items = {i.id: i for i in spec.items}
    first = items["Q1-1"]
    assert first.content.startswith("Hội nghị triển khai nhiệm vụ năm 2027")
    assert "ký kết giao ước thi đua" in first.content
    assert first.responsible == "head" and first.place == "huyện Lạc Sơn"
    assert first.due_date == D(2027, 1, 31)
    # The task's paragraph is part of its content: both lines are its spans.
    assert len(first.spans) == 2
    # Who takes part ("Đơn vị tham gia") does not lead: the host district does.
    assert items["Q3-1"].responsible == "units" and items["Q3-1"].responsible_units == ["Minh Tân"]
    assert items["Q3-1"].due_date == D(2027, 9, 30)
    assert "Quốc khánh 2/9" in items["Q3-1"].content
    assert items["Q2-1"].responsible == "all" and items["Q2-1"].due_date == D(2027, 6, 15)
    assert items["Q4-1"].due_date == D(2027, 12, 31)
    assert items["Q3-2"].responsible == "head_and_all" and items["Q3-2"].due_date == D(2027, 7, 31)


def test_numbered_prose_without_time_or_lead_lines_is_no_plan() -> None:
    """Numbered paragraphs with no time or lead line under them are not tasks: still the clear error."""
    lines = ["1. Các đơn vị thực hiện tốt kế hoạch.", "2. Báo cáo đúng hạn về Trưởng Cụm."]
    with pytest.raises(PlanError) as err:
        extract_plan(_doc("Kế hoạch năm 2027", lines=lines), UNITS)
    assert "kế hoạch" in str(err.value)


def test_no_plan_layout_is_one_clear_error() -> None:
    """Neither a plan table nor quarter headings: a PlanError in Vietnamese."""
    with pytest.raises(PlanError) as err:
        extract_plan(_doc("Kế hoạch năm 2027", lines=["Các đơn vị thực hiện tốt kế hoạch."]), UNITS)
    assert "kế hoạch" in str(err.value)


# --- Prose under quarter headings, items lettered a) b) c) (world 12) -----------------------------------

def test_prose_plan_with_lettered_items_and_dash_lines() -> None:
    """'Quý I năm 2028.' headings, items 'a.', 'b.' with '- Thời gian:' lines; a) = item 1 of its quarter."""
    lines = [
        "I. MỤC ĐÍCH",
        "1. Đẩy mạnh phong trào thi đua.",
        "II. NỘI DUNG",
        "Quý I năm 2028.",
        "a. Xây dựng và gửi bản đăng ký thi đua về Cụm trưởng.",
        "- Thời gian: trước ngày 25/01/2028.",
        "- Đơn vị thực hiện: Các đơn vị thành viên.",
        "b. Hội nghị ký kết giao ước thi đua.",
        "- Thời gian: tháng 3/2028.",
        "- Đơn vị chủ trì: Cụm trưởng.",
        "- Đơn vị phối hợp: Các đơn vị trong Cụm.",
        "- Địa điểm: huyện Lạc Sơn.",
        "Quý II năm 2028.",
        "a. Giải bóng đá thiếu niên của Cụm.",
        "- Thời gian: tháng 5/2028.",
        "- Đơn vị chủ trì: UBND huyện Minh Tân.",
        "Quý III năm 2028.",
        "a. Sơ kết công tác thi đua 6 tháng.",
        "- Thời gian: tháng 7/2028.",
        "- Đơn vị thực hiện: Cụm trưởng.",
        "b. Tham quan học tập mô hình hay.",
        "- Thời gian: tháng 8 - 9/2028.",
        "- Đơn vị thực hiện: Các đơn vị thành viên.",
        "Quý IV năm 2028.",
        "a. Hội nghị tổng kết năm 2028.",
        "- Thời gian: tháng 12/2028.",
        "- Đơn vị chủ trì: Cụm trưởng; phối hợp: các đơn vị trong Cụm.",
        "III. TỔ CHỨC THỰC HIỆN",
        "a. Các đơn vị triển khai kế hoạch.",
    ]
    spec = extract_plan(_doc("Kế hoạch hoạt động của Cụm năm 2028", lines=lines), UNITS)
    assert spec.year == 2028
    assert [i.id for i in spec.items] == ["Q1-1", "Q1-2", "Q2-1", "Q3-1", "Q3-2", "Q4-1"]
    items = {i.id: i for i in spec.items}
    assert items["Q1-1"].content == "Xây dựng và gửi bản đăng ký thi đua về Cụm trưởng."
    assert items["Q1-1"].responsible == "all" and items["Q1-1"].due_date == D(2028, 1, 25)
    assert items["Q1-2"].responsible == "head_and_all" and items["Q1-2"].place == "huyện Lạc Sơn"
    assert items["Q1-2"].due_date == D(2028, 3, 31)
    assert items["Q2-1"].responsible == "units" and items["Q2-1"].responsible_units == ["Minh Tân"]
    assert items["Q2-1"].due_date == D(2028, 5, 31)
    assert items["Q3-1"].responsible == "head" and items["Q3-1"].due_date == D(2028, 7, 31)
    assert items["Q3-2"].responsible == "all" and items["Q3-2"].due_date == D(2028, 9, 30)
    assert items["Q4-1"].responsible == "head_and_all" and items["Q4-1"].due_date == D(2028, 12, 31)
    assert items["Q4-1"].content == "Hội nghị tổng kết năm 2028."


def test_prose_plan_with_lettered_items_and_one_who_deadline_line() -> None:
    """'1. Quý I (…):' headings, items 'a)', 'b)' each with one line 'Chủ trì: …; thời hạn: …' or none."""
    lines = [
        "NỘI DUNG CÔNG VIỆC",
        "1. Quý I (tháng 01 - tháng 3):",
        "a) Tuyên truyền, phát động thi đua chào mừng Đại hội Đảng các cấp.",
        "b) Hội nghị triển khai nhiệm vụ năm 2029",
        "Thực hiện: Trưởng Cụm và các đơn vị trong Cụm; Thời hạn: trước ngày 15/02/2029.",
        "2. Quý II (tháng 4 - tháng 6):",
        "a) Giao lưu văn nghệ giữa các đơn vị,",
        "nhân dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh.",
        "Chủ trì: UBND huyện Đông Phong; thời gian: tháng 5/2029; địa điểm: Nhà văn hóa huyện Đông Phong.",
        "b) Báo cáo sơ kết 6 tháng, gửi Trưởng Cụm.",
        "Đơn vị thực hiện: các đơn vị thành viên; thời hạn: trước ngày 12/6/2029.",
        "3. Quý IV (tháng 10 - tháng 12):",
        "a) Tổng kết phong trào thi đua năm 2029.",
        "Thực hiện: Trưởng Cụm; thời hạn: tháng 12/2029.",
        "4. Chế độ thông tin, báo cáo",
        "a) Các đơn vị gửi báo cáo đúng hạn.",
    ]
    spec = extract_plan(_doc("Kế hoạch hoạt động năm 2029", lines=lines), UNITS)
    assert spec.year == 2029
    assert [i.id for i in spec.items] == ["Q1-1", "Q1-2", "Q2-1", "Q2-2", "Q4-1"]
    items = {i.id: i for i in spec.items}
    # No who/deadline line: every member, due at the quarter's end.
    assert items["Q1-1"].responsible == "all" and items["Q1-1"].due_date == D(2029, 3, 31)
    assert items["Q1-2"].content == "Hội nghị triển khai nhiệm vụ năm 2029"
    assert items["Q1-2"].responsible == "head_and_all" and items["Q1-2"].due_date == D(2029, 2, 15)
    assert "hạn" not in items["Q1-2"].responsible_text
    assert items["Q2-1"].content == "Giao lưu văn nghệ giữa các đơn vị, nhân dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh."
    assert items["Q2-1"].responsible == "units" and items["Q2-1"].responsible_units == ["Đông Phong"]
    assert items["Q2-1"].due_date == D(2029, 5, 31)
    assert items["Q2-1"].place == "Nhà văn hóa huyện Đông Phong"
    assert items["Q2-2"].responsible == "all" and items["Q2-2"].due_date == D(2029, 6, 12)
    assert items["Q4-1"].responsible == "head" and items["Q4-1"].due_date == D(2029, 12, 31)


def test_lettered_points_under_a_numbered_item_stay_its_content() -> None:
    """Under '1.1.' items the lines 'a)', 'b)' are points of the item, not items of their own."""
    lines = [
        "1. Quý I năm 2029",
        "1.1. Hội nghị triển khai nhiệm vụ năm 2029, gồm:",
        "a) Ký kết giao ước thi đua;",
        "b) Phát động phong trào thi đua.",
        "- Thời gian: tháng 2/2029.",
        "- Đơn vị chủ trì: Cụm trưởng.",
        "1.2. Đăng ký thi đua.",
        "- Thời gian: tháng 3/2029.",
        "- Đơn vị thực hiện: Các đơn vị thành viên.",
    ]
    spec = extract_plan(_doc("Kế hoạch năm 2029", lines=lines), UNITS)
    assert [i.id for i in spec.items] == ["Q1-1", "Q1-2"]
    assert spec.items[0].content.endswith("a) Ký kết giao ước thi đua; b) Phát động phong trào thi đua.")


# --- The two sample plans against their READMEs ------------------------------------------------------------

def _units(world: str) -> list[str]:
    return [u.name for u in load_units(SAMPLE_DOCS / world / "units.toml")]


WORLD6 = SAMPLE_DOCS / "world6" / "plan" / "ke_hoach_cum_thi_dua_mien_nui_phia_tay_2024"
#: sample_docs/world6/README.md, section Plan: id per STT, deadline, responsibility.
WORLD6_ITEMS = [
    ("Q1-1", "Đăng ký danh hiệu", D(2024, 1, 31), "head_and_all"),
    ("Q1-2", "Kiện toàn Tổ giúp việc", D(2024, 2, 29), "head"),
    ("Q1-3", "Ban hành kế hoạch phát động", D(2024, 3, 15), "all"),
    ("Q2-1", "Hội nghị chuyên đề", D(2024, 5, 31), "units"),
    ("Q3-1", "Ngày hội Văn hóa - Thể thao", D(2024, 8, 31), "units"),
    ("Q3-2", "Trao đổi kinh nghiệm", D(2024, 9, 30), "units"),
    ("Q2-2", "Báo cáo sơ kết", D(2024, 6, 10), "all"),
    ("Q3-3", "Hội nghị sơ kết", D(2024, 7, 31), "head_and_all"),
    ("Q3-4", "Kiểm tra chéo", D(2024, 9, 30), "head_and_all"),
    ("Q4-1", "Báo cáo tổng kết", D(2024, 11, 25), "all"),
    ("Q4-2", "Hội nghị tổng kết", D(2024, 12, 31), "head_and_all"),
]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_world6_field_table_plan(suffix: str) -> None:
    """World 6's five-column table grouped by field reads with the ids of its README."""
    spec = extract_plan(read_document(WORLD6.with_suffix(suffix)), _units("world6"))
    assert spec.year == 2024
    got = [(i.id, i.content, i.due_date, i.responsible) for i in spec.items]
    assert [g[0] for g in got] == [w[0] for w in WORLD6_ITEMS]
    for (gid, content, due, resp), (wid, start, wdue, wresp) in zip(got, WORLD6_ITEMS):
        assert content.startswith(start), (gid, content)
        assert (due, resp) == (wdue, wresp), gid
    items = {i.id: i for i in spec.items}
    assert items["Q2-1"].responsible_units == ["Bá Thước"] and items["Q2-1"].place == "huyện Bá Thước"
    assert items["Q3-1"].place == "huyện Thường Xuân"
    assert items["Q3-3"].place == "huyện Quan Hóa"
    assert items["Q1-1"].place is None


WORLD8 = SAMPLE_DOCS / "world8" / "plan" / "ke_hoach_cum_thi_dua_so_2_nam_2026"
#: sample_docs/world8/README.md, section Plan: item q.n is Q<q>-<n>.
WORLD8_ITEMS = [
    ("Q1-1", "Xây dựng bản đăng ký", D(2026, 1, 23), "all"),
    ("Q1-2", "Tổ chức Hội nghị triển khai", D(2026, 3, 10), "head_and_all"),
    ("Q1-3", "Ban hành kế hoạch", D(2026, 3, 31), "all"),
    ("Q2-1", "Tổ chức Ngày hội Văn hóa - Du lịch", D(2026, 5, 31), "units"),
    ("Q2-2", "Tổ chức Hội thi", D(2026, 6, 30), "units"),
    ("Q2-3", "Xây dựng báo cáo sơ kết", D(2026, 6, 15), "all"),
    ("Q3-1", "Tổ chức Hội nghị sơ kết", D(2026, 7, 31), "head_and_all"),
    ("Q3-2", "Kiểm tra chéo", D(2026, 9, 30), "head"),
    ("Q4-1", "Chỉ đạo các thôn", D(2026, 11, 18), "all"),
    ("Q4-2", "Tự đánh giá", D(2026, 12, 5), "all"),
    ("Q4-3", "Tổ chức Hội nghị tổng kết", D(2026, 12, 31), "head_and_all"),
]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_world8_prose_plan(suffix: str) -> None:
    """World 8's prose plan (a heading per quarter, items '1.1.' with dash lines) reads with its README's ids."""
    spec = extract_plan(read_document(WORLD8.with_suffix(suffix)), _units("world8"))
    assert spec.year == 2026
    got = [(i.id, i.content, i.due_date, i.responsible) for i in spec.items]
    assert [g[0] for g in got] == [w[0] for w in WORLD8_ITEMS]
    for (gid, content, due, resp), (wid, start, wdue, wresp) in zip(got, WORLD8_ITEMS):
        assert content.startswith(start), (gid, content)
        assert (due, resp) == (wdue, wresp), gid
    items = {i.id: i for i in spec.items}
    assert items["Q2-1"].responsible_units == ["Xã Lạc Dương"] and items["Q2-1"].place == "xã Lạc Dương"
    assert items["Q1-2"].place == "phường Xuân Hương - Đà Lạt"
    assert items["Q3-1"].place == "xã Đơn Dương"
    assert items["Q2-2"].responsible_units == ["Phường Lâm Viên - Đà Lạt"]
    assert items["Q3-2"].due and "9/2026" in items["Q3-2"].due


WORLD9 = SAMPLE_DOCS / "world9" / "plan" / "ke_hoach_cum_thi_dua_ven_bien_2023"
#: sample_docs/world9/README.md, section Plan: id, deadline, responsibility. A task the Cụm trưởng leads with
#: "- Đơn vị phối hợp: các huyện thành viên / trong Cụm" is "head_and_all", as in every layout.
WORLD9_ITEMS = [
    ("Q1-1", "Đăng ký thi đua năm 2023", D(2023, 2, 10), "all"),
    ("Q1-2", "Hội nghị ký kết giao ước thi đua", D(2023, 2, 28), "head_and_all"),
    ("Q1-3", "Phát động phong trào thi đua", D(2023, 3, 31), "all"),
    ("Q2-1", "Hội nghị chuyên đề của Cụm", D(2023, 4, 30), "units"),
    ("Q2-2", "Giải Bóng chuyền hơi", D(2023, 5, 31), "units"),
    ("Q2-3", "Báo cáo sơ kết 6 tháng", D(2023, 6, 15), "all"),
    ("Q3-1", "Hội nghị sơ kết 6 tháng", D(2023, 7, 31), "head_and_all"),
    ("Q3-2", "Kiểm tra chéo", D(2023, 9, 30), "head_and_all"),
    ("Q4-1", "Tự chấm điểm thi đua", D(2023, 11, 30), "all"),
    ("Q4-2", "Hội nghị tổng kết năm", D(2023, 12, 31), "head_and_all"),
    ("Q4-3", "Hồ sơ đề nghị khen thưởng", D(2023, 12, 31), "head"),
]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_world9_straight_prose_plan(suffix: str) -> None:
    """World 9's prose plan (tasks 1-11 under four field headings, no quarters) reads with its README's ids."""
    spec = extract_plan(read_document(WORLD9.with_suffix(suffix)), _units("world9"))
    assert spec.year == 2023
    got = [(i.id, i.content, i.due_date, i.responsible) for i in spec.items]
    assert [g[0] for g in got] == [w[0] for w in WORLD9_ITEMS]
    for (gid, content, due, resp), (wid, start, wdue, wresp) in zip(got, WORLD9_ITEMS):
        assert content.startswith(start), (gid, content)
        assert (due, resp) == (wdue, wresp), gid
    items = {i.id: i for i in spec.items}
    assert items["Q1-2"].place == "huyện Tiền Hải"
    assert items["Q2-1"].responsible_units == ["Thái Thụy"] and items["Q2-1"].place == "huyện Thái Thụy"
    assert items["Q2-2"].responsible_units == ["Kiến Xương"]
    assert items["Q2-2"].place == "Nhà thi đấu thể thao huyện Kiến Xương"
    assert "Vũ Thư" in items["Q3-2"].content


WORLD12 = SAMPLE_DOCS / "world12" / "plan" / "ke_hoach_khoi_thi_dua_vhxh_2026"
#: sample_docs/world12/README.md, section Plan: items lettered a), b), c) under each quarter, a) = 1.
WORLD12_ITEMS = [
    ("Q1-1", "Các đơn vị đăng ký giao ước thi đua", D(2026, 1, 20)),
    ("Q1-2", "Tổ chức Hội nghị triển khai nhiệm vụ", D(2026, 2, 28)),
    ("Q1-3", "Ban hành kế hoạch phát động phong trào", D(2026, 2, 28)),
    ("Q2-1", "Tổ chức Hội thao truyền thống", D(2026, 5, 31)),
    ("Q2-2", "Báo cáo sơ kết", D(2026, 6, 15)),
    ("Q3-1", "Tổ chức Hội nghị sơ kết", D(2026, 7, 31)),
    ("Q3-2", "Kiểm tra chéo", D(2026, 9, 30)),
    ("Q3-3", "Thực hiện Chương trình \"Tiếp sức đến trường\"", D(2026, 8, 31)),
    ("Q4-1", "Các đơn vị tự đánh giá, chấm điểm", D(2026, 11, 25)),
    ("Q4-2", "Tổ chức Hội nghị tổng kết", D(2026, 12, 31)),
    ("Q4-3", "Tổng hợp hồ sơ đề nghị khen thưởng", D(2026, 12, 31)),
]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_world12_lettered_prose_plan(suffix: str) -> None:
    """World 12's prose plan (items a), b), c) under '1. Quý I năm 2026', one italic who/deadline line each)."""
    spec = extract_plan(read_document(WORLD12.with_suffix(suffix)), _units("world12"))
    assert spec.year == 2026
    got = [(i.id, i.content, i.due_date) for i in spec.items]
    assert [g[0] for g in got] == [w[0] for w in WORLD12_ITEMS]
    for (gid, content, due), (wid, start, wdue) in zip(got, WORLD12_ITEMS):
        assert content.startswith(start), (gid, content)
        assert due == wdue, gid
        assert "Đơn vị thực hiện" not in content and "thời hạn" not in content, gid
    items = {i.id: i for i in spec.items}
    assert items["Q1-1"].responsible_text == "các đơn vị thành viên"
    assert items["Q4-3"].responsible_text == "Trưởng Khối"
    assert items["Q3-2"].due == "tháng 8 - tháng 9/2026"
    # The lead line names every member too: read as "all", as in every layout.
    assert items["Q3-3"].responsible_text == "Sở Giáo dục và Đào tạo chủ trì, các đơn vị thành viên phối hợp"
