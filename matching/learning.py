"""A per-cluster model learned from reviewers' decisions: decides each plan item of a report and predicts status.

Reviewers decide per plan item of a report (accept, change of status or of plan item, reject), so
every (report, plan item) is one example: kept (any status) or rejected/left out. Its features come
from all the report's statements: the rules' verdict (linked or not, weighed double as a prior
towards the rules), the best-scoring statement's figures (score, coverage, rank, gap, factors, its
date and the report's date against the item's quarter and due date, kinds of deliverable on both
sides), the unit's role against the item's responsibility, the report's period against the item's
quarter, and the words (and word pairs) of the statements the rules linked to nothing, tied to the
item: a cluster's wording the plan does not use is what the rules leave unexplained. A logistic
regression (scikit-learn) scores them. An item the model adds goes to the statement that carries it
(an unlinked one first, by rule score plus the item's learnt words); an item it rejects leaves every
statement. A second regression predicts the status of a statement's item from its cue words, the
extractor's status, the dates and the report's period.

Calibration and thresholds come from held-back decisions: the link model's scores are predicted
out of fold (each report left out once), a calibrator (Platt, or isotonic with enough pairs) maps
them to probabilities (so 0.9 means reviewers keep 9 items in 10); from GRID_MIN_REPORTS reports
the drop and add thresholds are chosen there, below they are the calibrated even odds, and below
MIN_REPORTS reports the rules' links stand. Each model is used only when it beats the rules on
reports held back from training (`LearnedModel.active`, `status_active`); the figures are kept
with it. Stored per cluster as a pickle in `<THIDUA_DATA_DIR>/learned/<cluster>.pkl` with the
signature of the plan it was trained on: a model of another plan is never applied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import random
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.core.errors import ConfigError
from thidua.core.findings import Findings, Status, TaskStatement
from thidua.core.plan import PlanSpec, quarter_end
from thidua.core.text import fold
from thidua.matching.matcher import ItemMatch, PlanMatcher, not_yet_due, rule_status

#: Candidate plan items per statement (the rules' best ones) the model chooses among.
CANDIDATES = 3
#: Default thresholds (calibrated probability) before any are chosen on held-back decisions:
#: a rules' link is dropped below DROP; a link the rules left out is added at ADD or more.
DROP = 0.2
ADD = 0.7
THRESHOLD = ADD
#: Thresholds that give the rules' links unchanged, and the out-of-fold F1 gain needed to leave them.
RULES_DROP, RULES_ADD = 0.0, 1.01
MIN_GAIN = 0.01
#: Reports from which the thresholds are chosen on held-back decisions; below, calibrated even odds.
GRID_MIN_REPORTS = 12
EVEN = 0.5
#: Reports needed before the model's verdicts replace the rules' (fewer: folds of a report or two calibrate nothing).
MIN_REPORTS = 4
#: Thresholds tried on the held-back decisions.
DROP_GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
ADD_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
#: Value of a word feature relative to the rules' figures (a prior towards the rules on little data).
WORD_SCALE = 0.3
#: Value of a report word tied to a plan item (the item verdict model's own wording).
ITEM_WORD_SCALE = 0.6
#: Value of the rules' own verdict (linked or not) in the item verdict model: a prior towards the rules on little data.
RULES_SCALE = 2.0
#: Inverse regularisation of the item verdict model.
ITEM_C = 1.0
#: Share of reports held back to compare rules and model.
HELD_BACK = 0.3
#: Folds (by report) for the out-of-fold scores the calibrator and thresholds are fitted on.
FOLDS = 4
#: Isotonic calibration from this many held-back pairs of each label; Platt scaling below.
ISOTONIC_MIN = 40
#: Bins of the reliability table.
BINS = 5
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Case:
    """One report's statements and the reviewers' decisions: plan item -> status, None when rejected."""

    name: str
    statements: list[TaskStatement]
    unit: str | None
    report_date: dt.date | None
    decisions: dict[str, str | None]
    #: The report's period kind ("q1", "6m", "9m", "year", ...), when known.
    period: str | None = None


def plan_signature(plan: PlanSpec) -> str:
    """A digest of the plan's items (ids and contents): a model applies to this plan only."""
    raw = "\n".join(f"{i.id}|{fold(i.content)}" for i in plan.items)
    return hashlib.sha256(f"{plan.year}\n{raw}".encode()).hexdigest()[:16]


