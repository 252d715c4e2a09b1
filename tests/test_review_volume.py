"""Working through many entries: filters, search, pages, the whole-report view, progress, bulk decisions."""

from __future__ import annotations

import re

from sqlalchemy import select

from thidua.models.tables import Correction, Report
from thidua.review.volume import paginate
from tests.test_review import Site, csrf_of, form_of
from tests.test_review_statements import _fid, two_on_one  # noqa: F401  (fixture)


def _rows(html: str) -> list[str]:
    return re.findall(r'data-href="/findings/([\w?=-]+)"', html)


def test_filters_and_search(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    everything = _rows(c.get("/queue").text)
    assert len(everything) == 7  # five statements, two figures
    unlinked = _rows(c.get("/queue?item=none").text)
    assert sorted(unlinked) == sorted([str(_fid(site, "lớp tập huấn")), str(_fid(site, "Phối hợp với Ủy ban MTTQ"))])
    assert _rows(c.get("/queue?item=Q1-2").text) == [f"{_fid(site, 'phát động thi đua')}?item=Q1-2", f"{_fid(site, 'ban hành Kế hoạch')}?item=Q1-2"]
    assert _rows(c.get("/queue?status=in_progress").text) == [f"{_fid(site, 'phát động thi đua')}?item=Q1-2"]
    # Search ignores tones and case, the way Vietnamese is typed in a hurry.
    assert _rows(c.get("/queue?q=LOP+TAP+HUAN").text) == [str(_fid(site, "lớp tập huấn"))]
    assert _rows(c.get("/queue?ocr=1").text) == []  # no scan here
    high = _rows(c.get("/queue?min_conf=90").text)
    assert len(high) == 1 and high[0].isdigit()  # the figure read at 95 %
    assert len(_rows(c.get("/queue?kind=figure&max_conf=50").text)) == 1
    with site.session() as s:
        unit_id = s.scalar(select(Report.unit_id).where(Report.is_current.is_(True)))
    assert len(_rows(c.get(f"/queue?unit_id={unit_id}").text)) == 7
    assert _rows(c.get(f"/queue?unit_id={unit_id + 1000}").text) == []
    for bad in ("/queue?min_conf=abc", "/queue?min_conf=101", "/queue?page=0", "/queue?page=abc"):
        r = c.get(bad)
        assert r.status_code == 400 and "Tham số không hợp lệ" in r.text, bad


def test_pagination(two_on_one: Site) -> None:
    from thidua.review.queue import build_queue

    site = two_on_one
    with site.session() as s:
        entries = build_queue(s)
        p1, p2, p9 = paginate(entries, 1, size=3), paginate(entries, 3, size=3), paginate(entries, 9, size=3)
        assert (p1.pages, p1.total, len(p1.entries), p1.first_index) == (3, 7, 3, 1)
        assert (p2.number, len(p2.entries), p2.first_index) == (3, 1, 7)
        assert p9.number == 3  # clamped to the last page
        assert [e.ref for e in p1.entries + paginate(entries, 2, size=3).entries + p2.entries] == [e.ref for e in entries]
    assert "Trang 1/" not in site.login().get("/queue").text  # one page: no pager


def test_whole_report_view_and_progress(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    with site.session() as s:
        report_id = s.scalar(select(Report.id).where(Report.is_current.is_(True)))
    page = c.get(f"/reports/{report_id}").text
    rows = _rows(page)
    assert len(rows) == 7 and "0/7 mục đã duyệt" in page
    # Document order: the statement of block 9 before those of blocks 10, 11, 14, 15, then the table.
    order = [_fid(site, p) for p in ("Hội nghị tổng kết", "ban hành Kế hoạch", "phát động thi đua", "lớp tập huấn", "Phối hợp với")]
    assert [int(r.split("?")[0]) for r in rows[:5]] == order
    fid = _fid(site, "Hội nghị tổng kết")
    c.post(f"/findings/{fid}/decide", data={**form_of(c, f"/findings/{fid}?item=Q1-1"), "action": "accept"})
    assert "1/7 mục đã duyệt" in c.get(f"/reports/{report_id}").text
    queue = c.get("/queue").text
    assert "Tiến độ duyệt theo đơn vị và báo cáo" in queue and "1/7 (14%)" in queue and f'href="/reports/{report_id}"' in queue
    r = c.get("/reports/999999")
    assert r.status_code == 404 and "Không tìm thấy báo cáo này" in r.text


def _bulk(c, **data: str):  # type: ignore[no-untyped-def]
    return c.post("/queue/bulk", data={"csrf_token": csrf_of(c, "/queue"), **data})


def test_bulk_accept_above_a_certainty_never_overrides_a_reviewer(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    wrong, right = _fid(site, "phát động thi đua"), _fid(site, "ban hành Kế hoạch")
    c.post(f"/findings/{wrong}/decide", data={**form_of(c, f"/findings/{wrong}?item=Q1-2"), "action": "change", "plan_item": "Q1-2", "status": "done", "date": ""})
    r = _bulk(c, action="accept_above", threshold="60")
    assert r.status_code == 303
    flash = c.get("/queue").text
    assert "Đã xác nhận 2 mục có độ chắc chắn từ 60%" in flash and "giữ lại 1 mục" in flash
    with site.session() as s:
        rows = list(s.scalars(select(Correction).order_by(Correction.id)))
    assert [(x.field, x.plan_item_code or x.metric) for x in rows] == [
        ("change", "Q1-2"), ("accept", "Q1-1"), ("accept", "bang_khen_tinh.tap_the"),
    ]
    assert f"/findings/{right}?item=Q1-2" in c.get("/queue").text  # its item had a reviewer's verdict: kept
    r = _bulk(c, action="accept_above", threshold="500")
    assert r.status_code == 400


def test_bulk_dismissal_of_statements_on_no_plan_item(two_on_one: Site) -> None:
    from thidua.readmodel import completion_matrix

    site = two_on_one
    c = site.login()
    with site.session() as s:
        before = {k: (c.state, c.source) for k, c in completion_matrix(s, 2022).cells.items()}
    r = _bulk(c, action="dismiss_unlinked", reason="Câu không nói về nhiệm vụ này")
    assert r.status_code == 303
    queue = c.get("/queue").text
    assert "Đã bỏ 2 câu không gắn nhiệm vụ nào" in queue
    assert _rows(c.get("/queue?item=none").text) == []
    assert len(_rows(queue)) == 5
    with site.session() as s:
        rows = list(s.scalars(select(Correction)))
        assert all(x.plan_item_code is None and x.field == "reject" for x in rows) and len(rows) == 2
        assert {k: (c.state, c.source) for k, c in completion_matrix(s, 2022).cells.items()} == before
