"""Award counts in running text: collectives, individuals and households tied to the nearest award.

Comparisons with earlier periods and "trong đó" breakdowns are dropped; awards only proposed are
kept as proposals (`Count.proposed`), never as figures.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from thidua.core.numbers import count_value, spelled_count, spelled_number
from thidua.core.units import find_units, fold_keep_length
from thidua.extractors.givers import award_of_giver
from thidua.extractors.nlp import PATTERNS_DIR, _read_json, is_unaccented
from thidua.extractors.report.merge import Count
from thidua.extractors.report.view import DocumentView, Piece
from thidua.extractors.report.wording import ABOUT_OTHERS, LIST_MARK, clause_lead

# Wording of figures in running text (folded), as data: patterns/figure_wording.json.
_WORDING = _read_json(PATTERNS_DIR / "figure_wording.json")


def _rx(key: str) -> re.Pattern[str]:
    return re.compile(_WORDING[key]["regex"])


#: Awards still waiting for a decision, and the decision that grants one (award tables read them too).
PENDING = _rx("pending")
_THE_REST = _rx("the_rest")
GRANTED = _rx("granted")
_EARLIER_YEAR = _rx("earlier_period")
_ATTAINS = _rx("attains")
_TOTAL_BEFORE = _rx("total_before")
_LIST_WORDS = frozenset(_WORDING["list_words"]["words"])
_HONOUR_AS_RECIPIENT: dict[str, str] = _WORDING["honour_as_recipient"]
_HONOUR_RECIPIENT = re.compile(_HONOUR_AS_RECIPIENT["regex"])
_GIVEN_BEFORE = re.compile(_HONOUR_AS_RECIPIENT["given_before"])
_RECEIVED = _rx("received")
_CONFERS_BEFORE = _rx("confers_before")
_CONFERS_IN = _rx("confers_in")
_GIVEN_TO = _rx("given_to")
_PERSON = _rx("person")
_BODY = _rx("body")
_INTENDED = _rx("intended")
_OWN_SUBJECT = _rx("own_subject")
_NEW_ACTION = _rx("new_action")
_PERIOD_RANKS = tuple((re.compile(rx), rank) for rx, rank in _WORDING["period_ranks"]["ranks"])
#: Letters OCR reads for digits in a scanned count.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "Ì": "1", "Í": "1", "ì": "1", "í": "1"})
#: "... tập thể và bà X", "..., ông Y": a name joined to a list of counts.
_AND_NAMED = re.compile(r"^\s*(?:,|va)\s+")
_REGISTERED = _rx("registered")

#: Recipients abbreviated in capitals (folded key -> recipient): right after a count ("05 TT, 12 CN") and
#: in award tables' header rows and cells (patterns/awards_meta.json).
SHORT_RECIPIENTS: dict[str, str] = _read_json(PATTERNS_DIR / "awards_meta.json")["short_recipients"]

#: The recipient an award implies when the text names none ("Cờ thi đua" goes to a collective).
DEFAULT_RECIPIENT: dict[str, str] = _read_json(PATTERNS_DIR / "awards_meta.json")["default_recipient"]


def prose_figures(view: DocumentView, award_tables: set[int]) -> list[Count]:
    """Counts in running text (and in cells of tables that are not award tables)."""
    out: list[Count] = []
    carry: str | None = None  # award of a "...Giấy khen của Chủ tịch UBND huyện:" lead-in paragraph
    lead: str | None = None  # text of that lead-in paragraph
    # Metrics of a paragraph of counts ending "…, trong đó:" and the list mark it carries: its items
    # break those counts down ("+ Khen tổng kết: 27 tập thể"), so they are not added to them again.
    broken_down: set[str] = set()
    breakdown_mark: str | None = None
    for p in view.pieces:
        if p.zone != "body" or p.doc is None or p.span.block in award_tables:
            continue
        mark = _mark_kind(p.text)
        is_item = mark is not None
        if not is_item and p.span.row is None:
            carry = lead = None
        if broken_down and p.span.row is None and (not is_item or mark == breakdown_mark):
            broken_down = set()  # the next point at the lead's own level, or plain text: the breakdown is over
        found, last_award = _counts_in(view, p, carry if is_item else None, lead if is_item else None)
        out.extend(c for c in found if c.proposed or c.metric not in broken_down)
        if p.text.rstrip().endswith(":"):
            carry = last_award or carry
            lead = p.text  # "Các hình thức khen thưởng của UBND tỉnh:": the giver of its items' bare awards
            if _ends_in_breakdown(p):
                broken_down, breakdown_mark = {c.metric for c in found if not c.proposed}, mark
    return out


def _without_bracketed_parts(doc: Doc, sent: DocSpan, counts: list[tuple[int, Count]]) -> list[tuple[int, Count]]:
    """Counts in brackets after a count of the same metric break it down ("24 hộ gia đình ... (quý I:
    10 hộ; quý II: 14 hộ)"): they are not added to it."""
    opened: list[int] = []
    bracket_of: dict[int, int] = {}  # token -> the token of the bracket it is in
    for tok in sent:
        if tok.text == "(":
            opened.append(tok.i)
        elif tok.text == ")" and opened:
            opened.pop()
        elif opened:
            bracket_of[tok.i] = opened[0]
    return [
        (i, c) for i, c in counts
        if i not in bracket_of or not any(j < bracket_of[i] and j not in bracket_of and d.metric == c.metric for j, d in counts)
    ]


