"""Score a report's task statements against the plan items and keep the links above the threshold.

The score of (statement, item) is the share of the item's meaning the statement covers, times a
timing factor and a responsibility factor:

- coverage: the item's features (folded syllables, syllable bigrams, paraphrase concepts) weighted
  by IDF over the plan's items (a word in every item, "công tác thi đua khen thưởng", weighs
  little); everyday words weigh less still: a word in many of the plan's items or in many
  statements of the cluster's reports (the corpus the caller passes: stored statements of the
  cluster, or the evaluated folder's) is generic, found by document frequency, never by a hand list.
  The share of that weight the statement has is the coverage. An item made of several parts ("Ban hành Quy chế...; Kế hoạch...; Bảng tiêu
  chí...") also counts a statement that covers one part well; sub-items on lines of their own, tasks joined
  by "kết hợp/đồng thời", the task after a light verb ("Tổ chức ký kết X" -> "ký kết X"), the task
  without its quoted title and the quoted title alone (of three syllables or more) are parts too.
- timing: a statement dated long before the item's quarter, or long after its due date, is less
  likely to be about that item; so is undated work still planned, or still under way two quarters
  after the item's due date.
- responsibility: an item for the cluster head only is not expected from a member; a member's
  statement matching it scores lower unless the statement reports the head's action ("theo hướng
  dẫn của Trưởng Cụm", "dự Hội nghị ... do Trưởng Cụm tổ chức") or names the item's event without
  organizing it (taking part in the head's "Hội thi", "tập huấn").

A statement may report several items ("Hội nghị sơ kết 6 tháng, kết hợp kiểm tra công tác thi
đua"): after the best item, another is kept when it scores above the threshold on evidence the
items already kept do not explain. Nothing is forced: below the threshold the statement stays
unmatched for a reviewer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from thidua.core.findings import Findings, Status, TaskStatement
from thidua.core.plan import PlanItemSpec, PlanSpec, quarter_end
from thidua.core.text import fold
from thidua.core.units import UnitSpec
from thidua.matching.vocabulary import TextFeatures, Vocabulary, load_vocabulary, text_features, unit_keys

if TYPE_CHECKING:
    from thidua.matching.learning import LearnedModel

#: IDF is raised to this power: distinctive words dominate an item's weight.
IDF_POWER = 1.0
#: Weight of a generic word (see GENERIC_*_SHARE) relative to an ordinary one.
GENERIC_WEIGHT = 0.15
#: A syllable in at least this share of the corpus statements is generic (with MIN_CORPUS statements or more).
GENERIC_CORPUS_SHARE = 0.4
#: A syllable in at least this share of the plan's items is generic.
GENERIC_PLAN_SHARE = 0.6
#: Fewer corpus statements than this say nothing about the cluster's everyday words.
MIN_CORPUS = 20
#: Weight of a recognised paraphrase concept relative to a word.
CONCEPT_WEIGHT = 1.5
#: A part of a several-part item counts this much of a whole item.
PART_WEIGHT = 0.8
#: Evidence too thin (fewer than two meaningful words) scales the score by this.
THIN_EVIDENCE = 0.5
#: A member's statement on a head-only item (no cue that it reports the head's action).
HEAD_ONLY_FROM_MEMBER = 0.55
HEAD_ONLY_WITH_CUE = 0.95
#: A unit not named by a "units" item.
OTHER_UNITS_ITEM = 0.7
#: The statement names a kind of deliverable or event ("báo cáo") and the item only others ("hội nghị").
KIND_MISMATCH = 0.6
#: The statement names a kind of deliverable or event that only this plan item has ("giao lưu"): evidence for it.
KIND_UNIQUE = 1.15
#: Work still planned in a report written this many days after the item's due date, and its factor.
PLANNED_OVERDUE_DAYS = 60
PLANNED_OVERDUE = 0.6
#: Work still under way this many days after the item's due date (two quarters) is likelier another item's.
IN_PROGRESS_OVERDUE_DAYS = 183
#: An extra item of the same statement needs this share of its weight on evidence of its own.
NOVEL_SHARE = 0.2
#: A member taking part in the head's event: the item's organizing verb ("Tổ chức") counts this much as matched.
PARTICIPATION_CREDIT = 0.8
#: Fuzzy (OCR) matches of bigrams count this much, at a rapidfuzz ratio of at least FUZZY_RATIO.
FUZZY_CREDIT = 0.7
FUZZY_RATIO = 90.0
#: Where one sentence may report several items: ";", "và", ", đồng thời".
_CLAUSES = re.compile(r"\s*;\s*|\s+và\s+|,\s*đồng thời\s+", re.IGNORECASE)
#: "chưa thực hiện được" (could not), "do mưa lũ" (a cause): work that was missed, whatever its due date.
_MISSED = re.compile(r"(?:chưa|không)\s+(?:\w+\s+){1,3}được\b|\b(?:do|vì|bởi)\s")
#: The threshold of `thidua eval` and tests; the pipeline passes THIDUA_MATCH_THRESHOLD (same default).
DEFAULT_THRESHOLD = 0.45


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """A statement's score against one plan item, with the words that matched and the factors."""

    item_id: str
    score: float
    coverage: float
    #: The statement's words behind the matched features, strongest first.
    matched: tuple[str, ...]
    #: Multipliers applied to the coverage, by name ("time", "responsibility", "evidence").
    factors: dict[str, float] = field(default_factory=dict)
    #: Why a factor is below 1, in Vietnamese (for reviewers).
    notes: tuple[str, ...] = ()

    def evidence(self) -> str:
        """A one-line Vietnamese explanation: matched words, then any factor below 1."""
        words = ", ".join(f"«{w}»" for w in self.matched[:8]) or "(không có)"
        text = f"{self.item_id} ({self.score:.2f}): khớp {words}"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        return text


