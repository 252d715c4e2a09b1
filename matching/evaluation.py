"""Matching quality on a folder of reports with `X.expected.json`: precision, recall, F1 and status confusion.

A task counts as correct when unit, plan item and status all agree with the expected file. Per
report the machine gives one verdict per plan item: its most confident linked statement (match
score x extraction confidence), as the completion matrix does. The status confusion matrix pairs
the expected and predicted status of every (report, plan item) either side names; "—" stands for
"not listed" (a missed item on the expected side row, a spurious one in the predicted column).

Run it alone: `python -m matching.evaluation sample_docs/reports [--plan PLAN]`; `thidua eval`
calls `match_scores` and prints `format_scores`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.core.errors import ThiduaError
from thidua.core.findings import Findings
from thidua.core.plan import PlanSpec
from thidua.core.scores import Counts
from thidua.extractors.evaluation import find_documents
from thidua.extractors.plan import extract_plan
from thidua.extractors.report import extract_findings
from thidua.extractors.readers import read_document
from thidua.core.text import fold
from thidua.core.units import UnitSpec, load_units
from thidua.matching.matcher import DEFAULT_THRESHOLD, match_findings
from thidua.core.settings import PROJECT_ROOT, Settings

NONE = "—"
STATUSES = ("done", "in_progress", "not_done", "planned")
DEFAULT_PLAN = PROJECT_ROOT / "sample_docs" / "plan" / "ke_hoach_cum_thi_dua_2022.docx"


@dataclass(slots=True)
class MatchScores(Counts):
    """Counts over all documents, the status confusion and per-document differences."""

    #: (expected status or "—", predicted status or "—") -> count.
    confusion: Counter = field(default_factory=Counter)
    #: Document name -> lines saying what differs (Vietnamese).
    details: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "confusion": {f"{e}->{p}": n for (e, p), n in sorted(self.confusion.items())},
            "details": self.details,
            "errors": self.errors,
        }


def predicted_tasks(got: dict[str, Any]) -> dict[str, str]:
    """One status per plan item from Findings.to_json() (its `tasks` are the per-item verdicts)."""
    return {t["plan_item"]: t["status"] for t in got.get("tasks", []) if t.get("plan_item")}


def score_document(expected: dict[str, Any], got: dict[str, Any], scores: MatchScores, name: str = "") -> None:
    """Add one report's comparison (expected dict vs Findings.to_json()) to `scores`."""
    same_unit = bool(got.get("unit")) and fold(str(got.get("unit"))) == fold(str(expected.get("unit") or ""))
    exp = {t["plan_item"]: t["status"] for t in expected.get("tasks", [])}
    pred = predicted_tasks(got)
    lines = []
    for item in sorted(set(exp) | set(pred)):
        e, p = exp.get(item, NONE), pred.get(item, NONE)
        scores.confusion[(e, p)] += 1
        if e != NONE and p != NONE and e == p and same_unit:
            scores.tp += 1
            continue
        if p != NONE:
            scores.fp += 1
        if e != NONE:
            scores.fn += 1
        lines.append(f"{item}: cần {e} / được {p}")
    if not same_unit and (exp or pred):
        lines.insert(0, f"đơn vị: cần {expected.get('unit')} / được {got.get('unit')}")
    if lines:
        scores.details[name] = lines


def match_scores(
    expected_dir: Path,
    plan: Path | PlanSpec | None = None,
    units: list[UnitSpec] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> MatchScores:
    """Extract, match and score every report of a folder that has an expected file."""
    units = units or load_units(Settings.from_env().units_file)
    if not isinstance(plan, PlanSpec):
        plan = extract_plan(read_document(Path(plan or DEFAULT_PLAN)), [u.name for u in units])
    scores = MatchScores()
    extracted = []
    for doc_path, expected_path in find_documents(Path(expected_dir)):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            findings: Findings = extract_findings(read_document(doc_path), units)
        except ThiduaError as exc:
            scores.errors[doc_path.name] = getattr(exc, "reason", str(exc))
            findings = Findings(source=str(doc_path), format="")
        extracted.append((doc_path, expected, findings))
    # Word weights from the folder's own statements (document frequency), as `thidua eval` does.
    corpus = [t.text for _, _, f in extracted for t in f.tasks]
    for doc_path, expected, findings in extracted:
        match_findings(findings, plan, units, threshold, corpus=corpus)
        score_document(expected, findings.to_json(), scores, doc_path.name)
    return scores


def format_scores(scores: MatchScores, details: bool = False) -> str:
    """The figures as text: P/R/F1 line, status confusion table, optional per-document differences."""
    out = [
        f"matching (unit+plan item+status): P={scores.precision:.3f} R={scores.recall:.3f} "
        f"F1={scores.f1:.3f} (tp={scores.tp} fp={scores.fp} fn={scores.fn})",
        "status confusion (rows: expected, columns: predicted; — = not listed):",
    ]
    labels = [*STATUSES, NONE]
    width = max(len(x) for x in labels) + 1
    out.append(" " * width + "".join(f"{x:>{width}}" for x in labels))
    for e in labels:
        out.append(f"{e:<{width}}" + "".join(f"{scores.confusion.get((e, p), 0):>{width}}" for p in labels))
    if details:
        for name, lines in sorted(scores.details.items()):
            out.append(f"{name}: " + "; ".join(lines))
    for name, err in sorted(scores.errors.items()):
        out.append(f"{name}: lỗi {err}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """`python -m matching.evaluation DIR [--plan PLAN] [--details]`."""
    args = list(sys.argv[1:] if argv is None else argv)
    show = "--details" in args
    args = [a for a in args if a != "--details"]
    plan = None
    if "--plan" in args:
        i = args.index("--plan")
        plan = Path(args[i + 1])
        del args[i : i + 2]
    directory = Path(args[0]) if args else PROJECT_ROOT / "sample_docs" / "reports"
    print(format_scores(match_scores(directory, plan), details=show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
