"""Two clusters in one database: each inbox read with its own units and plan, reviewers scoped to theirs."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from thidua.cli.main import app
from thidua.core.settings import Settings
from thidua.inbox import InboxEntry
from thidua.models.db import session_scope
from thidua.models.tables import Cluster, Correction, Finding, Match, PlanItem, Plan, Report, SourceFile, Unit
from thidua.review.app import create_app
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS
from tests.test_review import form_of

WORLD2 = SAMPLE_DOCS / "world2"
PASSWORD = "mat-khau-rat-dai-1"
#: One report of each world, and a district of world 1 ("Hòa An") added to world 2's cluster too.
REPORT_1 = SAMPLE_DOCS / "reports" / "hoa_an_6m_2022.docx"
REPORT_2 = WORLD2 / "reports" / "trang_dinh_6m_2023.docx"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _entry(path: Path) -> InboxEntry:
    st = path.stat()
    return InboxEntry(path, st.st_size, st.st_mtime_ns)


def _setup(settings: Settings, tmp_path: Path) -> Path:
    """Two clusters made with the commands, their units, plans and reviewers, one report in each inbox.

    Returns a file dropped outside the clusters' folders.
    """
    units2 = tmp_path / "units_phia_bac.toml"
    units2.write_text(
        (WORLD2 / "units.toml").read_text(encoding="utf-8") + '\n[[unit]]\nname = "Hòa An"\nrole = "member"\n',
        encoding="utf-8",
    )
    _cli("cluster", "add", "mien-tay", "--name", "Cụm thi đua các huyện miền Tây", "--province", "Cao Bằng")
    _cli("cluster", "add", "phia-bac", "--name", "Cụm thi đua các huyện phía Bắc", "--province", "Lạng Sơn")
    _cli("units", "import", str(SAMPLE_DOCS / "units.toml"), "--cluster", "mien-tay")
    _cli("units", "import", str(units2), "--cluster", "phia-bac")
    _cli("plan", "import", str(PLAN_DOCX), "--cluster", "mien-tay")
    _cli("plan", "import", str(WORLD2 / "plan" / "ke_hoach_cum_thi_dua_phia_bac_2023.docx"), "--cluster", "phia-bac")
    for name, cluster in (("lan", "mien-tay"), ("binh", "phia-bac")):
        _cli("user", "add", name, "--password", PASSWORD, "--cluster", cluster)
    _cli("user", "add", "quantri", "--password", PASSWORD, "--role", "admin")

    inbox = settings.inbox
    for report, key in ((REPORT_1, "mien-tay"), (REPORT_2, "phia-bac")):
        (inbox / key).mkdir(parents=True, exist_ok=True)
        shutil.copy(report, inbox / key / report.name)
    loose = inbox / "khong_ro_cum.docx"
    shutil.copy(REPORT_1.with_name("nguyen_binh_q1_2022.docx"), loose)
    old = time.time() - 60
    for p in inbox.rglob("*.docx"):
        os.utime(p, (old, old))
    return loose


@pytest.fixture
def province(settings: Settings, tmp_path: Path) -> Settings:
    """The two clusters of `_setup`, each inbox processed by the flow's steps (flows/steps.py)."""
    from thidua.flows.steps import default_claimer, handle_document, prepare_run, route_entries

    loose = _setup(settings, tmp_path)
    inbox = settings.inbox
    entries = [_entry(p) for p in sorted(inbox.rglob("*.docx"))]
    routed = route_entries(settings, inbox, entries)
    assert {k: [e.path.name for e in v] for k, v in routed.by_cluster.items()} == {
        "mien-tay": [REPORT_1.name], "phia-bac": [REPORT_2.name],
    }
    # Two clusters and no THIDUA_CLUSTER: a file outside the clusters' folders is left, with the reason.
    assert [e.path.name for e in routed.unrouted] == [loose.name] and "--cluster" in routed.why_unrouted
    for key, listed in routed.by_cluster.items():
        ctx = prepare_run(settings, default_claimer(), cluster=key)
        for entry in listed:
            assert handle_document(entry, ctx).outcome == "processed"
    return settings


def _login(settings: Settings, username: str) -> TestClient:
    c = TestClient(create_app(settings), follow_redirects=False)
    page = c.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    r = c.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text
    return c


def _ids(settings: Settings) -> dict[str, dict[str, int]]:
    """Per cluster key: its report's id and one of its task findings' id."""
    out: dict[str, dict[str, int]] = {}
    with session_scope(settings) as s:
        for c in s.scalars(select(Cluster)):
            report = s.scalars(select(Report).where(Report.cluster_id == c.id)).one()
            finding = s.scalars(select(Finding).where(Finding.report_id == report.id, Finding.kind == "task")).first()
            assert finding is not None
            out[c.key] = {"report": report.id, "finding": finding.id, "cluster": c.id, "source": report.source_file_id}
    return out


