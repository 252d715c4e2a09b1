"""The completion matrix on a real database (SQLite and PostgreSQL): latest state, history,
responsibility, timing, corrections winning over the machine, orphans, figures, `thidua status`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from thidua.cli.main import app
from thidua.core.errors import ConfigError, PlanError
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.core.units import load_units
from thidua.readmodel import completion_matrix, effective_figures, orphan_corrections
from thidua.models.plans import active_plan, plan_spec, save_plan, sync_units
from thidua.models.tables import Correction, Finding, Match, Plan, Report, SourceFile, Unit, User
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS

D = dt.date


@dataclass
class World:
    units: dict[str, Unit]
    plan: Plan
    user: User
    findings: dict[str, Finding]


def _report(session: Session, unit: Unit, kind: str, date: D, current: bool = True) -> Report:
    n = session.query(SourceFile).count()
    sf = SourceFile(sha256=f"{n:064d}", original_name=f"r{n}.docx", stored_path=f"/x/{n}", size=1, status="processed")
    session.add(sf)
    session.flush()
    r = Report(source_file_id=sf.id, unit_id=unit.id, year=2022, period_kind=kind, report_date=date, is_current=current)
    session.add(r)
    session.flush()
    return r


def _task(session: Session, world: World, name: str, report: Report, code: str, status: str,
          date: D | None, score: float = 0.8, confidence: float = 0.9) -> Finding:
    item = next(i for i in world.plan.items if i.code == code)
    f = Finding(report_id=report.id, kind="task", status=status, date=date, text=f"câu báo cáo {name}",
                confidence=confidence)
    f.matches = [Match(plan_item_id=item.id, unit_id=report.unit_id, status=status, date=date, score=score,
                       evidence=f"khớp {code}")]
    session.add(f)
    session.flush()
    world.findings[name] = f
    return f


def _figure(session: Session, report: Report, metric: str, value: float) -> Finding:
    f = Finding(report_id=report.id, kind="figure", metric=metric, value=value, text=f"{metric} {value}",
                confidence=0.95)
    session.add(f)
    session.flush()
    return f


def _correct(session: Session, world: World, unit: str, kind: str, field: str, new_value: dict,
             code: str | None = None, metric: str | None = None, finding: Finding | None = None,
             old_value: dict | None = None, year: int = 2022) -> Correction:
    c = Correction(user_id=world.user.id, target="task" if code else "figure", unit_id=world.units[unit].id,
                   year=year, period_kind=kind, plan_item_code=code, metric=metric, field=field,
                   old_value=old_value or {}, new_value=new_value, finding_id=finding.id if finding else None)
    session.add(c)
    session.flush()
    return c


@pytest.fixture
def world(session: Session) -> World:
    units = load_units(SAMPLE_DOCS / "units.toml")
    rows = sync_units(session, units)
    plan = save_plan(session, extract_plan(read_document(PLAN_DOCX), [u.name for u in units]))
    user = User(username="reviewer", password_hash="x")
    session.add(user)
    session.flush()
    w = World(rows, plan, user, {})
    hoa_an, bao_lac, ha_quang = rows["Hòa An"], rows["Bảo Lạc"], rows["Hà Quảng"]
    q1 = _report(session, hoa_an, "Q1", D(2022, 3, 28))
    _task(session, w, "ha_q1_11", q1, "Q1-1", "done", D(2022, 1, 25))
    _task(session, w, "ha_q1_13", q1, "Q1-3", "in_progress", None)
    _task(session, w, "ha_q1_21", q1, "Q2-1", "planned", None)
    h1 = _report(session, hoa_an, "6M", D(2022, 6, 20))
    _task(session, w, "ha_6m_13", h1, "Q1-3", "done", None, score=0.7)
    _task(session, w, "ha_6m_21", h1, "Q2-1", "done", D(2022, 4, 22))
    _task(session, w, "ha_6m_21b", h1, "Q2-1", "planned", None, score=0.5)  # weaker: the first wins
    _task(session, w, "ha_6m_31", h1, "Q3-1", "planned", None)
    _figure(session, h1, "giay_khen.tap_the", 18)
    _figure(session, h1, "giay_khen.tap_the", 2)
    _figure(session, h1, "giay_khen.ca_nhan", 47)
    _figure(session, h1, "bang_khen_tinh.ca_nhan", 7)
    old = _report(session, hoa_an, "6M", D(2022, 6, 10), current=False)  # superseded: history only
    _task(session, w, "ha_old_22", old, "Q2-2", "done", D(2022, 6, 9))
    _figure(session, old, "bang_khen_tinh.tap_the", 99)
    bl = _report(session, bao_lac, "Q1", D(2022, 4, 20))
    _task(session, w, "bl_q1_12", bl, "Q1-2", "done", D(2022, 4, 15))
    _task(session, w, "bl_q1_41", bl, "Q4-1", "done", None, score=0.5)
    hq = _report(session, ha_quang, "Y", D(2022, 12, 15))
    _task(session, w, "hq_y_41", hq, "Q4-1", "done", D(2022, 11, 15))
    session.commit()
    return w


def test_plan_spec_round_trip(session: Session, world: World) -> None:
    spec = plan_spec(active_plan(session, 2022))  # type: ignore[arg-type]
    original = extract_plan(read_document(PLAN_DOCX), list(world.units))
    strip = lambda s: [{k: v for k, v in i.to_dict().items() if k != "spans"} for i in s.items]  # noqa: E731
    assert strip(spec) == strip(original) and spec.year == 2022


def test_latest_state_with_history(session: Session, world: World) -> None:
    m = completion_matrix(session, 2022, as_of=D(2022, 7, 5))
    assert [u.name for u in m.units][0] == "Hà Quảng"  # the head first
    assert [i.id for i in m.items][:3] == ["Q1-1", "Q1-2", "Q1-3"]
    c = m.cell("Hòa An", "Q1-3")
    assert (c.state, c.source, c.latest.period_kind) == ("done", "machine", "6M")
    assert [(h.period_kind, h.state) for h in c.history] == [("Q1", "in_progress")]
    assert c.confidence == pytest.approx(min(0.7, 0.9))  # the certainty the review page shows
    assert c.timing is None  # done, no date, reported after the due date: unknown
    c = m.cell("Hòa An", "Q2-1")
    assert (c.state, c.date, c.timing) == ("done", D(2022, 4, 22), "on_time")
    assert [h.state for h in c.history] == ["planned"]
    assert {e.finding_id for e in c.evidence} == {world.findings["ha_6m_21"].id, world.findings["ha_6m_21b"].id}
    c = m.cell("Hòa An", "Q1-1")
    assert (c.state, c.date, c.timing) == ("done", D(2022, 1, 25), "on_time")
    # A superseded report does not count.
    assert m.cell("Hòa An", "Q2-2").state is None


def test_responsibility_and_timing(session: Session, world: World) -> None:
    early = completion_matrix(session, 2022, as_of=D(2022, 7, 5))
    late = completion_matrix(session, 2022, as_of=D(2022, 8, 1))
    assert early.cell("Hòa An", "Q3-1").timing == "pending"  # planned, due 10/07
    assert late.cell("Hòa An", "Q3-1").timing == "overdue"
    assert late.cell("Hòa An", "Q3-1").days_late == 22
    c = late.cell("Hòa An", "Q2-2")  # expected, not reported, due 30/06
    assert (c.state, c.expected, c.timing) == (None, True, "overdue")
    c = late.cell("Bảo Lạc", "Q1-2")
    assert (c.timing, c.days_late) == ("late", 15)
    # Q4-1 is the head's: expected from Hà Quảng only; a member who reports it is not "expected".
    assert late.cell("Hà Quảng", "Q4-1").expected is True
    assert late.cell("Bảo Lạc", "Q4-1").expected is False and late.cell("Bảo Lạc", "Q4-1").state == "done"
    c = late.cell("Nguyên Bình", "Q4-1")
    assert (c.expected, c.state, c.timing) == (False, None, None)
    assert late.cell("Nguyên Bình", "Q1-1").timing == "overdue"


def test_unit_filter_and_errors(session: Session, world: World) -> None:
    m = completion_matrix(session, 2022, unit="hoa an")  # folded: case and diacritics
    assert [u.name for u in m.units] == ["Hòa An"]
    assert len(m.cells) == len(m.items) == 10
    with pytest.raises(ConfigError, match="Cao Bằng"):
        completion_matrix(session, 2022, unit="Cao Bằng")
    with pytest.raises(PlanError):
        completion_matrix(session, 2031)


def test_corrections_win_over_the_machine(session: Session, world: World) -> None:
    f = world.findings
    _correct(session, world, "Hòa An", "6M", "accept", {"status": "done", "date": "2022-04-22"}, code="Q2-1",
             finding=f["ha_6m_21"], old_value={"status": "done", "date": "2022-04-22"})
    # Change then reject on one key: the newest (reject) is in force.
    _correct(session, world, "Bảo Lạc", "Q1", "change", {"status": "in_progress", "date": None}, code="Q4-1",
             finding=f["bl_q1_41"], old_value={"status": "done"})
    _correct(session, world, "Bảo Lạc", "Q1", "reject", {}, code="Q4-1", finding=f["bl_q1_41"],
             old_value={"status": "in_progress"})
    # A move from Q3-1 to Q3-2, as the review page records it.
    _correct(session, world, "Hòa An", "6M", "reject", {"moved_to": "Q3-2"}, code="Q3-1", finding=f["ha_6m_31"],
             old_value={"status": "planned"})
    _correct(session, world, "Hòa An", "6M", "change", {"status": "planned", "date": "2022-07-08",
             "moved_from": "Q3-1"}, code="Q3-2", finding=f["ha_6m_31"])
    # A change of an older period's state shows in the history.
    _correct(session, world, "Hòa An", "Q1", "change", {"status": "done", "date": "2022-03-20"}, code="Q1-3",
             finding=f["ha_q1_13"], old_value={"status": "in_progress"})
    # A reviewer adds what the machine missed; the date changes timing.
    _correct(session, world, "Nguyên Bình", "6M", "change", {"status": "done", "date": "2022-07-15"}, code="Q2-2")
    # Another year's correction changes nothing here.
    _correct(session, world, "Hòa An", "6M", "reject", {}, code="Q1-3", year=2021)
    session.commit()

    m = completion_matrix(session, 2022, as_of=D(2022, 8, 1))
    c = m.cell("Hòa An", "Q2-1")
    assert (c.state, c.source, c.confidence) == ("done", "confirmed", 1.0)
    assert c.latest.correction_id is not None
    c = m.cell("Bảo Lạc", "Q4-1")
    assert c.state is None and c.source is None
    assert m.cell("Hòa An", "Q3-1").state is None
    c = m.cell("Hòa An", "Q3-2")
    assert (c.state, c.date, c.source) == ("planned", D(2022, 7, 8), "changed")
    assert [e.finding_id for e in c.evidence] == [f["ha_6m_31"].id]
    c = m.cell("Hòa An", "Q1-3")
    assert (c.state, c.source) == ("done", "machine")
    assert [(h.state, h.source, h.date) for h in c.history] == [("done", "changed", D(2022, 3, 20))]
    c = m.cell("Nguyên Bình", "Q2-2")
    assert (c.state, c.source, c.timing, c.days_late, c.evidence) == ("done", "changed", "late", 15, [])
    # Corrections survive reprocessing: a newer current report replaces the old one's findings.
    hoa_an = world.units["Hòa An"]
    session.query(Report).filter(Report.unit_id == hoa_an.id, Report.period_kind == "6M").update(
        {Report.is_current: False})
    again = _report(session, hoa_an, "6M", D(2022, 6, 21))
    _task(session, world, "ha_6m2_21", again, "Q2-1", "in_progress", None)  # the machine now reads it wrong
    _task(session, world, "ha_6m2_31", again, "Q3-1", "planned", None)
    session.commit()
    m = completion_matrix(session, 2022, as_of=D(2022, 8, 1))
    c = m.cell("Hòa An", "Q2-1")
    assert (c.state, c.date, c.source) == ("done", D(2022, 4, 22), "confirmed")
    assert [e.finding_id for e in c.evidence] == [world.findings["ha_6m2_21"].id]
    assert m.cell("Hòa An", "Q3-1").state is None
    assert m.cell("Hòa An", "Q3-2").evidence[0].finding_id == world.findings["ha_6m2_31"].id


def test_legacy_field_corrections(session: Session, world: World) -> None:
    f = world.findings
    _correct(session, world, "Bảo Lạc", "Q1", "plan_item", {"plan_item": "Q1-3"}, code="Q1-2", finding=f["bl_q1_12"])
    _correct(session, world, "Hòa An", "Q1", "status", {"value": "not_done"}, code="Q2-1", finding=f["ha_q1_21"])
    _correct(session, world, "Hòa An", "Q1", "date", {"date": "2022-01-20"}, code="Q1-1", finding=f["ha_q1_11"])
    session.commit()
    m = completion_matrix(session, 2022, as_of=D(2022, 8, 1))
    assert m.cell("Bảo Lạc", "Q1-2").state is None
    assert (m.cell("Bảo Lạc", "Q1-3").state, m.cell("Bảo Lạc", "Q1-3").source) == ("done", "changed")
    assert m.cell("Hòa An", "Q2-1").history[0].state == "not_done"
    assert m.cell("Hòa An", "Q1-1").date == D(2022, 1, 20)


def test_orphan_corrections(session: Session, world: World) -> None:
    f = world.findings
    kept = _correct(session, world, "Hòa An", "6M", "accept", {"status": "done", "date": "2022-04-22"},
                    code="Q2-1", finding=f["ha_6m_21"])
    gone = _correct(session, world, "Hòa An", "6M", "change", {"status": "in_progress", "date": None},
                    code="Q2-2", finding=f["ha_old_22"], old_value={"status": "done"})
    nothing = _correct(session, world, "Nguyên Bình", "Q1", "accept", {"status": "done", "date": None},
                       code="Q1-1", old_value={"status": "done"})
    added = _correct(session, world, "Nguyên Bình", "6M", "change", {"status": "done", "date": None}, code="Q2-2")
    fig = _correct(session, world, "Hòa An", "6M", "value", {"value": 3}, metric="bang_khen_tinh.tap_the",
                   old_value={"value": 99})
    session.commit()
    orphans = {o.correction_id: o for o in orphan_corrections(session, 2022)}
    assert set(orphans) == {gone.id, nothing.id, fig.id}
    assert kept.id not in orphans and added.id not in orphans
    assert orphans[fig.id].target == "figure" and orphans[fig.id].key == "bang_khen_tinh.tap_the"
    assert orphans[gone.id].unit == "Hòa An" and orphans[gone.id].reason
    # Orphans still count in the matrix (a reviewer's value is never lost); the page shows them for a re-check.
    m = completion_matrix(session, 2022, as_of=D(2022, 8, 1))
    assert m.cell("Hòa An", "Q2-2").state == "in_progress"
    assert (m.cell("Nguyên Bình", "Q1-1").state, m.cell("Nguyên Bình", "Q1-1").source) == ("done", "confirmed")


def test_effective_figures(session: Session, world: World) -> None:
    figs = {(x.unit, x.period_kind, x.metric): x for x in effective_figures(session, 2022)}
    g = figs[("Hòa An", "6M", "giay_khen.tap_the")]
    assert g.value == 20 and len(g.evidence) == 2 and g.source == "machine"
    assert ("Hòa An", "6M", "bang_khen_tinh.tap_the") not in figs  # only in a superseded report
    _correct(session, world, "Hòa An", "6M", "change", {"value": 8}, metric="bang_khen_tinh.ca_nhan",
             old_value={"value": 7})
    _correct(session, world, "Hòa An", "6M", "reject", {}, metric="giay_khen.ca_nhan", old_value={"value": 47})
    _correct(session, world, "Hòa An", "6M", "accept", {"value": 20}, metric="giay_khen.tap_the",
             old_value={"value": 20})
    _correct(session, world, "Bảo Lạc", "Q1", "change", {"value": 4}, metric="bang_khen_tinh.tap_the")
    session.commit()
    figs = {(x.unit, x.period_kind, x.metric): x for x in effective_figures(session, 2022)}
    assert (figs[("Hòa An", "6M", "bang_khen_tinh.ca_nhan")].value, figs[("Hòa An", "6M", "bang_khen_tinh.ca_nhan")]
            .source) == (8, "changed")
    assert ("Hòa An", "6M", "giay_khen.ca_nhan") not in figs
    assert figs[("Hòa An", "6M", "giay_khen.tap_the")].source == "confirmed"
    added = figs[("Bảo Lạc", "Q1", "bang_khen_tinh.tap_the")]
    assert (added.value, added.evidence, added.report_id is not None) == (4, [], True)
    only = effective_figures(session, 2022, unit="Bảo Lạc")
    assert {x.unit for x in only} == {"Bảo Lạc"}


def test_status_command(session: Session, world: World) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["status", "--json", "--year", "2022", "--as-of", "2022-08-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["year"] == 2022 and len(data["cells"]) == 5 * 10
    cell = next(c for c in data["cells"] if c["unit"] == "Hòa An" and c["item"] == "Q1-3")
    assert cell["state"] == "done" and cell["history"][0]["state"] == "in_progress"
    assert data["orphan_corrections"] == []
    result = runner.invoke(app, ["status", "--unit", "Hòa An", "--as-of", "2022-08-01"])
    assert result.exit_code == 0, result.output
    assert "✓ 25/01" in result.stdout and "Hòa An" in result.stdout and "Nguyên Bình" not in result.stdout
    result = runner.invoke(app, ["status", "--unit", "Không Có"])
    assert result.exit_code == 1 and "Lỗi" in result.output and "Không Có" in result.output
    result = runner.invoke(app, ["status", "--as-of", "01/08/2022"])
    assert result.exit_code == 2
