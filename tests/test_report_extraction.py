"""Report extraction: unit, period, dates, task statements and award figures, on constructed text and the sample corpus."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table
from thidua.extractors.evaluation import evaluate
from thidua.core.findings import PeriodKind, Status
from thidua.extractors.report import extract_findings
from thidua.core.units import load_units

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "sample_docs" / "reports"
PLAN_DOCX = ROOT / "sample_docs" / "plan" / "ke_hoach_cum_thi_dua_2022.docx"
UNITS = load_units(ROOT / "sample_docs" / "units.toml")


# --------------------------------------------------------------------------- building documents


def table(index: int, rows: list[list[str]], merged: set[tuple[int, int]] = frozenset()) -> Table:
    """A table from rows of texts; `merged` lists grid positions repeating a merged cell."""
    return Table(index, [[Cell(t, r, c, (r, c) in merged) for c, t in enumerate(row)] for r, row in enumerate(rows)])


def report(
    body: list[str | list[list[str]]],
    *,
    district: str = "HÒA AN",
    place: str = "Hòa An",
    date: str = "ngày 20 tháng 6 năm 2022",
    title: tuple[str, ...] = ("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",),
    ocr: bool = False,
) -> Document:
    """A Decree 30 report: header table, title, body (paragraphs or tables), recipients and signature."""
    blocks: list = []

    def add_par(text: str, bold: bool = False) -> None:
        blocks.append(Paragraph(len(blocks), text, bold=bold))

    blocks.append(
        table(0, [[f"ỦY BAN NHÂN DÂN\nHUYỆN {district}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
                  ["Số: 45/BC-UBND", f"{place}, {date}"]])
    )
    add_par("BÁO CÁO", bold=True)
    for t in title:
        add_par(t, bold=True)
    for item in body:
        if isinstance(item, str):
            add_par(item, bold=item.isupper())
        else:
            # "<" in a cell: the cell on its left merged over it (its text repeated, flagged merged)
            rows = [[row[c] if row[c] != "<" else "" for c in range(len(row))] for row in item]
            merged = set()
            for r, row in enumerate(rows):
                for c in range(1, len(row)):
                    if item[r][c] == "<":
                        row[c] = row[c - 1]
                        merged.add((r, c))
            blocks.append(table(len(blocks), rows, merged))
    blocks.append(
        table(len(blocks), [["Nơi nhận:\n- Trưởng Cụm thi đua (UBND huyện Hà Quảng);\n- Lưu: VT.",
                              f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A"]])
    )
    return Document("constructed.docx", SourceFormat.DOCX, blocks=blocks, ocr=ocr)


def findings_of(body, **kw):
    return extract_findings(report(body, **kw), UNITS)


def figures(body, **kw) -> dict[str, float]:
    return {f.metric: f.value for f in findings_of(body, **kw).figures}


def statuses(body, **kw) -> list[tuple[Status, dt.date | None]]:
    return [(t.status, t.date) for t in findings_of(body, **kw).tasks]


# --------------------------------------------------------------------------- unit, number, date, period


def test_unit_from_header_outweighs_body_mentions_of_other_districts() -> None:
    body = [
        "Ngày 25/01/2022, huyện Hà Quảng (Trưởng Cụm) chủ trì Hội nghị tại huyện Hà Quảng.",
        "Đoàn kiểm tra của Cụm đã kiểm tra huyện Nguyên Bình và huyện Hà Quảng.",
    ]
    f = findings_of(body, district="HOÀ AN", place="Hoà An")
    assert f.unit is not None and f.unit.value == "Hòa An"
    assert f.unit.span is not None and f.unit.span.block == 0


def test_header_naming_a_district_outside_the_cluster_gives_no_unit() -> None:
    body = ["I. KẾT QUẢ", "- Ngày 07/5/2022, huyện đã dự Hội nghị chuyên đề do huyện Hòa An tổ chức."]
    found = findings_of(body, district="THẠCH AN", place="Thạch An")
    assert found.unit is None
    assert any("THẠCH AN" in w and "không thuộc Cụm" in w for w in found.warnings)


def test_unit_spelled_in_capitals_without_tone_or_only_in_signature() -> None:
    assert findings_of([], district="BAO LAC", place="Bao Lac").unit.value == "Bảo Lạc"
    doc = report(["Nội dung báo cáo."], district="", place="")
    doc.blocks[-1].rows[0][1].text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH UBND HUYỆN NGUYÊN BÌNH"
    assert extract_findings(doc, UNITS).unit.value == "Nguyên Bình"


def test_doc_number_and_report_date_with_provenance() -> None:
    f = findings_of([])
    assert f.doc_number.value == "45/BC-UBND"
    assert f.report_date.value == dt.date(2022, 6, 20)
    span = f.report_date.span
    assert (span.block, span.row, span.col) == (0, 1, 1)
    assert "20 tháng 6 năm 2022" in f.report_date.text
    assert findings_of([], date="ngày 28/9/2022").report_date.value == dt.date(2022, 9, 28)


@pytest.mark.parametrize(
    ("title", "date", "kind", "year"),
    [
        (("Kết quả công tác thi đua, khen thưởng Quý III/2022",), "ngày 29 tháng 9 năm 2022", PeriodKind.Q3, 2022),
        (("Công tác thi đua quý 2 năm 2022",), "ngày 20 tháng 6 năm 2022", PeriodKind.Q2, 2022),
        (("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm,", "phương hướng nhiệm vụ 6 tháng cuối năm 2022"), "ngày 20 tháng 6 năm 2022", PeriodKind.H1, 2022),
        (("Kết quả công tác thi đua 9 tháng đầu năm 2022 và nhiệm vụ trọng tâm Quý IV",), "ngày 28 tháng 9 năm 2022", PeriodKind.M9, 2022),
        (("Tổng kết công tác thi đua, khen thưởng năm 2022,", "phương hướng, nhiệm vụ năm 2023"), "ngày 15 tháng 12 năm 2022", PeriodKind.YEAR, 2022),
        (("Tổng kết công tác thi đua, khen thưởng",), "ngày 10 tháng 01 năm 2023", PeriodKind.YEAR, 2022),
        (("Kết quả thực hiện phong trào thi đua chuyên đề “Chung tay vì người nghèo”",), "ngày 14 tháng 10 năm 2022", PeriodKind.OTHER, 2022),
        # A span of years ("giai đoạn 2021 - 2022", "2021-2025") names no single year: the date decides.
        (("Kết quả phong trào thi đua “Chung sức xây dựng nông thôn mới”", "giai đoạn 2021 - 2022"), "ngày 05 tháng 8 năm 2022", PeriodKind.OTHER, 2022),
        (("Báo cáo chuyên đề về phong trào Cả nước chung tay vì người nghèo giai đoạn 2021-2025",), "ngày 02 tháng 11 năm 2023", PeriodKind.OTHER, 2023),
    ],
)
def test_period_kind_and_year(title, date, kind, year) -> None:
    f = findings_of([], title=title, date=date)
    assert f.period is not None
    assert (f.period.value.kind, f.period.value.year) == (kind, year)


# --------------------------------------------------------------------------- task statements


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("- UBND huyện đã ban hành Kế hoạch số 12/KH-UBND ngày 03/3/2022 phát động thi đua.", [(Status.DONE, dt.date(2022, 3, 3))]),
        ("- Căn cứ Chỉ thị số 02/CT-UBND ngày 28/01/2022, huyện đã tổ chức Hội nghị ngày 05 tháng 02 năm 2022.", [(Status.DONE, dt.date(2022, 2, 5))]),
        ("- Ngày 25/01, lãnh đạo huyện đã tham dự Hội nghị tổng kết của Cụm.", [(Status.DONE, dt.date(2022, 1, 25))]),
        ("- Tháng 3/2022, huyện đã tổ chức tập huấn nghiệp vụ.", [(Status.DONE, None)]),
        ("- Lễ phát động được tổ chức ngày 10/02/2022 tại trung tâm huyện.", [(Status.DONE, dt.date(2022, 2, 10))]),
        ("- Các xã đang triển khai việc đăng ký thi đua.", [(Status.IN_PROGRESS, None)]),
        ("- Nhiệm vụ khác: đang thực hiện, bảo đảm hoàn thành trước ngày 31/12/2022.", [(Status.IN_PROGRESS, None)]),
        ("- Đến nay huyện chưa tổ chức Hội nghị điển hình tiên tiến.", [(Status.NOT_DONE, None)]),
        ("- Huyện không tổ chức hội thi do dịch bệnh.", [(Status.NOT_DONE, None)]),
        ("- Huyện đã xây dựng kế hoạch nhưng chưa tổ chức hội thi.", [(Status.DONE, None), (Status.NOT_DONE, None)]),
        ("- Hội nghị sơ kết sẽ được tổ chức vào ngày 07/7/2022 tại huyện.", [(Status.PLANNED, None)]),
        ("- Hội nghị sơ kết của Cụm dự kiến tổ chức vào đầu tháng 7/2022.", [(Status.PLANNED, None)]),
        ("- Ngày 22/4/2022, ký kết Giao ước thi đua với các huyện trong Cụm.", [(Status.DONE, dt.date(2022, 4, 22))]),
        # a further action after ";" keeps the status and has its own date
        ("- Đã dự Hội nghị của Cụm ngày 25/01/2022; ban hành Kế hoạch số 5/KH-UBND ngày 18/02/2022.",
         [(Status.DONE, dt.date(2022, 1, 25)), (Status.DONE, dt.date(2022, 2, 18))]),
        ("- Huyện đã tổ chức 03 lớp tập huấn; số học viên đạt 120 người.", [(Status.DONE, None)]),
        ("- Ngày 05/5/2022, dự Hội nghị của Cụm; cử 01 cán bộ tham gia Đoàn kiểm tra.",
         [(Status.DONE, dt.date(2022, 5, 5)), (Status.DONE, dt.date(2022, 5, 5))]),
        # work under way and not yet finished or sent, in one clause: in progress
        ("- Báo cáo tổng hợp ý kiến: đang tổng hợp số liệu, chưa gửi Trưởng Cụm.", [(Status.IN_PROGRESS, None)]),
        ("- Huyện chưa hoàn thành hồ sơ, hiện đang bổ sung minh chứng theo hướng dẫn.", [(Status.IN_PROGRESS, None)]),
        ("- Ke hoach kiem tra cheo dang duoc xay dung, chua ban hanh.", [(Status.IN_PROGRESS, None)]),
        ("- Bộ tài liệu tuyên truyền đang được biên soạn và chưa phát hành tới các xã.", [(Status.IN_PROGRESS, None)]),
        # a passive under way with its agent between "đang được" and the verb
        ("- Kế hoạch kiểm tra đang được Văn phòng UBND xã xây dựng.", [(Status.IN_PROGRESS, None)]),
        ("- Số liệu khen thưởng đang được bộ phận Văn hóa rà soát, chưa gửi về Cụm.", [(Status.IN_PROGRESS, None)]),
        ("- Bao cao chuyen de dang duoc cong chuc phu trach tong hop.", [(Status.IN_PROGRESS, None)]),
        # a letter issued ("có Công văn/văn bản số ...") is a done action
        ("- Ngày 10/4/2022, UBND huyện có Công văn số 88/UBND-VP đôn đốc các xã báo cáo kết quả.", [(Status.DONE, dt.date(2022, 4, 10))]),
        ("- Huyện đã có văn bản số 12/UBND-NV ngày 05/5/2022 hướng dẫn các xã.", [(Status.DONE, dt.date(2022, 5, 5))]),
        ("- Ngay 14/3/2022 UBND huyen co cong van so 40/UBND gui cac xa.", [(Status.DONE, dt.date(2022, 3, 14))]),
        # a connective before the leading date ("Trên cơ sở đó, ngày ...", "Sau đó, ...")
        ("- Trên cơ sở đó, ngày 03/3/2022 UBND huyện gửi Công văn tới các xã.", [(Status.DONE, dt.date(2022, 3, 3))]),
        ("- Sau đó, ngày 12/4/2022, Phòng Nội vụ tổ chức tập huấn cho cán bộ xã.", [(Status.DONE, dt.date(2022, 4, 12))]),
        ("Tiep theo, ngay 20/5/2022 huyen ban hanh Ke hoach kiem tra.", [(Status.DONE, dt.date(2022, 5, 20))]),
        ("- Bên cạnh đó, vào ngày 08/6/2022 huyện đã dự Hội nghị của Cụm.", [(Status.DONE, dt.date(2022, 6, 8))]),
        # a time label before the action or its date: "Quý III: Ngày ...", "Tháng 5/2022: ..."
        ("3. Quý II: Ngày 07/5/2022, tham dự Hội nghị chuyên đề của Cụm.", [(Status.DONE, dt.date(2022, 5, 7))]),
        ("- 6 tháng đầu năm: ngày 15/3/2022 tổ chức tập huấn nghiệp vụ.", [(Status.DONE, dt.date(2022, 3, 15))]),
        # not task statements: a goal, a movement's name in quotes, a shortcoming without an action verb
        ("- Phấn đấu hoàn thành nhiệm vụ kinh tế - xã hội năm 2022.", []),
        ('- Hưởng ứng phong trào "Không tổ chức tiệc cưới linh đình" ở khu dân cư.', []),
        ("- Một số phong trào còn hình thức, chưa gắn với nhiệm vụ chuyên môn.", []),
    ],
)
def test_status_and_date_of_statements(sentence: str, expected) -> None:
    assert statuses(["I. KẾT QUẢ THỰC HIỆN", sentence]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # award_count: commendations counted by recipient are figures, not tasks
        "- Chủ tịch UBND huyện đã tặng Giấy khen cho 12 tập thể và 30 cá nhân có thành tích trong phong trào xây dựng đô thị văn minh.",
        "- Đã công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 17 cá nhân.",
        "- Khen thưởng chuyên đề (Giấy khen của Chủ tịch UBND huyện): tập thể: 06; cá nhân: 11.",
        "- Huyện đã trình hồ sơ đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho hai cá nhân, đang chờ Quyết định.",
        # award_count: an award received
        "- Trường Mầm non thị trấn được Chủ tịch UBND tỉnh tặng Bằng khen.",
        # comparison and earlier years
        "- So với cùng kỳ năm trước (10 tập thể được khen thưởng), số lượng khen thưởng đã tăng 20%.",
        "- Năm 2021, huyện đã tổ chức 02 hội nghị chuyên đề.",
        "- Theo số liệu tổng hợp, các xã đã thực hiện tốt việc đăng ký thi đua.",
        # others: numbers of the whole cluster
        "- Toàn Cụm đã khen thưởng theo thẩm quyền 2.345 lượt cá nhân.",
        # reference to a table
        "- Số liệu khen thưởng của huyện đã được tổng hợp tại Phụ lục kèm theo.",
        # lead-in to a list, and a heading-like scrap
        "- Trong quý, huyện đã thực hiện các nội dung sau:",
        "3. Dự kiến",
    ],
)
def test_clauses_that_report_no_task_are_dropped(sentence: str) -> None:
    assert statuses(["I. KẾT QUẢ THỰC HIỆN", sentence]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a proposal without a count, a ceremony where awards are handed, an event with a head count
        "- Huyện đã đề nghị UBND tỉnh tặng Cờ thi đua cho đơn vị dẫn đầu Cụm.",
        "- Ngày 12/3/2022, huyện đã tổ chức Lễ trao tặng Bằng khen cho 05 tập thể.",
        "- Đã tổ chức 02 lớp tập huấn nghiệp vụ thi đua, khen thưởng cho 80 cán bộ cơ sở.",
        # the cluster's units as partners of a task; a later year; a passive report of planned work
        "- Ngày 20/4/2022, huyện đã ký kết giao ước thi đua với các đơn vị trong Cụm.",
        "- Năm 2022, huyện đã tổ chức Hội nghị điển hình tiên tiến.",
        "- Các nhiệm vụ chuyên môn khác theo quy định đã được thực hiện đầy đủ.",
    ],
)
def test_task_clauses_near_the_noise_classes_are_kept(sentence: str) -> None:
    assert [st for st, _ in statuses(["I. KẾT QUẢ THỰC HIỆN", sentence])] == [Status.DONE]


def test_list_items_under_future_heading_are_planned() -> None:
    body = [
        "I. KẾT QUẢ THỰC HIỆN",
        "- Tổ chức 01 lớp tập huấn nghiệp vụ cho cán bộ cơ sở.",
        "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM",
        "1. Tổ chức Hội nghị sơ kết 6 tháng đầu năm của Cụm.",
        "2. Tiếp tục chỉ đạo các phong trào thi đua.",
        "3. Một số khó khăn cần tháo gỡ.",
    ]
    assert [t.status for t in findings_of(body).tasks] == [Status.DONE, Status.PLANNED, Status.PLANNED]


def test_time_label_before_an_action_under_results_heading() -> None:
    body = ["I. KẾT QUẢ THỰC HIỆN", "- Quý II: Tổ chức 01 lớp tập huấn nghiệp vụ cho cán bộ cơ sở."]
    assert statuses(body) == [(Status.DONE, None)]


def test_next_years_work_is_marked_with_its_year() -> None:
    body = [
        "I. KẾT QUẢ THỰC HIỆN NĂM 2022",
        "- Huyện đã tổ chức kiểm tra công tác thi đua tại 5 xã.",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023",
        "1. Tiếp tục duy trì việc kiểm tra chéo giữa các đơn vị trong Cụm.",
        "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022",
        "1. Tổ chức kiểm tra công tác thi đua của các xã.",
    ]
    tasks = findings_of(body, title=("Tổng kết công tác thi đua, khen thưởng năm 2022",), date="ngày 15 tháng 12 năm 2022").tasks
    assert [(t.status, t.for_year) for t in tasks] == [(Status.DONE, None), (Status.PLANNED, 2023), (Status.PLANNED, None)]


def test_task_table_with_status_and_date_columns() -> None:
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Kết quả thực hiện", "Thời gian", "Ghi chú"],
        ["1", "Dự Hội nghị tổng kết hoạt động Cụm thi đua năm 2021", "Đã thực hiện", "25/01/2022", "Tại huyện Hà Quảng"],
        ["2", "Phát động phong trào thi đua năm 2022", "Hoàn thành", "15/02/2022", "Kế hoạch số 35/KH-UBND"],
        ["3", "Chỉ đạo cơ sở triển khai các phong trào", "Đang triển khai", "", "Đã có 13/15 xã gửi đăng ký"],
        ["4", "Tổ chức Hội nghị điển hình tiên tiến", "Chưa thực hiện", "", ""],
    ]
    tasks = findings_of(["I. KẾT QUẢ THỰC HIỆN", rows]).tasks
    assert [(t.status, t.date) for t in tasks] == [
        (Status.DONE, dt.date(2022, 1, 25)),
        (Status.DONE, dt.date(2022, 2, 15)),
        (Status.IN_PROGRESS, None),
        (Status.NOT_DONE, None),
    ]
    assert tasks[0].text.startswith("Dự Hội nghị tổng kết") and tasks[0].span.row == 1 and tasks[0].span.col == 1


def test_task_table_with_mark_columns_and_planned_note() -> None:
    marks = [
        ["TT", "Nội dung", "Đã thực hiện", "Chưa thực hiện"],
        ["1", "Ký kết giao ước thi đua", "x", ""],
        ["2", "Kiểm tra chéo giữa các đơn vị", "", "x"],
    ]
    plan = [
        ["STT", "Nhiệm vụ", "Thời gian", "Ghi chú"],
        ["1", "Tiếp tục thực hiện các nhiệm vụ chuyên môn khác", "Quý IV/2022", "Dự kiến"],
    ]
    got = statuses(["I. KẾT QUẢ THỰC HIỆN", marks, "II. NHIỆM VỤ QUÝ IV", plan])
    assert got == [(Status.DONE, None), (Status.NOT_DONE, None), (Status.PLANNED, None)]


# --------------------------------------------------------------------------- figures in prose


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chủ tịch UBND tỉnh tặng Bằng khen cho 05 tập thể và 04 cá nhân.", {"bang_khen_tinh.tap_the": 5, "bang_khen_tinh.ca_nhan": 4}),
        ("Tặng Giấy khen của Chủ tịch UBND huyện cho 89 cá nhân, 7 tập thể và 12 hộ gia đình.", {"giay_khen.ca_nhan": 89, "giay_khen.tap_the": 7, "giay_khen.ho_gia_dinh": 12}),
        ("Khen thưởng đột xuất (Giấy khen của Chủ tịch UBND huyện): tập thể: 03; cá nhân: 04.", {"giay_khen.tap_the": 3, "giay_khen.ca_nhan": 4}),
        ("Công nhận danh hiệu Lao động tiên tiến cho 1.780 cá nhân, danh hiệu Chiến sỹ thi đua cơ sở cho 97 cá nhân.", {"lao_dong_tien_tien.ca_nhan": 1780, "chien_si_thi_dua_co_so.ca_nhan": 97}),
        ("Công nhận 45 Chiến sĩ thi đua cơ sở và 25 Tập thể lao động tiên tiến.", {"chien_si_thi_dua_co_so.ca_nhan": 45, "tap_the_lao_dong_tien_tien.tap_the": 25}),
        ("Công nhận danh hiệu CSTĐCS cho 12 cá nhân, LĐTT cho 310 cá nhân.", {"chien_si_thi_dua_co_so.ca_nhan": 12, "lao_dong_tien_tien.ca_nhan": 310}),
        ("Thủ tướng Chính phủ tặng Bằng khen cho 01 cá nhân; UBND tỉnh tặng Cờ thi đua cho 02 tập thể.", {"bang_khen_thu_tuong.ca_nhan": 1, "co_thi_dua_tinh.tap_the": 2}),
        ("Theo đề nghị của UBND huyện, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 02 tập thể.", {"bang_khen_tinh.tap_the": 2}),
        ("Tặng Giấy khen cho 31 tập thể, 74 cá nhân; trong đó khen thưởng đột xuất cho 04 cá nhân.", {"giay_khen.tap_the": 31, "giay_khen.ca_nhan": 74}),
        ("Tặng Giấy khen cho 20 tập thể, tăng 5 tập thể so với năm trước.", {"giay_khen.tap_the": 20}),
        # issue 13: totals once, words not digits, "lượt", granted proposals, awards without a number
        ("Tặng Giấy khen cho 30 cá nhân khối trường học và 05 cá nhân khối cơ quan, tổng cộng 35 cá nhân.", {"giay_khen.ca_nhan": 35}),
        ("Chủ tịch UBND tỉnh tặng Bằng khen cho ba tập thể và một cá nhân.", {"bang_khen_tinh.tap_the": 3, "bang_khen_tinh.ca_nhan": 1}),
        ("Chủ tịch UBND huyện tặng Giấy khen cho 08 tập thể và 27 lượt cá nhân.", {"giay_khen.tap_the": 8, "giay_khen.ca_nhan": 27}),
        ("Giấy khen của Chủ tịch UBND huyện: tập thể 06, cá nhân 15.", {"giay_khen.tap_the": 6, "giay_khen.ca_nhan": 15}),
        ("04 cá nhân do huyện đề nghị đã được Chủ tịch UBND tỉnh tặng Bằng khen tại Quyết định số 88/QĐ-UBND.", {"bang_khen_tinh.ca_nhan": 4}),
        ("Trường Tiểu học thị trấn được UBND tỉnh tặng Cờ thi đua năm học 2021 - 2022.", {"co_thi_dua_tinh.tap_the": 1}),
        ("Bà Nông Thị Lan, hội viên nông dân, được Chủ tịch UBND tỉnh tặng Bằng khen.", {"bang_khen_tinh.ca_nhan": 1}),
        ("Toàn huyện có 640 cá nhân đạt danh hiệu Lao động tiên tiến, 58 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở.", {"lao_dong_tien_tien.ca_nhan": 640, "chien_si_thi_dua_co_so.ca_nhan": 58}),
        # not figures: proposals, last year, other honours, counts without an award, distractor numbers
        ("Đã trình hồ sơ đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho 02 cá nhân; chưa có Quyết định.", {}),
        ("Cùng kỳ năm trước, huyện tặng Giấy khen cho 10 tập thể, 30 cá nhân.", {}),
        ("Năm 2021, huyện có 1.200 cá nhân đạt danh hiệu Lao động tiên tiến.", {}),
        ("Năm nay, các huyện trong Cụm đã khen thưởng theo thẩm quyền 3.100 lượt cá nhân.", {}),
        ("Huyện Bảo Lạc được UBND tỉnh tặng Cờ thi đua.", {}),
        ("UBND huyện đã trình đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể và 05 cá nhân, đang chờ Quyết định.", {}),
        ("Hồ sơ đề nghị tặng Cờ thi đua của UBND tỉnh cho 01 tập thể đang được thẩm định.", {}),
        ("So với cùng kỳ năm 2021 (15 tập thể, 38 cá nhân được tặng Giấy khen), số lượng tăng 11,9%.", {}),
        ('Công nhận danh hiệu "Gia đình văn hóa" cho 1.500 hộ gia đình.', {}),
        ("Tổ chức tập huấn cho 96 cán bộ của 13/15 xã theo Quyết định số 12/QĐ-UBND năm 2022.", {}),
        ("Bộ trưởng Bộ Công an tặng Bằng khen của Bộ cho 03 tập thể.", {}),
    ],
)
def test_figures_in_prose(sentence: str, expected: dict[str, int]) -> None:
    assert figures(["2. Công tác khen thưởng", sentence]) == expected


def test_same_metric_in_several_sentences_is_summed() -> None:
    body = [
        "Chủ tịch UBND huyện tặng Giấy khen cho 11 tập thể, 34 cá nhân trong tổng kết năm học.",
        "Khen thưởng đột xuất: Chủ tịch UBND huyện tặng Giấy khen cho 02 tập thể, 03 cá nhân.",
    ]
    assert figures(body) == {"giay_khen.tap_the": 13, "giay_khen.ca_nhan": 37}


def test_a_summed_figure_keeps_the_span_of_every_part() -> None:
    body = [
        "Chủ tịch UBND huyện tặng Giấy khen cho 11 tập thể trong tổng kết năm học.",
        "Khen thưởng đột xuất: Chủ tịch UBND huyện tặng Giấy khen cho 02 tập thể.",
    ]
    found = findings_of(body)
    (fig,) = [f for f in found.figures if f.metric == "giay_khen.tap_the"]
    doc = report(body)
    assert fig.value == 13 and [p.block for p in fig.parts] == [fig.span.block, fig.span.block + 1]
    assert [doc.blocks[p.block].text[p.start : p.end] for p in fig.parts] == ["11", "02"]
    assert found.to_json()["figures"][0]["parts"][1]["block"] == fig.parts[1].block


def test_lead_in_award_carries_to_bullets() -> None:
    body = ["Giấy khen của Chủ tịch UBND huyện:", "- Tập thể: 20", "- Cá nhân: 47"]
    assert figures(body) == {"giay_khen.tap_the": 20, "giay_khen.ca_nhan": 47}


# --------------------------------------------------------------------------- figures in tables

_AWARD_HEAD = [
    ["STT", "Hình thức khen thưởng", "Số lượng được khen", "Số lượng được khen", "Số lượng được khen", "Ghi chú"],
    ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Hộ gia đình", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
]


def test_award_table_detail_rows_win_over_total_row() -> None:
    rows = _AWARD_HEAD + [
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "03", "07", "", ""],
        ["2", "Giấy khen của Chủ tịch UBND huyện (chuyên đề)", "18", "42", "06", "Phong trào NTM"],
        ["3", "Giấy khen của Chủ tịch UBND huyện (đột xuất)", "02", "05", "", ""],
        ["", "Tổng cộng", "23", "54", "06", ""],
    ]
    got = figures(["Kết quả khen thưởng như sau:", rows, "Chủ tịch UBND huyện đã tặng Giấy khen cho 20 tập thể."])
    # the prose sentence restates the table's Giấy khen: not added again
    assert got == {
        "bang_khen_tinh.tap_the": 3, "bang_khen_tinh.ca_nhan": 7,
        "giay_khen.tap_the": 20, "giay_khen.ca_nhan": 47, "giay_khen.ho_gia_dinh": 6,
    }


def test_award_table_parallel_groups_are_summed_and_total_column_wins_over_breakdowns() -> None:
    groups = [
        ["STT", "Hình thức", "Thường xuyên", "Thường xuyên", "Chuyên đề", "Chuyên đề"],
        ["STT", "Hình thức", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "04", "06", "02", "03"],
        ["", "Cộng", "04", "06", "02", "03"],
    ]
    assert figures([groups]) == {"bang_khen_tinh.tap_the": 6, "bang_khen_tinh.ca_nhan": 9}
    breakdown = [
        ["TT", "Hình thức", "Tổng số được trình đề nghị", "Tổng số được trình đề nghị", "Tổng số đã có quyết định", "Tổng số đã có quyết định", "Theo công trạng", "Theo công trạng"],
        ["TT", "Hình thức", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Thủ tướng Chính phủ", "07", "19", "04", "15", "04", "15"],
    ]
    assert figures([breakdown]) == {"bang_khen_thu_tuong.tap_the": 4, "bang_khen_thu_tuong.ca_nhan": 15}


def test_award_table_total_row_used_only_without_detail_rows_and_award_in_column_header() -> None:
    per_unit = [
        ["STT", "Cơ quan, đơn vị", "Giấy khen của Chủ tịch UBND huyện", "Giấy khen của Chủ tịch UBND huyện"],
        ["STT", "Cơ quan, đơn vị", "Tập thể", "Cá nhân"],
        ["1", "Xã Đức Hạnh", "01", "03"],
        ["2", "Phòng Giáo dục và Đào tạo", "06", "18"],
        ["", "Cộng", "07", "21"],
    ]
    assert figures([per_unit]) == {"giay_khen.tap_the": 7, "giay_khen.ca_nhan": 21}
    only_total = [
        ["STT", "Hình thức", "Tập thể", "Cá nhân"],
        ["", "Tổng số Giấy khen của Chủ tịch UBND huyện", "12", "40"],
    ]
    assert figures([only_total]) == {"giay_khen.tap_the": 12, "giay_khen.ca_nhan": 40}


def test_award_table_continued_after_page_break_and_subtotal_rows() -> None:
    first = [
        ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"],
        ["(1)", "(2)", "(3)", "(4)"],
        ["1", "Huân chương các loại", "02", ""],
        ["", "Huân chương Lao động hạng Ba", "01", ""],
        ["", "Huân chương Lao động hạng Nhì", "01", ""],
    ]
    second = [
        ["(1)", "(2)", "(3)", "(4)"],
        ["2", "Lao động tiên tiến", "", "1.124"],
        ["", "Tổng cộng", "02", "1.124"],
    ]
    assert figures([first, second]) == {"huan_chuong.tap_the": 2, "lao_dong_tien_tien.ca_nhan": 1124}


def test_period_table_gives_the_cumulative_column() -> None:
    by_row = [
        ["TT", "Hình thức khen thưởng", "Đối tượng", "Quý I", "Quý II", "Quý III", "Lũy kế"],
        ["1", "Giấy khen của Chủ tịch UBND huyện", "Tập thể", "04", "03", "05", "12"],
        ["", "Giấy khen của Chủ tịch UBND huyện", "Cá nhân", "10", "", "08", "18"],
        ["", "Cộng", "", "14", "03", "13", "30"],
    ]
    assert figures(["Kết quả khen thưởng:", by_row]) == {"giay_khen.tap_the": 12, "giay_khen.ca_nhan": 18}
    by_column = [
        ["TT", "Hình thức khen thưởng", "6 tháng", "6 tháng", "Cả năm", "Cả năm"],
        ["", "", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02", "03", "05", "07"],
    ]
    assert figures(["Kết quả khen thưởng:", by_column]) == {"bang_khen_tinh.tap_the": 5, "bang_khen_tinh.ca_nhan": 7}


def test_proposal_table_and_proposal_rows_are_not_figures() -> None:
    rows = [
        ["STT", "Hình thức", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02", "03"],
        ["2", "Đề nghị Cờ thi đua của UBND tỉnh", "01", ""],
    ]
    assert figures(["Danh sách đề nghị khen thưởng:", rows]) == {}
    assert figures(["Kết quả khen thưởng:", rows]) == {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 3}


# --------------------------------------------------------------------------- provenance and OCR


def test_every_finding_has_provenance_and_ocr_lowers_confidence() -> None:
    body = ["I. KẾT QUẢ THỰC HIỆN", "- Ngày 25/01/2022, huyện đã tham dự Hội nghị.", "Chủ tịch UBND huyện tặng Giấy khen cho 07 tập thể."]
    clean, scanned = findings_of(body), findings_of(body, ocr=True)
    doc = report(body)
    for f in (clean, scanned):
        assert f.unit.span and f.period.span and f.report_date.span and f.doc_number.span
        for t in f.tasks:
            assert doc.text_at(t.span).strip(" ;,") == t.text
        for fig in f.figures:
            assert doc.text_at(fig.span) == "07"
    assert scanned.ocr
    assert scanned.tasks[0].confidence == pytest.approx(clean.tasks[0].confidence * 0.5)
    assert scanned.figures[0].confidence == pytest.approx(clean.figures[0].confidence * 0.5)
    assert scanned.unit.confidence < clean.unit.confidence


# --------------------------------------------------------------------------- commands on the sample corpus

needs_corpus = pytest.mark.skipif(not any(REPORTS.glob("*.expected.json")), reason="sample reports not built")


def _readable(path: Path) -> bool:
    """Reports read without LibreOffice or OCR (fast); the slow readers have tests of their own."""
    return path.suffix != ".doc" and "scan" not in path.stem and "tcvn3" not in path.stem


@needs_corpus
def test_extract_command_prints_findings_json() -> None:
    from thidua.cli.main import app

    result = CliRunner().invoke(app, ["extract", str(REPORTS / "hoa_an_6m_2022.docx"), "--json", "--plan", str(PLAN_DOCX)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["unit"] == "Hòa An" and data["period"] == {"year": 2022, "kind": "6M"}
    assert {"metric": "giay_khen.tap_the", "value": 20} in [{k: f[k] for k in ("metric", "value")} for f in data["figures"]]
    assert any(t["plan_item"] == "Q1-1" and t["status"] == "done" for t in data["tasks"])


@needs_corpus
def test_extract_command_reports_a_bad_file_in_vietnamese(tmp_path: Path) -> None:
    from thidua.cli.main import app

    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "hong.pdf" in result.output and "Lỗi" in result.output


@needs_corpus
def test_eval_command_prints_scores(tmp_path: Path) -> None:
    from thidua.cli.main import app

    # Three reports in three formats (Word, text PDF, legacy .doc) keep the command test short;
    # the accuracy of the whole sample set is measured by `thidua eval` itself (make eval).
    for name in ("hoa_an_6m_2022.docx", "bao_lac_9m_2022.pdf", "nguyen_binh_q3_2022.doc"):
        stem = name.rsplit(".", 1)[0]
        shutil.copy(REPORTS / name, tmp_path / name)
        shutil.copy(REPORTS / f"{stem}.expected.json", tmp_path / f"{stem}.expected.json")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--plan", str(PLAN_DOCX), "--details"])
    assert result.exit_code == 0, result.output
    assert "overall F1:" in result.output.splitlines()[-1]
    assert "figures" in result.output and "unit" in result.output
    assert sum(line.startswith(("hoa_an_6m", "bao_lac_9m", "nguyen_binh_q3")) for line in result.output.splitlines()) == 3
    # Matching as the completion matrix sees it: unit, plan item and status all agree; the status confusion.
    line = next(x for x in result.output.splitlines() if x.startswith("matching (unit+plan item+status)"))
    assert float(line.split("F1=")[1].split()[0]) >= 0.85
    assert "status confusion" in result.output


@needs_corpus
def test_accuracy_on_the_readable_sample_reports() -> None:
    from thidua.cli.extract import plan_matcher
    from thidua.matching.evaluation import MatchScores, score_document

    result = evaluate(REPORTS, UNITS, plan_matcher(PLAN_DOCX, UNITS), include=_readable)
    assert len(result.documents) >= 10 and not any(d.error for d in result.documents)
    totals = result.totals
    # Floors, not today's 1.0: these reports are the ones the rules were tuned on.
    assert totals["unit"].f1 >= 0.95
    assert totals["period"].f1 >= 0.95
    assert totals["report_date"].f1 >= 0.95
    assert totals["figures"].f1 >= 0.97
    assert totals["tasks"].f1 >= 0.90
    matching = MatchScores()
    for doc in result.documents:
        score_document(doc.expected, doc.got or {}, matching, doc.name)
    assert matching.f1 >= 0.90, matching.details


def test_ocr_award_table_numbers_checked_against_its_total_row() -> None:
    def table_with(cell: str) -> list[list[str]]:
        return [
            ["STT", "Hình thức khen thưởng", "Số lượng", "Số lượng", "Số lượng"],
            ["", "", "Tập thể", "Cá nhân", "Hộ gia đình"],
            ["1", "Giấy khen của Chủ tịch UBND huyện", "34", cell, "2"],
            ["2", "Lao động tiên tiến", "", "745", ""],
            ["", "Tổng cộng", "34", "862", "2"],
        ]

    right = findings_of(["Kết quả khen thưởng:", table_with("117.")], ocr=True)
    assert {f.metric: f.value for f in right.figures}["giay_khen.ca_nhan"] == 117
    assert not any("tổng cộng" in w for w in right.warnings)
    misread = findings_of(["Kết quả khen thưởng:", table_with("1127")], ocr=True)
    fig = {f.metric: f for f in misread.figures}
    assert fig["giay_khen.ca_nhan"].value == 1127  # kept as read, but flagged for review
    assert fig["giay_khen.ca_nhan"].confidence < right.figures[0].confidence
    assert any("Cá nhân" in w and "1872" in w and "862" in w for w in misread.warnings)
    unreadable = findings_of(["Kết quả khen thưởng:", table_with("1l7")], ocr=True)
    fig = {f.metric: f for f in unreadable.figures}
    assert fig["giay_khen.ca_nhan"].value == 117  # derived from the total row, flagged
    assert fig["giay_khen.ca_nhan"].confidence < fig["lao_dong_tien_tien.ca_nhan"].confidence
    assert any("«1l7»" in w for w in unreadable.warnings)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # text typed without diacritics: the markers are read folded ("da" = "đã", "dang" = "đang") ...
        ("- Ngay 30/01/2022, UBND huyen da gui ban dang ky chi tieu thi dua ve Truong Cum.", [(Status.DONE, dt.date(2022, 1, 30))]),
        # ... but "dang ky" is the verb "đăng ký", not "đang ký"
        ("- Viec dang ky mo hinh, dien hinh tien tien voi Cum da hoan thanh ngay 12/4/2022.", [(Status.DONE, dt.date(2022, 4, 12))]),
        ("- Bao cao chuyen de: dang hoan thien, du kien gui Truong Cum truoc ngay 25/6/2022.", [(Status.IN_PROGRESS, None)]),
        # "chuẩn bị" names the work; the marker after it says how far it is; work under way has no date
        ("- Công tác chuẩn bị đăng cai hội thi của Cụm: đang triển khai (huyện đã ban hành Kế hoạch số 40/KH-UBND ngày 20/3/2022).",
         [(Status.IN_PROGRESS, None)]),
        # two dated actions joined by "và" are two statements, each with its own date
        ("1. Bản đăng ký thi đua của huyện đã được gửi Trưởng Cụm ngày 19/01/2022 và Giao ước thi đua đã được ký kết tại Hội nghị ngày 14/02/2022.",
         [(Status.DONE, dt.date(2022, 1, 19)), (Status.DONE, dt.date(2022, 2, 14))]),
        ("1. Huyện đã hoàn thành việc đăng ký thi đua (ngày 30/01/2022, chậm thời hạn) và ký kết giao ước thi đua ngày 14/02/2022.",
         [(Status.DONE, dt.date(2022, 1, 30)), (Status.DONE, dt.date(2022, 2, 14))]),
        # passive voice with its agent between "được" and the verb
        ("- Giao ước thi đua năm 2022 đã được Chủ tịch UBND huyện ký kết cùng các huyện ngày 14/02/2022.", [(Status.DONE, dt.date(2022, 2, 14))]),
        # a clause set at the event just named happened on its date
        ("- Đăng cai tổ chức Hội nghị sơ kết của Cụm ngày 07/6/2022; tại Hội nghị, huyện đã được Đoàn kiểm tra của Cụm kiểm tra công tác thi đua.",
         [(Status.DONE, dt.date(2022, 6, 7)), (Status.DONE, dt.date(2022, 6, 7))]),
        # one action with two verbs stays one statement
        ("1. Huyện đã xây dựng và gửi bản đăng ký thi đua về Trưởng Cụm ngày 18/01/2022.", [(Status.DONE, dt.date(2022, 1, 18))]),
    ],
)
def test_unaccented_text_preparation_work_and_joined_actions(sentence: str, expected) -> None:
    assert statuses(["I. KẾT QUẢ THỰC HIỆN", sentence]) == expected


def test_work_under_a_next_period_heading_is_planned_even_without_a_list_mark() -> None:
    body = [
        "I. KẾT QUẢ THỰC HIỆN",
        "- Huyện đã tổ chức Hội nghị sơ kết.",
        "II. NHIỆM VỤ QUÝ III",
        # a paragraph without a list mark, a self-scoring ("tự" + verb), a target written with "Hoàn thành"
        "Tham gia hội thi văn nghệ của Cụm (tháng 8/2022); xây dựng báo cáo chuyên đề gửi Trưởng Cụm.",
        "- Tự chấm điểm thi đua theo Bảng tiêu chí của Cụm.",
        "- Hoàn thành báo cáo 9 tháng trước ngày 25/9/2022.",
    ]
    assert statuses(body) == [(Status.DONE, None)] + [(Status.PLANNED, None)] * 4


# --------------------------------------------------------------------------- scanned two-column headers


def _interleaved(lines: list[str], body: list[str]) -> Document:
    """A scanned report whose two header columns OCR read line by line across, as paragraphs."""
    texts = lines + body + ["Nơi nhận:\n- Như trên;\n- Lưu: VT."]
    return Document("scan.pdf", SourceFormat.PDF, blocks=[Paragraph(i, t) for i, t in enumerate(texts)], ocr=True)


_BODY = [
    "Thực hiện Kế hoạch của Cụm thi đua, huyện báo cáo kết quả như sau:",
    "I. KẾT QUẢ THỰC HIỆN",
    "Ngày 14/02/2022 huyện đã dự Hội nghị ký kết giao ước thi đua do huyện Hà Quảng tổ chức tại huyện Hà Quảng.",
    "Đoàn kiểm tra của Cụm đã làm việc tại huyện Nguyên Bình ngày 20/3/2022.",
]


@pytest.mark.parametrize(
    ("lines", "unit", "date"),
    [
        # The year of the place-date line wrapped onto the line that ends with the title.
        (["UBND HUYỆN BẢO CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "2022 BÁO CÁO", "LẠC PHÒNG NỘI VỤ Số: 12/BC-NV",
          "VIỆT NAM Độc lập - Tự do - Hạnh phúc Bảo Lạc, ngày 28 tháng 3 năm", "Công tác thi đua quý I năm 2022"],
         "Bảo Lạc", dt.date(2022, 3, 28)),
        (["ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN HOÀ AN Độc lập - Tự do - Hạnh phúc",
          "Số: 30/BC-UBND Hoà An, ngày 05 tháng 4 năm", "2022", "BÁO CÁO", "Kết quả công tác thi đua quý I"],
         "Hòa An", dt.date(2022, 4, 5)),
        (["UBND HUYEN NGUYEN BINH CONG HOA XA HOI CHU NGHIA VIET NAM", "Nguyen Binh, ngay 30 thang 3 nam",
          "So: 7/BC-UBND 2022 BAO CAO", "Tinh hinh thi dua khen thuong quy I nam 2022"],
         "Nguyên Bình", dt.date(2022, 3, 30)),
        # A whole place-date line is not changed.
        (["UBND HUYỆN BẢO LÂM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 9/BC-UBND Bảo Lâm, ngày 31 tháng 3 năm 2022",
          "BÁO CÁO", "Công tác thi đua quý I năm 2022"],
         "Bảo Lâm", dt.date(2022, 3, 31)),
    ],
)
def test_scanned_header_read_across_columns(lines: list[str], unit: str, date: dt.date) -> None:
    """OCR reading a two-column header across: the place-date line is still the header's, its year wrapped."""
    found = extract_findings(_interleaved(lines, _BODY), UNITS)
    assert found.unit is not None and found.unit.value == unit
    assert found.report_date is not None and found.report_date.value == date


