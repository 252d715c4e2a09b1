"""Reviewer decisions as training cases: from the database's corrections, or simulated from expected files.

- Database: the reports of the plan's year with their task findings; the corrections in force of
  their keys (unit, year, period kind, plan item) are the decisions: "accept"/"change" give the
  item's status, "reject" says the item is not in the report (models/corrections.py).
- Simulation (`cases_from_expected`): a reviewer who checked a report decides what its
  `X.expected.json` says: the items listed with their status, every other plan item absent.

`learning_curve` trains on a few reports of a plan and measures verdicts on the others, rules
beside the model, as reviewers of a new plan would see it.
"""

from __future__ import annotations

import json
import random
import re
import tomllib
import statistics
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.core.document import Span
from thidua.core.errors import ThiduaError
from thidua.core.findings import Status, TaskStatement
from thidua.core.plan import PlanSpec
from thidua.core.units import UnitSpec
from thidua.matching.learning import (
    Case,
    Prepared,
    case_of,
    decision_count,
    deployed_f1,
    evaluate,
    f1,
    fit,
    prepare,
    train_prepared,
    verdict_scores,
)
from thidua.matching.matcher import PlanMatcher


def cases_from_expected(directory: Path, units: list[UnitSpec], plan: PlanSpec) -> list[Case]:
    """One case per report of a folder with an expected file: the decisions a reviewer would make."""
    from thidua.extractors.evaluation import find_documents
    from thidua.extractors.readers import read_document
    from thidua.extractors.report import extract_findings

    cases = []
    for doc_path, expected_path in find_documents(Path(directory)):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            findings = extract_findings(read_document(doc_path), units)
        except ThiduaError:
            continue
        decisions: dict[str, str | None] = {i.id: None for i in plan.items}
        decisions.update({t["plan_item"]: t["status"] for t in expected.get("tasks", [])})
        case = case_of(findings, decisions)
        case.name = doc_path.name
        cases.append(case)
    return cases


def cases_from_database(session: Session, plan: PlanSpec, cluster_id: int | None = None) -> list[Case]:
    """One case per stored report of the plan's year that reviewers decided on (of one cluster, when given)."""
    from thidua.models.corrections import TASK, latest_by_key
    from thidua.models.tables import Finding, Report, Unit

    decided: dict[tuple[int | None, str | None], dict[str, str | None]] = {}
    for key, c in latest_by_key(session, plan.year).items():
        if key.target != TASK or not key.plan_item_code:
            continue
        status = None if c.field == "reject" else (c.new_value or {}).get("status")
        decided.setdefault((key.unit_id, key.period_kind), {})[key.plan_item_code] = status
    names = {u.id: u.name for u in session.scalars(select(Unit))}
    cases = []
    reports = select(Report).where(Report.year == plan.year)
    if cluster_id is not None:
        reports = reports.where(Report.cluster_id == cluster_id)
    for report in session.scalars(reports.order_by(Report.id)):
        decisions = decided.get((report.unit_id, report.period_kind))
        if not decisions:
            continue
        rows = session.scalars(select(Finding).where(Finding.report_id == report.id, Finding.kind == "task").order_by(Finding.id))
        statements = [
            TaskStatement(
                f.text,
                Status(f.status or "done"),
                f.date,
                Span(f.block or 0, f.span_start or 0, f.span_end or 0, f.page, f.row, f.col),
                f.confidence,
            )
            for f in rows
        ]
        unit = names.get(report.unit_id) if report.unit_id is not None else None
        cases.append(Case(f"report {report.id}", statements, unit, report.report_date, decisions, report.period_kind))
    return cases


