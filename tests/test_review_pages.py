"""Every page of the review site in a real browser (Debian chromium through Playwright).

One server and one browser for the module: the seed plan and the Hòa An report through the
pipeline, a few decisions. Every page is visited at phone width (390 px) and at 1366×768 and
fails on horizontal overflow of the document or on a console error (a Content-Security-Policy
violation shows there). Then the undo of a decision, driven by the keyboard, and the matrix's
marks for reviewers' work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua.core.settings import Settings
from tests.conftest import settings_in
from tests.test_review_browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD, login, seed_site, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}

#: Elements sticking out of the viewport on the right, outside any element that scrolls sideways.
OVERFLOWING = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p && p !== document.body) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { clipped = true; break; }
      p = p.parentElement;
    }
    if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
  }
  return out.slice(0, 8);
}"""


@dataclass
class LiveSite:
    """The running site and what the tests need to find their way in it."""

    base: str
    settings: Settings
    task_id: int
    figure_id: int
    unlinked_id: int | None
    report_id: int
    unit_id: int


def _ids(settings: Settings) -> tuple[int, int, int | None, int, int]:
    from thidua.models.db import session_scope
    from thidua.models.tables import Finding, Match, PlanItem, Report

    with session_scope(settings) as s:
        report = s.scalar(select(Report).where(Report.is_current.is_(True)))
        task = s.scalar(
            select(Finding.id).join(Match).join(PlanItem).where(Finding.report_id == report.id, PlanItem.code == "Q2-1")
        )
        figure = s.scalar(select(Finding.id).where(Finding.report_id == report.id, Finding.kind == "figure"))
        unlinked = s.scalar(select(Finding.id).where(Finding.report_id == report.id, Finding.kind == "task", ~Finding.matches.any()))
        assert task and figure, "the pipeline found no Q2-1 statement or no figure in the Hòa An report"
        return task, figure, unlinked, report.id, report.unit_id


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with pytest.MonkeyPatch.context() as mp:
        folder = tmp_path_factory.mktemp("pages")
        settings = settings_in(folder, f"sqlite:///{folder / 'thidua.db'}", mp)
        seed_site(settings)
        with serve(settings) as base:
            yield LiveSite(base, settings, *_ids(settings))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _context(browser, size: str, user: str | None, base: str):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport=SIZES[size], locale="vi-VN")
    if user:
        login(ctx.new_page(), base, user)
    return ctx