def _open_bracket(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end leave a bracket open: what follows is inside it ("(năm 2021: … Lao động tiên
    tiến)"), while a bracket closed before ("01 cá nhân (nguyên Phó Bí thư) được tặng …") is an aside."""
    depth = 0
    for x in doc[start:end]:
        depth += x.text == "("
        depth -= x.text == ")" and depth > 0
    return depth > 0


def _mark_kind(text: str) -> str | None:
    """The kind of list mark opening a paragraph ("-", "+", "1.", "a)", "I."), None when there is none."""
    m = LIST_MARK.match(text)
    if m is None:
        return None
    mark = m.group(0).strip()
    if mark[:1].isdigit():
        return "1."
    if mark.endswith(")"):
        return "a)"
    return "I." if mark.endswith(".") else mark


def _ends_in_breakdown(p: Piece) -> bool:
    """The paragraph ends with a breakdown cue and its colon ("…, trong đó:", "…, gồm:")."""
    doc = p.doc
    assert doc is not None
    last = [t for t in doc if not t.is_punct]
    return bool(last) and any(c.label_ == "BREAKDOWN" and c.end == last[-1].i + 1 for c in doc.spans["cues"])


def _counts_in(view: DocumentView, p: Piece, carry: str | None, lead: str | None = None) -> tuple[list[Count], str | None]:
    doc = p.doc
    assert doc is not None
    ents = list(doc.ents)
    by_token: dict[int, DocSpan] = {}
    for e in ents:
        for i in range(e.start, e.end):
            by_token[i] = e
    cues = list(doc.spans["cues"])
    folded = is_unaccented(doc)
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
        sent_folded = fold_keep_length(sent.text)
        others = ABOUT_OTHERS.search(sent_folded)
        # "Huyện tặng ... 52 cá nhân, chiếm 34% tổng số ... của toàn Cụm": named after the first count, in
        # another comma segment, the cluster is a comparison; only counts in or after its segment are others'
        first_number = next((t.idx - sent.start_char for t in sent if t.text[:1].isdigit()), len(sent_folded))
        others_after = others.start() if others and len(semis) <= 2 and others.start() > first_number else None
        if others and others_after is None and (len(semis) <= 2 or ":" in sent_folded[others.end() : sent_folded.find(";")]):
            continue  # the whole cluster's or other districts' numbers (in the head's report)
        earlier = _EARLIER_YEAR.match(LIST_MARK.sub("", sent_folded, count=1))
        if earlier and view.year and int(earlier.group(1)) < view.year:
            continue  # "Năm 2021, huyện có ...": a sentence about an earlier year
        pending = PENDING.search(_THE_REST.sub("", sent_folded)) is not None
        # a decision told in the sentence grants the clauses that wait for none ("... đã được tặng theo Quyết
        # định số ...; đề nghị ... cho 01 tập thể, đến nay chưa có Quyết định" grants only the first)
        granted = GRANTED.search(sent_folded) is not None
        in_sentence: list[tuple[int, Count]] = []  # (token, count) of this sentence
        counted_awards: set[int] = set()
        broken_down: set[str] = set()  # metrics counted earlier in the sentence (a "trong đó" breaks them down)
        spelled_to = sent.start  # tokens before it belong to a spelled number already read
        for t in sent:
            if t.i < spelled_to:
                continue
            value = count_value(t.text) if t.like_num or t.text[:1].isdigit() else None
            misread = False
            if value is None and view.document.ocr and (read_as := ocr_count(t.text)) is not None:
                nxt_ent = by_token.get(t.i + 1)
                value = read_as if nxt_ent is not None and nxt_ent.start == t.i + 1 and nxt_ent.label_ == "RECIPIENT" else None
                misread = value is not None  # kept, at the unchecked confidence, for a reviewer to confirm
            end = t.i + 1  # the token after the number
            if value is not None and end + 2 < sent.end and doc[end].text == "(" and doc[end + 2].text == ")" and spelled_count(doc[end + 1].lower_):
                end += 3  # "01 (một) tập thể": the number spelled out in brackets
            if value is None and (spelled := _spelled_at(doc, t.i, sent.end, folded)) is not None:
                w, end = spelled
                if end + 2 < sent.end and doc[end].text == "(" and doc[end + 2].text == ")" and count_value(doc[end + 1].text) == w:
                    end += 3  # "hai (02) tập thể": the number in digits in brackets
                nxt_ent = by_token.get(end)
                value = w if nxt_ent is not None and nxt_ent.start == end and nxt_ent.label_ in ("RECIPIENT", "AWARD") else None
                spelled_to = end if value is not None else spelled_to
            if value is None or value == 0:
                continue
            if _not_a_count(doc, t.i):
                continue
            if _in_earlier_year(view, doc, sent.start, semis, t.i):
                continue  # "(năm 2021: 1.098 cá nhân ...)", "; năm 2021: ...": an earlier year's number
            nxt = by_token.get(end)
            award_ent: DocSpan | None
            recipient, award_ent = _named_by(nxt) if nxt is not None and nxt.start == end else (None, None)
            if recipient is None and nxt is not None and nxt.start == end and _honour_recipient(doc, sent.start, t.i, nxt):
                recipient = _HONOUR_AS_RECIPIENT["recipient"]  # "tặng Giấy khen cho 05 gia đình văn hóa"
            if recipient is None and nxt is None and end < sent.end and doc[end].text.isupper():
                # "02 TT, 05 CN": abbreviated after a count ("03 TT." at the end of a sentence: the dot of "TT." is the full stop)
                recipient = SHORT_RECIPIENTS.get(fold_keep_length(doc[end].text).rstrip("."))
            if recipient is None:
                # "tập thể: 03", "Cá nhân: 47" (label, colon, number)
                j = t.i - 1
                if j >= sent.start and doc[j].text in {":", "là"}:
                    j -= 1
                prev = by_token.get(j)
                if prev is not None and prev.end == j + 1 and doc[t.i - 1].text in {":", "là"}:
                    recipient, named = _named_by(prev)
                    award_ent = named if named is not None else award_ent
                    if recipient is None and named is not None:
                        # "Số tập thể được tặng Bằng khen ...: 04": the recipient opens the label
                        seg0 = max(b for b in commas if b <= named.start)
                        recipient = next((e.ent_id_ for e in reversed(ents) if e.label_ == "RECIPIENT" and seg0 <= e.start and e.end <= named.start), None)
                elif prev is not None and prev.label_ == "RECIPIENT" and prev.end == t.i and _ends_item(doc, t.i + 1, sent.end):
                    recipient = prev.ent_id_  # "Giấy khen ...: tập thể 09, cá nhân 23"
                elif prev is not None and prev.label_ == "AWARD" and prev.end == t.i and _ends_item(doc, t.i + 1, sent.end):
                    # "Tập thể: Bằng khen ... 02, Giấy khen 10": the recipient labels the clause
                    c0 = max(b for b in semis if b <= t.i)
                    label_ent = by_token.get(c0 + (1 if LIST_MARK.match(doc[c0].text) else 0))
                    if label_ent is not None and label_ent.label_ == "RECIPIENT" and label_ent.end < len(doc) and doc[label_ent.end].text == ":":
                        recipient, award_ent = label_ent.ent_id_, prev
            if recipient is None or (nxt is not None and nxt.start == end and _joint_recipients(doc, by_token, nxt)):
                continue
            clause_start = max(b for b in semis if b <= t.i)
            clause_end = min(b for b in semis if b > t.i)
            seg_start = max(b for b in commas if b <= t.i)
            seg_end = min(b for b in commas if b > t.i)
            if award_ent is None:
                before = [e for e in sent_ents if e.label_ in ("AWARD", "OTHER_HONOUR") and e.end <= t.i]
                # "79 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở": the award the count attains follows it
                attained = [
                    e for e in sent_ents
                    if e.label_ in ("AWARD", "OTHER_HONOUR") and t.i < e.start < clause_end
                    and _ATTAINS.match(fold_keep_length(doc[_after_list(doc, by_token, end, e.start) : e.start].text))
                ]
                # "...; có 01 cá nhân được Bộ trưởng ... tặng Bằng khen": an award named after the count in its
                # own clause is its award, not one of an earlier clause
                own_after = [
                    e for e in sent_ents
                    if e.label_ in ("AWARD", "OTHER_HONOUR") and t.i < e.start < clause_end
                    and not _open_bracket(doc, end, e.start)
                ]
                if attained:
                    award_ent = attained[0]
                elif before and before[-1].start < clause_start and own_after:
                    award_ent = own_after[0]
                elif before:
                    award_ent = before[-1]
                else:
                    # Not across an opening bracket ("(năm 2021: ... Lao động tiên tiến)" names no award of this
                    # count) unless the bracket opens with the award: "03 tập thể (Bằng khen)".
                    after = [
                        e for e in sent_ents
                        if e.label_ in ("AWARD", "OTHER_HONOUR") and t.i < e.start < clause_end
                        and (doc[e.start - 1].text == "(" or not _open_bracket(doc, end, e.start))
                    ]
                    award_ent = after[0] if after else None
                    if award_ent is not None and any(c.label_ == "BREAKDOWN" and end <= c.start < award_ent.start for c in cues):
                        continue  # "Tổng số 95 cá nhân, trong đó Giấy khen 60 ...": a total over awards, no award's figure
            award = award_ent.ent_id_ if award_ent is not None else carry
            if award_ent is not None and award_ent.label_ != "AWARD":
                award = award_of_giver(award_ent.ent_id_, lead) if lead else None  # "- Bằng khen: 03 tập thể" under its giver
                if award is None:
                    continue
            if award is None:
                continue
            if award_ent is not None and clause_start <= award_ent.start < clause_end:
                counted_awards.add(award_ent.start)
            granted_here = granted and _granted_in(doc, semis, clause_start, clause_end) and not _pending_in(doc, clause_start, clause_end, sent.start)
            why = _excluded(doc, cues, t.i, clause_start, clause_end, seg_start, seg_end, award_ent, granted_here, sent.start)
            metric = f"{award}.{recipient}"
            if why == "BREAKDOWN" and metric not in broken_down:
                why = None  # "cho 18 điển hình, gồm 13 cá nhân và 05 tập thể": no total of this metric before it
            broken_down.add(metric)
            if why is None and pending and _pending_in(doc, clause_start, clause_end, sent.start):
                why = "PROPOSAL"  # "... cho 02 tập thể, chưa có Quyết định"
            if why is not None and why != "PROPOSAL":
                continue
            if _names_other_unit(view, doc[clause_start:clause_end].text) or _intended(doc, cues, clause_start, seg_start, t.i, award_ent):
                continue
            if others_after is not None:
                if doc[min(seg_end, len(doc)) - 1].idx + 1 - sent.start_char > others_after:
                    continue  # the count's own segment names the cluster ("1.245 cá nhân của toàn Cụm")
            elif others and _about_others(doc, semis, clause_start):
                continue  # "Các xã trong Cụm khen thưởng 410 cá nhân; huyện tặng ...": not the last clause
            s_char = doc[seg_start].idx if seg_start < len(doc) else t.idx
            e_tok = doc[min(seg_end, len(doc)) - 1]
            text = p.text[s_char : e_tok.idx + len(e_tok.text)].strip(" ,;()")
            span = p.span_of(t.idx, doc[end - 1].idx + len(doc[end - 1].text))
            weight = view.config.figures.unchecked if misread else view.config.figures.prose
            in_sentence.append((t.i, Count(metric, value, span, text, weight * view.factor, proposed=why == "PROPOSAL")))
        in_sentence = _without_bracketed_parts(doc, sent, in_sentence)
        if not others or others_after is not None:
            in_sentence += _unnumbered_awards(view, p, sent, sent_ents, counted_awards, cues, granted)
            in_sentence += _named_after_counts(p, doc, by_token, semis, in_sentence)
        out.extend(_stated_totals(doc, by_token, _cumulative_of_periods(doc, by_token, sent.start, in_sentence)))
    return out, last_award


def _in_earlier_year(view: DocumentView, doc: Doc, sent_start: int, semis: list[int], i: int) -> bool:
    """The count at token i sits in a bracket or clause opening with an earlier year ("(năm 2021: ...")."""
    if not view.year:
        return False
    opened = [t.i for t in doc[sent_start:i] if t.text == "("]
    starts = [max(b for b in semis if b <= i)]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : i]):
        starts.append(opened[-1] + 1)
    for s0 in starts:
        m = _EARLIER_YEAR.match(LIST_MARK.sub("", fold_keep_length(doc[s0:i].text), count=1))
        if m and int(m.group(1)) < view.year:
            return True
    return False