def _rankings(matcher: PlanMatcher, case: Case) -> list[list[ItemMatch]]:
    """Each statement's rule scores against every plan item, best first (none for a later year's work)."""
    out: list[list[ItemMatch]] = []
    for t in case.statements:
        if t.for_year and t.for_year > matcher.plan.year:
            out.append([])
            continue
        out.append(matcher.score_all(t.text, status=t.status, date=t.date, unit=case.unit, report_date=case.report_date))
    return out


def _months(a: dt.date, b: dt.date) -> int:
    """Whole months from b to a, clipped to [-6, 6] (a bucket, not a figure)."""
    return max(-6, min(6, round((a - b).days / 30.4)))


def _timing(matcher: PlanMatcher, item_id: str, date: dt.date | None, report_date: dt.date | None) -> dict[str, float]:
    """The statement's date and the report's date against the item's quarter start and due date."""
    spec = matcher.item_spec(item_id)
    if spec is None:
        return {}
    end = spec.due_date or quarter_end(spec.quarter, matcher.plan.year)
    start = dt.date(matcher.plan.year, 3 * (spec.quarter - 1) + 1, 1)
    feats: dict[str, float] = {}
    if date is not None:
        feats["date_vs_due"] = _months(date, end) / 6
        feats[f"date_before_quarter={date < start}"] = 1.0
        feats[f"date_after_due={date > end}"] = 1.0
    else:
        feats["no_date"] = 1.0
    if report_date is not None:
        feats["report_vs_due"] = _months(report_date, end) / 6
        feats[f"report_after_due={report_date > end}"] = 1.0
        feats[f"report_before_quarter={report_date < start}"] = 1.0
    return feats


def _pair_features(
    matcher: PlanMatcher, case: Case, t: TaskStatement, rank: int, m: ItemMatch, best: float
) -> dict[str, float]:
    """Features of the statement that best matches an item: the rules' figures and how the two relate."""
    feats: dict[str, float] = {
        "score": m.score,
        "coverage": m.coverage,
        "gap": best - m.score,
        "above_rules": float(m.score >= matcher.threshold),
        "matched": min(len(m.matched), 8) / 8,
        f"rank={min(rank, CANDIDATES)}": 1.0,
        f"status={t.status.value}": 1.0,
        f"status={t.status.value}|{m.item_id}": 1.0,
    }
    for name, value in m.factors.items():
        feats[f"factor={name}"] = value
    feats.update(_timing(matcher, m.item_id, t.date, case.report_date))
    spec = matcher.item_spec(m.item_id)
    if spec is not None:
        kinds = matcher.vocab.kinds_in(matcher.vocab.strip_background(t.text))
        item_kinds = matcher.item_kinds(m.item_id)
        if kinds or item_kinds:
            feats["kind_agree" if kinds & item_kinds else ("kind_differ" if kinds and item_kinds else "kind_one_side")] = 1.0
        if kinds & item_kinds & matcher.unique_kinds:
            feats["kind_unique"] = 1.0  # a kind of deliverable or event no other plan item names
        # Where the rules fail: text without diacritics, an OCR'd or implicit statement, a cited background.
        feats[f"unaccented={t.text.isascii()}"] = 1.0
        feats[f"low_confidence={t.confidence < 0.6}"] = 1.0
        feats[f"background={matcher.vocab.strip_background(t.text) != t.text}"] = 1.0
    return feats


