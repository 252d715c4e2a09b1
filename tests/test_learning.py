"""The model learned from reviewers' decisions: labels, gate against the rules, storage per cluster and plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from thidua.core.document import Span
from thidua.core.findings import Status, TaskStatement
from thidua.core.plan import PlanItemSpec, PlanSpec
from thidua.core.units import UnitSpec
from thidua.matching.learning import Case, load_model, plan_signature, rules_links, save_model, train, verdict_scores
from thidua.matching.matcher import PlanMatcher

UNITS = [UnitSpec("Tràng Định", "head"), UnitSpec("Văn Lãng"), UnitSpec("Bình Gia")]
PLAN = PlanSpec(
    year=2023,
    title="Kế hoạch",
    items=[
        PlanItemSpec("Q1-1", 1, 1, "Đăng ký chỉ tiêu thi đua năm 2023 gửi Cụm trưởng", "all"),
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức giao lưu văn hóa, thể dục thể thao giữa các đơn vị", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Kiểm tra chéo công tác thi đua giữa các đơn vị", "all"),
    ],
)


def _stmt(text: str, status: Status = Status.DONE) -> TaskStatement:
    return TaskStatement(text, status, None, Span(0, 0, len(text)), 0.9)


def _cases() -> list[Case]:
    # This cluster's reviewers say a delegation of athletes ("vận động viên") is the exchange item,
    # a wording the plan does not use; the rules miss it.
    out = []
    for n in range(12):
        unit = UNITS[n % 3].name
        stmts = [
            _stmt(f"Huyện đã cử {20 + n} vận động viên tham dự hoạt động của Cụm"),
            _stmt("Đã đăng ký chỉ tiêu thi đua năm 2023"),
            _stmt("Đã tổ chức hội nghị cán bộ chủ chốt của huyện"),
        ]
        out.append(Case(f"r{n:02d}", stmts, unit, dt.date(2023, 6, 20), {"Q1-1": "done", "Q2-1": "done", "Q3-1": None}))
    return out


def test_decisions_label_pairs_and_the_model_is_gated_on_held_back_reports(tmp_path: Path) -> None:
    matcher = PlanMatcher(PLAN, UNITS)
    cases = _cases()
    tp, fp, fn = verdict_scores(cases, [rules_links(matcher, c) for c in cases])
    assert fn >= len(cases)  # the rules miss the athletes' wording
    model = train(matcher, cases, "Cụm thi đua các huyện phía Bắc")
    assert model is not None and model.decisions == 36
    assert 0.0 <= model.rules_f1 <= 1.0 and 0.0 <= model.learned_f1 <= 1.0
    assert model.active == (model.learned_f1 > model.rules_f1)
    # Calibration bins: mean predicted probability and observed share, each in [0, 1].
    assert all(0 <= p <= 1 and 0 <= s <= 1 and n > 0 for p, s, n in model.calibration)
    path = save_model(model, tmp_path)
    assert path.parent.name == "learned" and path.name.startswith("cum_thi_dua")
    loaded = load_model(tmp_path, model.cluster, PLAN)
    assert (loaded is not None) == model.active
    other = PlanSpec(year=2024, title=PLAN.title, items=PLAN.items)
    assert plan_signature(other) != plan_signature(PLAN) and load_model(tmp_path, model.cluster, other) is None


def test_the_model_learns_a_clusters_wording_from_decisions() -> None:
    matcher = PlanMatcher(PLAN, UNITS)
    cases = _cases()
    model = train(matcher, cases[:9], "x")
    assert model is not None
    held = cases[9:]
    learned = verdict_scores(held, [model.links(matcher, c) for c in held])
    rules = verdict_scores(held, [rules_links(matcher, c) for c in held])
    assert learned[0] > rules[0]  # more right verdicts on reports it was not trained on


def test_no_model_without_both_kinds_of_decision() -> None:
    matcher = PlanMatcher(PLAN, UNITS)
    case = Case("r", [_stmt("Đã đăng ký chỉ tiêu thi đua năm 2023")], "Văn Lãng", None, {"Q1-1": "done"})
    assert train(matcher, [case, case], "x") is None
