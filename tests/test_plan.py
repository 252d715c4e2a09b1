"""The plan importer: the seed plan as .docx and .pdf gives the same 10 items."""

from __future__ import annotations

import json
import datetime as dt

import pytest
from typer.testing import CliRunner

from thidua.cli.main import app
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from tests.conftest import PLAN_DOCX, PLAN_PDF

SEED_IDS = ["Q1-1", "Q1-2", "Q1-3", "Q2-1", "Q2-2", "Q3-1", "Q3-2", "Q4-1", "Q4-2", "Q4-3"]
UNITS = ["Hà Quảng", "Nguyên Bình", "Bảo Lạc", "Bảo Lâm", "Hòa An"]


@pytest.mark.parametrize("path", [PLAN_DOCX, PLAN_PDF], ids=["docx", "pdf"])
def test_seed_plan_items(path) -> None:
    spec = extract_plan(read_document(path), UNITS)
    assert spec.year == 2022
    assert [i.id for i in spec.items] == SEED_IDS
    items = {i.id: i for i in spec.items}
    # The row broken across the page belongs to Q2-1, not a new item.
    assert items["Q2-1"].content.endswith("Quyết định kiện toàn Tổ giúp việc cho Cụm thi đua")
    assert items["Q2-1"].responsible == "head_and_all"
    assert items["Q4-1"].responsible == "head"
    assert items["Q4-2"].responsible == "head"
    assert items["Q1-1"].responsible == "all"
    assert items["Q3-1"].due == "đầu tháng 7/2022"
    assert items["Q3-1"].due_date == dt.date(2022, 7, 10)
    assert items["Q3-2"].place == "huyện Hòa An"
    assert items["Q1-1"].due_date == dt.date(2022, 3, 31)
    assert len(items["Q2-1"].spans) == 2


def test_docx_and_pdf_agree() -> None:
    a = extract_plan(read_document(PLAN_DOCX), UNITS)
    b = extract_plan(read_document(PLAN_PDF), UNITS)
    strip = lambda spec: [{k: v for k, v in i.to_dict().items() if k != "spans"} for i in spec.items]  # noqa: E731
    assert strip(a) == strip(b)


def test_cli_import_and_show_json(settings) -> None:
    runner = CliRunner()
    for path in (PLAN_DOCX, PLAN_PDF):
        result = runner.invoke(app, ["plan", "import", str(path)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["plan", "show", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["items"]] == SEED_IDS
    for item in data["items"]:
        assert set(item) == {"id", "quarter", "number", "content", "responsible", "due", "place"}
    # Both files were kept in the originals store.
    stored = list((settings.originals_dir).rglob("*.*"))
    assert {p.suffix for p in stored} == {".docx", ".pdf"}


def _bad_files(tmp_path):
    missing = tmp_path / "khong_co.docx"
    text = tmp_path / "ghi_chu.docx"
    text.write_text("đây không phải tệp Word", encoding="utf-8")
    corrupt = tmp_path / "hong.docx"
    corrupt.write_bytes(PLAN_DOCX.read_bytes()[:3000])
    encrypted = tmp_path / "mat_khau.pdf"
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PLAN_PDF))
    writer.encrypt(user_password="bimat", owner_password="bimat")
    with open(encrypted, "wb") as fh:
        writer.write(fh)
    return {"missing": missing, "not-a-document": text, "corrupt": corrupt, "encrypted": encrypted}


