"""Awards only proposed on the review page: their own Vietnamese label, never counted as awards."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from thidua.core.findings import Figure
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
from tests.test_review import PASSWORD, REPORT, Clock, Site, _cell_span, form_of, report_findings
from tests.test_review_volume import _bulk


@pytest.fixture
def with_proposal(settings: Settings) -> Site:
    """The Hòa An report with 3 Bằng khen tập thể granted and 2 more only proposed."""
    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN_DOCX), [u.name for u in units])
    doc = read_document(REPORT)
    base = report_findings(doc, with_q1_1=False, unmatched=False)
    proposal = Figure(
        "bang_khen_tinh.tap_the", 2, _cell_span(doc, 18, 3, 2), 0.9,
        "UBND huyện đã trình đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể", proposed=True,
    )
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))
        create_user(s, "lan", PASSWORD, "reviewer")
        source = register_source_file(s, REPORT, settings.originals_dir, status="processed")
        save_results(s, source, dataclasses.replace(base, proposals=[proposal]))
    return Site(settings, Clock())


def _proposal_id(site: Site) -> int:
    with site.session() as s:
        return next(f.id for f in s.scalars(select(Finding).where(Finding.kind == "figure")) if (f.extra or {}).get("proposed"))


def _awards(site: Site) -> dict[str, float]:
    from thidua.readmodel import effective_figures

    with site.session() as s:
        return {f.metric: f.value for f in effective_figures(s, 2022)}


def test_a_proposal_has_its_own_label_on_the_queue_and_its_page(with_proposal: Site) -> None:
    site = with_proposal
    c = site.login()
    pid = _proposal_id(site)
    queue = c.get("/queue").text
    row = queue.split(f'data-href="/findings/{pid}"')[1].split("</tr>")[0]
    assert "Đề nghị – chưa được tặng" in row and "đề nghị 2" in row and "(không tính)" in row
    assert "[Đề nghị, chưa được tặng]" not in row  # the stored prefix is replaced by the label
    page = c.get(f"/findings/{pid}").text
    assert "Đề nghị khen thưởng – chưa được tặng" in page and "không tính vào số khen thưởng" in page
    assert "Xác nhận là đề nghị" in page and "Lưu: đã được tặng" in page
    assert "cũng đặt kết quả của" not in page  # accepting it decides no award
    # The kind filter keeps proposals apart from awards.
    assert f'/findings/{pid}"' in c.get("/queue?kind=proposal").text
    assert f'/findings/{pid}"' not in c.get("/queue?kind=figure").text
    assert "Có số liệu khác cho cùng chỉ tiêu" not in c.get(f"/findings/{pid}").text  # the granted 3 is no rival reading


def test_confirming_a_proposal_never_counts_it(with_proposal: Site) -> None:
    site = with_proposal
    c = site.login()
    pid = _proposal_id(site)
    assert _awards(site)["bang_khen_tinh.tap_the"] == 3
    r = c.post(f"/findings/{pid}/decide", data={**form_of(c, f"/findings/{pid}"), "action": "accept"})
    assert r.status_code == 303
    assert _awards(site)["bang_khen_tinh.tap_the"] == 3  # still only the granted ones
    [row] = _corrections(site)
    assert row.metric is None and row.new_value == {"proposal": True, "value": 2} and row.old_value["proposal_of"] == "bang_khen_tinh.tap_the"
    assert f'/findings/{pid}"' not in c.get("/queue").text  # decided
    assert "giữ là đề nghị, không tính" in c.get(f"/findings/{pid}").text
    history = c.get("/history").text
    assert "Đề nghị (chưa được tặng): Bằng khen của Chủ tịch UBND tỉnh – tập thể" in history and "đề nghị 2 (không tính)" in history
    # Rejecting it is about the statement only, too: the granted award stays.
    r = c.post(f"/findings/{pid}/decide", data={**form_of(c, f"/findings/{pid}"), "action": "reject"})
    assert r.status_code == 303 and _awards(site)["bang_khen_tinh.tap_the"] == 3


def test_bulk_accept_never_counts_a_proposal(with_proposal: Site) -> None:
    site = with_proposal
    c = site.login()
    assert _bulk(c, action="accept_above", threshold="80").status_code == 303
    rows = _corrections(site)
    assert ("accept", None) in [(x.field, x.metric) for x in rows]  # the proposal, kept as such
    assert _awards(site)["bang_khen_tinh.tap_the"] == 3


def test_a_proposal_actually_granted_is_counted_once_the_reviewer_says_so(with_proposal: Site) -> None:
    site = with_proposal
    c = site.login()
    pid = _proposal_id(site)
    form = form_of(c, f"/findings/{pid}")
    r = c.post(f"/findings/{pid}/decide", data={**form, "action": "change", "metric": "bang_khen_tinh.tap_the", "value": "5"})
    assert r.status_code == 303
    assert _awards(site)["bang_khen_tinh.tap_the"] == 5  # the reviewer's figure for the period


def _corrections(site: Site) -> list[Correction]:
    with site.session() as s:
        return list(s.scalars(select(Correction).order_by(Correction.id)))



def test_a_proposals_page_shows_its_own_history_and_its_decision_can_be_undone(with_proposal: Site) -> None:
    from tests.test_review_undo import _undo

    site = with_proposal
    c = site.login()
    pid = _proposal_id(site)
    with site.session() as s:
        granted = next(
            f.id for f in s.scalars(select(Finding).where(Finding.metric == "bang_khen_tinh.tap_the")) if not (f.extra or {}).get("proposed")
        )
    c.post(f"/findings/{granted}/decide", data={**form_of(c, f"/findings/{granted}"), "action": "accept"})
    page = c.get(f"/findings/{pid}").text
    assert "Chưa có ai sửa mục này" in page and "(của câu này)" in page  # the award's verdict is not the proposal's
    assert "Đang áp dụng" not in page
    c.post(f"/findings/{pid}/decide", data={**form_of(c, f"/findings/{pid}"), "action": "accept"})
    r = _undo(c)
    assert r.headers["location"] == f"/findings/{pid}"
    assert "câu trở lại hàng chờ" in c.get(r.headers["location"]).text
    assert f'/findings/{pid}"' in c.get("/queue").text and _awards(site)["bang_khen_tinh.tap_the"] == 3