def _words(text: str, stopwords: frozenset[str]) -> set[str]:
    """The folded words and word pairs of a text (pairs joined by "_"), without the lexicon's stopwords."""
    found = _WORD.findall(fold(text))
    single = {w for w in found if w not in stopwords and len(w) > 1}
    return single | {f"{a}_{b}" for a, b in zip(found, found[1:]) if a in single and b in single}


def _item_features(
    matcher: PlanMatcher, case: Case, item_id: str, rankings: list[list[ItemMatch]], ruled: list[set[str]], words: list[set[str]]
) -> dict[str, float]:
    """Features of one (report, plan item) decision, from every statement of the report.

    The rules' view (linked or not, the best and second-best statement's score, how many statements
    touch the item), the best statement's own figures, and the report's words tied to the item: a
    cluster's wording the plan does not use is learnt there, whichever statement carries it.
    """
    scored = sorted(
        ((m.score, i, rank, m) for i, row in enumerate(rankings) for rank, m in enumerate(row) if m.item_id == item_id and m.score > 0),
        key=lambda x: (-x[0], x[1]),
    )
    linked = [i for i, r in enumerate(ruled) if item_id in r]
    feats: dict[str, float] = {
        f"item={item_id}": 1.0,
        "rules_link": RULES_SCALE * float(bool(linked)),
        "linked_statements": min(len(linked), 3) / 3,
        "touching": min(sum(1 for s, *_ in scored if s >= matcher.threshold / 2), 4) / 4,
    }
    if scored:
        score, i, rank, m = scored[0]
        feats.update(_pair_features(matcher, case, case.statements[i], rank, m, rankings[i][0].score))
        feats["second"] = scored[1][0] if len(scored) > 1 else 0.0
    else:
        feats["no_candidate"] = 1.0
    spec = matcher.item_spec(item_id)
    unit = matcher.units.get(case.unit or "")
    if spec is not None:
        feats[f"resp={spec.responsible}|role={unit.role if unit else '?'}"] = 1.0
    if case.period:
        feats[f"period={case.period}|q={spec.quarter if spec else '?'}"] = 1.0
    # The words of the statements the rules linked to nothing, tied to the item and scaled down: a
    # cluster's wording the plan does not use is what the rules leave unexplained.
    loose = [w for w, r in zip(words, ruled) if not r]
    for word in set().union(*loose) if loose else ():
        feats[f"w={word}|{item_id}"] = ITEM_WORD_SCALE
    return feats


def _status_features(matcher: PlanMatcher, case: Case, t: TaskStatement, item_id: str) -> dict[str, float]:
    """Features for the status of a statement's item: cue words, the extractor's status, dates, period."""
    feats: dict[str, float] = {f"status={t.status.value}": 1.0, f"period={case.period}": 1.0}
    feats.update(_timing(matcher, item_id, t.date, case.report_date))
    # Where the extractor's status fails: work not yet due on the report's date, a dated statement.
    feats[f"not_yet_due={not_yet_due(matcher.item_spec(item_id), matcher.plan.year, case.report_date)}|{t.status.value}"] = 1.0
    feats[f"dated={t.date is not None}|{t.status.value}"] = 1.0
    words = _WORD.findall(fold(t.text))
    for w in set(words):
        feats[f"w={w}"] = WORD_SCALE
    for a, b in set(zip(words, words[1:])):
        feats[f"b={a} {b}"] = WORD_SCALE
    return feats


@dataclass(slots=True)
class _ItemRow:
    """One (report, plan item) decision: its features, the reviewers' label and each statement's rule score."""

    item: str
    rules_link: bool
    features: dict[str, float]
    #: 1 when reviewers kept the item (any status), 0 when they rejected it or it is absent, None undecided.
    label: int | None
    #: Each statement's rule score for the item (0 when it does not touch it).
    scores: list[float]