def ocr_count(text: str) -> int | None:
    """A count OCR read with a letter for a digit ("0l", "O5", "l2", "1Ì"): at least one real digit, two characters or more."""
    if len(text) < 2 or not any(ch.isdigit() for ch in text) or not all(ch.isdigit() or ord(ch) in _OCR_DIGITS for ch in text):
        return None
    return count_value(text.translate(_OCR_DIGITS))


def _spelled_at(doc: Doc, i: int, end: int, folded: bool) -> tuple[int, int] | None:
    """A spelled-out count starting at token i ("hai mươi ba"): its value and the token after it."""
    words = [t.norm_ if folded else t.lower_ for t in doc[i : min(end, i + 6)]]
    found = spelled_number(words, folded)
    return (found[0], i + found[1]) if found is not None else None


def _named_after_counts(p: Piece, doc: Doc, by_token: dict[int, DocSpan], semis: list[int], counts: list[tuple[int, Count]]) -> list[tuple[int, Count]]:
    """One named recipient of the other kind after a clause's counts ("cho 01 tập thể và bà Lò Thị
    Mai"): counts 1. A name of the same kind is an apposition ("02 cá nhân, ông A và bà B")."""
    out: list[tuple[int, Count]] = []
    last: dict[int, tuple[int, Count]] = {}  # clause start -> its last count
    for i, c in counts:
        c0 = max(b for b in semis if b <= i)
        if c0 not in last or last[c0][0] < i:
            last[c0] = (i, c)
    for c0, (i, c) in last.items():
        rec = by_token.get(i + 1)
        if rec is None or rec.label_ != "RECIPIENT" or rec.start != i + 1:
            continue
        c1 = min(b for b in semis if b > i)
        after = fold_keep_length(doc[rec.end : c1].text)
        m = _AND_NAMED.match(after)
        if m is None:
            continue
        award, kind = c.metric.split(".")
        named = after[m.end() :]
        other = "ca_nhan" if _PERSON.match(named) else "tap_the" if _BODY.match(named) and not named[:1].isdigit() else None
        if other is None or other == kind or any(t.like_num for t in doc[rec.end : c1][:4]):
            continue
        tok = doc[rec.end + 1] if rec.end + 1 < c1 else doc[rec.end]
        out.append((tok.i, Count(f"{award}.{other}", 1, p.span_of(tok.idx, doc[c1 - 1].idx + len(doc[c1 - 1].text)),
                                 p.text[tok.idx : doc[c1 - 1].idx + len(doc[c1 - 1].text)].strip(" ,;()."), c.confidence, proposed=c.proposed)))
    return out