def units_without_paraphrases(units_file: Path, directory: Path) -> Path:
    """A copy of a units file in `directory` without its `[lexicon] paraphrases` (a cluster whose wording is not written down yet)."""
    text = Path(units_file).read_text(encoding="utf-8")
    start = re.search(r"^paraphrases\s*=\s*\[", text, flags=re.M)
    if start is not None:
        depth, end, quoted = 0, len(text), False
        for pos in range(start.end() - 1, len(text)):
            ch = text[pos]
            if ch == '"' and text[pos - 1] != "\\":
                quoted = not quoted
            elif not quoted and ch == "[":
                depth += 1
            elif not quoted and ch == "]":
                depth -= 1
                if depth == 0:
                    end = pos + 1
                    break
        text = text[: start.start()] + text[end:]
    out = Path(directory) / Path(units_file).name
    out.write_text(text, encoding="utf-8")
    if "paraphrases" in tomllib.loads(text).get("lexicon", {}):
        raise ThiduaError(f"could not remove the paraphrases of {units_file}")
    return out


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """Verdict F1 on the reports not trained on, after training on `reports` reports (means over draws)."""

    reports: int
    decisions: float
    rules_f1: float
    learned_f1: float
    runs: int
    #: Draws in which the model's verdicts beat the rules'.
    wins: int = 0
    #: What the pipeline does: the model where it beat the rules on its own held-back reports, else the rules.
    deployed_f1: float = 0.0
    #: Draws in which that gate let the model (links or status) in.
    active: int = 0
    #: (calibrated probability, right) of every decided candidate pair of the reports not trained on
    #: (models trained on two reports or more: one report gives nothing to calibrate on).
    probabilities: tuple[tuple[float, int], ...] = ()


def learning_curve(matcher: PlanMatcher, cases: list[Case], sizes: list[int], seeds: int = 5) -> list[CurvePoint]:
    """Train on n reports of the plan (several random draws), measure rules and model on the plan's other reports.

    Leave-reports-out: the reports measured were never trained on, so the figures say what reviewers'
    decisions on a few reports of a new plan do for the rest of that plan.
    """
    prepared = {c.name: prepare(matcher, c) for c in cases}
    out = []
    for n in sizes:
        if n >= len(cases):
            break
        rules, learned, deployed, counts, wins, active = [], [], [], [], 0, 0
        pooled: list[tuple[float, int]] = []
        for seed in range(seeds):
            order = sorted(cases, key=lambda c: c.name)
            random.Random(seed).shuffle(order)
            fit_on, test = [prepared[c.name] for c in order[:n]], [prepared[c.name] for c in order[n:]]
            model = fit(fit_on)
            if model is None:
                r = m = evaluate_rules(test)
            else:
                r, m = evaluate(model, matcher, test)
                # Only calibrated models count for the reliability table (one report: nothing to calibrate on).
                for c in test if model.link.calibrator is not None else []:
                    decided = [r for r in c.rows if r.label is not None]
                    probs = model.link.probabilities([r.features for r in decided])
                    pooled.extend((prob, int(r.label or 0)) for r, prob in zip(decided, probs))
            gated = train_prepared(matcher, fit_on, "", seed)
            active += bool(gated is not None and (gated.active or gated.status_active))
            deployed.append(deployed_f1(gated, matcher, test))
            rules.append(r)
            learned.append(m)
            wins += m > r
            counts.append(decision_count([c.case for c in fit_on]))
        out.append(
            CurvePoint(n, statistics.mean(counts), statistics.mean(rules), statistics.mean(learned), seeds, wins,
                       statistics.mean(deployed), active, tuple(pooled))
        )
    return out


def reliability_table(probabilities: list[tuple[float, int]], bins: int = 5) -> list[tuple[float, float, float, int]]:
    """(bin low edge, mean probability, share right, pairs) per probability bin: "0.9" should be right 9 times in 10."""
    groups: dict[int, list[tuple[float, int]]] = {}
    for prob, label in probabilities:
        groups.setdefault(min(bins - 1, int(prob * bins)), []).append((prob, label))
    return [
        (b / bins, sum(p for p, _ in v) / len(v), sum(y for _, y in v) / len(v), len(v)) for b, v in sorted(groups.items())
    ]


def decisions_to_win(curve: list[CurvePoint]) -> CurvePoint | None:
    """The first point where the model beats the rules on average and in most draws, or None."""
    return next((p for p in curve if p.learned_f1 > p.rules_f1 and 2 * p.wins > p.runs), None)


def evaluate_rules(prepared: list[Prepared]) -> float:
    """The rules' verdict F1 on prepared cases."""
    return f1(verdict_scores([c.case for c in prepared], [c.rules for c in prepared]))


def transfer(source: list[Case], source_matcher: PlanMatcher, target: list[Case], target_matcher: PlanMatcher) -> tuple[float, float]:
    """(rules F1, model F1) on a target world's reports with a model trained on another world's decisions.

    Only the plan-independent features carry over (item ids and the words tied to them do not).
    A figure only: per-cluster models are never shared.
    """
    model = fit([prepare(source_matcher, c) for c in source])
    test = [prepare(target_matcher, c) for c in target]
    if model is None:
        r = evaluate_rules(test)
        return r, r
    return evaluate(model, target_matcher, test)
