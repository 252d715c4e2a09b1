"""The original beside the value, from what the pipeline kept: page images with the found box,
Word tables as tables with all header rows, the download, and no tool run when a page is opened."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua.core.document import Cell, SourceFormat, Table
from thidua.core.settings import Settings
from thidua.extractors.readers import read_document
from thidua.models.artifacts import artifact_key, keep_read, kept_document, kept_page, page_key
from thidua.models.db import session_scope
from thidua.models.originals import OriginalsStore
from thidua.models.plans import register_source_file
from thidua.models.results import save_results
from thidua.models.tables import Finding, Report, SourceFile
from thidua.review.sources import NOT_KEPT, header_row_count, table_view
from tests.conftest import SAMPLE_DOCS
from tests.test_review import REPORT, Site, _finding_id, report_findings, site  # noqa: F401 - site is a fixture

#: Database tests here run on SQLite only (the store and the page, not the database, are under test).
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

TEXT_PDF = SAMPLE_DOCS / "reports" / "hoa_an_9m_2022.pdf"
SCAN = SAMPLE_DOCS / "reports" / "ha_quang_9m_2022_scan.pdf"


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    """No external tool on PATH, and any subprocess started is recorded (and refused)."""
    started: list[list[str]] = []
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    real_init = subprocess.Popen.__init__

    def refuse(self: subprocess.Popen, args, *a, **kw):  # type: ignore[no-untyped-def]
        started.append(list(args) if isinstance(args, (list, tuple)) else [str(args)])
        raise AssertionError(f"a page view started a process: {args}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    yield started
    monkeypatch.setattr(subprocess.Popen, "__init__", real_init)


def _store(settings: Settings) -> OriginalsStore:
    return OriginalsStore.from_settings(settings)


def _process_pdf(site: Site, path: Path) -> int:
    """A PDF through the pipeline's own stages (inbox, read in the sandbox, keep, save); its report id."""
    from thidua.flows.steps import default_claimer, handle_document, prepare_run
    from thidua.inbox import list_complete_files

    site.settings.inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, site.settings.inbox / path.name)
    ctx = prepare_run(site.settings, default_claimer())
    listing = list_complete_files(site.settings.inbox, settle_seconds=0, now=time.time() + 60)
    [entry] = [e for e in listing.complete if e.path.name == path.name]
    outcome = handle_document(entry, ctx)
    assert outcome.outcome in ("processed", "review"), outcome
    assert outcome.report_id is not None
    return outcome.report_id


# ---- stored artifacts -------------------------------------------------------------------------


@SQLITE
def test_keep_read_stores_document_and_page_images(settings: Settings) -> None:
    store = _store(settings)
    doc = read_document(TEXT_PDF)
    with session_scope(settings) as s:
        sf = register_source_file(s, TEXT_PDF, store)
        sha = sf.sha256
    keep_read(store, sha, TEXT_PDF, doc)
    root = Path(store.base)
    assert (root / artifact_key(sha, "document.json")).is_file()
    images = [kept_page(store, sha, n) for n in range(1, (doc.pages or 0) + 1)]
    assert doc.pages and all(img is not None and img[:3] == b"\xff\xd8\xff" for img in images)  # JPEG
    assert kept_page(store, sha, (doc.pages or 0) + 1) is None
    back = kept_document(store, sha)
    assert back is not None and back.to_json() == doc.to_json()
    # Rendered once: keeping the same bytes again does not render again (no tool is needed).
    stamp = (root / page_key(sha, 1)).stat().st_mtime_ns
    keep_read(store, sha, TEXT_PDF, doc)
    assert (root / page_key(sha, 1)).stat().st_mtime_ns == stamp


@SQLITE
def test_word_documents_keep_no_page_images(settings: Settings) -> None:
    store = _store(settings)
    with session_scope(settings) as s:
        sha = register_source_file(s, REPORT, store).sha256
    keep_read(store, sha, REPORT, read_document(REPORT))
    assert kept_document(store, sha) is not None
    assert kept_page(store, sha, 1) is None