def _joint_recipients(doc: Doc, by_token: dict[int, DocSpan], ent: DocSpan) -> bool:
    """One number for two kinds of recipient ("17 lượt tập thể, cá nhân"): no figure of either."""
    nxt = ent.end + 1
    if nxt >= len(doc) or doc[ent.end].text not in {",", "/", "và", "va"}:
        return False
    other = by_token.get(nxt)
    return other is not None and other.start == nxt and other.label_ == "RECIPIENT" and other.ent_id_ != ent.ent_id_ and (
        other.end >= len(doc) or not (doc[other.end].like_num or doc[other.end].text in {":", "là"})
    )


def _ends_item(doc: Doc, i: int, end: int) -> bool:
    """The token at i ends a list item: punctuation or the end of the sentence."""
    return i >= end or doc[i].is_punct


def period_rank(folded: str) -> int | None:
    """How much of the year a folded text names (a quarter 1 ... cumulative 5), None if no period."""
    return next((rank for rx, rank in _PERIOD_RANKS if rx.search(folded)), None)


def _cumulative_of_periods(doc: Doc, by_token: dict[int, DocSpan], start: int, counts: list[tuple[int, Count]]) -> list[tuple[int, Count]]:
    """Of one metric's counts each after its own period ("quý III tặng 10 cá nhân, lũy kế 9 tháng 45
    cá nhân"), the one of the longest period; a list's later counts share its first count's period;
    counts without a period are kept."""
    ordered = sorted(counts, key=lambda x: x[0])
    ranks: list[int | None] = []
    prev = start
    for i, _c in ordered:
        rank = period_rank(fold_keep_length(doc[prev:i].text))
        if rank is None and ranks and prev > start and _only_list(doc, by_token, prev, i):
            rank = ranks[-1]  # "quý II tặng 09 tập thể, 25 cá nhân": the list's later counts share its period
        ranks.append(rank)
        prev = i + 1
    best: dict[str, int] = {}
    seen: dict[str, set[int]] = {}
    for (_i, c), r in zip(ordered, ranks):
        if r is not None:
            best[c.metric] = max(best.get(c.metric, r), r)
            seen.setdefault(c.metric, set()).add(r)
    kept = [
        (i, c) for (i, c), r in zip(ordered, ranks)
        if r is None or len(seen[c.metric]) < 2 or r == best[c.metric]
    ]
    opening = ranks[0] if ranks else None  # "Lũy kế 6 tháng, ... ; 13 tập thể ...": the sentence's opening period
    for (_i, c), r in zip(ordered, ranks):
        c.period_rank = r if r is not None else opening
    return kept


