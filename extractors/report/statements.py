"""Task statements in running text: clauses with a status cue, and past actions written without one.

A status cue is a marker such as "đã", "đang", "chưa", "sẽ", "dự kiến" before an action verb;
negation wins inside a clause, clauses are cut at ";" and at "nhưng/tuy nhiên"; list items starting
with an action verb take the section's default status (future in "phương hướng, nhiệm vụ ..."
sections).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from thidua.core.dates import dates_in
from thidua.core.document import Paragraph
from thidua.core.findings import Status, TaskStatement
from thidua.core.lexicon import general_lexicon, words
from thidua.core.text import fold
from thidua.core.units import fold_keep_length
from thidua.extractors.report.noise import noise_kind
from thidua.extractors.report.view import DocumentView, Piece
from thidua.extractors.report.wording import HEADING, LEADING_DATE, LIST_MARK, STATUS_OF, clause_lead

#: A clause opening at the event or day just named: "tại Hội nghị", "trong buổi lễ", "tại đây", "cùng ngày" (folded).
SAME_EVENT = re.compile(r"^\W*(?:(?:tai|trong)\s+(?:hoi nghi|hoi thao|hoi thi|buoi|le|cuoc hop|phien hop|dip nay|day)\b|cung ngay\b)")


def _folded_words(group: str) -> str:
    """A regex alternation of a lexicon group's words, folded, longest first."""
    return "|".join(re.escape(fold(w)) for w in sorted(words(general_lexicon(), group), key=len, reverse=True))


#: Words naming the members of a unit ("xã", "thôn", "đơn vị"), folded, from the lexicon's `part_subjects`.
_PART_NOUNS = _folded_words("part_subjects")
#: "một số xã", "còn 02 đơn vị", "19/21 xã" (folded, at the end of the text before a cue): only some of them.
_SOME_OF = re.compile(rf"(?:\bmot so|\bcon|\b\d+(?:\s*/\s*\d+)?)\s+(?:{_PART_NOUNS})\b(?:\s+[^\s,;.]+){{0,3}}\s*$")
#: "hiện nay", "đến nay" (folded): the clause is about the present (lexicon `now_markers`).
#: "Trên cơ sở đó, ", "Sau đó, " opening a clause before its date (folded; lexicon `sequence_openers`).
_SEQUENCE = re.compile(rf"^\W*(?:{_folded_words('sequence_openers')})\s*,?\s*")
_NOW = re.compile(rf"\b(?:{_folded_words('now_markers')})\b")
_CITATION_BEFORE = re.compile(r"\d+\s*/\s*[a-z][a-z0-9\-]*\s+(?:ngay\s*)?$")


def section_default(heading_folded: str) -> Status | None:
    """Default status under a heading: done under results ("kết quả", "tình hình"), planned under
    future work ("phương hướng", "nhiệm vụ ... tới / cuối năm / quý IV / năm 2023 / trọng tâm")."""
    h = heading_folded
    if re.search(r"ket qua|tinh hinh|da dat|da thuc hien", h):
        return Status.DONE
    if "phuong huong" in h or re.search(r"nhiem vu.*(\btoi\b|cuoi|tiep theo|\bquy\b|nam 20\d\d|trong tam)|ke hoach (quy|nam|thoi gian)", h):
        return Status.PLANNED
    if re.search(r"kien nghi|de xuat|ton tai|han che", h):
        return None
    if re.search(r"cong tac", h):
        return Status.DONE
    return None


def _is_heading(piece: Piece, block: Paragraph | None) -> bool:
    t = piece.text.strip()
    if len(t) > 160:
        return False
    if HEADING.match(t) and (t.upper() == t or (block is not None and block.bold)):
        return True
    if t.upper() == t and any(ch.isalpha() for ch in t) and len(t) < 120:
        return True  # "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" without a number
    return bool(re.match(r"^\s*[IVX]+\.\s", t))


def prose_tasks(view: DocumentView) -> list[TaskStatement]:
    """Task statements from body paragraphs (and cells of tables that are neither award nor task tables)."""
    out: list[TaskStatement] = []
    section: Status | None = None
    section_year: int | None = None
    blocks = view.document.blocks
    for p in view.pieces:
        if p.zone != "body" or p.doc is None:
            continue
        view.section_of.setdefault(p.span.block, section)
        if p.span.row is not None:
            continue
        block = blocks[p.span.block]
        t = p.text.strip()
        numbered_title = bool(HEADING.match(t)) and len(t) < 100 and not t.endswith((".", ";", ":"))
        if numbered_title and (default := section_default(folded := fold_keep_length(t))) is not None:
            section = default  # "3. Nhiệm vụ Quý IV" in a PDF without bold
            section_year = _later_year(section, folded, view)
            continue
        if _is_heading(p, block if isinstance(block, Paragraph) else None):
            f = fold_keep_length(p.text)
            new = section_default(f)
            if re.match(r"^\s*[IVX]+\.", p.text) or p.text.upper() == p.text or new is not None:
                section = new
                section_year = _later_year(section, f, view)
            continue
        for statement in _statements(view, p, section):
            statement.for_year = section_year if statement.status is Status.PLANNED else None
            out.append(statement)
    return out