@pytest.mark.parametrize("kind", ["missing", "not-a-document", "corrupt", "encrypted"])
def test_bad_input_one_clear_line(kind, settings, tmp_path) -> None:
    path = _bad_files(tmp_path)[kind]
    result = CliRunner().invoke(app, ["plan", "import", str(path)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: ") and str(path) in lines[0]
    assert "Traceback" not in result.output
    # Nothing written: no original stored, no plan.
    assert not settings.originals_dir.exists() or not any(settings.originals_dir.rglob("*.*"))
    show = CliRunner().invoke(app, ["plan", "show", "--json"])
    assert show.exit_code == 1


WORLD2_PLAN = PLAN_DOCX.parents[1] / "world2" / "plan" / "ke_hoach_cum_thi_dua_phia_bac_2023"
WORLD2_UNITS = ["Tràng Định", "Văn Lãng", "Bình Gia", "Bắc Sơn", "Văn Quan"]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_lead_and_cooperating_columns(suffix: str) -> None:
    """A plan laid out 'Thời gian thực hiện | Đơn vị chủ trì | Đơn vị phối hợp' (another cluster's)."""
    spec = extract_plan(read_document(WORLD2_PLAN.with_suffix(suffix)), WORLD2_UNITS)
    items = {i.id: i for i in spec.items}
    assert spec.year == 2023 and len(items) == 12
    # "Thời gian thực hiện" is the time column, not who carries the item out.
    assert items["Q4-3"].responsible == "head" and items["Q4-3"].responsible_text == "Cụm trưởng"
    assert items["Q4-3"].due_date == dt.date(2023, 12, 31)
    # "Cụm trưởng" leads and every member takes part: each member reports its part.
    assert items["Q1-2"].responsible == "head_and_all"
    assert "phối hợp: Các đơn vị thành viên" in items["Q1-2"].responsible_text
    # Members lead and the head only compiles: every member's task.
    assert items["Q1-1"].responsible == "all"
    assert items["Q2-1"].place == "huyện Bình Gia"
    assert items["Q1-1"].due_date == dt.date(2023, 1, 20)


WORLD3_PLAN = PLAN_DOCX.parents[1] / "world3" / "plan" / "ke_hoach_cum_thi_dua_so_3_2026"
WORLD3_UNITS = ["Mỹ Lâm", "An Tường", "Yên Sơn", "Kim Bình", "Tân Long", "Hùng Lợi"]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_commune_cluster_plan_place_in_partner_column(suffix: str) -> None:
    """A commune cluster's plan: 'Các xã, phường trong Cụm' is every member; 'Địa điểm' in the partner cell."""
    spec = extract_plan(read_document(WORLD3_PLAN.with_suffix(suffix)), WORLD3_UNITS)
    items = {i.id: i for i in spec.items}
    assert spec.year == 2026 and len(items) == 12
    assert sorted(items) == [f"Q{q}-{n}" for q in range(1, 5) for n in range(1, 4)]
    # The head leads, the communes and wards of the cluster take part: each member reports its part.
    assert items["Q1-2"].responsible == "head_and_all"
    assert items["Q1-2"].place == "phường Mỹ Lâm"
    assert items["Q4-3"].place == "phường An Tường"
    assert "Địa điểm" not in items["Q3-1"].responsible_text
    # Members lead ("UBND các xã, phường trong Cụm"), the head only compiles.
    assert items["Q1-1"].responsible == "all" and items["Q1-1"].place is None
    assert items["Q4-2"].due_date == dt.date(2026, 12, 5)


def test_named_communes_are_not_everyone() -> None:
    """'UBND các xã: Kim Bình, Yên Sơn' names some members; only '… trong Cụm' means all of them."""
    from thidua.extractors.plan import _responsibility

    assert _responsibility("UBND các xã: Kim Bình, Yên Sơn", WORLD3_UNITS) == ("units", ["Yên Sơn", "Kim Bình"])
    assert _responsibility("Cụm trưởng", WORLD3_UNITS, "UBND các xã Kim Bình, Tân Long")[0] == "head"
    assert _responsibility("Cụm trưởng", WORLD3_UNITS, "Các xã, phường trong Cụm")[0] == "head_and_all"


@pytest.mark.parametrize(("lead", "expected"), [
    ("Trưởng Khối", "head"), ("Khối trưởng (Sở Xây dựng)", "head"), ("Trưởng Khối thi đua", "head"),
    ("Trưởng Khối chủ trì, các đơn vị thành viên", "head_and_all"),
    ("Phó Trưởng Khối và các đơn vị trong Khối", "all"), ("Phó Trưởng Cụm", "all"),
])
def test_a_bloc_head_leads_like_a_cluster_head(lead: str, expected: str) -> None:
    """A bloc (Khối thi đua) names its head "Trưởng Khối"/"Khối trưởng"; a deputy ("Phó Trưởng Khối") is a member."""
    from thidua.extractors.plan import _responsibility

    assert _responsibility(lead, WORLD3_UNITS)[0] == expected


def _plan_doc(header: list[str], rows: list[list[str]]) -> "Document":
    """A one-table plan of an invented bloc, laid out with the given header and rows."""
    from thidua.core.document import Cell, Document, Paragraph, SourceFormat, Table

    grid = [header] + rows
    table = Table(1, [[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(grid)])
    title = Paragraph(0, "KẾ HOẠCH hoạt động của Khối thi đua năm 2025", bold=True)
    return Document("constructed_plan.docx", SourceFormat.DOCX, blocks=[title, table])


_BLOC = ["Sở Tài chính", "Sở Xây dựng", "Ban Dân tộc", "Sở Y tế"]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("Tháng 7 - 8/2025", dt.date(2025, 8, 31)),
        ("tháng 10-11 năm 2025", dt.date(2025, 11, 30)),
        ("Thang 4 – 6/2025", dt.date(2025, 6, 30)),
        ("Trong tháng 5 đến tháng 6/2025", dt.date(2025, 6, 30)),
        ("tháng 1, 2/2025", dt.date(2025, 2, 28)),
        ("Tháng 9-2025", dt.date(2025, 9, 30)),
        ("Tháng 3/2025", dt.date(2025, 3, 31)),
    ],
)
def test_due_month_range_ends_with_last_month(due: str, expected: dt.date) -> None:
    """A due month range ('Tháng 7 - 8/2025') ends on the last day of its last month."""
    doc = _plan_doc(
        ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian"],
        [["Quý III", "", "", ""], ["1", "Hội thao cán bộ công chức của Khối", "Trưởng Khối", due]],
    )
    item = extract_plan(doc, _BLOC).items[0]
    assert item.due_date == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Tại huyện Tân Kỳ", "huyện Tân Kỳ"),
        ("tai thanh pho Vinh", "thanh pho Vinh"),
        ("Sở Y tế đăng cai", "Sở Y tế"),
        ("Huyện Quỳ Hợp đăng cai tổ chức", "huyện Quỳ Hợp"),
        ("Đơn vị đăng cai: Ban Dân tộc", "Ban Dân tộc"),
        ("Tổ chức tại Sở Xây dựng; kèm kinh phí", "Sở Xây dựng"),
        ("Kèm minh chứng", None),
        ("Gửi bản mềm qua hộp thư điện tử", None),
    ],
)
def test_host_place_in_note_column(note: str, expected: str | None) -> None:
    """A host written in a 'Ghi chú' column ('Tại …', '… đăng cai') is the item's place."""
    doc = _plan_doc(
        ["STT", "Nội dung", "Đơn vị thực hiện", "Thời hạn", "Ghi chú"],
        [["Quý II", "", "", "", ""], ["1", "Giao lưu văn nghệ giữa các đơn vị", "Các đơn vị trong Khối", "Tháng 5/2025", note]],
    )
    item = extract_plan(doc, _BLOC).items[0]
    assert item.place == expected