def _stated_totals(doc: Doc, by_token: dict[int, DocSpan], counts: list[tuple[int, Count]]) -> list[Count]:
    """A breakdown with its stated total ("47 ... và 02 ..., tổng cộng 49 cá nhân") gives the total once;
    the total word covers the counts listed right after it ("cộng 18 tập thể, 49 lượt cá nhân")."""
    stated: list[bool] = []
    for k, (i, _c) in enumerate(counts):
        here = _TOTAL_BEFORE.search(fold_keep_length(doc[max(0, i - 3) : i].text)) is not None
        stated.append(here or (k > 0 and stated[k - 1] and counts[k - 1][0] < i and _only_list(doc, by_token, counts[k - 1][0] + 1, i)))
    totals = {c.metric for (_i, c), total in zip(counts, stated) if total}
    return [c for (_i, c), total in zip(counts, stated) if total or c.metric not in totals]


def _after_list(doc: Doc, by_token: dict[int, DocSpan], start: int, stop: int) -> int:
    """Where the last recipient of a list of counts going on from start opens ("hộ gia đình" in "tập
    thể, 06 cá nhân và 03 hộ gia đình"), at most up to stop: it and the words after it may tell the
    award the list attains."""
    last = start
    for t in doc[start:stop]:
        if (e := by_token.get(t.i)) is not None and e.label_ == "RECIPIENT":
            last = e.start
        elif not (t.norm_ in _LIST_WORDS or t.like_num or spelled_count(t.lower_) is not None):
            break
    return last