def _later_year(section: Status | None, heading_folded: str, view: DocumentView) -> int | None:
    """The year a future-work heading names when it is after the report's year ("... NĂM 2023")."""
    if section is not Status.PLANNED:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", heading_folded)]
    later = [y for y in years if view.year and y > view.year]
    return later[0] if later else None


def _statements(view: DocumentView, p: Piece, section: Status | None, implicit: bool = True) -> list[TaskStatement]:
    """Cut a text into clauses and turn clauses with a status into statements."""
    doc = p.doc
    assert doc is not None
    quoted = quoted_tokens(doc)
    cues = [c for c in doc.spans["cues"] if c.start not in quoted]
    status_cues = [c for c in cues if c.label_ in STATUS_OF]
    contrast = {c.start for c in cues if c.label_ == "CONTRAST"}
    out: list[TaskStatement] = []
    is_item = bool(LIST_MARK.match(p.text))
    for sent in doc.sents:
        # Clause boundaries: ";" and contrastive connectors ("nhưng", "tuy nhiên"), so "đã ... nhưng
        # chưa ..." gives a done clause and a not-done clause.
        bounds = [sent.start]
        joined: set[int] = set()
        for t in sent:
            if t.text == ";" and t.i + 1 < sent.end:
                bounds.append(t.i + 1)
            elif t.i in contrast and t.i > sent.start:
                bounds.append(t.i)
            elif t.lower_ in ("và", ",") and bounds[-1] < t.i and _joins_dated_actions(view, doc, bounds[-1], t.i, sent.end, status_cues, joined):
                bounds.append(t.i + 1)
                joined.add(t.i + 1)
        bounds.append(sent.end)
        clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
        pending: list[tuple[int, int]] = []
        current: list[tuple[int, int, Status, int, float]] = []  # (start, end, status, cue token, conf)
        for ci, (a, b) in enumerate(clauses):
            here = [c for c in status_cues if a <= c.start < b]
            status: Status | None = None
            cue_at = a
            conf = view.config.statements.cue
            if here:
                neg = [c for c in here if c.label_ == "NOT_DONE"]
                # "Công tác chuẩn bị đăng cai ...: đang triển khai": "chuẩn bị" names the work, the marker
                # after it says how far it is; it states a status only when no other cue does.
                strong = [c for c in here if doc[c.start].norm_ != "chuan"] or here
                chosen = neg[0] if neg else strong[0]
                status, cue_at = STATUS_OF[chosen.label_], chosen.start
                if _partly_done(doc, here, a) or _under_way_unfinished(here):
                    status = Status.IN_PROGRESS  # "19/21 xã đã tổ chức, 02 xã đang triển khai": under way
                if section is Status.PLANNED and status is Status.IN_PROGRESS and not _NOW.search(fold(doc[a:b].text)):
                    status = Status.PLANNED  # "Tiếp tục ..." under next period's tasks is planned work ("Hiện nay ... đang" is not)
                if section is Status.PLANNED and status is Status.DONE and doc[chosen.start].norm_ != "da":
                    status = Status.PLANNED  # "Hoàn thành báo cáo ... trước ngày ..." under next period's tasks is a target
            elif implicit and section is not Status.PLANNED and ci == 0:
                # Past work written without "đã": "Ngày 10/02/2022, UBND huyện tổ chức ..." (a dated
                # action up to the report date) or a list item opening with an action verb under
                # a results heading ("- Tổ chức 01 lớp tập huấn ...").
                verb = _dated_action(view, p.text, doc, a, b)
                if verb is None and is_item and section is Status.DONE and sent.start == 0:
                    first = _first_content_token(doc, a, b)
                    verb = first if first is not None and doc[first]._.action_verb else None
                if verb is not None:
                    status, cue_at, conf = Status.DONE, verb, view.config.statements.implicit
            elif implicit and section is Status.PLANNED and ci == 0 and sent.start == 0:
                # Under next period's tasks, a list item or paragraph opening with an action verb is planned work.
                first = _first_content_token(doc, a, b)
                if first is not None and doc[first]._.action_verb:
                    status, cue_at, conf = Status.PLANNED, first, view.config.statements.implicit
            if status is None and current and ci > 0 and (doc[a - 1].text == ";" or a in joined):
                # "Tham dự Hội nghị ... ngày 25/01; ban hành Kế hoạch ... ngày 18/02": a clause after ";"
                # opening with an action verb is a further action with the same status, and its own date.
                first = _first_content_token(doc, a, b)
                if first is not None and doc[first]._.action_verb:
                    status, cue_at, conf = current[-1][2], first, current[-1][4]
            if status is None:
                if current:
                    s, _, st, cu, cf = current[-1]
                    current[-1] = (s, b, st, cu, cf)
                else:
                    pending.append((a, b))
                continue
            start = pending[0][0] if pending else a
            pending = []
            current.append((start, b, status, cue_at, conf))
        made = [_statement(view, p, doc, s, e, st, cue_at, conf) for s, e, st, cue_at, conf in current]
        # "Ngày 07/7/2022, tham dự Hội nghị ...; cử cán bộ tham gia Đoàn kiểm tra": a date opening
        # the sentence covers the actions after ";" that name no date of their own.
        if len(made) > 1 and made[0].date and LEADING_DATE.match(clause_lead(fold_keep_length(made[0].text))):
            for later in made[1:]:
                if later.date is None and later.status is made[0].status:
                    later.date = made[0].date
        # "... Hội nghị ngày 07/7/2022; tại Hội nghị, huyện đã được Đoàn kiểm tra ...": a clause set at
        # the event just named ("tại Hội nghị", "cùng ngày") happened on that event's date.
        for before, later in zip(made, made[1:]):
            if later.date is None and before.date and later.status is before.status and SAME_EVENT.match(fold_keep_length(later.text)):
                later.date = before.date
        spans = [(s, e) for s, e, *_ in current]
        out.extend(st for st, (s, e) in zip(made, spans) if noise_kind(doc, s, e, st.text, view.year) is None)
    return out