def test_each_inbox_is_read_with_its_own_cluster(province: Settings) -> None:
    """Reports, files, units and matched plan items all belong to the cluster whose inbox the file was in."""
    with session_scope(province) as s:
        clusters = {c.key: c for c in s.scalars(select(Cluster))}
        for key, report_file, unit in (("mien-tay", REPORT_1, "Hòa An"), ("phia-bac", REPORT_2, "Tràng Định")):
            c = clusters[key]
            sf = s.scalars(select(SourceFile).where(SourceFile.original_name == report_file.name)).one()
            report = s.scalars(select(Report).where(Report.source_file_id == sf.id)).one()
            assert sf.cluster_id == report.cluster_id == c.id
            assert report.unit is not None and report.unit.name == unit and report.unit.cluster_id == c.id
            plans = set(s.scalars(
                select(Plan.cluster_id).join(PlanItem, PlanItem.plan_id == Plan.id)
                .join(Match, Match.plan_item_id == PlanItem.id).join(Finding, Finding.id == Match.finding_id)
                .where(Finding.report_id == report.id)
            ))
            assert plans == {c.id}, key  # matched against its own cluster's plan only
        # "Hòa An" is a member of both clusters: two rows, the report counts for world 1's only.
        hoa_an = s.scalars(select(Unit).where(Unit.name == "Hòa An")).all()
        assert sorted(u.cluster_id for u in hoa_an) == sorted(c.id for c in clusters.values())
        assert s.scalar(select(func.count()).select_from(Report).where(Report.unit_id.in_([u.id for u in hoa_an]))) == 1
    out = _cli("status", "--cluster", "phia-bac", "--json")
    assert "Tràng Định" in out and "Nguyên Bình" not in out
    listed = _cli("cluster", "list", "--json")
    assert '"mien-tay"' in listed and '"phia-bac"' in listed


