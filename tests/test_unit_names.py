"""Unit names as headers lay them out: a long name broken over the lines of the issuer cell."""

from __future__ import annotations

from thidua.core.units import UnitSpec, find_units

UNITS = [
    UnitSpec("Sở Tài chính", "head"),
    UnitSpec("Sở Nông nghiệp và Môi trường", aliases=("Sở NN&MT",)),
    UnitSpec("Thị xã Quảng Yên"),
]


def test_a_name_broken_over_lines_is_found() -> None:
    text = "UBND TỈNH HÀ TĨNH\nSỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG\n_________"
    found = find_units(text, UNITS)
    assert [(u.name, text[s:e]) for u, s, e in found] == [("Sở Nông nghiệp và Môi trường", "SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG")]


def test_names_stay_whole_words() -> None:
    assert find_units("Sở Tài chính, Sở NN&MT và thị xã  Quảng Yên", UNITS)[-1][0].name == "Thị xã Quảng Yên"
    assert find_units("Sở Tài chínhh", UNITS) == []


def _scan(lines: list[str]):  # type: ignore[no-untyped-def]
    from thidua.core.document import Document, Paragraph, SourceFormat

    return Document("scan.pdf", SourceFormat.SCAN, [Paragraph(i, t, page=1) for i, t in enumerate(lines)], pages=1, ocr=True)


def test_the_recipients_list_in_paragraphs_never_votes_for_the_head() -> None:
    """"Nơi nhận:" then one paragraph per recipient, one cut by a signature line OCR read in between:
    the head named in the list is not the reporting unit; the motto OCR set inside the issuer is skipped."""
    from tests import test_report_extraction as rx

    lines = [
        "UBND TỈNH CAO BẰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "UBND HUYỆN BẢO Độc lập - Tự do - Hạnh phúc LẠC BÁO CÁO",
        "Số: 31/BC-UBND", "VIỆT NAM Bảo Lạc, ngày 20 tháng 6 năm 2022",
        "Kết quả công tác thi đua quý II năm 2022",
        "I. KẾT QUẢ", "Huyện đã tổ chức hội nghị triển khai phong trào thi đua.",
        "Nơi nhận: - Trưởng Cụm thi đua các", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "huyện miền Tây (UBND huyện Hà Quảng);", "- Lưu: VT.", "Nông Văn B",
    ]
    found = rx.extract_findings(_scan(lines), rx.UNITS)
    assert found.unit is not None and found.unit.value == "Bảo Lạc"
    assert found.period is not None and found.period.value.kind.value == "Q2"