def _under_way_unfinished(here: list) -> bool:
    """Work under way and not yet finished in one clause ("đang hoàn thiện số liệu, chưa gửi Cụm"): in progress."""
    under_way = [c for c in here if c.label_ == "IN_PROGRESS"]
    # "đang được xây dựng": the passive "được" inside the in-progress cue does not say it is done.
    done = [c for c in here if c.label_ == "DONE" and not any(u.start <= c.start < u.end for u in under_way)]
    return bool(under_way) and any(c.label_ == "NOT_DONE" for c in here) and not done


def _partly_done(doc: Doc, here: list, start: int) -> bool:
    """Cues of done/in-progress/not-done work in one clause, one of them said of only some members
    ("một số xã chưa tổ chức", "02 xã đang triển khai"): the work is under way."""
    labels = {c.label_ for c in here} & {"DONE", "IN_PROGRESS", "NOT_DONE"}
    if len(labels) < 2:
        return False
    return any(_SOME_OF.search(fold(doc[max(start, c.start - 8) : c.start].text)) for c in here)


def _joins_dated_actions(
    view: DocumentView, doc: Doc, a: int, i: int, end: int, status_cues: list, joined: frozenset[int] | set[int] = frozenset()
) -> bool:
    """Token i ("và" or ",") joins two dated actions: "Bản đăng ký đã được gửi ngày 19/01 và Giao ước đã được
    ký kết ngày 14/02", "đã ký giao ước (12/01), tham gia Hội thi (28/4)". Each side has its own full date and the side after opens an action (a verb or a
    status cue), so each becomes its own statement with its own date (they are often two plan items)."""
    stop = next((t.i for t in doc[i + 1 : end] if t.text == ";"), end)
    if stop - i < 3:
        return False

    def dated(x: int, y: int) -> bool:
        text = fold_keep_length(doc.text[doc[x].idx : doc[y - 1].idx + len(doc[y - 1].text)])
        return any(d is not None for d, _, _ in dates_in(text, view.year))

    first = _first_content_token(doc, i + 1, stop)
    opens_action = (first is not None and doc[first]._.action_verb) or any(i < c.start < stop for c in status_cues)
    # The side before has a status cue, or is itself an action joined to one ("đã A (ngày), B (ngày), C (ngày)").
    # After a comma only done work is cut: the days of planned work are deadlines of one task as often as not.
    done_only = doc[i].text == ","
    stated = any(a <= c.start < i and (not done_only or c.label_ == "DONE") for c in status_cues) or a in joined
    return bool(opens_action and stated and dated(a, i) and dated(i + 1, stop))


