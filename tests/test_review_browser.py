"""The review page in a real browser (Debian chromium through Playwright), against the real pipeline.

A reviewer logs in, corrects the status the machine found for a plan item, the report is then
processed again by the pipeline's stages (new report, new finding rows), and the page still
shows the reviewer's value in force. Screenshots go to /tmp/thidua-review-*.png.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua.core.settings import Settings
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS

CHROMIUM = Path("/usr/bin/chromium")
REPORT = SAMPLE_DOCS / "reports" / "hoa_an_6m_2022.docx"
PASSWORD = "mat-khau-trinh-duyet-1"
SHOTS = Path("/tmp")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_inbox_once(settings: Settings) -> None:
    """One pass of the inbox flow's per-document stage over the inbox (no Prefect needed here)."""
    from thidua.flows.steps import default_claimer, handle_document, prepare_run
    from thidua.inbox import list_complete_files

    ctx = prepare_run(settings, default_claimer())
    listing = list_complete_files(settings.inbox, settle_seconds=0, now=time.time() + 60)
    assert listing.complete, "nothing complete in the inbox"
    for entry in listing.complete:
        outcome = handle_document(entry, ctx)
        assert outcome.outcome == "processed", outcome


def _reprocess_stored_original(settings: Settings, original_name: str) -> int:
    """Run the stored original through read -> extract -> match -> save_results again."""
    from thidua.extractors.readers import read_document
    from thidua.extractors.report import extract_findings
    from thidua.core.units import load_units
    from thidua.matching import match_findings
    from thidua.models.db import session_scope
    from thidua.models.plans import active_plan, plan_spec
    from thidua.models.results import save_results
    from thidua.models.originals import original_path
    from thidua.models.tables import SourceFile

    units = load_units(settings.units_file)
    with session_scope(settings) as s:
        sf = s.scalar(select(SourceFile).where(SourceFile.original_name == original_name))
        doc = read_document(original_path(sf.stored_path, settings))
        doc.source = original_name
        findings = extract_findings(doc, units)
        plan = active_plan(s, findings.period.value.year)
        findings = match_findings(findings, plan_spec(plan), units)
        return save_results(s, sf, findings, plan.id, "reprocessed").id


def seed_site(settings: Settings, report: Path = REPORT) -> None:
    """The seed plan imported, a report through the pipeline, two reviewers and an admin."""
    from thidua.extractors.plan import extract_plan
    from thidua.extractors.readers import read_document
    from thidua.core.units import load_units
    from thidua.models.db import session_scope
    from thidua.models.plans import register_source_file, save_plan, sync_units
    from thidua.review.security import create_user

    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN_DOCX), [u.name for u in units])
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))
        create_user(s, "lan", PASSWORD, "reviewer")
        create_user(s, "minh", PASSWORD, "reviewer")
        create_user(s, "quantri", PASSWORD, "admin")
    settings.inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(report, settings.inbox / report.name)
    _run_inbox_once(settings)


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """The review app on a free local port in a thread; yields its base URL."""
    import uvicorn

    from thidua.review.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def live_site(settings: Settings) -> Iterator[str]:
    """The seed plan imported, the Hòa An 6-month report through the pipeline, users, a live server."""
    seed_site(settings)
    with serve(settings) as base:
        yield base


def _current_task_finding(settings: Settings, code: str) -> tuple[int, str]:
    """(finding id, machine status) of the current report's task linked to a plan item."""
    from thidua.models.db import session_scope
    from thidua.models.tables import Finding, Match, PlanItem, Report

    with session_scope(settings) as s:
        row = s.execute(
            select(Finding.id, Match.status)
            .join(Match, Match.finding_id == Finding.id)
            .join(PlanItem, Match.plan_item_id == PlanItem.id)
            .join(Report, Finding.report_id == Report.id)
            .where(Report.is_current.is_(True), PlanItem.code == code)
        ).first()
        assert row is not None, f"the pipeline found no statement for {code}"
        return row[0], row[1]


def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/matrix")
    assert "/login" in page.url  # not logged in: sent to the login page, nothing shown
    assert page.locator("table.matrix").count() == 0
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/matrix")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_correction_in_browser_survives_reprocessing(live_site: str, settings: Settings) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = live_site
    finding_id, machine_status = _current_task_finding(settings, "Q2-1")
    assert machine_status == "done"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
            login(page, base, "lan")
            page.goto(f"{base}/queue")
            expect(page.locator("h1")).to_contain_text("Hàng chờ duyệt")
            page.screenshot(path=str(SHOTS / "thidua-review-queue.png"), full_page=True)
            page.keyboard.press("j")  # select the first row, then open it with Enter
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/findings/**")

            page.goto(f"{base}/findings/{finding_id}?item=Q2-1")
            expect(page.locator("mark#found")).to_contain_text("Giao ước thi đua")
            page.screenshot(path=str(SHOTS / "thidua-review-finding.png"), full_page=True)
            page.select_option("select[name=status]", "not_done")
            page.locator("body").click(position={"x": 5, "y": 5})  # leave the field so shortcuts work
            page.keyboard.press("s")  # "s" = save the change
            expect(page.locator(".flash.ok")).to_contain_text("Đã lưu")

            page.goto(f"{base}/matrix")
            cell = page.locator("td.cell.src-changed").first
            expect(cell).to_contain_text("Chưa thực hiện")

            # The pipeline processes the file again: a new report with new finding rows.
            _reprocess_stored_original(settings, REPORT.name)
            new_id, new_status = _current_task_finding(settings, "Q2-1")
            assert new_id != finding_id and new_status == "done"

            page.reload()
            cell = page.locator("td.cell.src-changed")
            expect(cell).to_have_count(1)
            expect(cell).to_contain_text("Chưa thực hiện")
            expect(page.locator(".legend")).to_contain_text("Người duyệt đã sửa")
            page.screenshot(path=str(SHOTS / "thidua-review-matrix.png"), full_page=True)
            cell.locator("a").click()  # the cell links to its evidence
            expect(page.locator("body")).to_contain_text("Giao ước thi đua")
            page.goto(f"{base}/findings/{new_id}?item=Q2-1")
            expect(page.locator(".in-force")).to_contain_text("Chưa thực hiện")
            expect(page.locator(".timeline")).to_contain_text("lan")

            # A second reviewer working from a stale page is told, not overwritten.
            other = browser.new_page(viewport={"width": 1400, "height": 1000})
            login(other, base, "minh")
            other.goto(f"{base}/findings/{new_id}?item=Q2-1")
            page.goto(f"{base}/findings/{new_id}?item=Q2-1")
            page.keyboard.press("a")  # lan confirms her value
            page.wait_for_load_state()
            other.select_option("select[name=status]", "in_progress")
            other.click("#btn-change")
            expect(other.locator("h1")).to_contain_text("Đã có người sửa mục này trước bạn")
            other.screenshot(path=str(SHOTS / "thidua-review-conflict.png"), full_page=True)
            page.goto(f"{base}/history")
            expect(page.locator("table.grid tbody tr")).to_have_count(2)
            page.screenshot(path=str(SHOTS / "thidua-review-history.png"), full_page=True)
        finally:
            browser.close()