@SQLITE
def test_a_scan_keeps_its_page_images_and_ocr_boxes(settings: Settings) -> None:
    store = _store(settings)
    doc = read_document(SCAN)
    with session_scope(settings) as s:
        sha = register_source_file(s, SCAN, store).sha256
    keep_read(store, sha, SCAN, doc)
    kept = kept_document(store, sha)
    assert kept is not None and kept.format == SourceFormat.SCAN
    assert any(p.words for p in kept.paragraphs())
    assert all(kept_page(store, sha, n) for n in range(1, (doc.pages or 0) + 1))


# ---- tables as tables -------------------------------------------------------------------------


def _table(rows: list[list[str]], merged: set[tuple[int, int]] = set()) -> Table:
    return Table(0, [[Cell(t, r, c, (r, c) in merged) for c, t in enumerate(row)] for r, row in enumerate(rows)])


def test_header_rows_are_all_rows_before_the_first_data_row() -> None:
    t = _table(
        [
            ["STT", "Hình thức", "Số lượng", "Số lượng"],
            ["STT", "Hình thức", "Tập thể", "Cá nhân"],
            ["(1)", "(2)", "(3)", "(4)"],
            ["1", "Bằng khen", "3", "5"],
            ["2", "Giấy khen", "10", "42"],
        ],
        merged={(0, 3), (1, 0), (1, 1)},
    )
    assert header_row_count(t) == 3
    view = table_view(t, (4, 3))
    [top, sub, numbers] = view.rows[:3]
    assert top is not None and [(c.text, c.colspan, c.rowspan) for c in top] == [("STT", 1, 2), ("Hình thức", 1, 2), ("Số lượng", 2, 1)]
    assert sub is not None and [c.text for c in sub] == ["Tập thể", "Cá nhân"]
    assert numbers is not None and all(c.header for c in numbers)
    found = [c for row in view.rows if row for c in row if c.found]
    assert [(c.text, c.label) for c in found] == [("42", "hàng 5, cột 4")]


def test_a_long_table_keeps_its_headers_and_the_rows_around_the_finding() -> None:
    rows = [["TT", "Nội dung"], ["", "(nêu rõ)"]] + [[str(i), f"việc {i}"] for i in range(1, 80)]
    view = table_view(_table(rows), (60, 1))
    assert view.header_rows == 2
    texts = [row[1].text if row else None for row in view.rows]
    assert texts[:2] == ["Nội dung", "(nêu rõ)"] and None in texts
    assert "việc 59" in texts and "việc 1" not in texts and len(texts) < 20


# ---- the finding page -------------------------------------------------------------------------


@SQLITE
def test_word_table_finding_shows_the_table_with_all_headers_and_the_cell(site: Site, no_tools: list) -> None:
    c = site.login()
    fid = _finding_id(site, "bang_khen_tinh.tap_the")
    html = c.get(f"/findings/{fid}").text
    table_html = html[html.index('id="source-table"') : html.index("</table>", html.index('id="source-table"'))]
    thead = table_html[table_html.index("<thead>") : table_html.index("</thead>")]
    assert thead.count("<tr>") >= 1
    m = re.search(r'<td[^>]*class="found-cell"[^>]*>([^<]*)</td>', table_html)
    assert m and m.group(1) == "03"
    assert 'title="hàng 4, cột 3"' in m.group(0)
    assert "hàng 4, cột 3" in html  # the place, named the same way
    assert 'id="download-original"' in html
    assert no_tools == []


@SQLITE
def test_word_table_header_rows_are_the_documents(site: Site) -> None:
    with site.session() as s:
        sf = s.scalars(select(SourceFile).where(SourceFile.original_name == REPORT.name)).one()
        doc = kept_document(_store(site.settings), sf.sha256)
    assert doc is not None
    table = doc.blocks[18]
    assert isinstance(table, Table)
    n = header_row_count(table)
    assert 1 <= n < len(table.rows)
    html = site.login().get(f"/findings/{_finding_id(site, 'bang_khen_tinh.tap_the')}").text
    thead = html[html.index("<thead>", html.index('id="source-table"')) : html.index("</thead>")]
    for row in table.rows[:n]:
        for cell in row:
            if cell.text.strip():
                assert cell.text in thead.replace("&#34;", '"')