def _pages(live: LiveSite) -> list[tuple[str, str | None]]:
    """(path, user) of every page: logged out, reviewer, admin, and the error pages."""
    reviewer = [
        "/queue", "/queue?show=all", f"/findings/{live.task_id}?item=Q2-1", f"/findings/{live.figure_id}",
        f"/reports/{live.report_id}", "/matrix", f"/evidence?year=2022&unit_id={live.unit_id}&code=Q2-1",
        "/history", "/orphans", "/scores", "/scores?year=2019",
        "/findings/abc", "/queue?year=abc", "/findings/99999999", "/khong-co-trang-nay", "/admin/users",
        f"/queue?page=99999999999999999999",
    ]
    if live.unlinked_id:
        reviewer.append(f"/findings/{live.unlinked_id}")
    return [("/login", None), ("/khong-co-trang-nay", None)] + [(p, "lan") for p in reviewer] + [("/admin/users", "quantri")]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_the_screen(live: LiveSite, browser, size: str) -> None:  # type: ignore[no-untyped-def]
    contexts = {u: _context(browser, size, u, live.base) for u in (None, "lan", "quantri")}
    problems: list[str] = []
    try:
        for path, user in _pages(live):
            page = contexts[user].new_page()
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.goto(live.base + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").count() >= 1, f"{path}: no heading"
            wide = page.evaluate("document.documentElement.scrollWidth") - page.evaluate("window.innerWidth")
            if wide > 0:
                problems.append(f"{size} {path}: {wide}px too wide: {page.evaluate(OVERFLOWING)}")
            # Error pages log their status code as a console error; anything else is a fault.
            errors = [e for e in errors if "Failed to load resource: the server responded with a status of" not in e]
            if errors:
                problems.append(f"{size} {path}: console errors {errors}")
            page.close()
    finally:
        for ctx in contexts.values():
            ctx.close()
    assert not problems, "\n".join(problems)


def test_undo_of_the_last_decision_in_the_browser(live: LiveSite, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    ctx = _context(browser, "laptop", "minh", live.base)
    try:
        page = ctx.new_page()
        page.goto(f"{live.base}/findings/{live.task_id}?item=Q2-1")
        expect(page.locator("#btn-undo")).to_have_count(0)  # minh has decided nothing yet
        page.keyboard.press("3")  # status 3 = Chưa thực hiện
        page.keyboard.press("s")  # save the change
        expect(page.locator(".flash.ok")).to_contain_text("Đã lưu")
        page.goto(f"{live.base}/matrix")
        cell = page.locator(f"td.cell[data-item='Q2-1'][data-unit='{live.unit_id}']")
        expect(cell).to_have_class("cell st-not_done src-changed")
        expect(cell).to_contain_text("Người duyệt đã sửa")
        page.goto(f"{live.base}/queue")
        expect(page.locator("#undo")).to_contain_text("Quyết định gần nhất của bạn")
        page.keyboard.press("u")  # undo, from the queue
        page.wait_for_url(f"{live.base}/findings/{live.task_id}?item=Q2-1")
        expect(page.locator(".flash.ok")).to_contain_text("Đã hoàn tác")
        expect(page.locator(".timeline")).to_contain_text("đã hoàn tác")
        page.goto(f"{live.base}/matrix")
        expect(cell).to_have_class("cell st-done src-machine")
        page.goto(f"{live.base}/queue")
        expect(page.locator(f"tr[data-href='/findings/{live.task_id}?item=Q2-1']")).to_have_count(1)  # open again
        page.goto(f"{live.base}/history")
        expect(page.locator("table.grid")).to_contain_text("Hoàn tác")
    finally:
        ctx.close()


def test_the_matrix_shows_reviewers_work(live: LiveSite, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    ctx = _context(browser, "laptop", "lan", live.base)
    try:
        page = ctx.new_page()
        page.goto(f"{live.base}/findings/{live.task_id}?item=Q2-1")
        certainty = page.locator("#certainty").inner_text()
        page.goto(f"{live.base}/queue?show=all")
        row = page.locator(f"tr[data-href='/findings/{live.task_id}?item=Q2-1']")
        assert certainty in row.locator(".conf").inner_text()  # one figure on the queue and the finding page
        page.goto(f"{live.base}/matrix")
        cell = page.locator(f"td.cell[data-item='Q2-1'][data-unit='{live.unit_id}']")
        expect(cell).to_contain_text(f"chắc chắn {certainty}")  # and in the matrix, labelled
        expect(page.locator(".legend")).to_contain_text("Độ chắc chắn")
        page.goto(f"{live.base}/findings/{live.task_id}?item=Q2-1")
        with page.expect_navigation():
            page.keyboard.press("a")  # accept
        page.goto(f"{live.base}/matrix")
        expect(cell).to_have_class("cell st-done src-confirmed")
        expect(cell).to_contain_text("Người duyệt xác nhận")
        expect(cell).not_to_contain_text("chắc chắn")  # a reviewer's value is not a guess
        shot = Path("/tmp/thidua-review-matrix-confirmed.png")
        cell.screenshot(path=str(shot))
    finally:
        ctx.close()


def test_the_conflict_page_fits_a_phone(live: LiveSite, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    lan = _context(browser, "phone", "lan", live.base)
    minh = _context(browser, "laptop", "minh", live.base)
    try:
        stale = lan.new_page()
        stale.goto(f"{live.base}/findings/{live.figure_id}")
        other = minh.new_page()
        other.goto(f"{live.base}/findings/{live.figure_id}")
        with other.expect_navigation():
            other.click("#btn-accept")
        stale.fill("input[name=value]", "7")
        stale.click("#btn-change")
        expect(stale.locator("h1")).to_contain_text("Đã có người sửa mục này trước bạn")
        wide = stale.evaluate("document.documentElement.scrollWidth") - stale.evaluate("window.innerWidth")
        assert wide <= 0, f"conflict page {wide}px too wide: {stale.evaluate(OVERFLOWING)}"
    finally:
        lan.close()
        minh.close()
