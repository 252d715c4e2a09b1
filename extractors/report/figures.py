"""Award counts in running text: collectives, individuals and households tied to the nearest award.

Proposals, comparisons with earlier periods and "trong đó" breakdowns are dropped.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from thidua.core.numbers import count_value
from thidua.extractors.nlp import PATTERNS_DIR, _read_json
from thidua.extractors.report.merge import Count
from thidua.extractors.report.view import DocumentView, Piece, sub
from thidua.extractors.report.wording import LIST_MARK

#: The recipient an award implies when the text names none ("Cờ thi đua" goes to a collective).
DEFAULT_RECIPIENT: dict[str, str] = _read_json(PATTERNS_DIR / "awards_meta.json")["default_recipient"]


def prose_figures(view: DocumentView, award_tables: set[int]) -> list[Count]:
    """Counts in running text (and in cells of tables that are not award tables)."""
    out: list[Count] = []
    carry: str | None = None  # award of a "...Giấy khen của Chủ tịch UBND huyện:" lead-in paragraph
    for p in view.pieces:
        if p.zone != "body" or p.doc is None or p.span.block in award_tables:
            continue
        is_item = bool(LIST_MARK.match(p.text))
        if not is_item and p.span.row is None:
            carry = None
        found, last_award = _counts_in(view, p, carry if is_item else None)
        out.extend(found)
        if p.text.rstrip().endswith(":") and last_award:
            carry = last_award
    return out


def _counts_in(view: DocumentView, p: Piece, carry: str | None) -> tuple[list[Count], str | None]:
    doc = p.doc
    assert doc is not None
    ents = list(doc.ents)
    by_token: dict[int, DocSpan] = {}
    for e in ents:
        for i in range(e.start, e.end):
            by_token[i] = e
    cues = list(doc.spans["cues"])
    out: list[Count] = []
    last_award: str | None = None
    for sent in doc.sents:
        sent_ents = [e for e in ents if sent.start <= e.start < sent.end]
        for e in sent_ents:
            if e.label_ == "AWARD":
                last_award = e.ent_id_
        # clause limits (";") and comma segments inside the sentence
        semis = [sent.start] + [t.i + 1 for t in sent if t.text == ";"] + [sent.end]
        commas = [sent.start] + [t.i + 1 for t in sent if t.text in {",", ";", "(", ")"}] + [sent.end]
        for t in sent:
            value = count_value(t.text) if t.like_num or t.text[:1].isdigit() else None
            if value is None or value == 0:
                continue
            if _not_a_count(doc, t.i):
                continue
            nxt = by_token.get(t.i + 1)
            award_ent: DocSpan | None
            recipient, award_ent = _named_by(nxt) if nxt is not None and nxt.start == t.i + 1 else (None, None)
            if recipient is None:
                # "tập thể: 03", "Cá nhân: 47" (label, colon, number)
                j = t.i - 1
                if j >= sent.start and doc[j].text in {":", "là"}:
                    j -= 1
                prev = by_token.get(j)
                if prev is not None and prev.end == j + 1 and doc[t.i - 1].text in {":", "là"}:
                    recipient, named = _named_by(prev)
                    award_ent = named if named is not None else award_ent
            if recipient is None:
                continue
            clause_start = max(b for b in semis if b <= t.i)
            clause_end = min(b for b in semis if b > t.i)
            seg_start = max(b for b in commas if b <= t.i)
            seg_end = min(b for b in commas if b > t.i)
            if award_ent is None:
                before = [e for e in sent_ents if e.label_ in ("AWARD", "OTHER_HONOUR") and e.end <= t.i]
                if before:
                    award_ent = before[-1]
                else:
                    after = [e for e in sent_ents if e.label_ in ("AWARD", "OTHER_HONOUR") and e.start > t.i and e.start < clause_end]
                    award_ent = after[0] if after else None
            award = award_ent.ent_id_ if award_ent is not None else carry
            if award_ent is not None and award_ent.label_ != "AWARD":
                continue
            if award is None:
                continue
            if _excluded(doc, cues, t.i, clause_start, clause_end, seg_start, seg_end, award_ent, view.year):
                continue
            metric = f"{award}.{recipient}"
            s_char = doc[seg_start].idx if seg_start < len(doc) else t.idx
            e_tok = doc[min(seg_end, len(doc)) - 1]
            text = p.text[s_char : e_tok.idx + len(e_tok.text)].strip(" ,;()")
            out.append(Count(metric, value, sub(p.span, t.idx, t.idx + len(t.text)), text, view.config.figures.prose * view.factor))
    return out, last_award


def _named_by(ent: DocSpan) -> tuple[str | None, DocSpan | None]:
    """The recipient an entity next to a number names, and the award entity when it is one."""
    if ent.label_ == "RECIPIENT":
        return ent.ent_id_, None
    if ent.label_ == "AWARD":
        return DEFAULT_RECIPIENT.get(ent.ent_id_), ent
    return None, None


def _not_a_count(doc: Doc, i: int) -> bool:
    """Numbers that are parts of dates, fractions, document numbers, percentages or list numbers."""
    t = doc[i]
    nxt = doc[i + 1].text if i + 1 < len(doc) else ""
    prv = doc[i - 1].text if i > 0 else ""
    if nxt in {"%", "/"} or prv in {"/", "số"} or "/" in t.text:
        return True
    if nxt in {".", ")"} and (i == 0 or prv in {"-", "+"}):
        return True  # "1." or "1)" list number
    return False


def _excluded(doc: Doc, cues, i: int, c0: int, c1: int, s0: int, s1: int, award_ent, year: int | None) -> bool:
    """Proposals, comparisons with earlier periods and 'trong đó' breakdowns are not figures."""
    for c in cues:
        label = c.label_
        if label not in ("PROPOSAL", "COMPARISON", "BREAKDOWN"):
            continue
        if label == "PROPOSAL" and c.start > 0 and doc[c.start - 1].lower_ in {"theo", "của", "trên"}:
            continue  # "theo đề nghị của ..." names who asked for an award that was given
        in_segment = s0 <= c.start < s1
        before_in_clause = c0 <= c.start < i
        if label == "PROPOSAL" and (in_segment or before_in_clause):
            return True
        if label == "COMPARISON":
            if in_segment:
                return True
            # "So với cùng kỳ năm 2021 (15 tập thể, 38 cá nhân ...)": counts in brackets after it
            opened = [t.i for t in doc[c0:i] if t.text == "("]
            if opened and c.end <= opened[-1] and not any(t.text == ")" for t in doc[opened[-1] : i]):
                return True
            if before_in_clause and not (award_ent is not None and c.end <= award_ent.start):
                return True
        if label == "BREAKDOWN" and before_in_clause:
            return True
    return False
