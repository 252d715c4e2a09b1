"""The review page's error pages, log-in rate limit, server-side log-out and `thidua review` on a busy port."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from thidua.review.limits import MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, WINDOW_SECONDS
from tests.test_review import PASSWORD, Site, _finding_id, csrf_of, site  # noqa: F401  (fixture)

BAD_URLS = [
    "/findings/abc",
    "/queue?year=abc",
    "/findings/99999999999999999999999999",
    "/queue?year=99999999999999999999999",
    "/evidence?year=2022&unit_id=99999999999999999999999&code=Q1-1",
    "/evidence?year=2022&unit_id=1",
    "/history?unit_id=-99999999999999999999999",
    "/khong-co-trang-nay",
    "/findings/123456",
    "/scores?year=1999",
    "/scores/chart.png?year=1999",
]


def test_bad_addresses_get_a_vietnamese_page_never_json_or_500(site: Site) -> None:
    c = site.login()
    for url in BAD_URLS:
        r = c.get(url)
        assert 400 <= r.status_code < 500 or (r.status_code == 200 and url.startswith("/scores?")), (url, r.status_code)
        assert r.headers["content-type"].startswith("text/html"), url
        assert '"detail"' not in r.text and "Not Found" not in r.text and "Traceback" not in r.text, url
        assert 'lang="vi"' in r.text, url
    assert "Không có trang nào ở địa chỉ này" in c.get("/khong-co-trang-nay").text
    assert "Tham số không hợp lệ: finding_id" in c.get("/findings/abc").text
    assert "số quá lớn" in c.get("/findings/99999999999999999999999999").text
    assert "Chưa tính được điểm" in c.get("/scores?year=1999").text
    # Logged out, an unknown path is also a Vietnamese page (no report shown).
    assert "Không có trang nào" in site.client().get("/khong-co").text


def test_a_huge_integer_in_a_form_is_refused_with_a_message(site: Site) -> None:
    c = site.login()
    token = csrf_of(c, "/queue")
    r = c.post("/scores/grade", data={"csrf_token": token, "year": "2022", "unit_id": "9" * 30, "value": "A"})
    assert r.status_code in (303, 400)
    assert "Traceback" not in r.text


def test_favicon(site: Site) -> None:
    c = site.client()
    r = c.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg")
    assert 'rel="icon"' in c.get("/login").text


def test_logout_ends_the_session_on_the_server(site: Site) -> None:
    c = site.login()
    copied = site.client()
    copied.cookies.update(c.cookies)  # the cookie, copied before logging out
    assert copied.get("/queue").status_code == 200
    r = c.post("/logout", data={"csrf_token": csrf_of(c, "/queue")})
    assert r.status_code == 303
    assert c.get("/queue").status_code == 303
    assert copied.get("/queue").status_code == 303
    # Still dead for a new server process sharing the data folder.
    fresh = site.client()
    fresh.cookies.update(copied.cookies)
    assert fresh.get("/queue").status_code == 303
    # Logging in again works.
    assert site.login().get("/queue").status_code == 200


def _try(c, user: str, password: str) -> int:  # type: ignore[no-untyped-def]
    r = c.post("/login", data={"username": user, "password": password, "csrf_token": csrf_of(c, "/login")})
    return r.status_code


def test_login_is_rate_limited_per_account(site: Site) -> None:
    c = site.client()
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        assert _try(c, "lan", "sai-mat-khau") == 401
    # Now even the right password is refused for a while, with a Vietnamese message.
    r = c.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": csrf_of(c, "/login")})
    assert r.status_code == 429 and "Đăng nhập sai quá nhiều lần" in r.text and int(r.headers["retry-after"]) > 0
    assert _try(c, "minh", PASSWORD) == 303  # another account is not blocked
    site.clock.now += WINDOW_SECONDS + 1
    assert _try(c, "lan", PASSWORD) == 303


def test_login_is_rate_limited_per_address(site: Site) -> None:
    c = site.client()
    for i in range(MAX_FAILURES_PER_ADDRESS):
        assert _try(c, f"khongco{i}", "sai-mat-khau") == 401
    assert _try(c, "lan", PASSWORD) == 429


def test_review_on_a_port_in_use_prints_one_vietnamese_line(settings) -> None:  # type: ignore[no-untyped-def]
    from thidua.cli.main import app

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["review", "--port", str(port)])
    assert result.exit_code == 1
    out = (result.stderr if hasattr(result, "stderr") else result.output).strip()
    assert out.count("\n") == 0, out
    assert f"cổng {port}" in out and "đang được chương trình khác dùng" in out
    assert "Traceback" not in result.output


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_error_page_keeps_the_security_headers(site: Site) -> None:
    r = site.login().get("/khong-co")
    assert r.status_code == 404 and "default-src 'self'" in r.headers["content-security-policy"]


def test_history_says_what_really_changed(site: Site) -> None:
    from tests.test_review import form_of

    c = site.login()
    q21 = _finding_id(site, "Q2-1")
    c.post(f"/findings/{q21}/decide", data={**form_of(c, f"/findings/{q21}?item=Q2-1"), "action": "accept"})
    history = c.get("/history").text
    assert "giữ nguyên:" in history
    page = c.get(f"/findings/{q21}?item=Q2-1").text
    assert "Đã thực hiện, 22/04/2022</span> → <b>Đã thực hiện" not in page and "giữ nguyên" in page


def test_scores_page_names_criteria_and_sections_like_the_chart(site: Site) -> None:
    from thidua.scoring.table import find_table

    table = find_table(2022)
    page = site.login().get("/scores?year=2022").text
    sections = {c.section for c in table.criteria if c.section}
    assert sections and all(f"Mục {sec}" in page for sec in sections)
    for c in table.criteria:
        assert f"<code>{c.id}</code>" not in page and f"<b>{c.id}</b>" not in page
    # The score table's notes name pending criteria by the table's own column numbers, never by id.
    table_html = page[page.index('id="score-table"'):page.index("</table>", page.index('id="score-table"'))]
    assert "chưa chấm: (" in table_html
    assert not any(c.id in table_html for c in table.criteria)
    assert 'style="' not in page  # the page's own CSP forbids inline styles