def test_scores_and_exports_per_cluster(province: Settings, tmp_path: Path) -> None:
    """Scoring one cluster uses the table beside its units file, stores its rows only, exports its units only."""
    import json

    from openpyxl import load_workbook

    from thidua.models.tables import Score

    sheet = json.loads(_cli("score", "--cluster", "mien-tay", "--json"))
    assert {u["unit"] for u in sheet["units"]} == {"Hà Quảng", "Nguyên Bình", "Bảo Lạc", "Bảo Lâm", "Hòa An"}
    with session_scope(province) as s:
        mien_tay = s.scalars(select(Cluster).where(Cluster.key == "mien-tay")).one()
        assert {r.cluster_id for r in s.scalars(select(Score))} == {mien_tay.id}
        hoa_an_2 = s.scalars(select(Unit).where(Unit.name == "Hòa An", Unit.cluster_id != mien_tay.id)).one()
        assert s.scalars(select(Score).where(Score.unit_id == hoa_an_2.id)).all() == []
    # World 2 has no scoring table beside its units file: its cluster says so, world 1's rows stay.
    result = CliRunner().invoke(app, ["score", "--cluster", "phia-bac"])
    assert result.exit_code == 1 and "bảng điểm năm 2023" in result.stderr
    with session_scope(province) as s:
        assert s.scalar(select(func.count()).select_from(Score)) > 0
    out = tmp_path / "mien_tay.xlsx"
    _cli("export", "excel", str(out), "--cluster", "mien-tay")
    cells = {str(c.value) for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "Hòa An" in cells and "Tràng Định" not in cells and "Bắc Sơn" not in cells
    # With two clusters a command that names none stops with one line naming the keys.
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 1 and "mien-tay" in result.stderr and "phia-bac" in result.stderr


def test_a_reviewer_sees_only_their_cluster(province: Settings) -> None:
    """Over HTTP: another cluster's report, findings, matrix, history and scores are not there for them."""
    ids = _ids(province)
    lan = _login(province, "lan")  # reviewer of mien-tay
    queue = lan.get("/queue").text
    assert "Hòa An" in queue and "Tràng Định" not in queue
    assert lan.get(f"/reports/{ids['mien-tay']['report']}").status_code == 200
    assert lan.get(f"/findings/{ids['mien-tay']['finding']}").status_code == 200
    assert lan.get(f"/sources/{ids['mien-tay']['source']}/original").status_code == 200
    other = ids["phia-bac"]
    for url in (f"/reports/{other['report']}", f"/findings/{other['finding']}", f"/sources/{other['source']}/original"):
        assert lan.get(url).status_code == 404, url
        # Asking for the other cluster by name changes nothing: it is not theirs.
        assert lan.get(url + "?cluster=phia-bac").status_code == 404, url
    matrix = lan.get("/matrix?cluster=phia-bac").text
    assert "Hà Quảng" in matrix and "Tràng Định" not in matrix and "Bắc Sơn" not in matrix
    # A decision on the other cluster's finding is refused and writes nothing.
    form = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', queue).group(1), "action": "accept"}  # type: ignore[union-attr]
    r = lan.post(f"/findings/{ids['phia-bac']['finding']}/decide", data=form)
    assert r.status_code == 404
    with session_scope(province) as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 0

    # Given the second cluster too, she may switch to it (and only then sees it).
    _cli("user", "clusters", "lan", "--cluster", "mien-tay", "--cluster", "phia-bac")
    assert lan.get(f"/reports/{other['report']}?cluster=phia-bac").status_code == 200
    _cli("user", "clusters", "lan", "--cluster", "mien-tay")
    assert lan.get(f"/reports/{other['report']}?cluster=phia-bac").status_code == 404

    binh = _login(province, "binh")  # reviewer of phia-bac decides one of theirs
    url = f"/findings/{ids['phia-bac']['finding']}"
    assert "Tràng Định" in binh.get(url).text
    r = binh.post(url + "/decide", data={**form_of(binh, url), "action": "reject", "reason": "khong_phai"})
    assert r.status_code == 303, r.text
    with session_scope(province) as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 1
    assert "Tràng Định" not in lan.get("/history").text
    assert "Tràng Định" in binh.get("/history").text
    scores = lan.get("/scores").text
    assert "Tràng Định" not in scores and "Bắc Sơn" not in scores


def test_an_admin_switches_cluster(province: Settings) -> None:
    """Admins see every cluster, one at a time, chosen with ?cluster= and remembered."""
    ids = _ids(province)
    admin = _login(province, "quantri")
    first = admin.get("/matrix").text
    assert "Cụm thi đua các huyện miền Tây" in first and "phia-bac" in first  # the switcher lists both
    assert "Tràng Định" in admin.get("/matrix?cluster=phia-bac").text
    assert admin.get(f"/reports/{ids['phia-bac']['report']}").status_code == 200  # remembered
    assert admin.get(f"/reports/{ids['mien-tay']['report']}").status_code == 404
    assert admin.get(f"/reports/{ids['mien-tay']['report']}?cluster=mien-tay").status_code == 200


def test_one_flow_run_reads_every_cluster_inbox(
    settings: Settings, tmp_path: Path, prefect_harness: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Prefect flow: each cluster's folder with its own units and plan; a loose file is left, with why."""
    from thidua.flows.process_inbox import process_inbox, summary_markdown

    loose = _setup(settings, tmp_path)
    summary = process_inbox(str(settings.inbox), settle_seconds=0)
    assert summary["processed"] == 2, summary
    by_file = {f["file"]: f for f in summary["files"]}
    assert (by_file[REPORT_1.name]["cluster"], by_file[REPORT_1.name]["unit"]) == ("mien-tay", "Hòa An")
    assert (by_file[REPORT_2.name]["cluster"], by_file[REPORT_2.name]["unit"]) == ("phia-bac", "Tràng Định")
    assert summary["left_in_inbox"] == [loose.name] and loose.exists()
    assert {k: c["processed"] for k, c in summary["by_cluster"].items()} == {"mien-tay": 1, "phia-bac": 1}
    assert "Theo Cụm thi đua" in summary_markdown(summary)
    assert "Cụm" in by_file[loose.name]["reason"]
    with session_scope(settings) as s:
        keys = dict(s.execute(select(Report.id, Cluster.key).join(Cluster, Cluster.id == Report.cluster_id)).all())
        assert sorted(keys.values()) == ["mien-tay", "phia-bac"]
    # With a default cluster the loose file is that cluster's.
    monkeypatch.setenv("THIDUA_CLUSTER", "mien-tay")
    again = process_inbox(str(settings.inbox), settle_seconds=0)
    assert [(f["file"], f["cluster"], f["unit"]) for f in again["files"]] == [(loose.name, "mien-tay", "Nguyên Bình")], again
    assert not loose.exists()


@pytest.mark.browser
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_cluster_switch_in_a_browser(province: Settings) -> None:
    """In chromium: a reviewer has no switch and sees their cluster; an admin switches to the other."""
    from playwright.sync_api import expect, sync_playwright

    from tests.test_review_browser import CHROMIUM, CHROMIUM_ARGS, serve

    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")

    def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
        page.goto(f"{base}/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/queue")

    with serve(province) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
            login(page, base, "lan")
            page.goto(f"{base}/matrix")
            expect(page.locator("table.matrix")).to_contain_text("Hòa An")
            expect(page.locator("table.matrix")).not_to_contain_text("Tràng Định")
            assert page.locator("form.cluster-switch").count() == 0  # one cluster: nothing to switch
            admin = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
            login(admin, base, "quantri")
            admin.goto(f"{base}/matrix")
            admin.select_option("form.cluster-switch select", "phia-bac")
            admin.click("form.cluster-switch button")
            admin.wait_for_url("**cluster=phia-bac**")
            expect(admin.locator("table.matrix")).to_contain_text("Tràng Định")
            expect(admin.locator("a.brand")).to_contain_text("phía Bắc")
            admin.screenshot(path="/tmp/thidua-review-cluster-switch.png", full_page=True)
        finally:
            browser.close()
