"""The reviewers' web page (FastAPI TestClient) and the append-only corrections behind it."""

from __future__ import annotations

import datetime as dt
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from thidua.core.document import Document, Span, Table
from thidua.core.findings import Figure, Findings, Located, Period, PeriodKind, Status, TaskStatement
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.core.units import load_units
from thidua.models.corrections import (
    AppendOnlyError,
    CorrectionConflict,
    CorrectionKey,
    current_version,
    latest_correction,
    record_correction,
)
from thidua.models.artifacts import keep_read
from thidua.models.db import session_scope
from thidua.models.originals import OriginalsStore
from thidua.models.plans import register_source_file, save_plan, sync_units
from thidua.models.results import save_results
from thidua.core.settings import Settings
from thidua.models.tables import Correction, Finding, Report, Unit, User
from thidua.review.app import create_app
from thidua.review.security import SECRET_KEY_FILE, create_user, secret_key
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS

REPORT = SAMPLE_DOCS / "reports" / "hoa_an_6m_2022.docx"
PASSWORD = "mat-khau-rat-dai-1"


class Clock:
    """A settable time source for session expiry."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _span_of(doc: Document, block: int, phrase: str) -> Span:
    text = doc.blocks[block].text
    start = text.index(phrase)
    return Span(block, start, start + len(phrase), doc.blocks[block].page)


def _cell_span(doc: Document, block: int, row: int, col: int) -> Span:
    table = doc.blocks[block]
    assert isinstance(table, Table)
    cell = table.cell(row, col)
    return Span(block, 0, len(cell.text), table.page, row, col)


def report_findings(doc: Document, *, with_q1_1: bool = True, unmatched: bool = True) -> Findings:
    """The Hòa An 6-month report's findings, pinned to real places of the real document.

    They are what the report extractor and the matcher give for these sentences; built here so
    the review tests do not depend on how well extraction performs.
    """
    tasks = [
        TaskStatement(
            doc.blocks[12].text, Status.DONE, dt.date(2022, 4, 22),
            _span_of(doc, 12, "huyện Hòa An đã ký kết Giao ước thi đua năm 2022"), 0.9, [("Q2-1", 0.81)],
        ),
    ]
    if with_q1_1:
        tasks.append(
            TaskStatement(
                doc.blocks[9].text, Status.DONE, dt.date(2022, 1, 25),
                _span_of(doc, 9, "đã tham dự Hội nghị tổng kết hoạt động Cụm thi đua"), 0.7, [("Q1-1", 0.66)],
            )
        )
    if unmatched:
        tasks.append(
            TaskStatement(
                doc.blocks[14].text, Status.DONE, None,
                _span_of(doc, 14, "Tổ chức 01 lớp tập huấn nghiệp vụ"), 0.6, [],
            )
        )
    figures = [
        Figure("bang_khen_tinh.tap_the", 3, _cell_span(doc, 18, 3, 2), 0.95, "Bằng khen của Chủ tịch UBND tỉnh: 03 tập thể"),
        Figure("giay_khen.ca_nhan", 42, _cell_span(doc, 18, 4, 3), 0.3, "Giấy khen: 42 cá nhân"),
    ]
    return Findings(
        source=doc.source,
        format=str(doc.format),
        unit=Located("Hòa An", _span_of(doc, 0, "HÒA AN") if "HÒA AN" in doc.blocks[0].text else None, 0.99, "Hòa An"),
        period=Located(Period(2022, PeriodKind.H1), None, 0.95, "6 tháng đầu năm"),
        report_date=Located(dt.date(2022, 6, 20), None, 0.95, "ngày 20 tháng 6 năm 2022"),
        doc_number=Located("1254/BC-UBND", None, 0.95, "Số: 1254/BC-UBND"),
        tasks=tasks,
        figures=figures,
    )


def process_report(settings: Settings, path: Path = REPORT, **kw: bool) -> int:
    """Store the report's results the way the pipeline does (save_results); returns the report id."""
    doc = read_document(path)
    with session_scope(settings) as s:
        source = register_source_file(s, path, settings.originals_dir, status="processed")
        keep_read(OriginalsStore.from_settings(settings), source.sha256, path, doc)
        report = save_results(s, source, report_findings(doc, **kw))
        return report.id


