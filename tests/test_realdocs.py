"""Readers on real public files: legacy TCVN3/VNI conversion against verified transcripts,
legacy Word through LibreOffice, signed scans through OCR; converter unit tests; tool errors."""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path

import docx
import pytest

from thidua.extractors.doc_reader import read_doc
from thidua.core.document import Document, SourceFormat
from thidua.core.errors import CorruptDocumentError, EncryptedDocumentError, MissingToolError
from thidua.extractors.legacy import (
    TCVN3,
    VNI,
    detect_encoding,
    fix_legacy_encoding,
    font_encoding,
    is_capitals_font,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from thidua.extractors.ocr import ocr_confidence, read_scanned_pdf
from thidua.extractors.quality import character_accuracy
from thidua.extractors.readers import read_document
from thidua.core.text import fold, normalize_text

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"real documents folder {REALDOCS} is absent")

#: The lowest character accuracy measured on the legacy files was 0.9889 (TCVN3 .doc, where the
#: transcript writes .VnTimeH words in lower case while the font shows capitals).
LEGACY_MIN_ACCURACY = 0.98


def _files(*suffixes: str) -> list[Path]:
    if not REALDOCS.is_dir():
        return []
    return sorted(p for p in REALDOCS.iterdir() if p.suffix.lower() in suffixes)


def _legacy_files() -> list[Path]:
    out = []
    for gt in sorted(REALDOCS.glob("*.groundtruth.txt")) if REALDOCS.is_dir() else []:
        stem = gt.name.removesuffix(".groundtruth.txt")
        out += [p for p in _files(".doc", ".docx", ".pdf") if p.stem == stem]
    return out


@lru_cache(maxsize=None)
def _read(path: Path) -> Document:
    return read_document(path)


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


# --- every real file -------------------------------------------------------------------------
@pytest.mark.parametrize("path", _files(".doc", ".docx", ".pdf"), ids=_ids(_files(".doc", ".docx", ".pdf")))
def test_every_real_file_reads(path: Path):
    doc = _read(path)
    assert doc.source == path.name
    assert sum(len(b.text) for b in doc.blocks) > 200, "almost no text read"
    text = doc.full_text
    # Vietnamese, readable: Unicode letters with diacritics, and no legacy-looking leftovers.
    assert any(ch in text for ch in "ạảấầậắằặẹẻếềệịọỏốồộớờợụủứừựỳỷđ")
    assert detect_encoding(text) is None, "text still looks like a legacy encoding"


# --- legacy encodings against transcripts ----------------------------------------------------
@pytest.mark.parametrize("path", _legacy_files(), ids=_ids(_legacy_files()))
def test_legacy_file_matches_its_transcript(path: Path):
    doc = _read(path)
    expected_encoding = TCVN3 if "_tcvn3" in path.stem else VNI
    assert doc.legacy_encoding == expected_encoding
    truth = (REALDOCS / f"{path.stem}.groundtruth.txt").read_text(encoding="utf-8")
    # The transcripts keep old-style tone placement ("hoà"); readers emit the new style.
    accuracy = character_accuracy(normalize_text(truth), doc.full_text)
    print(f"\n{path.name}: character accuracy {accuracy:.4f} ({expected_encoding})")
    assert accuracy >= LEGACY_MIN_ACCURACY
    assert any("bảng mã cũ" in w or "phông chữ mã" in w for w in doc.warnings)


def test_tcvn3_uppercase_font_words_come_out_in_capitals():
    doc = _read(REALDOCS / "other_cantho_qd256_2004_cchc_tcvn3.doc")
    # The title is set in .VnTimeH (Heading 1); the normal font spells the same words in lower case.
    assert "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ" in doc.full_text
    assert "Thủ tướng Chính phủ" in doc.full_text  # "ư" is TCVN3's soft-hyphen code 0xAD
    assert "tưướng" not in doc.full_text  # Word's optional hyphen next to it is not a second "ư"


def test_tcvn3_pdf_reads_u_horn_drawn_as_minus():
    doc = _read(REALDOCS / "report_mpi_bc_sxkd_cong_nghiep_thang2_2007_tcvn3.pdf")
    assert "ước đạt" in doc.full_text
    assert "\u2212" not in doc.full_text
    assert doc.format is SourceFormat.PDF and doc.pages == 4


# --- legacy Word through LibreOffice ---------------------------------------------------------
@pytest.mark.parametrize("path", _files(".doc"), ids=_ids(_files(".doc")))
def test_doc_files_read_through_libreoffice(path: Path):
    doc = _read(path)
    assert doc.format is SourceFormat.DOC
    reference = REALDOCS / f"{path.stem}.txt"
    if reference.exists():
        accuracy = character_accuracy(normalize_text(reference.read_text(encoding="utf-8")), doc.full_text)
        print(f"\n{path.name}: character accuracy against its .txt {accuracy:.4f}")
        # The .txt renderings draw tables with ASCII rules and keep footnotes: a looser bound.
        assert accuracy >= 0.7


