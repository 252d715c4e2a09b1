"""The original beside the value in a real browser (Debian chromium through Playwright).

Reports go through the pipeline's own stages (inbox, reader process, kept reading, save); the
finding page then shows the page image with the found span's box over it (text PDF and scan),
a Word table with the found cell highlighted, and the original downloads under its own name.
Screenshots go to /tmp/thidua-source-*.png.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua.core.settings import Settings
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS
from tests.test_review_browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD, SHOTS, serve

WORD = SAMPLE_DOCS / "reports" / "hoa_an_6m_2022.docx"
TEXT_PDF = SAMPLE_DOCS / "reports" / "hoa_an_9m_2022.pdf"
SCAN = SAMPLE_DOCS / "reports" / "ha_quang_9m_2022_scan.pdf"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
    pytest.mark.parametrize("db_url", ["sqlite"], indirect=True),
]


@pytest.fixture
def live_site(settings: Settings) -> Iterator[str]:
    """The seed plan, three reports (Word, text PDF, scan) through the pipeline, a reviewer, a live server."""
    from thidua.core.units import load_units
    from thidua.extractors.plan import extract_plan
    from thidua.extractors.readers import read_document
    from thidua.flows.steps import default_claimer, handle_document, prepare_run
    from thidua.inbox import list_complete_files
    from thidua.models.db import session_scope
    from thidua.models.plans import register_source_file, save_plan, sync_units
    from thidua.review.security import create_user

    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN_DOCX), [u.name for u in units])
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))
        create_user(s, "lan", PASSWORD, "reviewer")
    settings.inbox.mkdir(parents=True, exist_ok=True)
    for path in (WORD, TEXT_PDF, SCAN):
        shutil.copy(path, settings.inbox / path.name)
    ctx = prepare_run(settings, default_claimer())
    listing = list_complete_files(settings.inbox, settle_seconds=0, now=time.time() + 60)
    for entry in listing.complete:
        outcome = handle_document(entry, ctx)
        assert outcome.outcome in ("processed", "review"), outcome

    with serve(settings) as base:
        yield base


def _finding(settings: Settings, file_name: str, *, in_table: bool | None = None, kind: str | None = None) -> tuple[int, list[float] | None]:
    """(id, stored box) of a finding of the current report read from a file."""
    from thidua.models.db import session_scope
    from thidua.models.tables import Finding, Report, SourceFile

    with session_scope(settings) as s:
        q = (
            select(Finding)
            .join(Report, Finding.report_id == Report.id)
            .join(SourceFile, Report.source_file_id == SourceFile.id)
            .where(SourceFile.original_name == file_name, Finding.kind.in_([kind] if kind else ["task", "figure"]))
            .order_by(Finding.id)
        )
        for f in s.scalars(q):
            if in_table is None or (f.row is not None) == in_table:
                return f.id, (f.extra or {}).get("bbox")
    raise AssertionError(f"no finding in {file_name}")


def _login(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "lan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/**")


def _check_box_over_image(page, bbox: list[float]) -> None:  # type: ignore[no-untyped-def]
    """The highlighted box is shown, in view, where the span's fractions put it on the rendered image."""
    from playwright.sync_api import expect

    page.wait_for_function("() => { const i = document.getElementById('page-img'); return i && i.complete && i.naturalWidth > 0; }")
    box = page.locator(".hl-box").first
    expect(box).to_be_visible()
    expect(box).to_be_in_viewport()
    img = page.locator("#page-img").bounding_box()
    got = box.bounding_box()
    assert img is not None and got is not None
    x0, top, x1, bottom = bbox
    assert abs(got["x"] - (img["x"] + x0 * img["width"])) < 3
    assert abs(got["y"] - (img["y"] + top * img["height"])) < 3
    assert abs(got["width"] - (x1 - x0) * img["width"]) < 3
    assert abs(got["height"] - (bottom - top) * img["height"]) < 3
    assert got["width"] > 4 and got["height"] > 4


def test_text_pdf_and_scan_show_the_page_with_the_found_box(live_site: str, settings: Settings) -> None:
    from playwright.sync_api import sync_playwright

    pdf_id, pdf_box = _finding(settings, TEXT_PDF.name, kind="task")
    scan_id, scan_box = _finding(settings, SCAN.name)
    assert pdf_box and scan_box
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            _login(page, live_site)
            page.goto(f"{live_site}/findings/{pdf_id}")
            _check_box_over_image(page, pdf_box)
            page.screenshot(path=str(SHOTS / "thidua-source-pdf.png"))
            page.goto(f"{live_site}/findings/{scan_id}")
            _check_box_over_image(page, scan_box)
            page.screenshot(path=str(SHOTS / "thidua-source-scan.png"))
        finally:
            browser.close()


def test_word_table_cell_is_highlighted_and_the_original_downloads(live_site: str, settings: Settings, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    fid, _ = _finding(settings, WORD.name, in_table=True, kind="figure")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN", accept_downloads=True)
            _login(page, live_site)
            page.goto(f"{live_site}/findings/{fid}")
            cell = page.locator("#source-table .found-cell")
            expect(cell).to_have_count(1)
            expect(cell).to_be_visible()
            label = cell.get_attribute("title") or ""
            assert label.startswith("hàng ") and ", cột " in label
            expect(page.locator(".source .where")).to_contain_text(label)
            colour = cell.evaluate("el => getComputedStyle(el).backgroundColor")
            plain = page.locator("#source-table tbody td:not(.found-cell)").first.evaluate("el => getComputedStyle(el).backgroundColor")
            assert colour != plain
            assert page.locator("#source-table thead tr").count() >= 2  # every header row, not only the first
            page.screenshot(path=str(SHOTS / "thidua-source-word-table.png"))
            with page.expect_download() as info:
                page.click("#download-original")
            download = info.value
            assert download.suggested_filename == WORD.name
            saved = tmp_path / "downloaded.docx"
            download.save_as(saved)
            assert saved.read_bytes() == WORD.read_bytes()
        finally:
            browser.close()