def _only_list(doc: Doc, by_token: dict[int, DocSpan], start: int, end: int) -> bool:
    """Tokens start..end hold only recipients and list separators ("tập thể, 49 lượt"): one list."""
    return all(((e := by_token.get(t.i)) is not None and e.label_ == "RECIPIENT") or t.norm_ in _LIST_WORDS for t in doc[start:end])


def _about_others(doc: Doc, semis: list[int], c0: int) -> bool:
    """The clause at c0 tells others' numbers: it names them, or follows a clause that does without
    opening with the reporting unit itself ("...; huyện tặng Giấy khen cho 38 cá nhân" is its own)."""
    scoped = False
    for x, y in zip(semis, semis[1:]):
        text = fold_keep_length(doc[x:y].text)
        if ABOUT_OTHERS.search(text):
            scoped = True
        elif scoped and _OWN_SUBJECT.match(LIST_MARK.sub("", text.lstrip(), count=1)):
            scoped = False
        if x == c0:
            return scoped
    return False


def _pending_in(doc: Doc, c0: int, c1: int, sent_start: int) -> bool:
    """The clause c0..c1 says an award waits for its decision (not "số còn lại đang chờ ...": the rest), or
    the lead-in of its sentence does ("- Đã trình, chưa có QĐ: ... cho 01 TT; CSTĐ cấp tỉnh cho 02 CN")."""
    colon = next((t.i for t in doc[sent_start:c0] if t.text == ":"), None)
    lead = fold_keep_length(doc[sent_start:colon].text) if colon is not None else ""
    return PENDING.search(_THE_REST.sub("", fold_keep_length(doc[c0:c1].text))) is not None or PENDING.search(lead) is not None


def _granted_in(doc: Doc, semis: list[int], c0: int, c1: int) -> bool:
    """The decision granting an award is told in the clause c0..c1 itself, in a later clause with no
    numbers of its own ("...; Chủ tịch UBND huyện đã ký Quyết định khen thưởng"), or the sentence is
    one clause. "Đang đề nghị ... cho 02 cá nhân; đã được tặng Bằng khen 01 tập thể" grants only the second."""
    if len(semis) <= 2 or GRANTED.search(fold_keep_length(doc[c0:c1].text)):
        return True
    later = [(x, y) for x, y in zip(semis, semis[1:]) if x >= c1]
    return any(not any(t.like_num for t in doc[x:y]) and GRANTED.search(fold_keep_length(doc[x:y].text)) for x, y in later)


def _intended(doc: Doc, cues: list[DocSpan], c0: int, s0: int, i: int, award_ent: DocSpan | None) -> bool:
    """The count at token i is a target or a plan, not an award given: its clause opens it with a plan
    ("Dự kiến ...", "Phấn đấu có 01 tập thể ...", "sẽ tặng"), or its comma segment, or the words
    between it and the award it names, register one ("45 tập thể đăng ký danh hiệu ...")."""
    if any(c.label_ == "PLANNED" and c0 <= c.start < i for c in cues):
        return True
    if _INTENDED.search(fold_keep_length(doc[c0:i].text)):
        return True
    between = doc[i + 1 : award_ent.start].text if award_ent is not None and award_ent.start > i else ""
    return _REGISTERED.search(fold_keep_length(f"{doc[s0:i].text} {between}")) is not None


def _names_other_unit(view: DocumentView, text: str) -> bool:
    """The text names a cluster unit other than the reporting one: its numbers are not this report's."""
    return view.unit_name is not None and any(u.name != view.unit_name for u, _, _ in find_units(text, view.units))


#: "cho tập thể Công ty …" right after an award: one collective named, not counted (folded text; the name's
#: capital is checked on the raw text).
_NAMED_COLLECTIVE = re.compile(r"^\s*(?:cho|tang|toi)\s+(tap the)\s+")


