"""Awards only proposed: kept as their own finding kind (shown, stored, reviewable), never counted as awards."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.extractors.evaluation import compare
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.extractors.report import extract_findings
from thidua.models.db import session_scope
from thidua.models.plans import register_source_file, save_plan, sync_units
from thidua.models.results import PROPOSAL_PREFIX, is_proposal, save_results
from thidua.models.tables import Finding
from thidua.readmodel import effective_figures
from tests.conftest import PLAN_DOCX
from tests.test_report_extraction import UNITS, report

PROSE = [
    "2. Công tác khen thưởng",
    "Chủ tịch UBND huyện tặng Giấy khen cho 12 tập thể và 30 cá nhân.",
    "UBND huyện đã trình đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể và 05 cá nhân, đang chờ Quyết định.",
    "Hồ sơ đề nghị tặng Cờ thi đua của UBND tỉnh cho 01 tập thể đang được thẩm định.",
]


def _by_metric(figs) -> dict[str, float]:
    return {f.metric: f.value for f in figs}


def test_prose_proposals_are_kept_apart_from_figures() -> None:
    found = extract_findings(report(PROSE), UNITS)
    assert _by_metric(found.figures) == {"giay_khen.tap_the": 12, "giay_khen.ca_nhan": 30}
    assert _by_metric(found.proposals) == {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 5, "co_thi_dua_tinh.tap_the": 1}
    assert all(p.proposed for p in found.proposals) and not any(f.proposed for f in found.figures)
    data = found.to_json()
    assert {f["metric"] for f in data["figures"]} == {"giay_khen.tap_the", "giay_khen.ca_nhan"}
    assert all(p["proposed"] is True for p in data["proposals"]) and len(data["proposals"]) == 3


def test_a_granted_proposal_is_a_figure_not_a_proposal() -> None:
    found = extract_findings(report(["2. Công tác khen thưởng",
                                     "04 cá nhân do huyện đề nghị đã được Chủ tịch UBND tỉnh tặng Bằng khen tại Quyết định số 88/QĐ-UBND."]), UNITS)
    assert _by_metric(found.figures) == {"bang_khen_tinh.ca_nhan": 4} and found.proposals == []


def test_proposal_tables_columns_and_rows_give_proposals() -> None:
    rows = [
        ["STT", "Hình thức", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "02", "03"],
        ["2", "Đề nghị Cờ thi đua của UBND tỉnh", "01", ""],
    ]
    whole = extract_findings(report(["Danh sách đề nghị khen thưởng:", rows]), UNITS)
    assert whole.figures == [] and _by_metric(whole.proposals) == {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 3, "co_thi_dua_tinh.tap_the": 1}
    results = extract_findings(report(["Kết quả khen thưởng:", rows]), UNITS)
    assert _by_metric(results.figures) == {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 3}
    assert _by_metric(results.proposals) == {"co_thi_dua_tinh.tap_the": 1}
    by_column = [
        ["TT", "Hình thức", "Đã có quyết định", "Đã có quyết định", "Đang trình đề nghị", "Đang trình đề nghị"],
        ["", "", "Tập thể", "Cá nhân", "Tập thể", "Cá nhân"],
        ["1", "Bằng khen của Chủ tịch UBND tỉnh", "04", "06", "02", "01"],
    ]
    cols = extract_findings(report(["Kết quả khen thưởng:", by_column]), UNITS)
    assert _by_metric(cols.figures) == {"bang_khen_tinh.tap_the": 4, "bang_khen_tinh.ca_nhan": 6}
    assert _by_metric(cols.proposals) == {"bang_khen_tinh.tap_the": 2, "bang_khen_tinh.ca_nhan": 1}


def test_eval_ignores_proposals() -> None:
    got = extract_findings(report(PROSE), UNITS).to_json()
    expected = {"figures": [{"metric": "giay_khen.tap_the", "value": 12}, {"metric": "giay_khen.ca_nhan", "value": 30}]}
    scores = compare(expected, got, matched=False)["figures"]
    assert (scores.tp, scores.fp, scores.fn) == (2, 0, 0)
    # even a proposal listed among the figures by some other producer is not scored as one
    got["figures"].append({**got["proposals"][0]})
    assert compare(expected, got, matched=False)["figures"].fp == 0


def test_stored_proposals_are_visible_but_never_counted(settings: Settings, tmp_path: Path) -> None:
    units = load_units(settings.units_file)
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, extract_plan(read_document(PLAN_DOCX), [u.name for u in units]))
        path = tmp_path / "hoa_an_6m.docx"
        path.write_bytes(b"report with proposals")
        source = register_source_file(s, path, settings.originals_dir, status="processed")
        save_results(s, source, extract_findings(report(PROSE), UNITS))
    with session_scope(settings) as s:
        stored = s.scalars(select(Finding).where(Finding.kind == "figure")).all()
        proposals = [f for f in stored if is_proposal(f)]
        assert {(f.metric, f.value) for f in proposals} == {("bang_khen_tinh.tap_the", 2), ("bang_khen_tinh.ca_nhan", 5), ("co_thi_dua_tinh.tap_the", 1)}
        assert all(f.text.startswith(PROPOSAL_PREFIX) and f.extra["proposed"] is True for f in proposals)
        counted = {(x.unit, x.metric): x.value for x in effective_figures(s, 2022)}
    assert counted == {("Hòa An", "giay_khen.tap_the"): 12, ("Hòa An", "giay_khen.ca_nhan"): 30}
