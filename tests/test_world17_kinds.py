"""World 17's kinds (a bloc of state companies, measured once as held out on 2026-12-07), invented cases:
words OCR or a typist glued, a collective named without a number, counts a scan without rules glued to
their notes, an abbreviation OCR split, a unit's name OCR scrambled over the header's lines."""

from __future__ import annotations

import pytest

from thidua.core.document import Document, Paragraph, SourceFormat
from thidua.core.text import glued_parts
from thidua.core.units import UnitSpec, find_units
from thidua.extractors.report import extract_findings
from thidua.extractors.report.ocr_words import repair_abbreviations
from tests import test_report_extraction as rx
from tests.test_abbreviated_and_scanned_awards import _found

GK, BK = "giay_khen", "bang_khen_tinh"


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("BKChútịchUBND", ["BK", "Chútịch", "UBND"]),
        ("GKTống", ["GK", "Tống"]),
        ("BKBộNN&PTNT", ["BK", "Bộ", "NN&PTNT"]),
        ("LĐTTnăm", ["LĐTT", "năm"]),
        ("UBNDtỉnh", ["UBND", "tỉnh"]),
        ("thếLĐTTnăm", ["thế", "LĐTT", "năm"]),
        # words that are one: abbreviations with a lower-case letter, all capitals, a dotted or dashed one
        ("ThS", ["ThS"]), ("ThS.", ["ThS."]), ("TTg", ["TTg"]), ("TTr", ["TTr"]), ("HĐND", ["HĐND"]), ("QĐ-UBND", ["QĐ-UBND"]), ("Cty", ["Cty"]),
    ],
)
def test_glued_words_come_apart_at_their_case_changes(word: str, parts: list[str]) -> None:
    """A run of capitals whose last one opens the lower-case syllable after it ("BKChú") is cut before it;
    one whose last capital cannot ("LĐTTnăm": no syllable opens "Tn") after it."""
    assert glued_parts(word) == parts


def test_a_glued_award_and_giver_in_a_scanned_table_name_the_award() -> None:
    """"BKChútịchUBND tỉnh" is the province's Bằng khen; "BKBộNN&PTNT" a ministry's (no figure)."""
    table = [["TT", "Hình thức khen thưởng", "Tập thể", "Cá nhân"],
             ["1", "BKChútịchUBND tỉnh", "02", "05"],
             ["2", "BKBộNN&PTNT", "01", "03"],
             ["3", "GKTống Giám đốc Cty", "04", "17"]]
    figs, _ = _found([table], ocr=True)
    assert figs == {f"{BK}.tap_the": 2, f"{BK}.ca_nhan": 5, f"{GK}.tap_the": 4, f"{GK}.ca_nhan": 17}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chủ tịch UBND tỉnh đã tặng Bằng khen cho tập thể Công ty và 03 cá nhân (Quyết định số 86/QĐ-UBND ngày 19/02/2022).",
         {f"{BK}.tap_the": 1, f"{BK}.ca_nhan": 3}),
        # no name after "tập thể": the words say nothing of how many
        ("Chủ tịch UBND tỉnh đã tặng Bằng khen cho tập thể và 03 cá nhân có thành tích xuất sắc.", {f"{BK}.ca_nhan": 3}),
        # a proposal names its collective the same way: still no figure
        ("Công ty đã trình đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho tập thể Phòng Kỹ thuật và 02 cá nhân, chưa có Quyết định.", {}),
    ],
)
def test_a_collective_named_without_a_number_beside_counted_individuals(sentence: str, expected: dict[str, int]) -> None:
    assert rx.figures(["II. KẾT QUẢ KHEN THƯỞNG", sentence]) == expected


def test_counts_a_scan_without_rules_glued_to_their_notes() -> None:
    """"118 QĐ 09/QĐ-…": the count, its note apart; "- Đã trình UBND tỉnh (TTr 05/TTr-…)" says the row's award
    was only submitted (a Tờ trình is no decision); a Công đoàn's Giấy khen is another body's."""
    table = [["TT Hình thức khen thưởng", "TT", "CN Số QĐ, ghi chú"],
             ["1 Danh hiệu Lao động tiên tiến năm 2021", "-", "131 QĐ 09/QĐ-CT ngày 12/01/2022"],
             ["2 Danh hiệu Chiến sĩ thi đua cơ sở năm 2021", "-", "08 QĐĐ 10/QĐ-CT ngày 12/01/2022"],
             ["3 GK Giám đốc Cty", "03", "12 QĐ 11/QĐ-CT ngày 12/01/2022"],
             ["4 Danh hiệu Tập thể lao động xuất sắc năm 2021", "02", "- Đã trình UBND tỉnh (TTr 05/TTr-CT)"]]
    figs, _ = _found([table, "- GK BCH Công đoàn Cty: 04 CN."], ocr=True)
    assert figs == {"lao_dong_tien_tien.ca_nhan": 131, "chien_si_thi_dua_co_so.ca_nhan": 8, f"{GK}.tap_the": 3, f"{GK}.ca_nhan": 12}