@dataclass(slots=True)
class Prepared:
    """A case with one row per plan item and the rules' links, computed once (scoring is the slow part)."""

    case: Case
    rows: list[_ItemRow]
    rules: list[list[tuple[str, float]]]
    #: (statement index, item, status features, decided status) of the statements' linked decided items.
    status_rows: list[tuple[int, str, dict[str, float], str]]
    #: Each statement's words (for choosing the statement that carries an item the rules left out).
    words: list[set[str]] = field(default_factory=list)


def _label(case: Case, item: str) -> int | None:
    """The reviewers' verdict on an item: kept (1), rejected or left out (0), undecided (None)."""
    if item not in case.decisions:
        return None
    return int(case.decisions[item] is not None)


def prepare(matcher: PlanMatcher, case: Case, rules: list[list[tuple[str, float]]] | None = None) -> Prepared:
    """Rule scores, one row per plan item and the rules' links of one case."""
    rules = rules if rules is not None else rules_links(matcher, case)
    # The rules' status of a linked statement, as match_findings sets it (work not yet due is planned).
    for t, row in zip(case.statements, rules):
        if row:
            t.status = rule_status(t, matcher.item_spec(row[0][0]), matcher.plan.year, case.report_date)
    ruled = [{i for i, _ in row} for row in rules]
    rankings = _rankings(matcher, case)
    # A later year's work carries no item of this plan.
    words = [_words(t.text, matcher.vocab.stopwords) if row else set() for t, row in zip(case.statements, rankings)]
    rows = []
    for spec in matcher.plan.items:
        scores = [next((m.score for m in row if m.item_id == spec.id), 0.0) for row in rankings]
        rows.append(
            _ItemRow(spec.id, any(spec.id in r for r in ruled), _item_features(matcher, case, spec.id, rankings, ruled, words),
                     _label(case, spec.id), scores)
        )
    status_rows = []
    for i, t in enumerate(case.statements):
        for item in [item for item, _ in rules[i]][:1]:
            decided = case.decisions.get(item)
            if decided is not None:
                status_rows.append((i, item, _status_features(matcher, case, t, item), decided))
    return Prepared(case, rows, rules, status_rows, words)