def test_corrupt_doc_is_refused(tmp_path: Path):
    bad = tmp_path / "hong.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    with pytest.raises(CorruptDocumentError) as err:
        read_document(bad)
    assert "hong.doc" in str(err.value)


def test_encrypted_doc_is_refused(tmp_path: Path):
    import olefile

    enc = tmp_path / "mat_khau.doc"
    shutil.copyfile(REALDOCS / "other_quangbinh_qd_tang_bang_khen_2022_draft.doc", enc)
    with olefile.OleFileIO(str(enc), write_mode=True) as ole:
        data = bytearray(ole.openstream("WordDocument").read())
        data[11] |= 0x01  # FIB flags bit 0x0100: fEncrypted
        ole.write_stream("WordDocument", bytes(data))
    with pytest.raises(EncryptedDocumentError) as err:
        read_document(enc)
    assert "mật khẩu" in str(err.value) and "mat_khau.doc" in str(err.value)


def test_missing_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    with pytest.raises(MissingToolError) as err:
        read_doc(REALDOCS / "other_quangbinh_qd_tang_bang_khen_2022_draft.doc")
    assert err.value.tool == "libreoffice"
    assert "apt-get install libreoffice-writer-nogui" in str(err.value)


# --- scans through OCR -----------------------------------------------------------------------
_SCANS = [p for p in _files(".pdf") if p.stem.endswith("_scan")]
_COMMON = ("uy ban", "quyet dinh", "khen thuong", "to trinh", "ke hoach", "cong hoa xa hoi chu nghia viet nam")


@pytest.mark.parametrize("path", _SCANS, ids=_ids(_SCANS))
def test_scans_are_read_with_ocr(path: Path):
    doc = _read(path)
    assert doc.format is SourceFormat.SCAN and doc.ocr
    assert doc.pages and doc.pages >= 1
    assert {b.page for b in doc.blocks} == set(range(1, min(doc.pages, 20) + 1))
    folded = fold(doc.full_text)
    assert sum(w in folded for w in _COMMON) >= 2
    confidence = ocr_confidence(doc)
    assert confidence is not None and 50 <= confidence <= 100
    # Another (uncorrected) OCR reading of the same scan: the two should broadly agree.
    other = REALDOCS / f"{path.stem}.ocr.txt"
    agreement = character_accuracy(normalize_text(other.read_text(encoding="utf-8")), doc.full_text)
    print(f"\n{path.name}: OCR confidence {confidence:.0f}%, agreement with .ocr.txt {agreement:.4f}")
    assert agreement >= 0.7


def test_ocr_page_limit_is_reported():
    path = REALDOCS / "plan_quangbinh_kh_thu_thap_tt_lao_dong_2024_scan.pdf"
    doc = read_scanned_pdf(path, max_pages=1)
    assert {b.page for b in doc.blocks} == {1}
    assert doc.pages and doc.pages > 1
    assert any("THIDUA_OCR_MAX_PAGES" in w for w in doc.warnings)


def test_missing_tesseract_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "pdftoppm").symlink_to(shutil.which("pdftoppm"))
    monkeypatch.setenv("PATH", str(bindir))
    with pytest.raises(MissingToolError) as err:
        read_scanned_pdf(_SCANS[0])
    assert err.value.tool == "tesseract"
    assert "tesseract-ocr-vie" in str(err.value) and _SCANS[0].name in str(err.value)


def test_missing_vietnamese_ocr_data_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder without vie
    with pytest.raises(MissingToolError) as err:
        read_scanned_pdf(_SCANS[0])
    assert err.value.tool == "tesseract-ocr-vie"
    assert "tiếng Việt" in str(err.value)


# --- converters on short strings (taken from the real files above) ---------------------------
@pytest.mark.parametrize(
    "legacy, unicode",
    [
        ("Céng hßa x· héi chñ nghÜa viÖt nam", "Cộng hòa xã hội chủ nghĩa việt nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Thñ t\u00adíng ChÝnh phñ", "Thủ tướng Chính phủ"),
        ("gi¸ trÞ s¶n xuÊt c«ng nghiÖp (GTSXCN) \u2212íc ®¹t", "giá trị sản xuất công nghiệp (GTSXCN) ước đạt"),
        ("khu vùc cã vèn ®Çu t\u2212 n\u2212íc ngoµi", "khu vực có vốn đầu tư nước ngoài"),
        ("10 \u2212 5", "10 \u2212 5"),  # a real minus between numbers stays
    ],
)
def test_tcvn3_converter(legacy: str, unicode: str):
    assert normalize_text(tcvn3_to_unicode(legacy)) == unicode