def _unnumbered_awards(
    view: DocumentView, p: Piece, sent: DocSpan, sent_ents: list[DocSpan], counted: set[int], cues: list[DocSpan], granted: bool
) -> list[tuple[int, Count]]:
    """An award received without a number ("Xã X được UBND tỉnh tặng Cờ thi đua") counts 1."""
    doc = sent.doc
    out: list[tuple[int, Count]] = []
    granted_proposals: set[int] = set()  # awards named as a proposal the sentence says was granted
    semis = [sent.start] + [t.i + 1 for t in sent if t.text == ";"] + [sent.end]
    for e in sent_ents:
        if e.label_ != "AWARD":
            continue
        c0 = max(b for b in semis if b <= e.start)
        c1 = min(b for b in semis if b > e.start)
        if e.start in counted:
            # "tặng Bằng khen cho tập thể Công ty và 02 cá nhân": the collective named without a number is one
            raw_after = doc[e.end : c1].text
            m = _NAMED_COLLECTIVE.match(fold_keep_length(raw_after))
            if m is None or not raw_after[m.end() : m.end() + 1].isupper() or DEFAULT_RECIPIENT.get(e.ent_id_) not in (None, "tap_the"):
                continue
            why = _excluded(doc, cues, e.start, c0, c1, c0, c1, e, granted and _granted_in(doc, semis, c0, c1) and not _pending_in(doc, c0, c1, sent.start), sent.start)
            if why is not None or _names_other_unit(view, doc[c0:c1].text) or _in_earlier_year(view, doc, sent.start, semis, e.start):
                continue
            start = e.end_char + m.start(1)
            span = p.span_of(start, start + len(m.group(1)))
            out.append((e.start, Count(f"{e.ent_id_}.tap_the", 1, span, p.text[e.start_char : start + len(m.group(1))].strip(),
                                       view.config.figures.prose * view.factor)))
            continue
        before = clause_lead(fold_keep_length(doc[c0 : e.start].text))
        received = _RECEIVED.search(f"{before} {fold_keep_length(e.text)}")
        if received is not None and received.start() <= len(before):
            named = before  # "Xã X được UBND tỉnh tặng Cờ thi đua": the recipient opens the clause
        else:
            # "UBND tỉnh tặng Cờ thi đua cho xã X", "Bằng khen ... được trao cho ông Y": one named recipient
            raw_after = doc[e.end : c1].text
            after = fold_keep_length(raw_after)
            given_to = _GIVEN_TO.match(after)
            if given_to is not None and spelled_count(raw_after[given_to.end() :].split(" ", 1)[0].lower()) is not None:
                continue  # "cho hai tập thể": a count, read with the numbers
            confers = _CONFERS_BEFORE.search(before) or _CONFERS_IN.search(fold_keep_length(e.text))
            if given_to is None or not (confers or given_to.group(1) or given_to.group(2)):
                continue
            named = after[given_to.end() :]
        recipient = DEFAULT_RECIPIENT.get(e.ent_id_) or ("ca_nhan" if _PERSON.search(named) else "tap_the" if _BODY.search(named) else None)
        if recipient is None:
            continue
        why = _excluded(doc, cues, e.start, c0, c1, c0, c1, e, granted and _granted_in(doc, semis, c0, c1) and not _pending_in(doc, c0, c1, sent.start), sent.start)
        if (why is not None and why != "PROPOSAL") or _names_other_unit(view, doc[c0:c1].text) or _intended(doc, cues, c0, c0, e.start, None):
            continue
        if _in_earlier_year(view, doc, sent.start, semis, e.start):
            continue  # "...; năm 2025 Sở đã được tặng Cờ thi đua" in the 2026 report
        text = p.text[doc[c0].idx : e.end_char].strip(" ,;()-")
        span = p.span_of(e.start_char, e.end_char)
        out.append((e.start, Count(f"{e.ent_id_}.{recipient}", 1, span, text, view.config.figures.prose * view.factor, proposed=why == "PROPOSAL")))
        if why is None and _excluded(doc, cues, e.start, c0, c1, c0, c1, e, False, sent.start) == "PROPOSAL":
            granted_proposals.add(e.start)
    # "Hồ sơ đề nghị tặng Cờ thi đua cho thôn X đã được chấp thuận: thôn X được UBND tỉnh tặng Cờ thi đua":
    # the proposal granted and the award received are one award, counted once
    last = {c.metric: i for i, c in out if not c.proposed}
    return [(i, c) for i, c in out if not (i in granted_proposals and last[c.metric] > i)]


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
    if nxt in {"%", "/"} or prv == "/" or "/" in t.text:
        return True
    if prv == "số" and not (i >= 2 and doc[i - 2].norm_ == "tong"):
        return True  # "Quyết định số 12", but "tổng số 49 cá nhân" is a count
    if nxt in {".", ")"} and (i == 0 or prv in {"-", "+"}):
        return True  # "1." or "1)" list number
    return False


