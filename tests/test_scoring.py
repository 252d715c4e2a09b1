"""Scoring on a real database (SQLite and PostgreSQL) against hand-computed points.

The world: the seed plan (sample_docs/plan) and the 19 sample reports read as their hand-written
expected files say (sample_docs/reports/*.expected.json) – one report row per file with its date
and period, one task finding matched to its plan item per task, one figure finding per figure –
so the points below depend on the scoring rules only, not on how well the extractor reads today.
The sample scoring table sample_docs/scoring_2022.toml is used unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from thidua.core.errors import ConfigError
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.core.units import load_units
from thidua.models.corrections import record_correction
from thidua.models.plans import save_plan, sync_units
from thidua.models.tables import Finding, Match, Report, Score, SourceFile, Unit, User
from thidua.scoring.compute import compute_scores, score_year
from thidua.scoring.manual import record_manual, record_received
from thidua.scoring.table import BONUS_CAP, TOTAL, load_table
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS

TABLE = SAMPLE_DOCS / "scoring_2022.toml"
AS_OF = dt.date(2023, 2, 1)  # scoring after the year-end deadline (10/01/2023)
D = dt.date


def _load_world(session: Session) -> dict[str, Unit]:
    """Units, the seed plan, and every sample report as its expected file reads."""
    specs = load_units(SAMPLE_DOCS / "units.toml")
    units = sync_units(session, specs)
    plan = save_plan(session, extract_plan(read_document(PLAN_DOCX), [u.name for u in specs]))
    items = {i.code: i for i in plan.items}
    for n, path in enumerate(sorted((SAMPLE_DOCS / "reports").glob("*.expected.json"))):
        exp = json.loads(path.read_text(encoding="utf-8"))
        sf = SourceFile(sha256=f"{n:064d}", original_name=path.name.replace(".expected.json", ""), stored_path=str(path),
                        size=1, status="processed")
        session.add(sf)
        session.flush()
        unit = units[exp["unit"]]
        report = Report(source_file_id=sf.id, unit_id=unit.id, year=exp["period"]["year"], period_kind=exp["period"]["kind"],
                        report_date=D.fromisoformat(exp["report_date"]), source_format=path.suffix)
        session.add(report)
        session.flush()
        for t in exp["tasks"]:
            date = D.fromisoformat(t["date"]) if t["date"] else None
            f = Finding(report_id=report.id, kind="task", status=t["status"], date=date,
                        text=f"{path.stem}: {t['plan_item']}", confidence=0.9)
            f.matches = [Match(plan_item_id=items[t["plan_item"]].id, unit_id=unit.id, status=t["status"], date=date,
                               score=0.8, evidence=t["plan_item"])]
            session.add(f)
        for fig in exp["figures"]:
            session.add(Finding(report_id=report.id, kind="figure", metric=fig["metric"], value=fig["value"],
                                text=f"{path.stem}: {fig['metric']}", confidence=0.95))
    session.add(User(username="thuky", password_hash="x", role="reviewer"))
    session.commit()
    return units


@pytest.fixture
def world(session: Session) -> dict[str, Unit]:
    return _load_world(session)


def _reviewer(session: Session) -> User:
    return session.scalars(select(User).where(User.username == "thuky")).one()


def _pts(sheet, unit: str, criterion: str) -> float:
    return sheet.unit(unit).points(criterion)


# Hand-computed points with the sample table (sample_docs/scoring_2022.toml), as of 01/02/2023.
#
# I. ke_hoach (40 points shared by the items expected of the unit; late ×0.5, in progress 0):
#   Hà Quảng (head, 10 items: Q1-1..Q3-2, Q2-1/Q4-3 with all, Q4-1/Q4-2 head only) = 4 points each.
#     Year-end report: 9 done on time or undated, Q4-2 "đang triển khai" -> 9 × 4 = 36.
#   Nguyên Bình (8 items, 5 each): 7 done on time, Q4-3 in progress -> 7 × 5 = 35.
#   Bảo Lạc: Q1-3 done 15/8/2022 (9M report; the Y report gives no date) after its due date 31/03
#     -> late, 2.5; Q3-2 "chưa thực hiện" -> 0; six others on time -> 6 × 5 + 2.5 = 32.5.
#   Bảo Lâm: all 8 done; Q1-3's latest mention (thematic report, 14/10) has no date, the 6M report
#     says 31/03/2022 -> on time -> 8 × 5 = 40.
#   Hòa An: all 8 done (Q1-3 undated, benefit of the doubt) -> 40.
# II. bao_cao_dung_han: every 6M report is dated in June (<= 15/7/2022), every Y report in
#     December (<= 10/01/2023): 5 + 5 = 10 each. tru_bao_cao_cham: 0 each.
# III. Figures from the year-end reports (achieved / target × points, bonus 1% per 1% over, <= 10%):
#   bang_khen_tinh (15): HQ 9+17=26/25=1.04 -> 15+0.04×15=15.6; NB 6+10=16/20 -> 12;
#     BLạc 5+8=13/13 -> 15; BLâm 7+12=19/16=1.1875 -> 15+1.5=16.5; HA 8+15=23/20=1.15 -> 16.5.
#   chien_si_thi_dua_co_so (10): HQ 88/80=1.1 -> 11; NB 41/50 -> 8.2; BLạc 46/46 -> 10;
#     BLâm 52/50 -> 10.4; HA 97/90=1.0778 -> 10+0.7778=10.7778.
#   giay_khen (10): HQ 58+196+31=285/250=1.14 -> 11; NB 40+107=147/200 -> 7.35;
#     BLạc 52+148+15=215/200 -> 10.75; BLâm 45+130+18=193/200 -> 9.65; HA 64+215+23=302/300 -> 10.0667.
# IV/V. manual criteria not graded yet: 0.
# Totals: HQ 36+10+15.6+11+11 = 83.6; NB 35+10+12+8.2+7.35 = 72.55; BLạc 32.5+10+15+10+10.75 = 78.25;
#   BLâm 40+10+16.5+10.4+9.65 = 86.55; HA 40+10+16.5+10.7778+10.0667 = 87.3444.
# Ranks: Hòa An 1, Bảo Lâm 2, Hà Quảng 3, Bảo Lạc 4, Nguyên Bình 5.
EXPECTED = {
    "Hà Quảng": {"ke_hoach": 36, "bang_khen_tinh": 15.6, "chien_si_thi_dua_co_so": 11, "giay_khen": 11, "total": 83.6},
    "Nguyên Bình": {"ke_hoach": 35, "bang_khen_tinh": 12, "chien_si_thi_dua_co_so": 8.2, "giay_khen": 7.35, "total": 72.55},
    "Bảo Lạc": {"ke_hoach": 32.5, "bang_khen_tinh": 15, "chien_si_thi_dua_co_so": 10, "giay_khen": 10.75, "total": 78.25},
    "Bảo Lâm": {"ke_hoach": 40, "bang_khen_tinh": 16.5, "chien_si_thi_dua_co_so": 10.4, "giay_khen": 9.65, "total": 86.55},
    "Hòa An": {"ke_hoach": 40, "bang_khen_tinh": 16.5, "chien_si_thi_dua_co_so": 10 + 7 / 9, "giay_khen": 10 + 2 / 30,
               "total": 40 + 10 + 16.5 + 10 + 7 / 9 + 10 + 2 / 30},
}


def test_points_by_hand(session: Session, world: dict[str, Unit]) -> None:
    sheet = compute_scores(session, load_table(TABLE), as_of=AS_OF)
    for unit, want in EXPECTED.items():
        for cid, value in want.items():
            got = sheet.unit(unit).total if cid == "total" else _pts(sheet, unit, cid)
            assert got == pytest.approx(value, abs=1e-3), (unit, cid)
        assert _pts(sheet, unit, "bao_cao_dung_han") == 10
        assert _pts(sheet, unit, "tru_bao_cao_cham") == 0
        assert _pts(sheet, unit, "chat_luong_phong_trao") == 0
        assert sheet.unit(unit).pending == ["chat_luong_phong_trao", "sang_tao"]
    assert [(u.unit, u.rank) for u in sheet.units] == [
        ("Hòa An", 1), ("Bảo Lâm", 2), ("Hà Quảng", 3), ("Bảo Lạc", 4), ("Nguyên Bình", 5)
    ]
    # Each item of the head is worth 40/10, of a member 40/8.
    assert sheet.unit("Hà Quảng").criteria["ke_hoach"].max_points == 40
    assert BONUS_CAP not in sheet.unit("Hà Quảng").criteria  # 2.6 bonus points, under the cap of 20


def test_late_reports_lose_points_and_rank(session: Session, world: dict[str, Unit]) -> None:
    user = _reviewer(session)
    # The secretariat's "Đến" stamps, recorded by a reviewer: they win over the reports' own dates.
    record_received(session, user, unit_id=world["Bảo Lâm"].id, year=2022, period_kind="6M", date=D(2022, 7, 27))
    record_received(session, user, unit_id=world["Hà Quảng"].id, year=2022, period_kind="6M", date=D(2022, 7, 20))
    record_received(session, user, unit_id=world["Hòa An"].id, year=2022, period_kind="Y", date=D(2023, 1, 25))
    session.commit()
    sheet = compute_scores(session, load_table(TABLE), as_of=AS_OF)
    # Bảo Lâm 6M: 27/7 - 15/7 = 12 days late -> no on-time points for 6M (10 - 5 = 5) and -10 (10 to <15 days).
    assert _pts(sheet, "Bảo Lâm", "bao_cao_dung_han") == 5
    assert _pts(sheet, "Bảo Lâm", "tru_bao_cao_cham") == -10
    # Hà Quảng 6M: 20/7 - 15/7 = 5 days -> 5 and -5 (5 to <10 days).
    assert (_pts(sheet, "Hà Quảng", "bao_cao_dung_han"), _pts(sheet, "Hà Quảng", "tru_bao_cao_cham")) == (5, -5)
    # Hòa An Y: 25/01/2023 - 10/01/2023 = 15 days -> 5 and -20 (15 days or more).
    assert (_pts(sheet, "Hòa An", "bao_cao_dung_han"), _pts(sheet, "Hòa An", "tru_bao_cao_cham")) == (5, -20)
    # Totals: BLâm 86.55 - 5 - 10 = 71.55; HQ 83.6 - 5 - 5 = 73.6; HA 87.3444 - 5 - 20 = 62.3444;
    # BLạc 78.25 and NB 72.55 unchanged -> BLạc 1, HQ 2, NB 3, BLâm 4, HA 5.
    assert sheet.unit("Bảo Lâm").total == pytest.approx(71.55)
    assert sheet.unit("Hà Quảng").total == pytest.approx(73.6)
    assert sheet.unit("Hòa An").total == pytest.approx(62.3444, abs=1e-3)
    assert [u.unit for u in sheet.units] == ["Bảo Lạc", "Hà Quảng", "Nguyên Bình", "Bảo Lâm", "Hòa An"]
    assert [u.rank for u in sheet.units] == [1, 2, 3, 4, 5]
    late = sheet.unit("Bảo Lâm").criteria["tru_bao_cao_cham"].evidence
    assert len(late) == 1 and late[0]["days_late"] == 12 and late[0]["date_basis"] == "received"
    assert late[0]["source"] == "changed" and late[0]["correction_id"] is not None and late[0]["report_id"] is not None


def test_a_reviewer_correction_changes_a_rank(session: Session, world: dict[str, Unit]) -> None:
    table = load_table(TABLE)
    before = compute_scores(session, table, as_of=AS_OF)
    q42 = next(e for e in before.unit("Hà Quảng").criteria["ke_hoach"].evidence if e["item"] == "Q4-2")
    assert (q42["state"], q42["points"], q42["source"]) == ("in_progress", 0, "machine")
    assert q42["finding_ids"] and before.unit("Hà Quảng").criteria["ke_hoach"].unreviewed
    assert before.unit("Hà Quảng").rank == 3
    # The reviewer reads the year-end report again: Q4-2 (the cluster's summary report) was done on 20/12.
    y = session.scalars(select(Report).where(Report.unit_id == world["Hà Quảng"].id, Report.period_kind == "Y")).one()
    c = record_correction(session, _reviewer(session), "task", unit_id=world["Hà Quảng"].id, year=2022, period_kind="Y",
                          plan_item_code="Q4-2", field="change", old_value={"status": "in_progress"},
                          new_value={"status": "done", "date": "2022-12-20"}, finding_id=q42["finding_ids"][0],
                          expected_version=0)
    session.commit()
    after = compute_scores(session, table, as_of=AS_OF)
    q42 = next(e for e in after.unit("Hà Quảng").criteria["ke_hoach"].evidence if e["item"] == "Q4-2")
    # Done on 20/12 <= due 31/12: 4 more points -> 36 + 4 = 40, total 83.6 + 4 = 87.6 > Hòa An's 87.3444.
    assert (q42["state"], q42["timing"], q42["points"], q42["source"], q42["correction_id"]) == (
        "done", "on_time", 4, "changed", c.id)
    assert q42["report_id"] == y.id
    assert after.unit("Hà Quảng").total == pytest.approx(87.6)
    assert [(u.unit, u.rank) for u in after.units][:3] == [("Hà Quảng", 1), ("Hòa An", 2), ("Bảo Lâm", 3)]


def test_late_task_takes_its_date_from_an_earlier_report(session: Session, world: dict[str, Unit]) -> None:
    sheet = compute_scores(session, load_table(TABLE), as_of=AS_OF)
    q13 = next(e for e in sheet.unit("Bảo Lạc").criteria["ke_hoach"].evidence if e["item"] == "Q1-3")
    # The Y report says done without a date; the 9M report says 15/8/2022: 137 days after 31/3 -> 5 × 0.5.
    assert (q13["timing"], q13["days_late"], q13["points"], q13["date"]) == ("late", 137, 2.5, "2022-08-15")
    nine = session.scalars(select(Report).where(Report.unit_id == world["Bảo Lạc"].id, Report.period_kind == "9M")).one()
    assert q13["date_from"]["report_id"] == nine.id and q13["date_from"]["period_kind"] == "9M"
    q32 = next(e for e in sheet.unit("Bảo Lạc").criteria["ke_hoach"].evidence if e["item"] == "Q3-2")
    assert (q32["state"], q32["points"]) == ("not_done", 0)
    # Items not expected of a member (Q4-1, Q4-2 are the head's) are not scored.
    assert {e["item"] for e in sheet.unit("Bảo Lạc").criteria["ke_hoach"].evidence} == {
        "Q1-1", "Q1-2", "Q1-3", "Q2-1", "Q2-2", "Q3-1", "Q3-2", "Q4-3"}


def test_manual_grades_and_shared_rank(session: Session, world: dict[str, Unit]) -> None:
    table = load_table(TABLE)
    user = _reviewer(session)
    record_manual(session, user, table.criterion("chat_luong_phong_trao"), unit_id=world["Nguyên Bình"].id, year=2022, value="a")
    record_manual(session, user, table.criterion("sang_tao"), unit_id=world["Nguyên Bình"].id, year=2022, value="4")
    record_manual(session, user, table.criterion("chat_luong_phong_trao"), unit_id=world["Bảo Lâm"].id, year=2022, value="B")
    # A later grade of the same key is in force (the B stays in the history).
    record_manual(session, user, table.criterion("chat_luong_phong_trao"), unit_id=world["Bảo Lâm"].id, year=2022, value="D")
    session.commit()
    sheet = compute_scores(session, table, as_of=AS_OF)
    # NB 72.55 + 15 (A) + 4 = 91.55; BLâm 86.55 + 5 (D) = 91.55: the same total shares rank 1, the next is 3.
    assert sheet.unit("Nguyên Bình").total == pytest.approx(91.55)
    assert sheet.unit("Bảo Lâm").total == pytest.approx(91.55)
    assert [(u.unit, u.rank) for u in sheet.units] == [
        ("Nguyên Bình", 1), ("Bảo Lâm", 1), ("Hòa An", 3), ("Hà Quảng", 4), ("Bảo Lạc", 5)
    ]
    ev = sheet.unit("Bảo Lâm").criteria["chat_luong_phong_trao"].evidence[0]
    assert (ev["grade"], ev["points"], ev["source"]) == ("D", 5, "reviewer")
    assert sheet.unit("Bảo Lâm").pending == ["sang_tao"] and sheet.unit("Nguyên Bình").pending == []
    from thidua.models.corrections import CorrectionError

    with pytest.raises(CorrectionError):
        record_manual(session, user, table.criterion("chat_luong_phong_trao"), unit_id=world["Hòa An"].id, year=2022, value="E")
    with pytest.raises(CorrectionError):
        record_manual(session, user, table.criterion("sang_tao"), unit_id=world["Hòa An"].id, year=2022, value="6")
    with pytest.raises(CorrectionError):
        record_manual(session, user, table.criterion("ke_hoach"), unit_id=world["Hòa An"].id, year=2022, value="A")


def test_bonus_total_cap(session: Session, world: dict[str, Unit], tmp_path: Path) -> None:
    text = TABLE.read_text(encoding="utf-8").replace("bonus_total_cap = 20", "bonus_total_cap = 1")
    (tmp_path / "t.toml").write_text(text, encoding="utf-8")
    sheet = compute_scores(session, load_table(tmp_path / "t.toml"), as_of=AS_OF)
    # HQ bonuses 0.6 + 1 + 1 = 2.6 -> -1.6, total 83.6 - 1.6 = 82; HA 1.5 + 0.7778 + 0.0667 = 2.3444 -> 86;
    # BLâm 1.5 + 0.4 = 1.9 -> -0.9, 85.65; BLạc 0.75 and NB 0 stay under the cap.
    assert _pts(sheet, "Hà Quảng", BONUS_CAP) == pytest.approx(-1.6)
    assert sheet.unit("Hà Quảng").total == pytest.approx(82)
    assert sheet.unit("Hòa An").total == pytest.approx(86, abs=1e-3)
    assert sheet.unit("Bảo Lâm").total == pytest.approx(85.65)
    assert BONUS_CAP not in sheet.unit("Bảo Lạc").criteria
    assert any(c[0] == BONUS_CAP for c in sheet.columns())


def test_scores_are_stored_and_recomputed(session: Session, world: dict[str, Unit]) -> None:
    table = load_table(TABLE)
    first = score_year(session, table=table, as_of=AS_OF)
    session.commit()
    rows = list(session.scalars(select(Score).where(Score.year == 2022)))
    assert len(rows) == 5 * (len(table.criteria) + 1)
    total = {r.unit_id: r for r in rows if r.criterion == TOTAL}
    assert total[world["Hòa An"].id].points == pytest.approx(87.3444, abs=1e-3)
    assert total[world["Hòa An"].id].evidence[0]["rank"] == 1 and total[world["Hòa An"].id].unreviewed
    stored = next(r for r in rows if r.unit_id == world["Bảo Lạc"].id and r.criterion == "ke_hoach")
    assert stored.points == 32.5 and stored.max_points == 40 and len(stored.evidence) == 8
    record_received(session, _reviewer(session), unit_id=world["Hòa An"].id, year=2022, period_kind="Y", date=D(2023, 1, 25))
    second = score_year(session, table=table, as_of=AS_OF)
    session.commit()
    assert second.computed_at >= first.computed_at
    total = session.scalars(select(Score).where(Score.unit_id == world["Hòa An"].id, Score.criterion == TOTAL)).one()
    assert total.points == pytest.approx(62.3444, abs=1e-3) and total.evidence[0]["rank"] == 5


def test_table_errors_name_the_file(tmp_path: Path, session: Session, world: dict[str, Unit]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('year = 2022\n[[criterion]]\nid = "x"\nrule = "guess"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_table(bad)
    assert exc.value.path == str(bad) and "rule" in exc.value.reason
    bad.write_text("year = 2022\n[[criterion]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_table(bad)
    # A figure criterion without a target for one unit: the unit and the criterion are named.
    text = TABLE.read_text(encoding="utf-8").replace('"Hòa An" = 20\n', "", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="bang_khen_tinh.*Hòa An"):
        compute_scores(session, load_table(bad), as_of=AS_OF)
    with pytest.raises(ConfigError, match="không tìm thấy"):
        load_table(tmp_path / "none.toml")


def test_excel_export(session: Session, world: dict[str, Unit], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from thidua.scoring.excel import SHEET_EVIDENCE, SHEET_MATRIX, SHEET_SCORES, SHEET_TABLE, export_excel
    from thidua.scoring.report import score_table

    view = score_table(session, table=load_table(TABLE), as_of=AS_OF)
    path = export_excel(session, view, tmp_path / "out" / "diem.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [SHEET_MATRIX, SHEET_SCORES, SHEET_EVIDENCE, SHEET_TABLE]
    ws = wb[SHEET_SCORES]
    assert ws.freeze_panes == "C3"
    header = [c.value for c in ws[2]]
    assert header[:2] == ["Xếp hạng", "Đơn vị"] and header[-1] == "Ghi chú" and header[-2].startswith("Tổng điểm")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [(r[0], r[1], r[-2]) for r in rows] == [
        (1, "Hòa An", 87.34), (2, "Bảo Lâm", 86.55), (3, "Hà Quảng", 83.6), (4, "Bảo Lạc", 78.25), (5, "Nguyên Bình", 72.55)
    ]
    assert rows[3][2] == 32.5  # Bảo Lạc, ke_hoach
    assert ws.column_dimensions["B"].width == 22
    m = wb[SHEET_MATRIX]
    assert m.freeze_panes == "B3" and [c.value for c in m[2]][:3] == ["Đơn vị", "Q1-1", "Q1-2"]
    bao_lac = next(r for r in m.iter_rows(min_row=5, values_only=True) if r[0] == "Bảo Lạc")
    assert bao_lac[3].startswith("Đã thực hiện\n15/08/2022") and "trễ hạn" in bao_lac[3]  # Q1-3
    assert bao_lac[7].startswith("Chưa thực hiện")  # Q3-2
    ev = list(wb[SHEET_EVIDENCE].iter_rows(min_row=2, values_only=True))
    assert [c.value for c in wb[SHEET_EVIDENCE][1]][:4] == ["Đơn vị", "Tiêu chí", "Nội dung", "Điểm"]
    q13 = next(r for r in ev if r[0] == "Bảo Lạc" and r[2].startswith("Q1-3"))
    assert q13[3] == 2.5 and q13[5] == "bao_lac_y_2022_tcvn3; bao_lac_9m_2022 (ngày)" and "chậm 137 ngày" in q13[2]
    assert sum(1 for r in ev if r[0] == "Hòa An") == sum(len(c.evidence) for c in view.sheet.unit("Hòa An").criteria.values())


def test_word_export_decree_30(session: Session, world: dict[str, Unit], tmp_path: Path) -> None:
    from docx import Document as Docx

    from thidua.scoring.report import score_table
    from thidua.scoring.word import WordOptions, export_word

    view = score_table(session, table=load_table(TABLE), as_of=AS_OF)
    path = export_word(view, tmp_path / "bao_cao.docx", WordOptions(date=D(2023, 1, 5)))
    doc = Docx(str(path))
    header = doc.tables[0]
    left = header.cell(0, 0).text + "\n" + header.cell(1, 0).text
    right = header.cell(0, 1).text + "\n" + header.cell(1, 1).text
    assert "CỤM THI ĐUA CÁC HUYỆN MIỀN TÂY" in left and "Số:" in left and "/BC-CTĐ" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Hà Quảng, ngày 05 tháng 01 năm 2023" in right
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert any(t.startswith("Kết quả chấm điểm, xếp hạng thi đua năm 2022") for t in texts)
    assert any("huyện Hòa An (87,34 điểm) dẫn đầu" in t for t in texts)
    scores = doc.tables[1]
    cells = [[c.text for c in r.cells] for r in scores.rows]
    assert cells[0][:2] == ["Xếp hạng", "Đơn vị"] and cells[0][-1] == "Tổng điểm"
    assert [(r[0], r[1].rstrip(" *"), r[-1]) for r in cells[1:]] == [
        ("1", "Hòa An", "87,34"), ("2", "Bảo Lâm", "86,55"), ("3", "Hà Quảng", "83,6"), ("4", "Bảo Lạc", "78,25"),
        ("5", "Nguyên Bình", "72,55"),
    ]
    footer = doc.tables[2]
    assert footer.cell(0, 0).text.startswith("Nơi nhận:") and "Lưu: VT" in footer.cell(0, 0).text
    assert "TM. CỤM THI ĐUA" in footer.cell(0, 1).text and "TRƯỞNG CỤM" in footer.cell(0, 1).text
    # The chart is embedded as a PNG picture.
    assert len(doc.inline_shapes) == 1
    images = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 1 and images[0].blob[:8] == b"\x89PNG\r\n\x1a\n"
    # A4, margins of Decree 30, Times New Roman.
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.left_margin.mm) == 30 and round(s.right_margin.mm) == 15
    assert doc.styles["Normal"].font.name == "Times New Roman"
    # Without a date the signer fills it in by hand.
    path = export_word(view, tmp_path / "nhap.docx")
    assert "ngày      tháng      năm" in Docx(str(path)).tables[0].cell(1, 1).text


def test_chart_png(session: Session, world: dict[str, Unit]) -> None:
    from PIL import Image

    from thidua.scoring.chart import score_chart_png
    from thidua.scoring.report import score_table

    png = score_chart_png(score_table(session, table=load_table(TABLE), as_of=AS_OF))
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.width > 600


def test_cli_score_grade_and_exports(session: Session, world: dict[str, Unit], tmp_path: Path) -> None:
    from thidua.cli.main import app

    runner = CliRunner()
    r = runner.invoke(app, ["score", "--json", "--as-of", "2023-02-01"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["table_file"].endswith("sample_docs/scoring_2022.toml")  # found beside the units file
    assert [(u["unit"], u["rank"], u["total"]) for u in data["units"]][0] == ("Hòa An", 1, 87.34)
    ke = next(c for c in data["units"][0]["criteria"] if c["criterion"] == "ke_hoach")
    assert ke["unreviewed"] and all("finding_ids" in e for e in ke["evidence"])
    r = runner.invoke(app, ["score", "grade", "Nguyen Binh", "chat_luong_phong_trao", "A", "--user", "thuky"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["score", "received", "Hoà An", "Y", "2023-01-25", "--user", "thuky"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["score", "--as-of", "2023-02-01"])
    assert r.exit_code == 0, r.output
    # NB 72.55 + 15 = 87.55 now first; HA 87.3444 - 5 - 20 = 62.34 last.
    lines = [line for line in r.stdout.splitlines() if "│" in line and any(ch.isdigit() for ch in line.split("│")[1])]
    assert "Nguyên Bình" in lines[0] and "87,55" in lines[0] and "Hòa An" in lines[-1] and "62,34" in lines[-1]
    r = runner.invoke(app, ["score", "grade", "Hòa An", "chat_luong_phong_trao", "E", "--user", "thuky"])
    assert r.exit_code == 1 and "Lỗi: loại không hợp lệ" in r.output
    r = runner.invoke(app, ["score", "--table", str(tmp_path / "none.toml")])
    assert r.exit_code == 1 and "không tìm thấy tệp bảng điểm" in r.output
    r = runner.invoke(app, ["export", "excel", str(tmp_path / "d.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "d.xlsx").stat().st_size > 0, r.output
    r = runner.invoke(app, ["export", "word", str(tmp_path / "d.docx"), "--date", "2023-01-05"])
    assert r.exit_code == 0 and (tmp_path / "d.docx").stat().st_size > 0, r.output
    stored = session.scalars(select(Score).where(Score.criterion == TOTAL)).all()
    assert len(stored) == 5


def test_review_scores_page(settings, session: Session, world: dict[str, Unit]) -> None:
    import re

    from fastapi.testclient import TestClient

    from thidua.review.app import create_app
    from thidua.review.security import create_user

    create_user(session, "lan", "mat-khau-dai-1", "reviewer")
    session.commit()
    c = TestClient(create_app(settings))
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"username": "lan", "password": "mat-khau-dai-1", "csrf_token": token, "next": "/scores"})
    assert r.status_code == 200 and "Điểm thi đua năm 2022" in r.text
    assert re.search(r"<td><b>1</b></td>\s*<td>Hòa An", r.text) and "87,34" in r.text
    assert c.get("/scores/chart.png").content[:4] == b"\x89PNG"
    token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
    r = c.post("/scores/grade", data={"csrf_token": token, "year": 2022, "unit_id": world["Nguyên Bình"].id,
                                      "criterion": "chat_luong_phong_trao", "value": "A", "version": 0})
    assert r.status_code == 200 and "Đã chấm Nguyên Bình" in r.text
    assert re.search(r"<td><b>1</b></td>\s*<td>Nguyên Bình", r.text) and "87,55" in r.text
    # A second form still carrying version 0 is refused: someone graded this key meanwhile.
    r = c.post("/scores/grade", data={"csrf_token": token, "year": 2022, "unit_id": world["Nguyên Bình"].id,
                                      "criterion": "chat_luong_phong_trao", "value": "D", "version": 0})
    assert "Không lưu: đã có người sửa mục này" in r.text and "87,55" in r.text
    # Without the CSRF token nothing is recorded.
    r = c.post("/scores/grade", data={"year": 2022, "unit_id": world["Hòa An"].id, "criterion": "sang_tao", "value": "5",
                                      "version": 0})
    assert r.status_code == 403


def test_scores_from_the_real_pipeline(session: Session, settings) -> None:
    """Three year-end Word reports through the real extractor and matcher: every point's evidence
    leads to stored findings of those reports, and the points follow the rules from what was read."""
    from thidua.matching import match_findings
    from thidua.extractors.report import extract_findings
    from thidua.models.plans import plan_spec, register_source_file
    from thidua.models.results import save_results

    specs = load_units(SAMPLE_DOCS / "units.toml")
    sync_units(session, specs)
    plan = save_plan(session, extract_plan(read_document(PLAN_DOCX), [u.name for u in specs]))
    spec = plan_spec(plan)
    for name in ("ha_quang_y_2022.docx", "hoa_an_y_2022.docx", "nguyen_binh_y_2022.docx"):
        path = SAMPLE_DOCS / "reports" / name
        findings = match_findings(extract_findings(read_document(path), specs), spec, specs)
        save_results(session, register_source_file(session, path, settings.originals_dir), findings)
    session.commit()
    sheet = score_year(session, table=load_table(TABLE), as_of=AS_OF)
    session.commit()
    finding_ids = set(session.scalars(select(Finding.id)))
    report_ids = set(session.scalars(select(Report.id)))
    for u in sheet.units:
        for cs in u.criteria.values():
            for e in cs.evidence:
                assert set(e.get("finding_ids") or []) <= finding_ids
                assert e.get("report_id") is None or e["report_id"] in report_ids
    for name in ("Hà Quảng", "Hòa An", "Nguyên Bình"):
        ke = sheet.unit(name).criteria["ke_hoach"]
        per_item = 40 / len(ke.evidence)
        # Each item's points are the per-item share times 1, 0.5 or 0, and they add up to the line.
        assert all(e["points"] in (0, per_item / 2, per_item) for e in ke.evidence)
        assert ke.points == pytest.approx(sum(e["points"] for e in ke.evidence))
        assert ke.points > 0 and ke.unreviewed
        assert any(e["finding_ids"] for e in ke.evidence)
        # Only the year-end report was read: the 6-month deadline is missed (> 15 days by 01/02/2023).
        assert _pts(sheet, name, "bao_cao_dung_han") == 5 and _pts(sheet, name, "tru_bao_cao_cham") == -20
        assert _pts(sheet, name, "bang_khen_tinh") > 0
    # Units that sent nothing: no plan points, both reports missing (−20 each), no figures.
    assert _pts(sheet, "Bảo Lạc", "ke_hoach") == 0 and _pts(sheet, "Bảo Lạc", "tru_bao_cao_cham") == -40
    assert [u.unit for u in sheet.units][-2:] in (["Bảo Lạc", "Bảo Lâm"], ["Bảo Lâm", "Bảo Lạc"])
    assert sheet.units[-1].rank == sheet.units[-2].rank == 4  # the same total shares the rank
