"""Decisions per statement: deciding one statement never decides another silently (issue #14)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from thidua.core.findings import Status, TaskStatement
from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.models.db import session_scope
from thidua.models.plans import register_source_file, save_plan, sync_units
from thidua.models.results import save_results
from thidua.models.tables import Correction, Finding
from thidua.review.security import create_user
from tests.conftest import PLAN_DOCX
from tests.test_review import PASSWORD, REPORT, Clock, Site, _span_of, form_of, report_findings


def _task(doc, block: int, phrase: str, status: Status, links: list[tuple[str, float]], conf: float = 0.7) -> TaskStatement:  # type: ignore[no-untyped-def]
    return TaskStatement(doc.blocks[block].text, status, None, _span_of(doc, block, phrase), conf, links)


@pytest.fixture
def two_on_one(settings: Settings) -> Site:
    """Two statements of one report on Q1-2 (one wrong), one on Q1-1, two on no plan item."""
    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN_DOCX), [u.name for u in units])
    doc = read_document(REPORT)
    base = report_findings(doc, with_q1_1=False, unmatched=False)
    tasks = [
        _task(doc, 10, "UBND huyện đã ban hành Kế hoạch", Status.DONE, [("Q1-2", 0.8)]),  # the right one
        _task(doc, 11, "tổ chức phát động thi đua", Status.IN_PROGRESS, [("Q1-2", 0.5)], 0.5),  # the wrong one
        _task(doc, 9, "đã tham dự Hội nghị tổng kết hoạt động Cụm thi đua", Status.DONE, [("Q1-1", 0.66)]),
        _task(doc, 14, "Tổ chức 01 lớp tập huấn nghiệp vụ", Status.DONE, [], 0.6),
        _task(doc, 15, "Phối hợp với Ủy ban MTTQ huyện", Status.DONE, [], 0.6),
    ]
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))
        create_user(s, "lan", PASSWORD, "reviewer")
        create_user(s, "minh", PASSWORD, "reviewer")
        source = register_source_file(s, REPORT, settings.originals_dir, status="processed")
        save_results(s, source, dataclasses.replace(base, tasks=tasks))
    return Site(settings, Clock())


def _fid(site: Site, phrase: str) -> int:
    with site.session() as s:
        return s.scalar(select(Finding.id).where(Finding.text.like(f"%{phrase}%"), Finding.kind == "task"))


def _open_refs(site: Site, c) -> str:  # type: ignore[no-untyped-def]
    return c.get("/queue").text


def test_rejecting_one_statement_leaves_the_other_in_the_queue(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    right, wrong = _fid(site, "ban hành Kế hoạch"), _fid(site, "phát động thi đua")
    page = c.get(f"/findings/{wrong}?item=Q1-2").text
    # Before saving, the page says the decision also sets the item's verdict, and names the other statement.
    assert "cũng đặt kết quả của Q1-2" in page and f"/findings/{right}?item=Q1-2" in page and "vẫn ở hàng chờ" in page
    assert "data-confirm=" in page
    r = c.post(f"/findings/{wrong}/decide", data={**form_of(c, f"/findings/{wrong}?item=Q1-2"), "action": "reject"})
    assert r.status_code == 303
    queue = c.get("/queue").text
    assert f"/findings/{wrong}?item=Q1-2" not in queue
    assert f"/findings/{right}?item=Q1-2" in queue  # not decided by the other statement's rejection
    other = c.get(f"/findings/{right}?item=Q1-2").text
    assert "quyết định trên một câu khác; câu này vẫn chờ duyệt" in other
    assert "Câu này đã được duyệt" not in other


def test_linking_an_unmatched_statement_does_not_decide_a_never_opened_one(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    unmatched, q11 = _fid(site, "lớp tập huấn"), _fid(site, "Hội nghị tổng kết")
    form = form_of(c, f"/findings/{unmatched}")
    r = c.post(f"/findings/{unmatched}/decide", data={**form, "action": "change", "plan_item": "Q1-1", "status": "done", "date": ""})
    assert r.status_code == 303
    queue = c.get("/queue").text
    assert f"/findings/{unmatched}\"" not in queue
    assert f"/findings/{q11}?item=Q1-1" in queue  # still open, not "changed"
    assert 'badge changed">Sửa</span> <span class="muted">lan' not in queue.split(f"/findings/{q11}?item=Q1-1")[1].split("</tr>")[0]


def test_dismissing_a_statement_keeps_the_items_verdict(two_on_one: Site) -> None:
    from thidua.readmodel import completion_matrix

    site = two_on_one
    c = site.login()
    wrong = _fid(site, "phát động thi đua")
    with site.session() as s:
        before = completion_matrix(s, 2022).cell("Hòa An", "Q1-2")
        before_state, before_source = before.state, before.source
    form = form_of(c, f"/findings/{wrong}?item=Q1-2")
    r = c.post(f"/findings/{wrong}/decide", data={**form, "action": "dismiss", "reason": "Câu không nói về nhiệm vụ này"})
    assert r.status_code == 303
    with site.session() as s:
        cell = completion_matrix(s, 2022).cell("Hòa An", "Q1-2")
        assert (cell.state, cell.source) == (before_state, before_source)
        [row] = s.scalars(select(Correction)).all()
        assert row.plan_item_code is None and row.old_value["dismissed_from"] == "Q1-2"
        assert row.note.startswith("Lý do: Câu không nói về nhiệm vụ này")
    assert f"/findings/{wrong}?item=Q1-2" not in c.get("/queue").text


def test_two_unlinked_statements_of_one_report_can_both_be_rejected(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    for phrase in ("lớp tập huấn", "Phối hợp với Ủy ban MTTQ"):
        fid = _fid(site, phrase)
        r = c.post(f"/findings/{fid}/decide", data={**form_of(c, f"/findings/{fid}"), "action": "reject"})
        assert r.status_code == 303, r.text[:300]
    with site.session() as s:
        assert len(s.scalars(select(Correction)).all()) == 2


def test_a_stale_page_on_an_unlinked_statement_is_a_conflict(two_on_one: Site) -> None:
    site = two_on_one
    lan, minh = site.login("lan"), site.login("minh")
    fid = _fid(site, "lớp tập huấn")
    f_lan, f_minh = form_of(lan, f"/findings/{fid}"), form_of(minh, f"/findings/{fid}")
    assert lan.post(f"/findings/{fid}/decide", data={**f_lan, "action": "reject"}).status_code == 303
    r = minh.post(f"/findings/{fid}/decide", data={**f_minh, "action": "change", "plan_item": "Q1-3", "status": "done", "date": ""})
    assert r.status_code == 409


def test_the_page_says_why_the_machine_is_unsure(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    assert "Không khớp với nhiệm vụ nào trong kế hoạch" in c.get(f"/findings/{_fid(site, 'lớp tập huấn')}").text
    page = c.get(f"/findings/{_fid(site, 'phát động thi đua')}?item=Q1-2").text
    assert "Vì sao máy chưa chắc" in page and "Độ khớp với nhiệm vụ Q1-2 yếu (50%)" in page
    assert "nói khác: Đã thực hiện" in page  # the other statement on Q1-2 says done
    assert "Điểm so khớp" in page and "Độ tin cậy khi trích" in page