@dataclass(slots=True)
class _Item:
    spec: PlanItemSpec
    weights: dict[str, float]
    parts: list[dict[str, float]]
    total: float
    kinds: frozenset[str] = frozenset()


def _quarter_start(quarter: int, year: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


class PlanMatcher:
    """Matches statements against one plan; build once per plan and reuse."""

    def __init__(
        self,
        plan: PlanSpec,
        units: list[UnitSpec],
        threshold: float = DEFAULT_THRESHOLD,
        vocabulary: Vocabulary | None = None,
        corpus: Sequence[str] = (),
    ) -> None:
        self.plan = plan
        self.threshold = threshold
        self.vocab = vocabulary or cluster_vocabulary()
        self.units = {u.name: u for u in units}
        names = [n for u in units for n in (u.name, *u.aliases)]
        self._unit_keys = unit_keys(names)
        head = [u for u in units if u.role == "head"]
        head_names = "|".join(re.escape(k) for u in head for k in u.keys) or "truong cum"
        self._head_cues = [re.compile(c.replace("{head}", head_names)) for c in self.vocab.head_cues]
        self._event_kinds = frozenset(" ".join(e) for e in self.vocab.events)
        organizers = "|".join(re.escape(v) for v in self.vocab.organizers)
        self._organizer = re.compile(rf"\b(?:{organizers})\b") if organizers else None
        self._organizer_features = frozenset(f for v in self.vocab.organizers for f in text_features(v, self.vocab).features)
        raw: list[tuple[PlanItemSpec, TextFeatures, list[TextFeatures]]] = []
        for spec in plan.items:
            parts = self._parts(spec.content)
            # "Ban hành A; B; C": the verb of the first part governs the parts without their own.
            verb = self.vocab.leading_action(parts[0]) if parts else None
            if verb:
                parts = [p if self.vocab.leading_action(p) else f"{verb} {p}" for p in parts]
            whole = text_features(spec.content, self.vocab, self._unit_keys)
            part_features = [text_features(p, self.vocab, self._unit_keys) for p in parts] if len(parts) > 1 else []
            raw.append((spec, whole, part_features))
        n = max(1, len(raw))
        df: dict[str, int] = {}
        for _spec, whole, _parts in raw:
            for f in whole.features:
                df[f] = df.get(f, 0) + 1
        self._idf = {f: math.log(1 + n / c) ** IDF_POWER for f, c in df.items()}
        self.generic = self._generic_words(df, n, corpus)
        self._items: list[_Item] = []
        for spec, whole, part_features in raw:
            weights = {f: self._weight(f) for f in whole.features}
            part_weights = [{f: self._weight(f) for f in p.features} for p in part_features]
            kinds = self.vocab.kinds_in(spec.content)
            self._items.append(_Item(spec, weights, part_weights, sum(weights.values()) or 1.0, kinds))
        self._by_id = {i.spec.id: i for i in self._items}
        kind_df: dict[str, int] = {}
        for it in self._items:
            for k in it.kinds:
                kind_df[k] = kind_df.get(k, 0) + 1
        #: Kinds of deliverable or event exactly one plan item names.
        self.unique_kinds = frozenset(k for k, c in kind_df.items() if c == 1)

    def item_spec(self, item_id: str) -> PlanItemSpec | None:
        """The plan item of an id, or None."""
        item = self._by_id.get(item_id)
        return item.spec if item else None

    def item_kinds(self, item_id: str) -> frozenset[str]:
        """The kinds of deliverable or event a plan item names."""
        item = self._by_id.get(item_id)
        return item.kinds if item else frozenset()

    def _parts(self, content: str) -> list[str]:
        """The tasks inside an item: split at ";", at "và"/"," before an action verb, and at "và" (sharing the verb)."""
        parts = []
        # Sub-items on lines of their own ("...:\n- Bình xét ...;\n- Lập hồ sơ ...") and connected tasks
        # ("Hội nghị sơ kết ..., kết hợp trao đổi kinh nghiệm ...") are parts too.
        connectors = "|".join(re.escape(c) for c in self.vocab.connectors) or "(?!)"
        content = re.sub(r"\s*:?\s*\n\s*(?:[-+•–*]\s*)?", "; ", content)
        content = re.sub(rf",?\s+(?:{connectors})\s+", "; ", content, flags=re.IGNORECASE)
        for chunk in re.split(r"\s*;\s*", content):
            if not chunk.strip():
                continue
            # Separators kept at odd positions, so merged pieces keep their words.
            tokens = re.split(r"(\s*(?:,|\bvà\b|\bđồng thời\b)\s*)", chunk.strip())
            current = tokens[0]
            for sep, piece in zip(tokens[1::2], tokens[2::2]):
                bare_verb = self.vocab.leading_action(current) == current.strip()
                if current.strip() and self.vocab.leading_action(piece) and not bare_verb:
                    parts.append(current.strip())
                    current = piece
                else:
                    current += sep + piece
            if current.strip():
                parts.append(current.strip())
        # "Phát động A và B": B is a task of its own with A's verb.
        for part in list(parts):
            pieces = re.split(r"\s+và\s+", self.vocab.task_core(part) or part)
            verb = self.vocab.leading_action(pieces[0])
            if verb and len(pieces) > 1:
                parts.extend(p if self.vocab.leading_action(p) else f"{verb} {p}" for p in pieces)
        # "Phát động phong trào thi đua phấn đấu hoàn thành ...": the task without its purpose is a part too,
        # and so is the task without its parenthetical qualifier "(theo lịch do ... thông báo)".
        parts.extend(core for p in list(parts) if (core := self.vocab.task_core(p)))
        parts.extend(bare for p in list(parts) if (bare := re.sub(r"\s*\([^)]*\)", "", p).strip()) and bare != p)
        # A quoted title ("phong trào thi đua “Chung sức xây dựng chính quyền số cấp xã”") is often cited in part:
        # the task without it is a part too.
        parts.extend(bare for p in list(parts) if (bare := re.sub(r"\s*[“\"][^”\"]*[”\"]", "", p).strip()) and bare != p and len(bare.split()) >= 3)
        # ... and the quoted title alone: a report naming the programme ("hưởng ứng Chương trình “Mái ấm
        # nghĩa tình”, đã ủng hộ ...") reports on it in its own words.
        parts.extend(name for name in re.findall(r"[“\"]([^”\"]+)[”\"]", content) if len(name.split()) >= 3)
        # "Tổ chức Hội nghị ký kết giao ước": the members' part, "ký kết giao ước", is a part.
        parts.extend(subject for p in list(parts) if (subject := self.vocab.event_subject(p)))
        return list(dict.fromkeys(parts))

    def _generic_words(self, plan_df: dict[str, int], n_items: int, corpus: Sequence[str]) -> frozenset[str]:
        """Syllables in many plan items or in many statements of the corpus (document frequency)."""
        generic = set(self.vocab.everyday)
        generic.update(f[2:] for f, c in plan_df.items() if f.startswith("u:") and c / n_items >= GENERIC_PLAN_SHARE)
        if len(corpus) >= MIN_CORPUS:
            corpus_df: dict[str, int] = {}
            for text in corpus:
                for f in self.features(text).features:
                    if f.startswith("u:"):
                        corpus_df[f] = corpus_df.get(f, 0) + 1
            generic.update(f[2:] for f, c in corpus_df.items() if c / len(corpus) >= GENERIC_CORPUS_SHARE)
        return frozenset(generic)

    def _weight(self, feature: str) -> float:
        kind, _, words = feature.partition(":")
        w = self._idf.get(feature, math.log(2))
        if kind == "c":
            return w * CONCEPT_WEIGHT
        if all(x in self.generic for x in words.split()):
            return w * GENERIC_WEIGHT
        return w

    def _is_meaningful(self, feature: str) -> bool:
        kind, _, words = feature.partition(":")
        return kind == "u" and words not in self.generic and not words.isdigit()

    def features(self, text: str) -> TextFeatures:
        """The features of a statement (for explanations and tests)."""
        return text_features(text, self.vocab, self._unit_keys)

    def score_all(
        self,
        text: str,
        *,
        status: Status | str | None = None,
        date: dt.date | None = None,
        unit: str | None = None,
        report_date: dt.date | None = None,
        fuzzy: bool = False,
    ) -> list[ItemMatch]:
        """The statement's score against every plan item, best first (a leading background citation is ignored)."""
        cleaned = self.vocab.strip_background(text)
        stmt = self.features(cleaned)
        kinds = self.vocab.kinds_in(cleaned)
        bigrams = [f for f in stmt.features if f.startswith("b:")] if fuzzy else []
        # Who acted is read on the whole text: a cited instruction of the head is such a cue.
        head_cue = any(c.search(self.features(text).folded if cleaned != text else stmt.folded) for c in self._head_cues)
        # A member naming an event ("Hội thi ... cấp Cụm", "tập huấn nghiệp vụ") without organizing it took part in it.
        events = kinds & self._event_kinds
        organized = bool(self._organizer and self._organizer.search(stmt.folded))
        out = []
        for item in self._items:
            credit: dict[str, float] = {}
            for f in item.weights:
                if f in stmt.features:
                    credit[f] = 1.0
                elif bigrams and f.startswith("b:"):
                    best = max((fuzz.ratio(f, g) for g in bigrams), default=0.0)
                    if best >= FUZZY_RATIO:
                        credit[f] = FUZZY_CREDIT
            takes_part = bool(events & item.kinds) and not organized
            if takes_part:
                # Taking part in the event: the item's "Tổ chức" is the head's word, not expected from a member.
                credit.update({f: PARTICIPATION_CREDIT for f in item.weights if f in self._organizer_features and f not in credit})
            coverage = self._coverage(item, credit)
            factors: dict[str, float] = {}
            notes: list[str] = []
            meaningful = sum(1 for f in credit if self._is_meaningful(f))
            if meaningful < 2 and not any(f.startswith("c:") for f in credit):
                factors["evidence"] = THIN_EVIDENCE
                notes.append("ít từ khớp")
            t, note = self._time_factor(item.spec, status, date, report_date)
            if t < 1:
                factors["time"] = t
                notes.append(note)
            if kinds and item.kinds and not kinds & item.kinds:
                factors["kind"] = KIND_MISMATCH
                notes.append("khác loại việc (" + ", ".join(sorted(kinds)) + ")")
            elif kinds & item.kinds & self.unique_kinds and coverage > 0:
                factors["kind"] = KIND_UNIQUE
            r, note = self._responsibility_factor(item.spec, unit, head_cue or takes_part)
            if r < 1:
                factors["responsibility"] = r
                notes.append(note)
            score = min(1.0, coverage * math.prod(factors.values()))
            ranked = sorted(credit, key=lambda f: (-item.weights[f] * credit[f], f))
            words = tuple(dict.fromkeys(stmt.features[f] for f in ranked if f in stmt.features))
            out.append(ItemMatch(item.spec.id, round(score, 4), round(coverage, 4), words, factors, tuple(notes)))
        out.sort(key=lambda m: (-m.score, m.item_id))
        return out

    def _coverage(self, item: _Item, credit: dict[str, float]) -> float:
        """The share of an item's weight (or, scaled by PART_WEIGHT, of one of its parts') the credited features carry."""
        coverage = sum(item.weights[f] * c for f, c in credit.items()) / item.total
        for part in item.parts:
            # A part counts on its own only with two meaningful words of its own matched (a
            # paraphrase concept, itself several words, counts as two).
            strength = sum(2 if f.startswith("c:") else 1 for f in part if f in credit and (f.startswith("c:") or self._is_meaningful(f)))
            if strength < 2:
                continue
            total = sum(part.values()) or 1.0
            part_cov = sum(w * credit.get(f, 0.0) for f, w in part.items()) / total
            coverage = max(coverage, PART_WEIGHT * part_cov)
        return coverage

    def match(
        self,
        text: str,
        *,
        status: Status | str | None = None,
        date: dt.date | None = None,
        unit: str | None = None,
        report_date: dt.date | None = None,
        fuzzy: bool = False,
    ) -> list[ItemMatch]:
        """The plan items a statement reports on: scores above the threshold, each on its own evidence."""
        ranked = self.score_all(text, status=status, date=date, unit=unit, report_date=report_date, fuzzy=fuzzy)
        # Several items in one sentence ("A đã gửi ... và B đã được ký kết"): each clause's best item is a candidate too.
        clauses = [c for c in _CLAUSES.split(text) if len(c.split()) >= 4]
        if len(clauses) > 1:
            seen = {m.item_id for m in ranked[:1]}
            for clause in clauses:
                best = self.score_all(clause, status=status, date=date, unit=unit, report_date=report_date, fuzzy=fuzzy)[:1]
                for m in best:
                    if m.item_id not in seen and m.score >= self.threshold:
                        ranked = [m, *(r for r in ranked if r.item_id != m.item_id)]
                        seen.add(m.item_id)
            ranked.sort(key=lambda m: (-m.score, m.item_id))
        stmt = self.features(self.vocab.strip_background(text)).features
        items = {i.spec.id: i for i in self._items}
        chosen: list[ItemMatch] = []
        explained: set[str] = set()
        for m in ranked:
            if m.score < self.threshold:
                break
            item = items[m.item_id]
            own = [f for f in item.weights if f in stmt]
            if chosen:
                novel = sum(item.weights[f] for f in own if f not in explained and self._weight(f) > 0)
                novel_meaningful = [f for f in own if f not in explained and self._is_meaningful(f)]
                if novel / item.total < NOVEL_SHARE or not novel_meaningful:
                    continue
            chosen.append(m)
            explained.update(own)
        return chosen

    def _time_factor(
        self, item: PlanItemSpec, status: Status | str | None, date: dt.date | None, report_date: dt.date | None
    ) -> tuple[float, str]:
        year = self.plan.year
        start = _quarter_start(item.quarter, year)
        end = item.due_date or quarter_end(item.quarter, year)
        if date is None:
            if str(status) == Status.PLANNED and report_date is not None and (report_date - end).days > PLANNED_OVERDUE_DAYS:
                return PLANNED_OVERDUE, f"việc dự kiến, nhưng hạn {end:%d/%m/%Y} đã qua lâu"
            if str(status) == Status.IN_PROGRESS and report_date is not None and (report_date - end).days > IN_PROGRESS_OVERDUE_DAYS:
                return PLANNED_OVERDUE, f"việc đang làm, nhưng hạn {end:%d/%m/%Y} đã qua lâu"
            if str(status) == Status.DONE and report_date is not None and (start - report_date).days > 45:
                return 0.8, "báo cáo hoàn thành trước quý của nhiệm vụ"
            return 1.0, ""
        early = (start - date).days
        if early > 31:
            months = early / 30.4
            return max(0.6, 1 - 0.12 * (months - 1)), f"ngày {date:%d/%m/%Y} trước quý {item.quarter}"
        late = (date - end).days
        if late > 92:
            months = late / 30.4 - 3
            return max(0.75, 1 - 0.05 * months), f"ngày {date:%d/%m/%Y} sau hạn {end:%d/%m/%Y} nhiều"
        return 1.0, ""

    def _responsibility_factor(self, item: PlanItemSpec, unit: str | None, head_cue: bool) -> tuple[float, str]:
        spec = self.units.get(unit) if unit else None
        if spec is None:
            return 1.0, ""
        if item.responsible == "head" and spec.role != "head":
            if head_cue:
                return HEAD_ONLY_WITH_CUE, "nhiệm vụ của Trưởng Cụm, đơn vị báo cáo việc của Trưởng Cụm"
            return HEAD_ONLY_FROM_MEMBER, "nhiệm vụ của Trưởng Cụm, không phải của đơn vị thành viên"
        if item.responsible == "units" and item.responsible_units:
            named = {fold(n) for n in item.responsible_units}
            # The units named are the event's hosts ("Địa điểm: huyện X"): every member takes part.
            host = bool(item.place) and all(n in fold(item.place or "") for n in named)
            if not host and not named & set(spec.keys):
                return OTHER_UNITS_ITEM, "nhiệm vụ không giao cho đơn vị này"
        return 1.0, ""


#: Matchers built lately, newest last: (plan, units, threshold, vocabulary, corpus, matcher). Plans are not changed once read.
_RECENT: list[tuple[PlanSpec, tuple[UnitSpec, ...], float, Vocabulary, tuple[str, ...], PlanMatcher]] = []


def cluster_vocabulary() -> Vocabulary:
    """The general lexicon plus the configured cluster's own (the `[lexicon]` table of THIDUA_UNITS_FILE)."""
    from thidua.core.settings import Settings

    return load_vocabulary(Settings.from_env().units_file)


def _matcher_for(
    plan: PlanSpec, units: list[UnitSpec], threshold: float, vocabulary: Vocabulary | None, corpus: Sequence[str]
) -> PlanMatcher:
    """A matcher for this very plan object (building one costs ~80 ms, a batch matches many reports)."""
    key = tuple(units)
    vocab = vocabulary or cluster_vocabulary()
    texts = tuple(corpus)
    for cached_plan, cached_units, cached_threshold, cached_vocab, cached_corpus, matcher in _RECENT:
        if (cached_plan is plan and cached_units == key and cached_threshold == threshold
                and cached_vocab is vocab and cached_corpus == texts):
            return matcher
    matcher = PlanMatcher(plan, units, threshold, vocab, texts)
    _RECENT.append((plan, key, threshold, vocab, texts, matcher))
    del _RECENT[:-4]
    return matcher


def match_details(
    findings: Findings,
    plan: PlanSpec,
    units: list[UnitSpec],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    vocabulary: Vocabulary | None = None,
    corpus: Sequence[str] = (),
) -> list[list[ItemMatch]]:
    """The plan items of each task statement (parallel to `findings.tasks`), with evidence.

    `corpus`: statement texts of the cluster's reports, for document-frequency word weights.
    """
    matcher = _matcher_for(plan, units, threshold, vocabulary, corpus)
    unit = findings.unit.value if findings.unit else None
    report_date = findings.report_date.value if findings.report_date else None
    return [
        []
        # Work planned for a later year is not this plan's, unless the statement names the plan's year.
        if t.for_year and t.for_year > plan.year and not re.search(rf"(?<!\d){plan.year}(?!\d)", t.text)
        else matcher.match(
            t.text,
            status=t.status,
            date=t.date,
            unit=unit,
            report_date=report_date,
            fuzzy=findings.ocr or t.confidence < 0.6,
        )
        for t in findings.tasks
    ]


def not_yet_due(item: PlanItemSpec | None, year: int, report_date: dt.date | None) -> bool:
    """The item's due date (else its quarter's end) is after the report's date: "chưa thực hiện" is then
    work still to come (planned), not a miss (domain notes: "Chưa thực hiện" for work not yet due)."""
    if item is None or report_date is None:
        return False
    return (item.due_date or quarter_end(item.quarter, year)) > report_date


def rule_status(task: TaskStatement, item: PlanItemSpec | None, year: int, report_date: dt.date | None) -> Status:
    """The statement's status once linked to `item`: "chưa thực hiện" before the item's due date is planned,
    unless the statement says the work was missed ("chưa thực hiện được", "do mưa lũ")."""
    if task.status is Status.NOT_DONE and not _MISSED.search(task.text.lower()) and not_yet_due(item, year, report_date):
        return Status.PLANNED
    return task.status


def match_findings(
    findings: Findings,
    plan: PlanSpec,
    units: list[UnitSpec],
    threshold: float = DEFAULT_THRESHOLD,
    model: LearnedModel | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    corpus: Sequence[str] = (),
) -> Findings:
    """Fill each task statement's `plan_items` with (plan item id, score) above the threshold; returns `findings`.

    Callers pass the configured threshold (THIDUA_MATCH_THRESHOLD); a statement below it keeps an empty list.
    Without `vocabulary`, the configured cluster's (cluster_vocabulary); `corpus` as in match_details.
    With the cluster's learned `model` (matching/learning.py, loaded for this plan by `load_model`),
    the rules' links are re-ranked with calibrated probabilities and, when its status predictor
    beat the extractor's, statuses are predicted too; a model of another plan changes nothing.
    """
    details = match_details(findings, plan, units, threshold, vocabulary=vocabulary, corpus=corpus)
    rules = [[(m.item_id, m.score) for m in matches] for matches in details]
    report_date = findings.report_date.value if findings.report_date else None
    by_id = {i.id: i for i in plan.items}
    for task, row in zip(findings.tasks, rules):
        task.plan_items = row
        if row:
            task.status = rule_status(task, by_id.get(row[0][0]), plan.year, report_date)
    if model is not None:
        from thidua.matching.learning import apply_model, plan_signature

        if model.signature == plan_signature(plan):
            apply_model(findings, _matcher_for(plan, units, threshold, vocabulary, corpus), model, rules)
    return findings


def statement_matches(
    task: TaskStatement, matcher: PlanMatcher, unit: str | None = None, report_date: dt.date | None = None
) -> list[ItemMatch]:
    """The matches of one statement with a prepared matcher (for callers matching many reports)."""
    return matcher.match(task.text, status=task.status, date=task.date, unit=unit, report_date=report_date)