@pytest.mark.parametrize(
    "line,date",
    [
        ("- 14-02-2022: tổ chức hội nghị triển khai công tác thi đua năm 2022.", dt.date(2022, 2, 14)),
        ("+ 03/3/2022, ban hành Kế hoạch phát động phong trào thi đua.", dt.date(2022, 3, 3)),
        ("* 21.4.2022: dự hội nghị ký kết giao ước thi đua của Cụm.", dt.date(2022, 4, 21)),
    ],
)
def test_a_bare_date_labelling_a_list_item_dates_its_action(line: str, date: dt.date) -> None:
    """A terse hand writes "- 14-02-2022: tổ chức ..." with no "Ngày" and no "đã": a done, dated action."""
    assert statuses(["I. KẾT QUẢ THỰC HIỆN", line], date="ngày 20 tháng 6 năm 2022") == [(Status.DONE, date)]


def test_a_bare_date_after_the_report_date_is_no_action() -> None:
    assert statuses(["III. NHIỆM VỤ THỜI GIAN TỚI", "- 15-7-2022: tổ chức hội nghị sơ kết."], date="ngày 20 tháng 6 năm 2022") != [(Status.DONE, dt.date(2022, 7, 15))]


@pytest.mark.parametrize(
    "line",
    [
        "Hưởng ứng Chương trình “Trái tim cho em” do Cụm phát động, cán bộ, công chức huyện đã ủng hộ 48 triệu đồng.",
        "Huyện đã quyên góp 120 triệu đồng cho Quỹ Vì người nghèo của Cụm.",
        "Cán bộ, công chức, viên chức đã đóng góp 01 ngày lương xây dựng nhà Đại đoàn kết.",
    ],
)
def test_giving_to_a_programme_is_an_action(line: str) -> None:
    """"ủng hộ", "quyên góp", "đóng góp" after "đã": the district did its part of a charity programme."""
    assert [s for s, _d in statuses(["I. KẾT QUẢ THỰC HIỆN", line])] == [Status.DONE]