def seed(settings: Settings) -> None:
    """The seed plan, the units, the Hòa An report and two accounts."""
    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN_DOCX), [u.name for u in units])
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))
        create_user(s, "lan", PASSWORD, "reviewer")
        create_user(s, "minh", PASSWORD, "reviewer")
        create_user(s, "quantri", PASSWORD, "admin")
    process_report(settings)


@dataclass
class Site:
    """A seeded database and a way to open browsers-like clients on it."""

    settings: Settings
    clock: Clock

    def client(self) -> TestClient:
        return TestClient(create_app(self.settings, clock=self.clock), follow_redirects=False)

    def login(self, username: str = "lan", password: str = PASSWORD) -> TestClient:
        c = self.client()
        r = c.post("/login", data={"username": username, "password": password, "csrf_token": csrf_of(c, "/login")})
        assert r.status_code == 303, r.text
        return c

    def session(self) -> Session:
        from thidua.models.db import session_factory

        return session_factory(self.settings)()


def csrf_of(client: TestClient, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, page.text
    m = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert m, "no CSRF token on " + url
    return m.group(1)


def form_of(client: TestClient, url: str) -> dict[str, str]:
    """The hidden fields and pre-filled values of the decision form on a finding page."""
    html = client.get(url).text
    form = html[html.index('id="decision"') : html.index("</form>", html.index('id="decision"'))]
    out = {m.group(1): m.group(2).replace("&#34;", '"').replace("&quot;", '"') for m in re.finditer(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}
    return out


@pytest.fixture
def site(settings: Settings) -> Site:
    seed(settings)
    return Site(settings, Clock())


def _finding_id(site: Site, code_or_metric: str) -> int:
    with site.session() as s:
        for f in s.scalars(
            select(Finding).join(Report).where(Report.is_current.is_(True), Finding.kind.in_(["task", "figure"]))
        ):
            if f.metric == code_or_metric or any(m.plan_item.code == code_or_metric for m in f.matches):
                return f.id
    raise AssertionError(code_or_metric)


def _corrections(site: Site) -> list[Correction]:
    with site.session() as s:
        return list(s.scalars(select(Correction).order_by(Correction.id)))


# ---- authentication ---------------------------------------------------------------------------


def test_nobody_logged_out_sees_a_report(site: Site) -> None:
    c = site.client()
    fid = _finding_id(site, "Q2-1")
    for url in ["/", "/queue", f"/findings/{fid}", "/matrix", "/history", "/orphans", "/admin/users",
                "/evidence?year=2022&unit_id=1&code=Q2-1"]:
        r = c.get(url)
        assert r.status_code == 303, url
        assert r.headers["location"].startswith("/login?next="), url
        assert "Giao ước" not in r.text
    r = c.post(f"/findings/{fid}/decide", data={"action": "accept", "csrf_token": csrf_of(c, "/login")})
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert _corrections(site) == []
    # The login page itself is in Vietnamese and carries the way back.
    page = c.get("/login?next=/matrix")
    assert "Đăng nhập" in page.text and 'value="/matrix"' in page.text


def test_login_and_bad_password(site: Site) -> None:
    c = site.client()
    token = csrf_of(c, "/login")
    for user, pw in [("lan", "sai-mat-khau"), ("khongco", PASSWORD), ("lan", "")]:
        r = c.post("/login", data={"username": user, "password": pw, "csrf_token": token})
        assert r.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu" in r.text
        assert c.get("/queue").status_code == 303
    r = c.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": token, "next": "/matrix"})
    assert r.status_code == 303 and r.headers["location"] == "/matrix"
    page = c.get("/queue")
    assert page.status_code == 200 and "Hàng chờ duyệt" in page.text and "Giao ước" in page.text
    # An open redirect is not possible through `next`.
    c2 = site.client()
    r = c2.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": csrf_of(c2, "/login"), "next": "//evil.example/"})
    assert r.headers["location"] == "/queue"


def test_passwords_are_hashed_and_locked_accounts_cannot_log_in(site: Site) -> None:
    with site.session() as s:
        u = s.scalar(select(User).where(User.username == "minh"))
        assert u.password_hash.startswith("$argon2id$") and PASSWORD not in u.password_hash
    open_session = site.login("minh")
    admin = site.login("quantri")
    r = admin.post(f"/admin/users/{u.id}/active", data={"csrf_token": csrf_of(admin, "/admin/users")})
    assert r.status_code == 303
    assert open_session.get("/queue").status_code == 303  # a locked account's session ends at once
    c = site.client()
    r = c.post("/login", data={"username": "minh", "password": PASSWORD, "csrf_token": csrf_of(c, "/login")})
    assert r.status_code == 401


def test_session_expires_after_inactivity(site: Site) -> None:
    c = site.login()
    minutes = site.settings.session_minutes
    site.clock.now += (minutes - 5) * 60
    assert c.get("/queue").status_code == 200  # activity keeps the session alive
    site.clock.now += (minutes - 5) * 60
    assert c.get("/queue").status_code == 200
    site.clock.now += minutes * 60 + 1
    r = c.get("/queue")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    page = c.get(r.headers["location"])
    assert "Phiên làm việc đã hết hạn" in page.text
    # The old cookie stays dead even when the clock is wound back: the session was cleared.
    site.clock.now -= minutes * 60
    assert c.get("/queue").status_code == 303


def test_a_stolen_cookie_from_another_key_is_refused(site: Site, settings: Settings) -> None:
    c = site.login()
    other = Site(Settings(**{**settings.__dict__, "secret_key": "another-key"}), site.clock).client()
    other.cookies.update(c.cookies)
    assert other.get("/queue").status_code == 303


def test_csrf_is_required_on_every_post(site: Site) -> None:
    c = site.login()
    fid = _finding_id(site, "Q2-1")
    form = form_of(c, f"/findings/{fid}?item=Q2-1")
    for token in [None, "", "forged-token"]:
        data = {**form, "action": "accept"}
        if token is None:
            data.pop("csrf_token")
        else:
            data["csrf_token"] = token
        r = c.post(f"/findings/{fid}/decide", data=data)
        assert r.status_code == 403 and "CSRF" in r.text
    assert _corrections(site) == []
    assert c.post("/logout", data={}).status_code == 403
    assert c.get("/queue").status_code == 200  # still logged in
    fresh = site.client()
    fresh.get("/login")
    r = fresh.post("/login", data={"username": "lan", "password": PASSWORD})
    assert r.status_code == 403
    # With the token it all works.
    r = c.post(f"/findings/{fid}/decide", data={**form, "action": "accept"})
    assert r.status_code == 303
    assert [x.field for x in _corrections(site)] == ["accept"]
    r = c.post("/logout", data={"csrf_token": form["csrf_token"]})
    assert r.status_code == 303 and c.get("/queue").status_code == 303


def test_roles(site: Site) -> None:
    reviewer = site.login("lan")
    assert reviewer.get("/admin/users").status_code == 403
    token = csrf_of(reviewer, "/queue")
    r = reviewer.post("/admin/users", data={"username": "moi", "password": PASSWORD, "role": "admin", "csrf_token": token})
    assert r.status_code == 403
    assert "Tài khoản" not in reviewer.get("/queue").text.split("<main>")[0]
    admin = site.login("quantri")
    page = admin.get("/admin/users")
    assert page.status_code == 200 and "lan" in page.text
    r = admin.post("/admin/users", data={"username": "moi", "password": PASSWORD, "role": "reviewer", "csrf_token": csrf_of(admin, "/admin/users")})
    assert r.status_code == 303
    assert "Đã tạo tài khoản moi" in admin.get("/admin/users").text
    site.login("moi")


def test_secret_key_is_generated_once_and_kept(settings: Settings) -> None:
    s = Settings(**{**settings.__dict__, "secret_key": ""})
    key = secret_key(s)
    path = s.data_dir / SECRET_KEY_FILE
    assert len(key) >= 40 and path.read_text().strip() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(s) == key
    assert secret_key(settings) == "test-secret"


def test_user_add_command(settings: Settings) -> None:
    from thidua.cli.main import app

    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "hoa", "--password", PASSWORD, "--role", "admin"])
    assert r.exit_code == 0, r.output
    assert "Đã tạo tài khoản hoa" in r.output
    r = runner.invoke(app, ["user", "add", "hoa", "--password", PASSWORD])
    assert r.exit_code == 1 and "đã có" in r.output
    r = runner.invoke(app, ["user", "add", "x", "--password", PASSWORD, "--role", "boss"])
    assert r.exit_code == 1 and "vai trò" in r.output
    r = runner.invoke(app, ["user", "add", "y"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert r.exit_code == 0, r.output
    with session_scope(settings) as s:
        roles = dict(s.execute(select(User.username, User.role)).all())
    assert roles == {"hoa": "admin", "y": "reviewer"}


# ---- the queue and the finding page -----------------------------------------------------------


def test_queue_lowest_confidence_first(site: Site) -> None:
    c = site.login()
    html = c.get("/queue").text
    rows = re.findall(r'data-href="/findings/(\d+)(?:\?item=([\w-]+))?"', html)
    with site.session() as s:
        conf = {f.id: f.confidence for f in s.scalars(select(Finding))}
    values = [conf[int(fid)] for fid, _ in rows]
    assert values == sorted(values) and len(rows) == 5
    assert values[0] == 0.3  # the figure read with least confidence leads
    # every page of the app is one click away from the nav bar, the scores included
    assert all(f'href="{path}"' in html for path in ("/queue", "/matrix", "/scores", "/history", "/orphans"))


def test_finding_page_shows_the_source_with_the_span_marked(site: Site) -> None:
    c = site.login()
    fid = _finding_id(site, "Q2-1")
    html = c.get(f"/findings/{fid}?item=Q2-1").text
    assert "<mark id=\"found\">huyện Hòa An đã ký kết Giao ước thi đua năm 2022</mark>" in html
    assert "hoa_an_6m_2022.docx" in html and "đoạn 13" in html
    assert "Ngày 22/4/2022" in html  # the rest of the paragraph around the mark
    assert "Đã thực hiện" in html and "22/04/2022" in html
    for key in ("<kbd>a</kbd>", "<kbd>r</kbd>", "<kbd>j</kbd>", "<kbd>k</kbd>"):
        assert key in html
    fig = _finding_id(site, "bang_khen_tinh.tap_the")
    html = c.get(f"/findings/{fig}").text
    assert '<mark id="found">03</mark>' in html and "hàng 4, cột 3" in html
    assert "Bằng khen của Chủ tịch UBND tỉnh" in html


def test_accept_change_reject_through_the_page(site: Site) -> None:
    from thidua.readmodel import completion_matrix, effective_figures

    c = site.login()
    q21 = _finding_id(site, "Q2-1")
    r = c.post(f"/findings/{q21}/decide", data={**form_of(c, f"/findings/{q21}?item=Q2-1"), "action": "accept"})
    assert r.status_code == 303 and r.headers["location"].startswith("/findings/")  # on to the next one
    q11 = _finding_id(site, "Q1-1")
    form = form_of(c, f"/findings/{q11}?item=Q1-1")
    r = c.post(f"/findings/{q11}/decide", data={**form, "action": "change", "plan_item": "Q1-1", "status": "in_progress", "date": "2022-02-01"})
    assert r.status_code == 303
    fig = _finding_id(site, "giay_khen.ca_nhan")
    form = form_of(c, f"/findings/{fig}")
    c.post(f"/findings/{fig}/decide", data={**form, "action": "change", "metric": "giay_khen.ca_nhan", "value": "1.780"})
    bk = _finding_id(site, "bang_khen_tinh.tap_the")
    c.post(f"/findings/{bk}/decide", data={**form_of(c, f"/findings/{bk}"), "action": "reject"})

    rows = _corrections(site)
    assert [(x.field, x.plan_item_code or x.metric) for x in rows] == [
        ("accept", "Q2-1"), ("change", "Q1-1"), ("change", "giay_khen.ca_nhan"), ("reject", "bang_khen_tinh.tap_the"),
    ]
    assert rows[0].new_value == {"status": "done", "date": "2022-04-22"}
    assert rows[1].old_value["status"] == "done" and rows[1].new_value == {"status": "in_progress", "date": "2022-02-01"}
    assert rows[2].new_value == {"value": 1780} and rows[2].old_value["value"] == 42
    with site.session() as s:
        m = completion_matrix(s, 2022)
        assert (m.cell("Hòa An", "Q2-1").state, m.cell("Hòa An", "Q2-1").source) == ("done", "confirmed")
        assert (m.cell("Hòa An", "Q1-1").state, m.cell("Hòa An", "Q1-1").source) == ("in_progress", "changed")
        figs = {f.metric: f for f in effective_figures(s, 2022)}
        assert figs["giay_khen.ca_nhan"].value == 1780 and "bang_khen_tinh.tap_the" not in figs
    # The page shows it all: queue drained of these, matrix legend, history with both values.
    assert "Không còn mục nào cần duyệt" not in c.get("/queue").text  # the unmatched one is left
    matrix = c.get("/matrix").text
    assert "Người duyệt xác nhận" in matrix and "Người duyệt đã sửa" in matrix and "Máy tìm thấy" in matrix
    assert 'class="cell st-done src-confirmed"' in matrix and 'class="cell st-in_progress src-changed"' in matrix
    history = c.get("/history").text
    assert history.count("<td>lan</td>") == 4 and "1.780" in history and "Đang thực hiện, 01/02/2022" in history
    evidence = c.get(f"/evidence?year=2022&unit_id={rows[1].unit_id}&code=Q1-1").text
    assert "đã tham dự Hội nghị tổng kết" in evidence and "đang áp dụng" in evidence


def test_moving_a_task_to_another_plan_item(site: Site) -> None:
    from thidua.readmodel import completion_matrix

    c = site.login()
    q11 = _finding_id(site, "Q1-1")
    form = form_of(c, f"/findings/{q11}?item=Q1-1")
    c.post(f"/findings/{q11}/decide", data={**form, "action": "change", "plan_item": "Q1-2", "status": "done", "date": "2022-01-25"})
    rows = _corrections(site)
    assert [(x.field, x.plan_item_code, x.new_value) for x in rows] == [
        ("reject", "Q1-1", {"moved_to": "Q1-2"}),
        ("change", "Q1-2", {"status": "done", "date": "2022-01-25", "moved_from": "Q1-1"}),
    ]
    with site.session() as s:
        m = completion_matrix(s, 2022)
        assert m.cell("Hòa An", "Q1-1").state is None
        assert (m.cell("Hòa An", "Q1-2").state, m.cell("Hòa An", "Q1-2").source) == ("done", "changed")


def test_an_unmatched_statement_can_be_given_a_plan_item(site: Site) -> None:
    c = site.login()
    with site.session() as s:
        fid = s.scalar(select(Finding.id).where(Finding.kind == "task", ~Finding.matches.any()))
    html = c.get(f"/findings/{fid}").text
    assert "Chưa gắn với nhiệm vụ nào" in html and 'id="btn-accept" disabled' in html
    form = form_of(c, f"/findings/{fid}")
    c.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q1-3", "status": "done", "date": ""})
    [row] = _corrections(site)
    assert (row.plan_item_code, row.new_value, row.old_value["text"].startswith("- Tổ chức 01 lớp")) == ("Q1-3", {"status": "done", "date": None}, True)
    assert f'/findings/{fid}"' not in c.get("/queue").text  # decided: out of the open queue
    assert f'/findings/{fid}"' in c.get("/queue?show=all").text


def test_bad_input_is_refused_with_a_message(site: Site) -> None:
    c = site.login()
    q11 = _finding_id(site, "Q1-1")
    form = form_of(c, f"/findings/{q11}?item=Q1-1")
    r = c.post(f"/findings/{q11}/decide", data={**form, "action": "change", "plan_item": "Q1-1", "status": "xong", "date": ""})
    assert r.status_code == 303
    assert "trạng thái không hợp lệ" in c.get(r.headers["location"]).text
    fig = _finding_id(site, "giay_khen.ca_nhan")
    r = c.post(f"/findings/{fig}/decide", data={**form_of(c, f"/findings/{fig}"), "action": "change", "metric": "giay_khen.ca_nhan", "value": "nhiều"})
    assert "số liệu không hợp lệ" in c.get(r.headers["location"]).text
    assert _corrections(site) == []


# ---- corrections: append-only, conflicts, reprocessing, orphans -------------------------------


def _key(site: Site, code: str = "Q2-1") -> tuple[CorrectionKey, User, int]:
    with site.session() as s:
        unit = s.scalar(select(Unit).where(Unit.name == "Hòa An"))
        user = s.scalar(select(User).where(User.username == "lan"))
        return CorrectionKey.task(unit.id, 2022, "6M", code), user, unit.id


def test_corrections_are_append_only(site: Site) -> None:
    key, user, unit_id = _key(site)
    with site.session() as s:
        first = record_correction(
            s, user, "task", unit_id=unit_id, year=2022, period_kind="6M", plan_item_code="Q2-1",
            field="change", old_value={"status": "done"}, new_value={"status": "not_done", "date": None}, expected_version=0,
        )
        second = record_correction(
            s, user, "task", unit_id=unit_id, year=2022, period_kind="6M", plan_item_code="Q2-1",
            field="accept", old_value={"status": "not_done"}, new_value={"status": "not_done", "date": None},
            expected_version=first.id,
        )
        s.commit()
        ids = (first.id, second.id)
        assert latest_correction(s, key).id == second.id and current_version(s, key) == second.id
        first.new_value = {"status": "done"}
        with pytest.raises(AppendOnlyError):
            s.flush()
        s.rollback()
        s.delete(s.get(Correction, first.id))
        with pytest.raises(AppendOnlyError):
            s.flush()
        s.rollback()
        with pytest.raises(AppendOnlyError):
            s.execute(update(Correction).values(note="x"))
        with pytest.raises(AppendOnlyError):
            s.execute(delete(Correction))
        s.rollback()
    rows = _corrections(site)
    assert [(r.id, r.field, r.new_value["status"], r.note) for r in rows] == [
        (ids[0], "change", "not_done", ""), (ids[1], "accept", "not_done", ""),
    ]


def test_the_database_itself_refuses_to_change_a_correction(site: Site) -> None:
    # Migration 0002: another client (psql, a script) cannot rewrite history either.
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from thidua.models.db import get_engine

    _key_, user, unit_id = _key(site)
    finding = _finding_id(site, "Q2-1")
    with site.session() as s:
        c = record_correction(
            s, user, "task", unit_id=unit_id, year=2022, period_kind="6M", plan_item_code="Q2-1",
            field="change", old_value={"status": "done"}, new_value={"status": "not_done", "date": None},
            expected_version=0, finding_id=finding,
        )
        s.commit()
        cid = c.id
    engine = get_engine(site.settings.database_url)
    for sql in ("UPDATE corrections SET note = 'sửa lén' WHERE id = :id",
                "UPDATE corrections SET new_value = old_value WHERE id = :id",
                "DELETE FROM corrections WHERE id = :id"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(sql), {"id": cid})
    # The foreign key's ON DELETE SET NULL (the finding replaced by reprocessing) is allowed.
    with engine.begin() as conn:
        conn.execute(text("UPDATE corrections SET finding_id = NULL WHERE id = :id"), {"id": cid})
    with site.session() as s:
        kept = s.get(Correction, cid)
        assert kept.finding_id is None and kept.note == "" and kept.new_value["status"] == "not_done"


def test_second_reviewer_is_told_and_nothing_is_overwritten(site: Site) -> None:
    lan, minh = site.login("lan"), site.login("minh")
    fid = _finding_id(site, "Q2-1")
    url = f"/findings/{fid}?item=Q2-1"
    form_lan, form_minh = form_of(lan, url), form_of(minh, url)  # both open the page
    assert form_lan["version"] == form_minh["version"] == "0"
    r = lan.post(f"/findings/{fid}/decide", data={**form_lan, "action": "change", "plan_item": "Q2-1", "status": "not_done", "date": ""})
    assert r.status_code == 303
    r = minh.post(f"/findings/{fid}/decide", data={**form_minh, "action": "change", "plan_item": "Q2-1", "status": "in_progress", "date": "2022-05-01"})
    assert r.status_code == 409
    assert "Đã có người sửa mục này trước bạn" in r.text
    assert "Bản của lan" in r.text and "Chưa thực hiện" in r.text  # theirs
    assert "Lựa chọn của bạn" in r.text and "Đang thực hiện, 01/05/2022" in r.text  # mine
    rows = _corrections(site)
    assert [x.new_value["status"] for x in rows] == ["not_done"]
    # Minh decides knowingly: the conflict page's form carries the new version.
    m = re.search(r'name="version" value="(\d+)"', r.text)
    assert m and int(m.group(1)) == rows[0].id
    r = minh.post(
        f"/findings/{fid}/decide",
        data={**form_minh, "version": m.group(1), "action": "change", "plan_item": "Q2-1", "status": "in_progress", "date": "2022-05-01"},
    )
    assert r.status_code == 303
    rows = _corrections(site)
    assert [x.new_value.get("status") for x in rows] == ["not_done", "in_progress"]
    assert rows[1].old_value["status"] == "not_done"  # minh saw lan's value when deciding


def test_conflict_at_the_model_level(site: Site) -> None:
    key, user, unit_id = _key(site)
    kw = dict(unit_id=unit_id, year=2022, period_kind="6M", plan_item_code="Q2-1", field="reject", old_value={}, new_value={})
    with site.session() as s:
        first = record_correction(s, user, "task", **kw, expected_version=0)
        s.commit()
        with pytest.raises(CorrectionConflict) as err:
            record_correction(s, user, "task", **kw, expected_version=0)
        assert err.value.latest.id == first.id
        s.rollback()
    assert len(_corrections(site)) == 1


def test_a_correction_survives_reprocessing(site: Site) -> None:
    from thidua.readmodel import completion_matrix

    c = site.login()
    fid = _finding_id(site, "Q2-1")
    form = form_of(c, f"/findings/{fid}?item=Q2-1")
    c.post(f"/findings/{fid}/decide", data={**form, "action": "change", "plan_item": "Q2-1", "status": "not_done", "date": ""})
    new_report = process_report(site.settings)  # the pipeline stores the file's results again
    with site.session() as s:
        assert s.scalar(select(func.count()).select_from(Report).where(Report.is_current.is_(True), Report.unit_id.is_not(None))) == 1
        new_fid = s.scalar(select(Finding.id).where(Finding.report_id == new_report, Finding.text.like("%Giao ước%")))
        assert new_fid != fid
        m = completion_matrix(s, 2022)
        assert (m.cell("Hòa An", "Q2-1").state, m.cell("Hòa An", "Q2-1").source) == ("not_done", "changed")
    html = c.get(f"/findings/{new_fid}?item=Q2-1").text
    assert "Đang áp dụng: <b>Chưa thực hiện</b>" in html
    assert f"/findings/{new_fid}?item=Q2-1" not in c.get("/queue").text


def test_a_correction_that_fits_nothing_is_shown_not_dropped(site: Site) -> None:
    c = site.login()
    fid = _finding_id(site, "Q1-1")
    c.post(f"/findings/{fid}/decide", data={**form_of(c, f"/findings/{fid}?item=Q1-1"), "action": "reject"})
    assert "Không có bản sửa nào bị lạc" in c.get("/orphans").text
    process_report(site.settings, with_q1_1=False)  # the extractor no longer finds that sentence
    html = c.get("/orphans").text
    assert "Q1-1" in html and "Bác bỏ" in html and "đã tham dự Hội nghị tổng kết" in html
    assert len(_corrections(site)) == 1
    assert "Q1-1" in c.get("/history").text


def test_two_writers_racing_on_one_key_cannot_both_win(site: Site) -> None:
    """Both saw version 0; the second to write is refused even when it checked before the first committed."""
    import threading

    key, user, unit_id = _key(site)
    kw = dict(unit_id=unit_id, year=2022, period_kind="6M", plan_item_code="Q2-1", old_value={}, expected_version=0)
    first_written = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with site.session() as s:
            record_correction(s, user, "task", field="change", new_value={"status": "not_done", "date": None}, **kw)
            first_written.set()
            time.sleep(0.5)  # the second writer comes in while this transaction is still open
            s.commit()

    def second() -> None:
        first_written.wait(10)
        with site.session() as s:
            try:
                record_correction(s, user, "task", field="change", new_value={"status": "planned", "date": None}, **kw)
                s.commit()
                outcome["second"] = "written"
            except CorrectionConflict:
                s.rollback()
                outcome["second"] = "conflict"

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcome == {"second": "conflict"}
    assert [c.new_value["status"] for c in _corrections(site)] == ["not_done"]


def test_pdf_finding_shows_its_page(site: Site) -> None:
    """A report read from a PDF by the real extractor and matcher: the excerpt names its page."""
    from thidua.extractors.report import extract_findings
    from thidua.matching import match_findings
    from thidua.models.plans import active_plan, plan_spec

    path = SAMPLE_DOCS / "reports" / "hoa_an_9m_2022.pdf"
    units = load_units(site.settings.units_file)
    doc = read_document(path)
    findings = extract_findings(doc, units)
    with session_scope(site.settings) as s:
        findings = match_findings(findings, plan_spec(active_plan(s, 2022)), units)
        source = register_source_file(s, path, site.settings.originals_dir, status="processed")
        keep_read(OriginalsStore.from_settings(site.settings), source.sha256, path, doc)
        report_id = save_results(s, source, findings).id
    with site.session() as s:
        f = s.scalars(select(Finding).where(Finding.report_id == report_id, Finding.kind == "task", Finding.page.is_not(None))).first()
        assert f is not None
        fid, page, text = f.id, f.page, doc.blocks[f.block].text[f.span_start : f.span_end]
    html = site.login().get(f"/findings/{fid}").text
    assert "hoa_an_9m_2022.pdf" in html and f"Trang {page}" in html
    assert f'<mark id="found">{text}</mark>' in html.replace("&#34;", '"').replace("&#39;", "'")
