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

from extractors.errors import ConfigError
from extractors.plan import extract_plan
from extractors.readers import read_document
from extractors.units import load_units
from models.corrections import record_correction
from models.plans import save_plan, sync_units
from models.tables import Finding, Match, Report, Score, SourceFile, Unit, User
from scoring.compute import compute_scores, score_year
from scoring.manual import record_manual, record_received
from scoring.table import BONUS_CAP, TOTAL, load_table
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
