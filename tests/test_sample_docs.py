"""Checks on the bundled sample documents: every report has a well-formed hand-written expected file."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
REPORTS = SAMPLES / "reports"
PLAN_DIR = SAMPLES / "plan"
REPORT_EXTS = {".docx", ".doc", ".pdf"}

PLAN_ITEMS = {"Q1-1", "Q1-2", "Q1-3", "Q2-1", "Q2-2", "Q3-1", "Q3-2", "Q4-1", "Q4-2", "Q4-3"}
KINDS = {"Q1", "Q2", "Q3", "Q4", "6M", "9M", "Y", "OTHER"}
STATUSES = {"done", "in_progress", "not_done", "planned"}
AWARDS = {
    "huan_chuong", "bang_khen_thu_tuong", "co_thi_dua_chinh_phu", "bang_khen_tinh", "co_thi_dua_tinh",
    "chien_si_thi_dua_tinh", "chien_si_thi_dua_co_so", "giay_khen", "lao_dong_tien_tien",
    "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac",
}
RECIPIENTS = {"tap_the", "ca_nhan", "ho_gia_dinh"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def report_files() -> list[Path]:
    """Every sample report document (not the expected files)."""
    return sorted(p for p in REPORTS.iterdir() if p.suffix in REPORT_EXTS)


def expected_of(path: Path) -> dict:
    """The expected file beside a report."""
    return json.loads((path.parent / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def unit_names() -> set[str]:
    """Unit names declared in sample_docs/units.toml."""
    data = tomllib.loads((SAMPLES / "units.toml").read_text(encoding="utf-8"))
    return {u["name"] for u in data["unit"]}


def is_scan(path: Path) -> bool:
    """Scanned samples carry `_scan` in their name."""
    return path.suffix == ".pdf" and path.stem.endswith("_scan")


def is_tcvn3(path: Path) -> bool:
    """TCVN3 samples carry `_tcvn3` in their name."""
    return path.stem.endswith("_tcvn3")


def test_there_are_enough_reports():
    assert len(report_files()) >= 18


@pytest.mark.parametrize("path", report_files(), ids=lambda p: p.name)
def test_expected_file_is_well_formed(path: Path):
    exp = expected_of(path)
    assert set(exp) == {"unit", "period", "report_date", "tasks", "figures"}
    assert exp["unit"] in unit_names()
    assert exp["period"]["year"] == 2022 and set(exp["period"]) == {"year", "kind"}
    assert exp["period"]["kind"] in KINDS
    assert ISO_DATE.match(exp["report_date"])
    report_date = dt.date.fromisoformat(exp["report_date"])
    assert report_date.year == 2022
    seen = set()
    for task in exp["tasks"]:
        assert set(task) == {"plan_item", "status", "date"}
        assert task["plan_item"] in PLAN_ITEMS
        assert task["plan_item"] not in seen, f"{task['plan_item']} listed twice"
        seen.add(task["plan_item"])
        assert task["status"] in STATUSES
        if task["date"] is not None:
            when = dt.date.fromisoformat(task["date"])
            assert dt.date(2022, 1, 1) <= when <= report_date, "a task date falls outside the report's reach"
            assert task["status"] in {"done", "in_progress"}, "only work under way or done carries a date"
    metrics = set()
    for fig in exp["figures"]:
        assert set(fig) == {"metric", "value"}
        award, _, recipient = fig["metric"].partition(".")
        assert award in AWARDS and recipient in RECIPIENTS, fig["metric"]
        assert fig["metric"] not in metrics, f"{fig['metric']} listed twice (sum it once)"
        metrics.add(fig["metric"])
        assert isinstance(fig["value"], int) and fig["value"] > 0


def test_every_expected_file_has_its_report():
    stems = {p.stem for p in report_files()}
    for exp in REPORTS.glob("*.expected.json"):
        assert exp.name.removesuffix(".expected.json") in stems, exp.name


def test_head_only_items_come_from_the_head():
    """Q4-1 and Q4-2 belong to the cluster head (Hà Quảng) alone."""
    for path in report_files():
        exp = expected_of(path)
        items = {t["plan_item"] for t in exp["tasks"]}
        if exp["unit"] != "Hà Quảng":
            assert not items & {"Q4-1", "Q4-2"}, path.name


def test_coverage_of_units_kinds_and_formats():
    exps = {p: expected_of(p) for p in report_files()}
    assert {e["unit"] for e in exps.values()} == unit_names()
    assert {"Q1", "Q3", "6M", "9M", "Y", "OTHER"} <= {e["period"]["kind"] for e in exps.values()}
    paths = list(exps)
    assert sum(p.suffix == ".docx" and not is_tcvn3(p) for p in paths) >= 6
    assert sum(p.suffix == ".doc" and not is_tcvn3(p) for p in paths) >= 2
    assert sum(is_scan(p) for p in paths) >= 2
    assert sum(p.suffix == ".pdf" and not is_scan(p) for p in paths) >= 2
    assert any(is_tcvn3(p) for p in paths)


@pytest.mark.parametrize("path", [p for p in report_files() if is_scan(p)], ids=lambda p: p.name)
def test_scans_have_no_text_layer(path: Path):
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 1
        assert all(len(page.chars) == 0 for page in pdf.pages)
        assert all(page.images for page in pdf.pages)


@pytest.mark.parametrize("path", [p for p in report_files() if p.suffix == ".pdf" and not is_scan(p)],
                         ids=lambda p: p.name)
def test_text_pdfs_have_a_text_layer(path: Path):
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "BÁO CÁO" in text


@pytest.mark.parametrize("path", [p for p in report_files() if is_tcvn3(p)], ids=lambda p: p.name)
def test_tcvn3_files_name_vntime_and_hold_legacy_bytes(path: Path):
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        assert ".VnTime" in xml and ".VnTimeH" in xml
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    else:
        raw = path.read_bytes()
        assert b".VnTime" in raw or ".VnTime".encode("utf-16-le") in raw
        # Word 97 keeps a text piece as 8-bit or UTF-16 characters; look in both readings
        text = raw.decode("latin-1") + raw.decode("utf-16-le", errors="replace")
    # "Báo cáo" in TCVN3 is stored as "B¸o c¸o"; proper Unicode must not be there
    assert "¸o c¸o" in text or "B¸O C¸O" in text
    assert "báo cáo" not in text.lower()


def test_one_docx_mixes_decomposed_unicode():
    import unicodedata

    found = False
    for path in report_files():
        if path.suffix == ".docx" and not is_tcvn3(path):
            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
            if text != unicodedata.normalize("NFC", text) and text != unicodedata.normalize("NFD", text):
                found = True
    assert found


def test_plan_docx_layout():
    doc = docx.Document(PLAN_DIR / "ke_hoach_cum_thi_dua_2022.docx")
    head = doc.tables[0]
    assert "CỤM THI ĐUA CÁC HUYỆN MIỀN TÂY" in head.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head.cell(0, 1).text
    plan_tables = [t for t in doc.tables if len(t.columns) == 3]
    assert len(plan_tables) == 2
    first, second = plan_tables
    assert [c.text for c in first.rows[0].cells] == ["Số TT", "Nội dung công việc", "Đơn vị thực hiện"]
    cont = second.rows[0].cells
    assert cont[0].text == "" and cont[1].text == "kiện toàn Tổ giúp việc cho Cụm thi đua"
    numbered = [r.cells[0].text for t in plan_tables for r in t.rows if r.cells[0].text.isdigit()]
    assert numbered == ["1", "2", "3", "1", "2", "1", "2", "1", "2", "3"]
    q21 = first.rows[-1].cells[2]
    assert [p.text for p in q21.paragraphs] == ["- Trưởng Cụm", "- Các đơn vị trong Cụm thi đua"]


def test_plan_pdf_has_text_across_pages():
    with pdfplumber.open(PLAN_DIR / "ke_hoach_cum_thi_dua_2022.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) >= 2
    joined = "\n".join(pages)
    assert "Quý I/2022" in joined and "Phạm Xuân Tùng" in joined
    assert any(p.lstrip().startswith("kiện toàn Tổ giúp việc") for p in pages)
