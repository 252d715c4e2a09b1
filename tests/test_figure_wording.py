"""Award figures where wording and layout mislead: earlier years in brackets, totals over all awards,
verb syllables inside other words, others' numbers, and text a page break cut in two."""

from __future__ import annotations

import pytest

from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table
from thidua.extractors.nlp import get_nlp
from thidua.extractors.report import extract_findings
from thidua.extractors.report.wording import ABOUT_OTHERS
from thidua.core.units import fold_keep_length
from tests import test_report_extraction as rx


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # a total over every award, with last year's number in brackets: neither is a figure
        (
            ["- Chủ tịch UBND huyện công nhận danh hiệu Lao động tiên tiến cho 1.215 cá nhân.",
             "Tổng cộng: 164 tập thể, 1.412 cá nhân được khen thưởng (năm 2021: 1.098 cá nhân đạt danh hiệu Lao động tiên tiến)."],
            {"lao_dong_tien_tien.ca_nhan": 1215},
        ),
        (
            ["Chủ tịch UBND huyện tặng Giấy khen cho 40 cá nhân (trong năm 2021: 52 cá nhân được tặng Giấy khen)."],
            {"giay_khen.ca_nhan": 40},
        ),
        (
            ["Chủ tịch UBND tỉnh tặng Bằng khen cho 06 tập thể; năm 2021: 09 tập thể được tặng Bằng khen của Chủ tịch UBND tỉnh."],
            {"bang_khen_tinh.tap_the": 6},
        ),
        # a bracket that is not about another year keeps its award
        (["Tặng Giấy khen (khen thưởng đột xuất) cho 07 cá nhân."], {"giay_khen.ca_nhan": 7}),
        # the members' numbers, whatever the members are
        (["Các xã trong Cụm đã được tặng Giấy khen cho 85 cá nhân."], {}),
        (["Các phường thuộc Cụm được Chủ tịch UBND tỉnh tặng Bằng khen cho 12 tập thể."], {}),
    ],
)
def test_prose_counts_that_are_not_this_reports(sentences: list[str], expected: dict[str, int]) -> None:
    assert rx.figures(["II. KẾT QUẢ KHEN THƯỞNG", *sentences], date="ngày 16 tháng 12 năm 2022") == expected


def test_others_numbers_pattern_is_one_for_noise_and_figures() -> None:
    for text in ("các huyện trong Cụm", "các xã thuộc Cụm", "các Sở trong Khối", "toàn Cụm"):
        assert ABOUT_OTHERS.search(fold_keep_length(text)), text
    assert not ABOUT_OTHERS.search(fold_keep_length("các xã trên địa bàn huyện"))


@pytest.mark.parametrize(
    ("text", "verbs"),
    [
        ("Huyện vinh dự được UBND tỉnh tặng Cờ thi đua", ["tặng"]),
        ("Đã dự Hội nghị của Cụm", ["dự"]),
        ("Đã tham dự Hội nghị", ["tham", "dự"]),
        ("Chương trình công tác đã được ban hành", ["ban"]),
        ("Thư ký Hội đồng đã gửi báo cáo", ["gửi", "báo"]),
        ("Dự án đã hoàn thành", ["hoàn"]),
    ],
)
def test_verb_syllables_inside_other_words_are_no_verbs(text: str, verbs: list[str]) -> None:
    assert [t.text for t in get_nlp()(text) if t._.action_verb] == verbs


def test_vinh_du_award_received_is_a_figure_not_a_task() -> None:
    found = rx.findings_of(["2. Khen thưởng", "Huyện vinh dự được UBND tỉnh tặng Cờ thi đua năm 2021."])
    assert {f.metric: f.value for f in found.figures} == {"co_thi_dua_tinh.tap_the": 1}
    assert found.tasks == []


def _paged(blocks: list[Paragraph | Table], ocr: bool = True) -> Document:
    head = rx.report([]).blocks[:3]
    tail = rx.report([]).blocks[3:]
    out: list[Paragraph | Table] = []
    for b in [*head, *blocks, *tail]:
        b.index = len(out)
        if b.page is None:
            b.page = 1 if b in head else 2
        out.append(b)
    return Document("paged.pdf", SourceFormat.SCAN if ocr else SourceFormat.PDF, blocks=out, pages=2, ocr=ocr)


def _table(rows: list[list[str]], page: int) -> Table:
    return Table(-1, [[Cell(t, r, c, page=page) for c, t in enumerate(row)] for r, row in enumerate(rows)], page=page)


_HEAD = [["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Hộ gia đình"], ["(1)", "(2)", "(3)", "(4)", "(5)"]]


