"""A per-cluster model learned from reviewers' decisions: re-ranks the rules' candidate plan items.

Every reviewer decision on a report's plan item (accept, change of status or of plan item, reject)
says which (statement, plan item) links were right. For each statement the rules propose their
best `CANDIDATES` items; a logistic regression (scikit-learn) scores each pair on the rules'
figures (score, coverage, factors, rank) and on the plan's own wording (item x statement words,
item x status), so wording this cluster uses for its items is learned without a hand list. Its
probabilities are calibrated (sigmoid, by cross-validation over reports when there is enough
data), so a link kept at 0.9 is right about 9 times in 10 on held-back decisions.

The model is used only when it beats the rules on reports held back from training
(`LearnedModel.active`); both figures are kept with it. Stored per cluster as a pickle in
`<THIDUA_DATA_DIR>/learned/<cluster>.pkl` with the signature of the plan it was trained on: a
model of another plan is never applied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.core.errors import ConfigError
from thidua.core.findings import TaskStatement
from thidua.core.plan import PlanSpec
from thidua.core.text import fold
from thidua.matching.matcher import ItemMatch, PlanMatcher

#: Candidate plan items per statement (the rules' best ones) the model chooses among.
CANDIDATES = 3
#: A rules' link is dropped below this calibrated probability; a link the rules left out is added at ADD.
DROP = 0.2
ADD = 0.7
THRESHOLD = ADD
#: Value of a word feature relative to the rules' figures (a prior towards the rules on little data).
WORD_SCALE = 0.3
#: Share of reports held back to compare rules and model.
HELD_BACK = 0.3
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Case:
    """One report's statements and the reviewers' decisions: plan item -> status, None when rejected."""

    name: str
    statements: list[TaskStatement]
    unit: str | None
    report_date: dt.date | None
    decisions: dict[str, str | None]


def plan_signature(plan: PlanSpec) -> str:
    """A digest of the plan's items (ids and contents): a model applies to this plan only."""
    raw = "\n".join(f"{i.id}|{fold(i.content)}" for i in plan.items)
    return hashlib.sha256(f"{plan.year}\n{raw}".encode()).hexdigest()[:16]


def _candidates(matcher: PlanMatcher, case: Case) -> list[tuple[int, int, ItemMatch]]:
    """(statement index, rank, match) of each statement's best rule candidates."""
    out: list[tuple[int, int, ItemMatch]] = []
    for i, t in enumerate(case.statements):
        ranked = matcher.score_all(t.text, status=t.status, date=t.date, unit=case.unit, report_date=case.report_date)
        out.extend((i, rank, m) for rank, m in enumerate(ranked[:CANDIDATES]) if m.score > 0)
    return out


def _features(t: TaskStatement, rank: int, m: ItemMatch, rule_threshold: float) -> dict[str, float]:
    feats: dict[str, float] = {
        "score": m.score,
        "coverage": m.coverage,
        "above_rules": float(m.score >= rule_threshold),
        f"rank={rank}": 1.0,
        f"item={m.item_id}": 1.0,
        f"status={t.status.value}|{m.item_id}": 1.0,
    }
    for name, value in m.factors.items():
        feats[f"factor={name}"] = value
    # The plan's own wording, scaled down: the rules' figures decide until the reviewers' words agree.
    for word in set(_WORD.findall(fold(t.text))):
        feats[f"w={word}|{m.item_id}"] = WORD_SCALE
    return feats


def _label(t: TaskStatement, m: ItemMatch, case: Case) -> int | None:
    if m.item_id not in case.decisions:
        return None  # nobody decided on this item for this report
    return int(case.decisions[m.item_id] == t.status.value)