def test_tcvn3_capitals_font():
    assert tcvn3_to_unicode("QUYÕT §ÞNH cña ñY BAN", capitals=True) == "QUYẾT ĐỊNH CỦA ỦY BAN"


@pytest.mark.parametrize(
    "legacy, unicode",
    [
        ("COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp – Töï do – Haïnh phuùc", "Độc lập – Tự do – Hạnh phúc"),
        ("Soá: 991/QÑ-UBND Ñoàng Xoaøi", "Số: 991/QĐ-UBND Đồng Xoài"),
        ("Thuû töôùng Chính phuû; ñòa baøn", "Thủ tướng Chính phủ; địa bàn"),
        ("TÆNH BÌNH PHÖÔÙC", "TỈNH BÌNH PHƯỚC"),
        ("naêm hoïc; ñaëc ñieåm; quyeàn haïn", "năm học; đặc điểm; quyền hạn"),
    ],
)
def test_vni_converter(legacy: str, unicode: str):
    assert normalize_text(vni_to_unicode(legacy)) == unicode


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", TCVN3),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", VNI),
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", None),
        ("Hoà thuận, thuý, hoá đơn, giá cả", None),  # old-style Unicode tone placement is not VNI
        ("Report for Q1 2022 «draft» © 2022", None),
        ("Nguyễn Văn A, 05 tập thể", None),
    ],
)
def test_encoding_detection_from_text(text: str, expected: str | None):
    assert detect_encoding(text) == expected


def test_font_names():
    assert font_encoding(".VnTime") == TCVN3
    assert font_encoding("CCBOCO+.VnTimeH") == TCVN3 and is_capitals_font("CCBOCO+.VnTimeH")
    assert is_capitals_font("AARIQC+.VnTimeH,Bold") and not is_capitals_font(".VnTime")
    assert font_encoding("VNI-Times") == VNI
    assert font_encoding("Times New Roman") is None and font_encoding("Verdana") is None


def test_fix_legacy_encoding_by_statistics_when_fonts_are_unknown():
    from thidua.core.document import Paragraph

    doc = Document(source="x.pdf", format=SourceFormat.PDF)
    doc.blocks = [
        Paragraph(0, "Céng hßa x· héi chñ nghÜa ViÖt Nam"),
        Paragraph(1, "B¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô n¨m 2022"),
        Paragraph(2, "Tổng số 05 tập thể"),  # a Unicode line in the same file stays as it is
    ]
    fix_legacy_encoding(doc)
    assert doc.legacy_encoding == TCVN3
    assert [b.text for b in doc.blocks] == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Báo cáo kết quả thực hiện nhiệm vụ năm 2022",
        "Tổng số 05 tập thể",
    ]


# --- a Unicode file that still names .VnTime is not converted twice ---------------------------
def test_unicode_docx_naming_vntime_is_not_converted(tmp_path: Path):
    wd = docx.Document()
    wd.styles["Normal"].font.name = ".VnTime"
    lines = [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Hòa An, ngày 20 tháng 6 năm 2022",
        "hòa",  # a run of Latin-1 letters only: TCVN3 would read it as "hũa"
        "Tặng Bằng khen cho 05 tập thể và 04 cá nhân",
    ]
    for line in lines:
        run = wd.add_paragraph().add_run(line)
        run.font.name = ".VnTime"
    path = tmp_path / "unicode_vntime.docx"
    wd.save(str(path))
    doc = read_document(path)
    assert ".VnTime" in doc.fonts
    assert doc.legacy_encoding is None
    assert [b.text for b in doc.blocks] == lines


def test_tcvn3_docx_with_vntime_runs_is_converted(tmp_path: Path):
    wd = docx.Document()
    for text, font in [("Céng hßa x· héi chñ nghÜa ViÖt Nam", ".VnTime"), ("b¸o c¸o", ".VnTimeH")]:
        wd.add_paragraph().add_run(text).font.name = font
    p = wd.add_paragraph()
    p.add_run("Tổng số: ").font.name = "Times New Roman"  # retyped in Unicode, modern font
    p.add_run("05 tËp thÓ").font.name = ".VnTime"
    path = tmp_path / "tcvn3.docx"
    wd.save(str(path))
    doc = read_document(path)
    assert doc.legacy_encoding == TCVN3
    assert [b.text for b in doc.blocks] == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "BÁO CÁO", "Tổng số: 05 tập thể"]