@pytest.mark.parametrize("repeated_head", [True, False])
def test_award_row_cut_by_a_page_break_keeps_its_label(repeated_head: bool) -> None:
    first = _table(_HEAD + [["1", "Giấy khen của Chủ tịch UBND huyện", "34", "112", "21"],
                            ["2", "Bằng khen của Chủ tịch", "06", "09", "02"]], page=1)
    # OCR reads the repeated header a little differently; the cut row's tail has no number of its own
    again = [["STT", "Hình thức khen thưỏng", "Tập thế", "Cá nhân", "Hộ gia đinh"], ["(1)", "(2)", "(3)", "(4)", "(5)"]]
    second = _table((again if repeated_head else []) + [["", "UBND tỉnh", "", "", ""],
                                                        ["3", "Lao động tiên tiến", "", "745", ""]], page=2)
    doc = _paged([Paragraph(-1, "II. KẾT QUẢ KHEN THƯỞNG", page=1), first, second])
    found = extract_findings(doc, rx.UNITS)
    got = {f.metric: f.value for f in found.figures}
    assert got == {
        "giay_khen.tap_the": 34, "giay_khen.ca_nhan": 112, "giay_khen.ho_gia_dinh": 21,
        "bang_khen_tinh.tap_the": 6, "bang_khen_tinh.ca_nhan": 9, "bang_khen_tinh.ho_gia_dinh": 2,
        "lao_dong_tien_tien.ca_nhan": 745,
    }


def test_a_row_with_its_own_number_is_not_a_cut_row() -> None:
    first = _table(_HEAD + [["1", "Bằng khen của Chủ tịch UBND tỉnh", "06", "09", ""]], page=1)
    second = _table([["", "Giấy khen của Chủ tịch UBND huyện", "12", "", ""]], page=2)
    doc = _paged([Paragraph(-1, "II. KẾT QUẢ KHEN THƯỞNG", page=1), first, second])
    got = {f.metric: f.value for f in extract_findings(doc, rx.UNITS).figures}
    assert got["bang_khen_tinh.tap_the"] == 6 and got["giay_khen.tap_the"] == 12


def test_award_sentence_cut_by_a_page_break_is_read_whole_with_both_spans() -> None:
    blocks: list[Paragraph | Table] = [
        Paragraph(-1, "II. KẾT QUẢ KHEN THƯỞNG", page=1),
        Paragraph(-1, "Chủ tịch UBND huyện tặng Giấy", page=1),
        Paragraph(-1, "khen cho 12 cá nhân có thành tích xuất sắc.", page=2),
    ]
    doc = _paged(blocks, ocr=False)
    (fig,) = extract_findings(doc, rx.UNITS).figures
    assert (fig.metric, fig.value) == ("giay_khen.ca_nhan", 12)
    assert doc.text_at(fig.span) == "12" and doc.blocks[fig.span.block].page == 2


def test_a_new_paragraph_on_the_next_page_is_not_joined() -> None:
    blocks: list[Paragraph | Table] = [
        Paragraph(-1, "II. KẾT QUẢ KHEN THƯỞNG", page=1),
        Paragraph(-1, "Chủ tịch UBND huyện tặng Giấy khen cho 12 cá nhân.", page=1),
        Paragraph(-1, "Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể", page=1),
        Paragraph(-1, "- Giấy khen: 05 tập thể", page=2),
    ]
    got = {f.metric: f.value for f in extract_findings(_paged(blocks, ocr=False), rx.UNITS).figures}
    assert got["giay_khen.ca_nhan"] == 12 and got["bang_khen_tinh.tap_the"] == 3


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # one named recipient and no number: 1, whatever the voice
        ("Thủ tướng Chính phủ tặng Bằng khen cho bà Hoàng Thị Mai, giáo viên Trường Tiểu học thị trấn.", {"bang_khen_thu_tuong.ca_nhan": 1}),
        ("Bằng khen của Thủ tướng Chính phủ được trao cho ông Lý Văn Hai, Bí thư Chi bộ thôn Nà Pài.", {"bang_khen_thu_tuong.ca_nhan": 1}),
        ("Đồng chí Hoàng Văn Sáu, nông dân xã Tân Mỹ, vinh dự được Thủ tướng Chính phủ tặng Bằng khen.", {"bang_khen_thu_tuong.ca_nhan": 1}),
        ("- Đ/c Lương Thị Hoa, Chủ tịch Hội Phụ nữ xã, được Thủ tướng Chính phủ tặng Bằng khen.", {"bang_khen_thu_tuong.ca_nhan": 1}),
        # an award by name in a clause with other numbers
        ("Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, 03 cá nhân và UBND tỉnh tặng Cờ thi đua cho xã Hoàng Việt.",
         {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 3, "co_thi_dua_tinh.tap_the": 1}),
        ("UBND tỉnh tặng Cờ thi đua cho Trường THCS thị trấn, Chủ tịch UBND tỉnh tặng Bằng khen cho 05 tập thể.",
         {"co_thi_dua_tinh.tap_the": 1, "bang_khen_tinh.tap_the": 5}),
        # not one named recipient: a count, a plural, a proposal, another member
        ("Thủ tướng Chính phủ tặng Bằng khen cho hai cá nhân.", {"bang_khen_thu_tuong.ca_nhan": 2}),
        ("UBND tỉnh tặng Cờ thi đua cho các xã dẫn đầu phong trào.", {}),
        ("Đề nghị UBND tỉnh tặng Cờ thi đua cho xã Hoàng Việt.", {}),
        ("UBND tỉnh tặng Cờ thi đua cho huyện Nguyên Bình.", {}),
    ],
)
def test_award_given_by_name_without_a_number(sentence: str, expected: dict[str, int]) -> None:
    assert rx.figures(["2. Khen thưởng", sentence]) == expected
