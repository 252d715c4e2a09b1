"""Undo of a reviewer's own last decision: appended, never deleted; the key goes back to what was in force."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from thidua.models.corrections import latest_by_key, newest_by_key
from thidua.models.tables import Correction
from tests.test_review import Site, _corrections, _finding_id, csrf_of, form_of, site  # noqa: F401 (fixture)
from tests.test_review_statements import _fid, two_on_one  # noqa: F401 (fixture)
from tests.test_review_volume import _bulk


def _undo(c, back: str = "/queue", seen: int | None = None):  # type: ignore[no-untyped-def]
    html = c.get(back).text
    if seen is None:
        m = re.search(r'name="seen" value="(\d+)"', html)
        assert m, "no undo button on " + back
        seen = int(m.group(1))
    return c.post("/undo", data={"csrf_token": csrf_of(c, back), "seen": str(seen), "back": back})


def _cell(site: Site, code: str) -> tuple[str | None, str | None]:
    from thidua.readmodel import completion_matrix

    with site.session() as s:
        cell = completion_matrix(s, 2022).cell("Hòa An", code)
        return cell.state, cell.source


def test_undo_takes_a_change_back_to_the_machines_value(site: Site) -> None:
    c = site.login()
    fid = _finding_id(site, "Q2-1")
    assert _cell(site, "Q2-1") == ("done", "machine")
    assert 'id="btn-undo"' not in c.get("/queue").text  # nothing decided yet: nothing to undo
    form = form_of(c, f"/findings/{fid}?item=Q2-1")
    c.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q2-1", "status": "not_done", "date": ""})
    assert _cell(site, "Q2-1") == ("not_done", "changed")
    queue = c.get("/queue").text
    assert f"/findings/{fid}?item=Q2-1" not in queue
    assert "Quyết định gần nhất của bạn" in queue and 'id="btn-undo"' in queue

    r = _undo(c)
    assert r.status_code == 303 and r.headers["location"] == f"/findings/{fid}?item=Q2-1"  # back to the entry
    page = c.get(r.headers["location"]).text
    assert "Đã hoàn tác" in page and "trở về giá trị máy đọc: Đã thực hiện" in page
    assert "Không có quyết định nào đang áp dụng" in page and "đã hoàn tác" in page
    assert _cell(site, "Q2-1") == ("done", "machine")  # the matrix shows the machine's value again
    assert f"/findings/{fid}?item=Q2-1" in c.get("/queue").text  # and the statement is open again
    rows = _corrections(site)
    assert [(x.field, x.plan_item_code) for x in rows] == [("change", "Q2-1"), ("undo", "Q2-1")]  # appended, nothing deleted
    assert rows[1].new_value["undo_of"] == rows[0].id and rows[1].new_value["restored"]["source"] == "machine"
    history = c.get("/history").text
    assert "Hoàn tác" in history and f"hoàn tác #{rows[0].id}" in history and "đã hoàn tác" in history
    with site.session() as s:
        assert latest_by_key(s, 2022) == {}  # nothing in force (learning and scoring see the machine)
        assert [c.id for c in newest_by_key(s, 2022).values()] == [rows[1].id]

    # A decision after the undo needs no reload trick: the form carries the undo's version.
    form = form_of(c, f"/findings/{fid}?item=Q2-1")
    assert form["version"] == str(rows[1].id)
    r = c.post(f"/findings/{fid}/decide", data={**form, "action": "accept"})
    assert r.status_code == 303
    assert _cell(site, "Q2-1") == ("done", "confirmed")


def test_undo_restores_an_earlier_reviewers_decision(site: Site) -> None:
    lan, minh = site.login("lan"), site.login("minh")
    fid = _finding_id(site, "Q2-1")
    minh.post(f"/findings/{fid}/decide", data={**form_of(minh, f"/findings/{fid}?item=Q2-1"), "action": "accept"})
    form = form_of(lan, f"/findings/{fid}?item=Q2-1")
    lan.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q2-1", "status": "in_progress", "date": ""})
    assert _cell(site, "Q2-1") == ("in_progress", "changed")
    assert _undo(lan).status_code == 303
    assert _cell(site, "Q2-1") == ("done", "confirmed")  # minh's decision is in force again, not lost
    undo = _corrections(site)[-1]
    assert undo.new_value["restored"]["source"] == "correction"
    # lan has nothing left to undo; minh still has his own decision
    assert 'id="btn-undo"' not in lan.get("/queue").text
    assert 'id="btn-undo"' in minh.get("/queue").text


def test_no_undo_over_a_later_decision_of_someone_else(site: Site) -> None:
    lan, minh = site.login("lan"), site.login("minh")
    fid = _finding_id(site, "Q2-1")
    form = form_of(lan, f"/findings/{fid}?item=Q2-1")
    lan.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q2-1", "status": "not_done", "date": ""})
    form = form_of(minh, f"/findings/{fid}?item=Q2-1")
    minh.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q2-1", "status": "in_progress", "date": ""})
    before = len(_corrections(site))
    r = _undo(lan)
    assert r.status_code == 303
    assert "minh đã quyết định mục này sau bạn" in lan.get("/queue").text
    assert len(_corrections(site)) == before and _cell(site, "Q2-1") == ("in_progress", "changed")


def test_a_stale_undo_button_is_refused(site: Site) -> None:
    c = site.login()
    q21, q11 = _finding_id(site, "Q2-1"), _finding_id(site, "Q1-1")
    c.post(f"/findings/{q21}/decide", data={**form_of(c, f"/findings/{q21}?item=Q2-1"), "action": "accept"})
    first = _corrections(site)[-1].id
    c.post(f"/findings/{q11}/decide", data={**form_of(c, f"/findings/{q11}?item=Q1-1"), "action": "accept"})
    r = _undo(c, seen=first)  # a page opened before the second decision
    assert r.status_code == 303 and "đã khác với quyết định trên trang" in c.get("/queue").text
    assert [x.field for x in _corrections(site)] == ["accept", "accept"]
    # Undo walks back one decision at a time.
    assert _undo(c).status_code == 303 and _cell(site, "Q1-1") == ("done", "machine")
    assert _undo(c).status_code == 303 and _cell(site, "Q2-1") == ("done", "machine")
    assert 'id="btn-undo"' not in c.get("/queue").text
    r = c.post("/undo", data={"csrf_token": csrf_of(c, "/queue"), "back": "/queue"})
    assert r.status_code == 303 and "chưa có quyết định nào để hoàn tác" in c.get("/queue").text
    assert c.post("/undo", data={"csrf_token": csrf_of(c, "/queue"), "seen": "abc"}).status_code == 400


def test_undo_of_a_move_takes_both_keys_back(site: Site) -> None:
    c = site.login()
    q11 = _finding_id(site, "Q1-1")
    before = (_cell(site, "Q1-1"), _cell(site, "Q1-2"))
    form = form_of(c, f"/findings/{q11}?item=Q1-1")
    c.post(f"/findings/{q11}/decide", data={**form, "action": "change", "plan_item": "Q1-2", "status": "done", "date": "2022-01-25"})
    assert _cell(site, "Q1-1") == (None, None)
    assert "cùng 1 bản sửa khác" in c.get("/queue").text
    assert _undo(c).status_code == 303
    assert (_cell(site, "Q1-1"), _cell(site, "Q1-2")) == before
    assert [(x.field, x.plan_item_code) for x in _corrections(site)][2:] == [("undo", "Q1-1"), ("undo", "Q1-2")]


def test_undo_of_a_bulk_accept_and_of_a_dismissal(two_on_one: Site) -> None:
    site = two_on_one
    c = site.login()
    open_before = len(re.findall(r"<tr data-href=", c.get("/queue").text))
    assert _bulk(c, action="accept_above", threshold="60").status_code == 303
    assert len(re.findall(r"<tr data-href=", c.get("/queue").text)) < open_before
    r = _undo(c)  # the whole batch is one decision
    assert "cùng 2 bản sửa khác của cùng thao tác" in c.get(r.headers["location"]).text
    assert len(re.findall(r"<tr data-href=", c.get("/queue").text)) == open_before

    wrong = _fid(site, "phát động thi đua")
    c.post(f"/findings/{wrong}/decide", data={**form_of(c, f"/findings/{wrong}?item=Q1-2"), "action": "dismiss"})
    assert f"/findings/{wrong}?item=Q1-2" not in c.get("/queue").text
    r = _undo(c)
    assert r.headers["location"] == f"/findings/{wrong}?item=Q1-2"
    assert "câu trở lại hàng chờ" in c.get(r.headers["location"]).text
    assert f"/findings/{wrong}?item=Q1-2" in c.get("/queue").text
    # Two unlinked statements share a key: undoing one dismissal never needs the other undone first.
    a, b = _fid(site, "lớp tập huấn"), _fid(site, "Phối hợp với Ủy ban MTTQ")
    c.post(f"/findings/{a}/decide", data={**form_of(c, f"/findings/{a}"), "action": "reject"})
    c.post(f"/findings/{b}/decide", data={**form_of(c, f"/findings/{b}"), "action": "reject"})
    assert _undo(c).status_code == 303 and _undo(c).status_code == 303
    queue = c.get("/queue").text
    assert f'/findings/{a}"' in queue and f'/findings/{b}"' in queue
    with site.session() as s:
        assert s.scalar(select(func.count()).select_from(Correction).where(Correction.field == "undo")) == 6