def test_a_plan_under_lettered_quarter_headings_with_bracketed_numbers() -> None:
    """"A. QUÝ I (tháng 01 - tháng 3/2026)" over "(1) …", "(2) …" items, each with a "Thực hiện: …. Thời gian: …" line."""
    from thidua.core.document import Document, Paragraph, SourceFormat
    from thidua.extractors.plan import extract_plan

    lines = ["KẾ HOẠCH", "Hoạt động của Cụm thi đua năm 2026", "II. NỘI DUNG HOẠT ĐỘNG",
             "A. QUÝ I (tháng 01 - tháng 3/2026)",
             "(1) Các xã đăng ký giao ước thi đua năm 2026, gửi về Cụm trưởng.", "Thực hiện: Các xã trong Cụm. Thời gian: trước ngày 20/01/2026.",
             "(2) Tổ chức Hội nghị ký kết giao ước thi đua.", "Chủ trì: Cụm trưởng. Phối hợp: Các xã trong Cụm. Thời gian: tháng 02/2026.",
             "B. QUÝ II (tháng 4 - tháng 6/2026)",
             "(1) Các xã gửi báo cáo sơ kết 6 tháng về Cụm trưởng.", "Thực hiện: Các xã trong Cụm. Thời gian: trước ngày 15/6/2026.",
             "III. TỔ CHỨC THỰC HIỆN", "Các xã căn cứ Kế hoạch này thực hiện."]
    doc = Document("plan.docx", SourceFormat.DOCX, blocks=[Paragraph(i, t) for i, t in enumerate(lines)])
    items = {i.id: i for i in extract_plan(doc, [], 2026).items}
    assert list(items) == ["Q1-1", "Q1-2", "Q2-1"]
    assert items["Q1-1"].due_date == dt.date(2026, 1, 20) and items["Q1-2"].responsible == "head_and_all"