@dataclass(slots=True)
class _LinkModel:
    vectorizer: Any
    classifier: Any
    calibrator: Any = None

    def probabilities(self, rows: list[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        x = self.vectorizer.transform(rows)
        if self.calibrator is None:
            return [float(p) for p in self.classifier.predict_proba(x)[:, 1]]
        return _calibrate(self.calibrator, self.classifier.decision_function(x))

    def weight(self, name: str) -> float:
        """The classifier's weight of one feature (0 when never seen)."""
        col = self.vectorizer.vocabulary_.get(name)
        return 0.0 if col is None else float(self.classifier.coef_[0][col])


def _calibrate(calibrator: Any, scores: Any) -> list[float]:
    from sklearn.isotonic import IsotonicRegression

    if isinstance(calibrator, IsotonicRegression):
        return [float(p) for p in calibrator.predict(scores)]
    return [float(p) for p in calibrator.predict_proba([[s] for s in scores])[:, 1]]


def _fit_links(prepared: list[Prepared]) -> _LinkModel | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [r.features for c in prepared for r in c.rows if r.label is not None]
    labels = [r.label for c in prepared for r in c.rows if r.label is not None]
    if len(set(labels)) < 2:
        return None
    vec = DictVectorizer()
    clf = LogisticRegression(C=ITEM_C, max_iter=2000)
    clf.fit(vec.fit_transform(rows), labels)
    return _LinkModel(vec, clf)


def _fit_status(prepared: list[Prepared]) -> tuple[Any, Any] | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [r[2] for c in prepared for r in c.status_rows]
    labels = [r[3] for c in prepared for r in c.status_rows]
    if len(set(labels)) < 2:
        return None
    vec = DictVectorizer()
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(vec.fit_transform(rows), labels)
    return vec, clf


def _folds(prepared: list[Prepared]) -> list[tuple[list[Prepared], list[Prepared]]]:
    k = min(FOLDS, len(prepared))
    return [([c for j, c in enumerate(prepared) if j % k != f], [c for j, c in enumerate(prepared) if j % k == f]) for f in range(k)]


def _choose(prepared: list[Prepared], probs: list[list[float]], carriers: list[list[int | None]]) -> tuple[float, float, float]:
    """(drop, add, F1) maximising verdict F1 on prepared cases with the given held-back probabilities."""
    best = (DROP, ADD, -1.0)
    for drop in DROP_GRID:
        for add in ADD_GRID:
            links = [_links_of(c, p, drop, add, k) for c, p, k in zip(prepared, probs, carriers)]
            score = f1(verdict_scores([c.case for c in prepared], links))
            # Ties go to the thresholds closest to the rules (drop low, add high).
            if score > best[2] + 1e-9 or (abs(score - best[2]) <= 1e-9 and (drop, -add) < (best[0], -best[1])):
                best = (drop, add, score)
    return best


def _carrier(link: _LinkModel | None, c: Prepared, row: _ItemRow) -> int | None:
    """The statement that carries an item the rules left out: the best rule score plus the item's learnt words."""
    best: tuple[bool, float, int] | None = None  # (unlinked, value, -index): ties go to the earlier statement
    score_weight = max(link.weight("score"), 1.0) if link is not None else 1.0
    for i, (score, words) in enumerate(zip(row.scores, c.words)):
        learnt = sum(max(0.0, link.weight(f"w={w}|{row.item}")) for w in words) * ITEM_WORD_SCALE if link is not None else 0.0
        value = score * score_weight + learnt
        # A statement the rules linked to nothing first: the item's words were learnt on those.
        key = (not c.rules[i], value, -i)
        if value > 0 and (best is None or key > best):
            best = key
    return -best[2] if best else None


def _links_of(c: Prepared, probs: list[float], drop: float, add: float, carriers: list[int | None]) -> list[list[tuple[str, float]]]:
    """Each statement's items after the model's verdicts: rules' links below `drop` go, missing items at `add` join their carrier."""
    if (drop, add) == (RULES_DROP, RULES_ADD):
        # The model defers to the rules: their links and scores (which statement decides an item's verdict) stand.
        return [list(row) for row in c.rules]
    out: list[list[tuple[str, float]]] = [list(row) for row in c.rules]
    for row, p, carrier in zip(c.rows, probs, carriers):
        if row.rules_link and p < drop:
            out = [[x for x in links if x[0] != row.item] for links in out]
        elif not row.rules_link and p >= add and carrier is not None:
            out[carrier].append((row.item, round(p, 4)))
    for links in out:
        links.sort(key=lambda x: -x[1])
    return out


@dataclass(slots=True)
class LearnedModel:
    """A trained item verdict model and status predictor, with the figures that decide whether each is used."""

    cluster: str
    signature: str
    link: Any
    rules_f1: float
    learned_f1: float
    decisions: int
    drop: float = DROP
    add: float = ADD
    #: (mean predicted probability, observed share right, items) per probability bin, on held-back decisions.
    calibration: list[tuple[float, float, int]] = field(default_factory=list)
    status: Any = None
    #: Share of held-back linked statements whose status is right: the extractor's, the model's.
    rules_status_accuracy: float = 0.0
    learned_status_accuracy: float = 0.0
    status_pairs: int = 0

    @property
    def active(self) -> bool:
        """The verdict model is used only when it beat the rules on held-back decisions."""
        return self.learned_f1 > self.rules_f1

    @property
    def status_active(self) -> bool:
        """The status predictor is used only when it beat the extractor's status on held-back decisions."""
        return self.status is not None and self.learned_status_accuracy > self.rules_status_accuracy

    def item_probabilities(self, c: Prepared) -> list[float]:
        """The calibrated probability that reviewers keep each plan item of a prepared case."""
        return self.link.probabilities([r.features for r in c.rows])

    def links_prepared(self, c: Prepared) -> list[list[tuple[str, float]]]:
        """`links` of a prepared case."""
        return _links_of(c, self.item_probabilities(c), self.drop, self.add, [_carrier(self.link, c, r) for r in c.rows])

    def links(self, matcher: PlanMatcher, case: Case, rules: list[list[tuple[str, float]]] | None = None) -> list[list[tuple[str, float]]]:
        """The plan items of each statement, best first.

        The rules' links of an item stay unless the model gives the item less than `drop`; an item
        the rules left out is added at `add` or more (both chosen on held-back decisions) to the
        statement that carries it, with its calibrated probability.
        """
        return self.links_prepared(prepare(matcher, case, rules))

    def statuses(self, matcher: PlanMatcher, case: Case, links: list[list[tuple[str, float]]]) -> list[Status]:
        """Each statement's status: the model's for a statement linked to an item, else the extractor's."""
        out = [t.status for t in case.statements]
        if self.status is None:
            return out
        vec, clf = self.status
        for i, row in enumerate(links):
            if row:
                x = vec.transform([_status_features(matcher, case, case.statements[i], row[0][0])])
                out[i] = Status(str(clf.predict(x)[0]))
        return out


def rules_links(matcher: PlanMatcher, case: Case) -> list[list[tuple[str, float]]]:
    """The rules' plan items of each statement (what `match_findings` gives)."""
    return [
        []
        if t.for_year and t.for_year > matcher.plan.year
        else [(m.item_id, m.score) for m in matcher.match(t.text, status=t.status, date=t.date, unit=case.unit, report_date=case.report_date)]
        for t in case.statements
    ]


def verdict_scores(
    cases: list[Case], links: list[list[list[tuple[str, float]]]], statuses: list[list[Status]] | None = None
) -> tuple[int, int, int]:
    """(tp, fp, fn) of one verdict per plan item against the decided items (undecided items are not counted)."""
    tp = fp = fn = 0
    for n, (case, per_statement) in enumerate(zip(cases, links)):
        best: dict[str, tuple[float, str]] = {}
        for j, (t, items) in enumerate(zip(case.statements, per_statement)):
            status = statuses[n][j].value if statuses is not None else t.status.value
            for item, score in items:
                strength = score * t.confidence
                if item not in best or strength > best[item][0]:
                    best[item] = (strength, status)
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


def fit(prepared: list[Prepared], cluster: str = "", signature: str = "") -> LearnedModel | None:
    """Fit on prepared cases: out-of-fold scores calibrate the link model and choose its thresholds; None without both labels."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    link = _fit_links(prepared)
    if link is None:
        return None
    # No held-back decisions yet to choose thresholds on: the links stay the rules'.
    model = LearnedModel(cluster, signature, link, 0.0, 0.0, decision_count([c.case for c in prepared]), RULES_DROP, RULES_ADD)
    model.status = _fit_status(prepared)
    if len(prepared) < MIN_REPORTS:
        return model
    # Out-of-fold raw scores: each report's items scored (and carried) by a model not trained on it.
    raw: dict[int, list[float]] = {}
    carriers: dict[int, list[int | None]] = {}
    right = [0.0, 0.0, 0.0]  # extractor's status right, model's status right, rows
    for fit_on, held in _folds(prepared):
        status = _fit_status(fit_on)
        r, s, n = _status_accuracy(LearnedModel("", "", link, 0, 0, 0, status=status), held)
        right = [right[0] + r * n, right[1] + s * n, right[2] + n]
        m = _fit_links(fit_on)
        for c in held:
            rows = [r.features for r in c.rows]
            carriers[id(c)] = [_carrier(m, c, r) for r in c.rows]
            if m is None or not rows:
                raw[id(c)] = [1.0 if r.rules_link else -1.0 for r in c.rows]
            else:
                raw[id(c)] = [float(s) for s in m.classifier.decision_function(m.vectorizer.transform(rows))]
    if right[2]:
        model.rules_status_accuracy, model.learned_status_accuracy = right[0] / right[2], right[1] / right[2]
        model.status_pairs = int(right[2])
    scores = [s for c in prepared for s, r in zip(raw[id(c)], c.rows) if r.label is not None]
    labels = [r.label for c in prepared for r in c.rows if r.label is not None]
    if len(set(labels)) == 2:
        if min(labels.count(0), labels.count(1)) >= ISOTONIC_MIN:
            cal: Any = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(scores, labels)
        else:
            cal = LogisticRegression(C=1e4).fit([[s] for s in scores], labels)
        link.calibrator = cal
        probs = [_calibrate(cal, raw[id(c)]) if c.rows else [] for c in prepared]
        rules_f1 = f1(verdict_scores([c.case for c in prepared], [c.rules for c in prepared]))
        oof_carriers = [carriers[id(c)] for c in prepared]
        if len(prepared) >= GRID_MIN_REPORTS:
            # Enough reports to choose the thresholds on; thresholds chosen on the same decisions overfit
            # them, so unless they beat the rules out of fold by MIN_GAIN the links stay the rules'.
            model.drop, model.add, chosen = _choose(prepared, probs, oof_carriers)
            if chosen < rules_f1 + MIN_GAIN:
                model.drop, model.add = RULES_DROP, RULES_ADD
        else:
            # Few reports choose thresholds badly: the calibrated even odds (an item stays or joins when
            # reviewers more likely keep it than not); whether the model is used at all is decided on
            # reports held back from training (`train_prepared`).
            model.drop, model.add = EVEN, EVEN
    return model


def _status_accuracy(model: LearnedModel | None, prepared: list[Prepared]) -> tuple[float, float, int]:
    rows = [(c, r) for c in prepared for r in c.status_rows]
    if not rows:
        return 0.0, 0.0, 0
    rules = sum(c.case.statements[r[0]].status.value == r[3] for c, r in rows) / len(rows)
    if model is None or model.status is None:
        return rules, rules, len(rows)
    vec, clf = model.status
    pred = clf.predict(vec.transform([r[2] for _c, r in rows]))
    learned = sum(str(p) == r[3] for p, (_c, r) in zip(pred, rows)) / len(rows)
    return rules, learned, len(rows)


def reliability(model: LearnedModel, prepared: list[Prepared], bins: int = BINS) -> list[tuple[float, float, int]]:
    """(mean calibrated probability, share kept by reviewers, items) per probability bin of decided (report, item) rows."""
    groups: dict[int, list[tuple[float, int]]] = {}
    for c in prepared:
        decided = [r for r in c.rows if r.label is not None]
        for r, prob in zip(decided, model.link.probabilities([r.features for r in decided])):
            groups.setdefault(min(bins - 1, int(prob * bins)), []).append((prob, int(r.label or 0)))
    return [
        (round(sum(p for p, _ in v) / len(v), 3), round(sum(y for _, y in v) / len(v), 3), len(v))
        for _b, v in sorted(groups.items())
    ]


def evaluate(model: LearnedModel, matcher: PlanMatcher, prepared: list[Prepared]) -> tuple[float, float]:
    """(rules F1, model F1) of verdicts on prepared cases (links, and status when the status model is used)."""
    cases = [c.case for c in prepared]
    rules = f1(verdict_scores(cases, [c.rules for c in prepared]))
    links = [model.links_prepared(c) for c in prepared]
    statuses = [model.statuses(matcher, c, lk) for c, lk in zip(cases, links)] if model.status_active else None
    return rules, f1(verdict_scores(cases, links, statuses))


def decision_count(cases: list[Case]) -> int:
    """How many reviewer decisions (report x plan item) the cases hold."""
    return sum(len(c.decisions) for c in cases)


def train(matcher: PlanMatcher, cases: list[Case], cluster: str, seed: int = 0) -> LearnedModel | None:
    """Train on some reports, compare with the rules on the others, then refit on all; None without both labels."""
    return train_prepared(matcher, [prepare(matcher, c) for c in cases], cluster, seed)


def deployed_f1(model: LearnedModel | None, matcher: PlanMatcher, prepared: list[Prepared]) -> float:
    """Verdict F1 on prepared cases of what the pipeline does: the model's links and statuses where
    each beat the rules on held-back decisions when it was trained, the rules' elsewhere."""
    cases = [c.case for c in prepared]
    if model is None:
        return f1(verdict_scores(cases, [c.rules for c in prepared]))
    links = [model.links_prepared(c) if model.active else c.rules for c in prepared]
    statuses = [model.statuses(matcher, c, lk) for c, lk in zip(cases, links)] if model.status_active else None
    return f1(verdict_scores(cases, links, statuses))


def train_prepared(matcher: PlanMatcher, prepared_cases: list[Prepared], cluster: str, seed: int = 0) -> LearnedModel | None:
    """`train` on cases already prepared (candidates and features computed once)."""
    prepared = sorted(prepared_cases, key=lambda c: c.case.name)
    random.Random(seed).shuffle(prepared)
    order = [c.case for c in prepared]
    n_held = max(1, round(len(order) * HELD_BACK)) if len(order) > 1 else 0
    held, fit_on = prepared[:n_held], prepared[n_held:]
    trial = fit(fit_on, cluster, plan_signature(matcher.plan))
    if trial is None:
        return None
    final = fit(prepared, cluster, plan_signature(matcher.plan)) or trial
    if held:
        final.rules_status_accuracy, final.learned_status_accuracy, final.status_pairs = _status_accuracy(trial, held)
        trial.rules_status_accuracy, trial.learned_status_accuracy = final.rules_status_accuracy, final.learned_status_accuracy
        final.rules_f1, final.learned_f1 = evaluate(trial, matcher, held)
        final.calibration = reliability(trial, held)
    return final


def cluster_name(units_file: Path) -> str:
    """The cluster's name from the units file (`cluster = "..."`), else the file's stem."""
    try:
        data = tomllib.loads(Path(units_file).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        data = {}
    return str(data.get("cluster") or Path(units_file).stem)


def case_of(findings: Findings, decisions: dict[str, str | None] | None = None) -> Case:
    """A case of a report's findings (no decisions: for applying a model)."""
    period = findings.period.value if findings.period else None
    return Case(
        findings.source,
        list(findings.tasks),
        findings.unit.value if findings.unit else None,
        findings.report_date.value if findings.report_date else None,
        decisions or {},
        period.kind.value if period else None,
    )


def apply_model(findings: Findings, matcher: PlanMatcher, model: LearnedModel, rules: list[list[tuple[str, float]]]) -> Findings:
    """Set each statement's plan items (and status, when the status model is used) from the model; returns `findings`."""
    case = case_of(findings)
    links = model.links(matcher, case, rules) if model.active else rules
    statuses = model.statuses(matcher, case, links) if model.status_active else [t.status for t in findings.tasks]
    for task, row, status in zip(findings.tasks, links, statuses):
        task.plan_items = row
        task.status = status
    return findings


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
    """The cluster's stored model if it was trained on this plan and beat the rules (links or status), else None."""
    path = model_path(data_dir, cluster)
    if not path.is_file():
        return None
    try:
        model = pickle.loads(path.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as exc:
        raise ConfigError(f"tệp mô hình học từ người duyệt bị hỏng ({exc})", path) from None
    if not isinstance(model, LearnedModel) or getattr(model, "link", None) is None:
        return None  # a model of an earlier format: retrained by the next `thidua learn`
    if model.signature != plan_signature(plan) or not (model.active or model.status_active):
        return None
    return model