def _dated_action(view: DocumentView, text: str, doc: Doc, a: int, b: int) -> int | None:
    """The action verb of a clause that opens with a full date on or before the report date."""
    start = doc[a].idx
    end = doc[b - 1].idx + len(doc[b - 1].text)
    rest = fold_keep_length(text[start:end])
    lead = _SEQUENCE.sub("", clause_lead(rest), count=1)
    if re.match(r"^\W*(can cu|thuc hien (ke hoach|cong van|chi thi|quyet dinh|huong dan|thong bao|nghi)|theo |de |nham )", lead):
        return None  # a preamble citing documents, not an action
    dated = [(d, s, e) for d, s, e in dates_in(rest, view.year) if d is not None]
    dates = [t for t in dated if not view.report_date or t[0] <= view.report_date]
    if not dates:
        return None
    if LEADING_DATE.match(lead):
        after = start + dates[0][2]
        for t in doc[a:b]:
            if t.idx >= after and t._.action_verb:
                return t.i
        return None
    # "UBND huyện ban hành Kế hoạch số 30/KH-UBND ngày 16/02/2022": a verb, then the dated object.
    for t in doc[a:b]:
        if t._.action_verb and any(d[1] > t.idx - start for d in dates):
            return t.i
    return None


def _first_content_token(doc: Doc, a: int, b: int) -> int | None:
    """The first token of a clause after its list mark and time label that is a word, not a number."""
    start = doc[a].idx
    clause = fold_keep_length(doc.text[start : doc[b - 1].idx + len(doc[b - 1].text)])
    after_label = start + len(clause) - len(clause_lead(clause))
    for t in doc[a:b]:
        if t.idx < after_label:
            continue  # "Quý II: Tổ chức ...": the time label is not the action
        if t.is_punct or t.like_num or t.text in {"-", "+", "•", "–", "*"} or re.match(r"^[a-zđ]\)$|^\d+[.)]$", t.text):
            continue
        return t.i
    return None


def quoted_tokens(doc: Doc) -> set[int]:
    """Tokens inside quotation marks: names of movements ("Không để ai bị bỏ lại phía sau") are not cues."""
    inside, out = False, set()
    for t in doc:
        if t.text in {'"', "“", "”", "«", "»"}:
            inside = not inside if t.text == '"' else t.text in {"“", "«"}
            continue
        if inside:
            out.add(t.i)
    return out


def _statement(view: DocumentView, p: Piece, doc: Doc, s: int, e: int, status: Status, cue_at: int, conf: float) -> TaskStatement:
    start_char, end_char = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    text = re.sub(r"\s+(?:và|va)$", "", p.text[start_char:end_char].strip(" ;,")).strip(" ;,")
    # Work still to come has no date of its own: "dự kiến ... ngày 07/7", "trước ngày 20/6" are targets;
    # nor has work under way (a task's date is the day it was done; "đang triển khai (Kế hoạch ngày 20/3)").
    date = None if status in (Status.PLANNED, Status.IN_PROGRESS) else _statement_date(view, p.text, start_char, end_char, doc[cue_at].idx)
    return TaskStatement(
        text=text,
        status=status,
        date=date,
        span=p.span_of(start_char, end_char),
        confidence=conf * view.factor,
    )


def _statement_date(view: DocumentView, text: str, s: int, e: int, cue_char: int) -> dt.date | None:
    """The date of the action: a leading 'Ngày ..., ' date, else the first date after the cue, else the
    nearest date before the cue that is not the date of a cited document ('Chỉ thị số 02/CT-UBND ngày ...')."""
    f = fold_keep_length(text)
    dates = dates_in(f[s:e], view.year)
    if not dates:
        return None
    clause = f[s:e]
    lead = _SEQUENCE.sub("", clause_lead(clause), count=1)
    offset = len(clause) - len(lead)
    if LEADING_DATE.match(lead) or re.match(r"^\d{1,2}\s*/\s*\d{1,2}", lead):
        first = dates[0]
        if first[1] <= offset + 20:
            return first[0]
    # Deadlines ("trước ngày 31/12/2022", "chậm nhất ngày ...") are not the day of the action.
    dates = [d for d in dates if not re.search(r"(truoc|cham nhat|thoi han|han)\s*(ngay\s*)?$", clause[max(0, d[1] - 14) : d[1]])]
    cue = cue_char - s
    after = [d for d in dates if d[1] >= cue]
    if after:
        return after[0][0]
    before = [d for d in dates if not _CITATION_BEFORE.search(clause[max(0, d[1] - 30) : d[1]])]
    return before[-1][0] if before else None