@dataclass(slots=True)
class LearnedModel:
    """A trained re-ranker with the figures that decide whether it is used."""

    cluster: str
    signature: str
    vectorizer: Any
    classifier: Any
    rules_f1: float
    learned_f1: float
    decisions: int
    threshold: float = THRESHOLD
    #: (mean predicted probability, observed share right, pairs) per probability bin, on held-back pairs.
    calibration: list[tuple[float, float, int]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Used only when it beat the rules on held-back decisions."""
        return self.learned_f1 > self.rules_f1

    def links(self, matcher: PlanMatcher, case: Case) -> list[list[tuple[str, float]]]:
        """The plan items of each statement with their calibrated probability, best first.

        The rules' links stay unless the model gives them less than `DROP`; a candidate the rules
        left out is added at `ADD` or more: on little data the model can only overrule clear cases.
        """
        out: list[list[tuple[str, float]]] = [[] for _ in case.statements]
        cands = _candidates(matcher, case)
        if not cands:
            return out
        ruled = [{i for i, _ in row} for row in rules_links(matcher, case)]
        rows = [_features(case.statements[i], rank, m, matcher.threshold) for i, rank, m in cands]
        probs = self.classifier.predict_proba(self.vectorizer.transform(rows))[:, 1]
        for (i, _rank, m), p in zip(cands, probs):
            if p >= (DROP if m.item_id in ruled[i] else ADD):
                out[i].append((m.item_id, round(float(p), 4)))
        for row in out:
            row.sort(key=lambda x: -x[1])
        return out


def rules_links(matcher: PlanMatcher, case: Case) -> list[list[tuple[str, float]]]:
    """The rules' plan items of each statement (what `match_findings` gives)."""
    return [
        [(m.item_id, m.score) for m in matcher.match(t.text, status=t.status, date=t.date, unit=case.unit, report_date=case.report_date)]
        for t in case.statements
    ]


def verdict_scores(cases: list[Case], links: list[list[list[tuple[str, float]]]]) -> tuple[int, int, int]:
    """(tp, fp, fn) of one verdict per plan item against the decided items (undecided items are not counted)."""
    tp = fp = fn = 0
    for case, per_statement in zip(cases, links):
        best: dict[str, tuple[float, str]] = {}
        for t, items in zip(case.statements, per_statement):
            for item, score in items:
                strength = score * t.confidence
                if item not in best or strength > best[item][0]:
                    best[item] = (strength, t.status.value)
        truth = {i: s for i, s in case.decisions.items() if s is not None}
        for item, (_s, status) in best.items():
            if item not in case.decisions:
                continue
            if truth.get(item) == status:
                tp += 1
            else:
                fp += 1
        fn += sum(1 for i, s in truth.items() if best.get(i, (0, None))[1] != s)
    return tp, fp, fn


def f1(counts: tuple[int, int, int]) -> float:
    """F1 of (tp, fp, fn)."""
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fit(matcher: PlanMatcher, cases: list[Case]) -> tuple[Any, Any] | None:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for case in cases:
        for i, rank, m in _candidates(matcher, case):
            label = _label(case.statements[i], m, case)
            if label is not None:
                rows.append(_features(case.statements[i], rank, m, matcher.threshold))
                labels.append(label)
    if len(set(labels)) < 2:
        return None
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    base = LogisticRegression(C=1.0, max_iter=2000)
    minority = min(labels.count(0), labels.count(1))
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=3) if minority >= 20 else base
    clf.fit(x, labels)
    return vec, clf


def _calibration(model: LearnedModel, matcher: PlanMatcher, cases: list[Case]) -> list[tuple[float, float, int]]:
    bins: dict[int, list[tuple[float, int]]] = {}
    for case in cases:
        cands = _candidates(matcher, case)
        for i, rank, m in cands:
            label = _label(case.statements[i], m, case)
            if label is None:
                continue
            row = _features(case.statements[i], rank, m, matcher.threshold)
            p = float(model.classifier.predict_proba(model.vectorizer.transform([row]))[0, 1])
            bins.setdefault(min(4, int(p * 5)), []).append((p, label))
    return [
        (round(sum(p for p, _ in v) / len(v), 3), round(sum(y for _, y in v) / len(v), 3), len(v))
        for _b, v in sorted(bins.items())
    ]


def decision_count(cases: list[Case]) -> int:
    """How many reviewer decisions (report x plan item) the cases hold."""
    return sum(len(c.decisions) for c in cases)


def train(matcher: PlanMatcher, cases: list[Case], cluster: str, seed: int = 0) -> LearnedModel | None:
    """Train on some reports, compare with the rules on the others, then refit on all; None without both labels."""
    order = sorted(cases, key=lambda c: c.name)
    random.Random(seed).shuffle(order)
    n_held = max(1, round(len(order) * HELD_BACK)) if len(order) > 1 else 0
    held, fit_on = order[:n_held], order[n_held:]
    fitted = _fit(matcher, fit_on)
    if fitted is None:
        return None
    trial = LearnedModel(cluster, plan_signature(matcher.plan), fitted[0], fitted[1], 0.0, 0.0, decision_count(cases))
    if held:
        trial.rules_f1 = f1(verdict_scores(held, [rules_links(matcher, c) for c in held]))
        trial.learned_f1 = f1(verdict_scores(held, [trial.links(matcher, c) for c in held]))
        trial.calibration = _calibration(trial, matcher, held)
    final = _fit(matcher, order) or fitted
    trial.vectorizer, trial.classifier = final
    return trial


def model_path(data_dir: Path, cluster: str) -> Path:
    """Where a cluster's model is stored."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(cluster)).strip("_") or "cluster"
    return Path(data_dir) / "learned" / f"{slug}.pkl"


def save_model(model: LearnedModel, data_dir: Path) -> Path:
    """Write the model of its cluster (replacing the previous one); returns the path."""
    path = model_path(data_dir, model.cluster)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(model))
    tmp.replace(path)
    return path


def load_model(data_dir: Path, cluster: str, plan: PlanSpec) -> LearnedModel | None:
    """The cluster's stored model if it was trained on this plan and beat the rules, else None."""
    path = model_path(data_dir, cluster)
    if not path.is_file():
        return None
    try:
        model = pickle.loads(path.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise ConfigError(f"tệp mô hình học từ người duyệt bị hỏng ({exc})", path) from None
    if not isinstance(model, LearnedModel) or model.signature != plan_signature(plan) or not model.active:
        return None
    return model
