"""Score the report extractor against hand-written expected files (`X.expected.json` beside `X.docx|.doc|.pdf`).

Fields and how each is counted (micro-averaged over the documents):
- unit, period (year + kind), report_date: one item per document; a prediction is a true positive
  when it equals the expected value, a false positive otherwise; a missing prediction is a miss.
- tasks: pairs (plan item, status) when matching is available (a task counts when plan item and
  status agree); `tasks+date` also requires the date. Without matching, and always as a second view,
  `status (no plan item)` compares the multisets of (status, date) pairs: extracted statements
  about work outside the plan count as false positives there, so its precision is a lower bound.
- figures: pairs (metric, value), after summing extracted figures per metric. Awards only proposed
  (`proposals`, or any entry marked `"proposed": true`) are never figures and are ignored.
`overall F1` is the mean F1 of unit, period, report_date, tasks (plan-item measure when matching
ran, else the plan-item-free one) and figures.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.core.errors import ConfigError, ThiduaError
from thidua.core.scores import Counts
from thidua.core.findings import Findings
from thidua.extractors.readers import DOCUMENT_SUFFIXES, read_document
from thidua.extractors.report import extract_findings
from thidua.core.units import UnitSpec


@dataclass(slots=True)
class DocResult:
    """One document's comparison."""

    name: str
    scores: dict[str, Counts]
    error: str | None = None
    details: list[str] = field(default_factory=list)
    #: The expected file's content and the findings as `Findings.to_json()` (None after an error).
    expected: dict[str, Any] = field(default_factory=dict)
    got: dict[str, Any] | None = None


@dataclass(slots=True)
class Evaluation:
    """All documents' results and the per-field totals."""

    documents: list[DocResult]
    totals: dict[str, Counts]
    matched: bool

    @property
    def overall_f1(self) -> float:
        """Mean F1 of the headline fields (see the module docstring)."""
        task_field = "tasks" if self.matched else "status (no plan item)"
        fields = ["unit", "period", "report_date", task_field, "figures"]
        return sum(self.totals[f].f1 for f in fields) / len(fields)


FIELDS = ("unit", "period", "report_date", "tasks", "tasks+date", "status (no plan item)", "figures")


def find_documents(directory: Path) -> list[tuple[Path, Path]]:
    """(document, expected file) pairs in a folder, by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError("không phải thư mục", directory)
    pairs = []
    for expected in sorted(directory.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        for suffix in DOCUMENT_SUFFIXES:
            doc = directory / f"{stem}{suffix}"
            if doc.is_file():
                pairs.append((doc, expected))
                break
    return pairs


def _figure_counter(figures: list[dict[str, Any]]) -> Counter:
    summed: dict[str, float] = {}
    for f in figures:
        if f.get("proposed"):
            continue  # an award only proposed is not a figure (domain.md, "Counting figures")
        summed[f["metric"]] = summed.get(f["metric"], 0) + float(f["value"])
    return Counter((m, v) for m, v in summed.items())


def compare(expected: dict[str, Any], got: dict[str, Any] | None, matched: bool) -> dict[str, Counts]:
    """Score one document's findings (Findings.to_json()) against its expected dict."""
    scores = {f: Counts() for f in FIELDS}
    got = got or {}

    def single(name: str, value: Any) -> Counter:
        return Counter([json.dumps(value, sort_keys=True)]) if value is not None else Counter()

    exp_period = expected.get("period")
    scores["unit"].add(single("unit", expected.get("unit")), single("unit", got.get("unit")))
    scores["period"].add(single("p", exp_period), single("p", got.get("period")))
    scores["report_date"].add(single("d", expected.get("report_date")), single("d", got.get("report_date")))
    exp_tasks = expected.get("tasks", [])
    got_tasks = got.get("tasks", [])
    if matched:
        # `tasks` is one verdict per plan item already (Findings.verdicts, as the completion matrix sees it).
        verdicts = [t for t in got_tasks if t.get("plan_item")]
        scores["tasks"].add(
            Counter((t["plan_item"], t["status"]) for t in exp_tasks),
            Counter((t["plan_item"], t["status"]) for t in verdicts),
        )
        scores["tasks+date"].add(
            Counter((t["plan_item"], t["status"], t["date"]) for t in exp_tasks),
            Counter((t["plan_item"], t["status"], t["date"]) for t in verdicts),
        )
    statements = Counter((t["status"], t["date"]) for t in got.get("statements", []))
    scores["status (no plan item)"].add(Counter((t["status"], t["date"]) for t in exp_tasks), statements)
    scores["figures"].add(_figure_counter(expected.get("figures", [])), _figure_counter(got.get("figures", [])))
    return scores


def evaluate(
    directory: Path,
    units: list[UnitSpec],
    matcher: Callable[[Findings], Findings] | None = None,
    include: Callable[[Path], bool] | None = None,
    matcher_for_corpus: Callable[[list[str]], Callable[[Findings], Findings] | None] | None = None,
) -> Evaluation:
    """Extract every document of a folder that has an expected file (and passes `include`) and score it.

    `matcher_for_corpus`, given the texts of every task statement of the folder, makes the matcher
    (document-frequency word weights over the folder's reports); it replaces `matcher`.
    """
    totals = {f: Counts() for f in FIELDS}
    results = []
    extracted: list[tuple[Path, dict[str, Any], Findings | None, str | None]] = []
    for doc_path, expected_path in find_documents(directory):
        if include is not None and not include(doc_path):
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            extracted.append((doc_path, expected, extract_findings(read_document(doc_path), units), None))
        except ThiduaError as exc:
            extracted.append((doc_path, expected, None, exc.reason))
    if matcher_for_corpus is not None:
        matcher = matcher_for_corpus([t.text for _, _, f, _ in extracted if f is not None for t in f.tasks])
    for doc_path, expected, findings, error in extracted:
        got = None
        if findings is not None:
            try:
                got = (matcher(findings) if matcher is not None else findings).to_json()
            except ThiduaError as exc:
                error = exc.reason
        scores = compare(expected, got, matcher is not None)
        for name, s in scores.items():
            totals[name].tp += s.tp
            totals[name].fp += s.fp
            totals[name].fn += s.fn
        details = []
        if got is not None:
            for key in ("unit", "period", "report_date"):
                if expected.get(key) != got.get(key):
                    details.append(f"{key}: cần {expected.get(key)} / được {got.get(key)}")
            exp_f = _figure_counter(expected.get("figures", []))
            got_f = _figure_counter(got.get("figures", []))
            for m, v in sorted((exp_f - got_f).keys()):
                details.append(f"thiếu số liệu {m}={v:g}")
            for m, v in sorted((got_f - exp_f).keys()):
                details.append(f"thừa số liệu {m}={v:g}")
        results.append(DocResult(doc_path.name, scores, error, details, expected, got))
    return Evaluation(results, totals, matcher is not None)