def _excluded(
    doc: Doc, cues: list[DocSpan], i: int, c0: int, c1: int, s0: int, s1: int, award_ent: DocSpan | None, granted: bool, sent_start: int
) -> str | None:
    """Why a count is not a figure: the cue label of a proposal (unless granted), a comparison with an
    earlier period or a 'trong đó' breakdown (these win over a proposal); None when it is one."""
    why = [label for c in cues if (label := _excluding_cue(doc, c, i, c0, c1, s0, s1, award_ent, granted))]
    if not why and _in_breakdown(doc, cues, i, sent_start, c0, c1):
        why = ["BREAKDOWN"]
    return next((w for w in why if w != "PROPOSAL"), why[0] if why else None)


def _in_breakdown(doc: Doc, cues: list[DocSpan], i: int, sent_start: int, c0: int, c1: int) -> bool:
    """A "trong đó" in an earlier clause of the sentence still holds at token i: the items of a
    breakdown run on after ";" ("trong đó khối trường học 12 cá nhân; khối xã 20 cá nhân") until a
    clause names an award of its own ("...; công nhận 300 cá nhân đạt danh hiệu Lao động tiên tiến")."""
    for c in cues:
        if c.label_ == "BREAKDOWN" and sent_start <= c.start < c0:
            cue_clause_end = next((t.i for t in doc[c.end : c0] if t.text == ";"), c0)
            if not any(e.label_ in ("AWARD", "OTHER_HONOUR") and cue_clause_end <= e.start < c1 for e in doc.ents):
                return True
    return False


def _excluding_cue(
    doc: Doc, c: DocSpan, i: int, c0: int, c1: int, s0: int, s1: int, award_ent: DocSpan | None, granted: bool
) -> str | None:
    """The label of one cue when it excludes the count at token i from the figures."""
    label = c.label_
    if label not in ("PROPOSAL", "COMPARISON", "BREAKDOWN"):
        return None
    if label == "PROPOSAL" and granted:
        return None  # "... được huyện đề nghị đã được Chủ tịch UBND tỉnh tặng Bằng khen tại Quyết định số ..."
    if label == "COMPARISON" and c0 <= c.start <= c0 + 2 and c.start < i:
        return label  # "Cùng kỳ năm 2022, huyện tặng ...": the clause is about the earlier period
    if label == "PROPOSAL" and ((c.start > 0 and doc[c.start - 1].lower_ in {"theo", "của", "trên"}) or (c.end < len(doc) and doc[c.end].lower_ == "của")):
        return None  # "theo đề nghị của ...", "Trên cơ sở đề nghị của UBND huyện, ...": who asked for an award given
    in_segment = s0 <= c.start < s1
    before_in_clause = c0 <= c.start < i
    if label == "PROPOSAL" and c.start > i and c.start > 0 and _NEW_ACTION.search(fold_keep_length(doc[max(i + 1, c.start - 2) : c.start].text.lower())):
        return None  # "tặng Giấy khen cho 15 cá nhân và đề nghị ...": the proposal is another action
    if label == "PROPOSAL" and c.start > i and any(t.text[:1].isdigit() for t in doc[i + 1 : c.start]):
        return None  # "... cho 10 cá nhân và 03 tập thể đề nghị tỉnh khen thưởng": the nearer count's proposal
    if label == "PROPOSAL" and (in_segment or before_in_clause):
        return label
    if label == "COMPARISON":
        if in_segment:
            return label
        # "So với cùng kỳ năm 2021 (15 tập thể, 38 cá nhân ...)": counts in brackets after it
        opened = [t.i for t in doc[c0:i] if t.text == "("]
        if opened and c.end <= opened[-1] and not any(t.text == ")" for t in doc[opened[-1] : i]):
            return label
        if before_in_clause and not (award_ent is not None and c.end <= award_ent.start):
            return label
    if label == "BREAKDOWN" and before_in_clause:
        return label
    return None


_WHOLE_PERIOD = {"6M": "6 thang", "9M": "9 thang"}


def period_covers(kind: object) -> int:
    """The rank of a report's whole period (a 6-month report's "6 tháng"); cumulative ("lũy kế", "cả năm") otherwise."""
    name = _WHOLE_PERIOD.get(str(getattr(kind, "value", kind)))
    return (period_rank(name) if name else None) or max(rank for _rx, rank in _PERIOD_RANKS)


def _honour_recipient(doc: Doc, start: int, i: int, ent: DocSpan) -> bool:
    """An honour of households right after the count at i that an award is given to ("cho 05 gia đình văn hóa")."""
    return (
        ent.label_ == "OTHER_HONOUR"
        and _HONOUR_RECIPIENT.match(fold_keep_length(ent.text).lower()) is not None
        and _GIVEN_BEFORE.search(fold_keep_length(doc[start:i].text).lower()) is not None
    )