@SQLITE
def test_download_is_the_original_under_its_name_for_logged_in_users_only(site: Site) -> None:
    with site.session() as s:
        sf = s.scalars(select(SourceFile).where(SourceFile.original_name == REPORT.name)).one()
        sid = sf.id
    anonymous = site.client().get(f"/sources/{sid}/original")
    assert anonymous.status_code == 303 and "/login" in anonymous.headers["location"]
    r = site.login().get(f"/sources/{sid}/original")
    assert r.status_code == 200
    assert r.content == REPORT.read_bytes()
    assert r.headers["content-disposition"].startswith("attachment;") and REPORT.name in r.headers["content-disposition"]
    assert "wordprocessingml" in r.headers["content-type"]
    assert site.login().get("/sources/999999/original").status_code == 404
    assert site.login().get(f"/sources/{2**40}/original").status_code in (400, 404, 422)


@SQLITE
def test_pdf_finding_shows_its_page_image_with_the_box_and_runs_no_tool(site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    report_id = _process_pdf(site, TEXT_PDF)
    with site.session() as s:
        f = s.scalars(select(Finding).where(Finding.report_id == report_id, Finding.kind == "task")).first()
        assert f is not None and f.page is not None and f.extra.get("bbox")
        fid, page, bbox, sid = f.id, f.page, f.extra["bbox"], s.get(Report, report_id).source_file_id
    c = site.login()
    # From here on, no tool may run: PATH is empty and starting a process fails the test.
    started: list = []
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(subprocess.Popen, "__init__", lambda self, args, *a, **k: started.append(args) or (_ for _ in ()).throw(AssertionError(args)))
    t0 = time.perf_counter()
    html = c.get(f"/findings/{fid}").text
    assert f'src="/sources/{sid}/pages/{page}"' in html
    assert f'data-box="{bbox[0]} {bbox[1]} {bbox[2]} {bbox[3]}"' in html
    img = c.get(f"/sources/{sid}/pages/{page}")
    assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg" and img.content[:3] == b"\xff\xd8\xff"
    assert c.get(f"/sources/{sid}/pages/99").status_code == 404
    assert started == []
    assert time.perf_counter() - t0 < 5  # no reading: this is a page view, not a benchmark


@SQLITE
def test_a_report_processed_before_readings_were_kept_shows_its_stored_text(settings: Settings, no_tools: list) -> None:
    from tests.test_review import Clock, seed

    seed_site = Site(settings, Clock())
    seed(settings)
    with session_scope(settings) as s:
        # A report saved the old way: the original kept, its reading not.
        old = SAMPLE_DOCS / "reports" / "hoa_an_q1_2022.docx"
        sf = register_source_file(s, old, settings.originals_dir, status="processed")
        findings = report_findings(read_document(REPORT))  # python-docx: no tool needed
        rid = save_results(s, sf, findings).id
        f = s.scalars(select(Finding).where(Finding.report_id == rid, Finding.kind == "figure")).first()
        fid, text = f.id, f.text
    html = seed_site.login().get(f"/findings/{fid}").text
    assert NOT_KEPT.split(",")[0] in html
    assert text in html.replace("&#34;", '"')
    assert "hàng 4, cột 3" in html  # the place is known from the stored finding
    assert 'id="page-img"' not in html and 'id="source-table"' not in html
    assert no_tools == []


@SQLITE
def test_history_names_the_cell_the_same_way(site: Site) -> None:
    from tests.test_review import form_of

    c = site.login()
    fid = _finding_id(site, "bang_khen_tinh.tap_the")
    form = form_of(c, f"/findings/{fid}")
    r = c.post(f"/findings/{fid}/decide", data={**form, "action": "accept"})
    assert r.status_code == 303, r.text
    html = c.get("/history").text
    assert "hàng 4, cột 3" in html