def test_an_abbreviation_ocr_split_with_a_space_is_joined() -> None:
    """"CSTĐC S (cá nhân)" is CSTĐCS, same length; two abbreviations side by side stay apart."""
    assert repair_abbreviations("CSTĐC S (cá nhân)") == "CSTĐCS  (cá nhân)"
    assert repair_abbreviations("TT CN") == "TT CN"


def test_a_unit_alias_with_a_space_ocr_lost() -> None:
    units = [UnitSpec("Xổ số kiến thiết", "head", ("Công ty XSKT Gia Lai",))]
    assert [u.name for u, _, _ in find_units("1 | Công tyXSKT Gia Lai (Trưởng Khối)", units)] == ["Xổ số kiến thiết"]


def test_a_unit_name_ocr_scrambled_over_the_header_lines() -> None:
    """"CHIÊNG BÁO CÁO" above "CÔNG TY TNHH MTV LÂM NGHIỆP KON Số: …": the name's last word on another line of
    the header still names the issuer, over the cluster head named in the body."""
    units = [UnitSpec("Lâm nghiệp Kon Chiêng", "member", ("Công ty Lâm nghiệp Kon Chiêng", "Lâm nghiệp Kon Chiêng")),
             UnitSpec("Xổ số kiến thiết", "head", ("Công ty XSKT Gia Lai",))]
    lines = ["UBND TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "CHIÊNG BÁO CÁO",
             "CÔNG TY TNHH MTV LÂM NGHIỆP KON Số: 38/BC-LN", "NAM Độc lập - Tự do - Hạnh phúc Mang Yang, ngày 25 tháng 3 năm 2022",
             "Kết quả công tác thi đua, khen thưởng quý I năm 2022",
             "1. Ngày 08/3/2022, PGĐ Cty dự Hội nghị ký kết giao ước thi đua tại Công ty XSKT Gia Lai.",
             "Nơi nhận:", "- Trưởng Khối (Công ty XSKT Gia Lai);", "- Lưu: VT."]
    doc = Document("scan.pdf", SourceFormat.SCAN, [Paragraph(i, t) for i, t in enumerate(lines)], pages=1, ocr=True)
    found = extract_findings(doc, units)
    assert found.unit is not None and found.unit.value == "Lâm nghiệp Kon Chiêng"


def test_a_garbled_provincial_bang_khen_header_and_a_zero_padded_derived_cell() -> None:
    """A head's table per member: "Băng khen của Chủ tịch UBND tỉ th" over TT | CN beside titles headed by their
    own names is the province's Bằng khen (a Chủ tịch UBND's Bằng khen is the province's); "U1" (a "01" OCR
    misread) is what the total leaves, two characters for a zero-padded one."""
    units = [UnitSpec("Hòa An", "member", ("huyện Hòa An", "Công ty Hòa An")), UnitSpec("Hà Quảng", "head", ("Công ty Hà Quảng",)),
             UnitSpec("Nguyên Bình", "member", ("Công ty Nguyên Bình",))]
    table = [["TT", "Đơn vị", "Giấy khen của Giám đốc", "Giấy khen của Giám đốc", "Băng khen của Chủ tịch UBND tỉ th", "Băng khen của Chủ tịch UBND tỉ th", "LĐTT"],
             ["TT", "Đơn vị", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân", "LĐTT (cá nhân)"],
             ["1", "Công ty Hòa An", "02", "09", "U1", "03", "64"],
             ["2", "Công ty Hà Quảng", "06", "21", "02", "02", "187"],
             ["3", "Công ty Nguyên Bình", "04", "20", "-", "-", "118"],
             ["", "Tổng cộng", "12", "50", "03", "05", "369"]]
    doc = rx.report(["II. KẾT QUẢ KHEN THƯỞNG", table], ocr=True)
    figs = {f.metric: f.value for f in extract_findings(doc, units).figures}
    assert figs == {f"{GK}.tap_the": 2, f"{GK}.ca_nhan": 9, f"{BK}.tap_the": 1, f"{BK}.ca_nhan": 3, "lao_dong_tien_tien.ca_nhan": 64}
