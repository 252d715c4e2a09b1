"""Award tables: counts per award and recipient from the columns and rows of a table.

Detail rows win over "Cộng/Tổng cộng" rows, the first column of each recipient wins over
breakdown columns; columns, rows and whole tables of proposals give proposals (`Count.proposed`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator

from rapidfuzz.distance import Levenshtein

from spacy.tokens import Span as DocSpan

from thidua.core.document import Table
from thidua.core.findings import RECIPIENT_LABELS
from thidua.core.numbers import count_value, spelled_count
from thidua.core.units import find_units, fold_keep_length
from thidua.extractors.givers import award_of_giver, names_other_body
from thidua.extractors.nlp import PATTERNS_DIR, _read_json
from thidua.extractors.report.figures import DEFAULT_RECIPIENT, GRANTED, PENDING, SHORT_RECIPIENTS, ocr_count
from thidua.extractors.report.merge import Count
from thidua.extractors.report.ocr_words import glued_award, glued_recipient
from thidua.extractors.report.view import DocumentView, Piece, TableLayout, is_repeat

#: Wording of award tables as data (patterns/award_table_wording.json).
_WORDING = _read_json(PATTERNS_DIR / "award_table_wording.json")
_TOTAL_LABEL = re.compile(_WORDING["total_label"]["regex"])
_TOTAL_LABEL_START = re.compile(_WORDING["total_label_start"]["regex"])
_TOTAL_HEAD = re.compile(_WORDING["total_head"]["regex"])
_COUNT_HEAD = re.compile(_WORDING["count_head"]["regex"])
_PROPOSAL_SECTION = re.compile(_WORDING["proposal_section"]["regex"])
_BREAKDOWN_LABEL = re.compile(_WORDING["breakdown_label"]["regex"])
#: Stray marks OCR leaves around a number in a cell ("112.", "|58").
_OCR_EDGE = re.compile(r"^[\s.,;:'\"`|!_\-–~]+|[\s.,;:'\"`|!_\-–~]+$")
_COLNUM = re.compile(r"^\(?\d{1,2}\)?$|^\(?[a-z]\)?$|^\(\d{1,2}\)\s*=.*$")


def table_figures(view: DocumentView) -> tuple[set[int], list[Count]]:
    """Counts from award tables; returns the indices of the tables that were award tables."""
    award_tables: set[int] = set()
    out: list[Count] = []
    member_rows: list[Count] = []  # the reporting unit's row of a table with a row per member
    for b in view.document.tables():
        cells = view.table_cells(b)
        if not any(p and p.zone == "body" for row in cells for p in row):
            continue
        found, per_member = _award_table(view, b, cells)
        if found:
            award_tables.add(b.index)
            (member_rows if per_member else out).extend(found)
    # The head's report restates its own awards in the members' table: its own award table wins.
    own = {c.metric for c in out}
    out.extend(c for c in member_rows if c.metric not in own)
    return award_tables, out


# Column headers naming a period, ranked by how much of the year they cover: in a 9-month or year
# report with a column per quarter and a cumulative one, the cumulative column is the figure.
_PERIOD_HEADS = tuple((re.compile(rx), rank) for rx, rank in _WORDING["period_heads"]["ranks"])


#: A column headed by a period of an earlier year ("Năm 2021", "6 tháng đầu năm 2021"): last year's numbers.
_YEAR_HEAD = re.compile(_WORDING["earlier_year_head"]["regex"])
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4})\s*[.)]?\s*$")


#: Recipients abbreviated in a header row ("TT | CN"): only where the row holds two of them, since a
#: lone "TT" heads the row-number column.
_SHORT_RECIPIENTS = SHORT_RECIPIENTS


def _short_recipients(text: list[list[str]], h: int, is_colnum_row: Callable[[int], bool]) -> dict[int, str]:
    """Columns headed by an abbreviated recipient in a header row that holds at least two kinds."""
    for r in range(h - 1, -1, -1):
        if is_colnum_row(r):
            continue
        row = {c: _SHORT_RECIPIENTS.get(re.sub(r"\W", "", fold_keep_length(t).lower())) for c, t in enumerate(text[r])}
        found = {c: k for c, k in row.items() if k and c > 0}  # column 0 holds row numbers
        if len(set(found.values())) >= 2:
            return found
    return {}


def _last_sums_the_rest(cols: list[int], text: list[list[str]], body_rows: list[int], ocr: bool) -> list[int]:
    """The last of three or more columns of one recipient, when on most rows it is the sum of the others:
    a cumulative column whose header could not be read ("Cả năm" OCR'd as "Cá ¡išm"); [] otherwise."""
    if len(cols) < 3:
        return []
    last, rest = max(cols), [c for c in cols if c != max(cols)]
    agree = tried = 0
    for r in body_rows:
        vals = [_cell_count(text[r][c], ocr)[0] if c < len(text[r]) else None for c in cols]
        if not any(vals):
            continue
        tried += 1
        agree += (vals[cols.index(last)] or 0) == sum(v or 0 for c, v in zip(cols, vals) if c in rest)
    return [last] if tried >= 2 and agree * 3 >= tried * 2 else []


#: A scanned header over a pair of recipient columns that waits for a decision, OCR splitting and
#: garbling it ("Đan(¡ Quyế" | "chờ :. định"): "chờ" then "định"/"QĐ" within three words (folded).
_PENDING_HEAD = re.compile(r"\bcho\b\W*(?:\w+\W+){0,2}?(?:dinh|qd)\b|\bde nghi\b|\bchua co\b")


def _recipient_pairs(text: list[list[str]], h: int, col_recipient: dict[int, str]) -> Iterator[tuple[int, int, int, str]]:
    """Adjacent columns of two recipients ("Tập thể | Cá nhân") as (position among the recipient columns,
    left, right, the folded header text above both, the abbreviated recipient rows left out). A scan
    reads a header merged over the pair as two cells ("9" | "tháng", "Đan(¡ Quyế" | "chờ :. định")."""
    cols = sorted(col_recipient)
    for k, (a, b) in enumerate(zip(cols, cols[1:])):
        if b != a + 1 or col_recipient[a] == col_recipient[b]:
            continue
        top = " ".join(
            fold_keep_length(f"{text[r][a]} {text[r][b]}")
            for r in range(h)
            if fold_keep_length(text[r][a]).strip() not in _SHORT_RECIPIENTS and fold_keep_length(text[r][b]).strip() not in _SHORT_RECIPIENTS
        )
        yield k, a, b, re.sub(r"\s+", " ", top).strip()


def _pending_pairs(text: list[list[str]], h: int, col_recipient: dict[int, str]) -> set[int]:
    """Columns of recipient pairs whose joined header above waits for a decision."""
    return {c for _k, a, b, top in _recipient_pairs(text, h, col_recipient) if _PENDING_HEAD.search(top) for c in (a, b)}


def _join_pair_heads(heads: list[str], text: list[list[str]], h: int, col_recipient: dict[int, str], first: str | None) -> None:
    """In a scan, each column of a recipient pair under a period or total header ("9 tháng", "Cộng 6 tháng"
    over "TT | CN", OCR splitting it as "Cộng (" | "tháng") takes the pair's joined header text; `first` is
    the recipient the table's recipient columns start with."""
    for _k, a, b, joined in _recipient_pairs(text, h, col_recipient):
        # only a pair in the table's own order ("Tập thể | Cá nhân"), not the "Cá nhân | Tập thể" of two
        # pairs side by side: a column OCR could not read drops out of the recipient columns
        if col_recipient[a] == first and (_period_rank(joined) is not None or _TOTAL_HEAD.search(joined)):
            heads[a] = f"{joined} {heads[a]}"
            heads[b] = f"{joined} {heads[b]}"


def _earlier_year_head(head: str, year: int | None) -> bool:
    """The folded column header names a period of a year before the report's."""
    m = _YEAR_HEAD.match(head)
    return bool(m and year and int(m.group(1)) < year)


def _period_rank(head: str) -> int | None:
    """How much of the year a column header names (quarter 1 ... cumulative 5), None if no period."""
    return next((rank for rx, rank in _PERIOD_HEADS if rx.search(head)), None)


def _cumulative(cols: list[int], heads: list[str], ocr: bool = False) -> list[int]:
    """Of columns headed by periods, the one covering the most (the cumulative column); [] if not periods.

    In a scan whose quarter headers OCR garbled ("Qu/ II", "Qut IH"), the last column still counts as
    the cumulative one when it alone names a period of several quarters ("9 tháng", "Cả năm").
    """
    ranked = {c: r for c in cols if (r := _period_rank(heads[c])) is not None}
    # (two columns left when OCR lost a quarter's cells: "Quý III" garbled beside "9 tháng")
    if ocr and len(cols) >= 2 and (last := max(cols)) in ranked and ranked[last] >= 2 and all(ranked.get(c, 0) < ranked[last] for c in cols if c != last):
        return [last]
    if ocr and len(cols) >= 3 and 1 in ranked.values() and max(ranked.values()) == 1:
        # quarter columns, the last header unreadable ("Cá ¡išm"): the last column, by the layout's
        # convention the cumulative one; its values are flagged for review
        return [max(cols)]
    if ocr and len(cols) >= 3 and max(cols) not in ranked and len(ranked) >= 2 and len(set(ranked.values())) == 1 and max(ranked.values()) < 5:
        # columns of equal periods ("6 tháng đầu năm | 6 tháng cuối năm"), the last header unreadable: the same
        return [max(cols)]
    if len(ranked) < 2 or len(ranked) < len(cols):
        return []
    best = max(ranked.values())
    return [max(c for c, r in ranked.items() if r == best)]


def _cell_count(text: str, ocr: bool) -> tuple[int | None, bool]:
    """The count in a cell, and whether it is an OCR'd number that cannot be read ("2À", "1l7")."""
    v = count_value(text)
    if v is not None or not ocr:
        return v, False
    t = _OCR_EDGE.sub("", text)
    v = count_value(t) if t else None
    if v is not None:
        return v, False
    digits = sum(ch.isdigit() for ch in t)
    return None, (0 < digits and len(t) <= 6 and len(t) - digits <= 2 and " " not in t)


def _blank(text: str) -> bool:
    """A cell with neither letters nor digits: empty, or a dash as typed or as OCR read it ("-", "„", "~", "ˆ").

    Modifier letters ("ˆ", "˜": Unicode category Lm) are marks, not letters, though Python calls them alphanumeric.
    """
    return not any(ch.isalnum() and unicodedata.category(ch) != "Lm" for ch in text)


def _stray_mark(text: str) -> bool:
    """An OCR'd cell of one letter that looks like no digit ("h", "n"): a dash or speck misread, not a count.

    Kept out of the decision whether a column holds counts; the cell itself is still read as unreadable
    (and flagged) where a number is due. "O", "o", "l", "I" are digits misread and are not stray marks.
    """
    t = _OCR_EDGE.sub("", text.strip())
    return len(t) == 1 and t.isalpha() and t not in "OolI"


def _letters_for_digits(text: str) -> bool:
    """A short OCR'd cell of letters where a number stood ("Sử.", "ĐI"): one to three letters, no recipient abbreviation."""
    if _blank(text):
        return False  # a dash OCR read as a modifier letter ("ˆ")
    t = re.sub(r"\W", "", _OCR_EDGE.sub("", text.strip()))
    return 0 < len(t) <= 3 and t.isalpha() and fold_keep_length(t).lower() not in _SHORT_RECIPIENTS


def _dash_with_specks(text: str) -> bool:
    """An OCR'd dash with a few letters read beside it ("Hộ -", "- h"): no digit, at most three letters."""
    return "-" in text and not any(ch.isdigit() for ch in text) and sum(ch.isalpha() for ch in text) <= 3


def _mostly_counts(cells: list[str], period_head: bool = False, multi: frozenset[int] = frozenset()) -> bool:
    """An OCR'd column whose filled cells are counts but for at most a third read as letters (half under a period header).

    A column headed by a period ("Cả năm") keeps more: losing it would make a quarter column the figure;
    there, cells of counts with recipients (`multi`: their indexes in `cells`, "06 TT, 09 CN") count as
    counts and any other unreadable cell ("20 1Ì, D2 CN") as junk.
    """
    filled = [(i, t) for i, t in enumerate(cells) if not _blank(t)]
    counts = sum(_cell_count(t, True)[0] is not None or i in multi for i, t in filled)
    if period_head and multi:
        return counts >= 2 and 0 < len(filled) - counts <= len(filled) // 2
    junk = sum(_cell_count(t, True) == (None, False) and (_letters_for_digits(t) or _dash_with_specks(t)) for _i, t in filled)
    most = len(filled) // 2 if period_head else len(filled) // 3
    return counts >= (2 if period_head else 3) and 0 < junk <= most and counts + junk == len(filled)


def _is_period_column(head: list[Piece]) -> bool:
    """A column headed by a period of the year ("Quý II", "Cả năm")."""
    return _period_rank(" ".join(fold_keep_length(p.text) for p in head)) is not None


def _glued(text: str) -> bool:
    """Words OCR glued together: a lower-case letter right before a capital inside a token ("khencủaChủ")."""
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


#: A scanned count followed by specks OCR made of its recipient ("58€©N"), no space, no other digit.
_COUNT_SPECKS = re.compile(r"^\s*(\d{1,4})([^\w\s]{1,3}[A-ZĐ]?)\s*$")
#: The last letter left of an abbreviated recipient: "N" of "CN", "T" of "TT", "Đ" of "HGĐ".
_SPECK_RECIPIENT = {"N": "ca_nhan", "T": "tap_the", "Đ": "ho_gia_dinh"}

#: A lead-in that reports results beside proposals ("Tình hình đề nghị và kết quả khen thưởng ...").
_RESULTS = re.compile(r"\bket qua\b")
#: A cell of two counts split by a slash under a "(TT/CN)" header ("05/11", "-/02").
_SLASHED_COUNTS = re.compile(r"^\s*(\d{1,4}|-)\s*/\s*(\d{1,4}|-)\s*$")
_SLASHED_HEAD = re.compile(r"\b(tt|cn|tap the|ca nhan)\s*/\s*(tt|cn|tap the|ca nhan)\b")
_SLASHED_RECIPIENTS = {"tt": "tap_the", "tap the": "tap_the", "cn": "ca_nhan", "ca nhan": "ca_nhan"}

#: A count glued to an abbreviated recipient in capitals ("38CN", "03TT").
_GLUED_COUNT = re.compile(r"^(\d{1,4})([A-ZĐ]{2,3})$")

#: Words between the counts of a cell that names each count's recipient ("23 tập thể, 96 cá nhân").
_COUNT_SEPARATORS = frozenset(w.lower() for w in _WORDING["count_separators"]["words"])


def recipient_counts(p: Piece | None) -> list[tuple[int, str]] | None:
    """A cell made only of counts each followed by its recipient ("27 cá nhân", "05 TT, 12 CN"), else None.

    A bracketed remark is skipped ("07 cá nhân (trong đó 03 nữ)"): its numbers are sub-counts.
    """
    found = _recipient_counts(p)
    return [(v, rec) for v, rec, _s, _e in found] if found is not None else None


def _recipient_counts(p: Piece | None) -> list[tuple[int, str, int, int]] | None:
    """`recipient_counts` with each count's character span in the cell (start, end of "96 cá nhân")."""
    if p is None or p.doc is None:
        return None
    doc = p.doc
    recipient_at = {e.start: (e.end, e.ent_id_) for e in doc.ents if e.label_ == "RECIPIENT"}
    out: list[tuple[int, str, int, int]] = []
    pending: tuple[int, int] | None = None  # (value, start character)
    depth = 0
    i = 0
    while i < len(doc):
        tok = doc[i]
        word = tok.text
        low = word.lower()
        i += 1
        if word in "([":
            depth += 1
        elif word in ")]":
            depth = max(0, depth - 1)
        elif depth or not word.strip():
            pass
        elif pending is not None and (i - 1 in recipient_at or fold_keep_length(low) in _SHORT_RECIPIENTS):
            end, recipient = recipient_at.get(i - 1, (i, _SHORT_RECIPIENTS.get(fold_keep_length(low), "")))
            last = doc[end - 1]
            out.append((pending[0], recipient, pending[1], last.idx + len(last.text)))
            pending, i = None, end
        elif pending is None and (v := count_value(word) if count_value(word) is not None else spelled_count(low)) is not None:
            pending = (v, tok.idx)
        elif pending is None and (glued := _GLUED_COUNT.match(word)) and fold_keep_length(glued.group(2).lower()) in _SHORT_RECIPIENTS:
            # "38CN": OCR lost the space between the count and its abbreviated recipient
            out.append((int(glued.group(1)), _SHORT_RECIPIENTS[fold_keep_length(glued.group(2).lower())], tok.idx, tok.idx + len(word)))
        elif pending is None and low in _COUNT_SEPARATORS:
            pass
        else:
            return None
    return out if out and pending is None else None


def _ents(p: Piece | None, *labels: str) -> list[DocSpan]:
    """The entities of a piece with one of the labels, in order."""
    if p is None or p.doc is None:
        return []
    return [e for e in p.doc.ents if e.label_ in labels]


def _cue(p: Piece | None, *labels: str) -> bool:
    if p is None or p.doc is None:
        return False
    return any(c.label_ in labels for c in p.doc.spans["cues"])


_CONVENTIONAL_ORDER = ("tap_the", "ca_nhan", "ho_gia_dinh")


def _title_recipient(label: list[Piece], glued: bool = False) -> str | None:
    """The one kind of recipient the awards a row's label names are given to ("Lao động tiên tiến": cá nhân),
    None when they name none or several; `glued` reads a label OCR glued ("Chiến sỹ thiđuacơ sở") too."""
    awards = {e.ent_id_ for q in label for e in _ents(q, "AWARD")}
    if not awards and glued and (word := glued_award(" ".join(fold_keep_length(q.text) for q in label))):
        awards = {word}
    whom = {DEFAULT_RECIPIENT.get(a) for a in awards}
    return next(iter(whom)) if len(whom) == 1 else None


def _recipients_by_titles(
    cells: list[list[Piece | None]], text: list[list[str]], body_rows: list[int], candidates: set[int]
) -> dict[int, str]:
    """Recipients of 2 or 3 adjacent count columns whose header OCR lost, told by the rows of titles given to one
    kind of recipient only ("Lao động tiên tiến": cá nhân; "Tập thể lao động tiên tiến": tập thể).

    Tables put tập thể, cá nhân, hộ gia đình in that order; the order is taken only when such rows fill one
    column each, in at least two different columns, and none contradicts it. Empty when not so.
    """
    cols = sorted(c for c in candidates if c >= 1)
    if len(cols) not in (2, 3) or cols[-1] - cols[0] != len(cols) - 1:
        return {}
    order = dict(zip(cols, _CONVENTIONAL_ORDER))
    witnessed: set[int] = set()
    for r in body_rows:
        label = [q for c in range(cols[0]) if c < len(cells[r]) and (q := cells[r][c]) is not None]
        if (whom := _title_recipient(label, glued=True)) is None:
            continue
        filled = [c for c in cols if c < len(text[r]) and (count_value(text[r][c]) or 0) > 0]
        if len(filled) != 1:
            continue
        if order[filled[0]] != whom:
            return {}
        witnessed.add(filled[0])
    return order if len(witnessed) >= 2 else {}


def _slashed_votes(cells: list[list[Piece | None]], text: list[list[str]], block: int) -> list[tuple[tuple[int, int], int, str]]:
    """((block, row), side, recipient) of every slashed count cell ("-/09", "33/-") with one side filled in a
    row whose label names a title of one kind of recipient (Lao động tiên tiến: cá nhân)."""
    votes: list[tuple[tuple[int, int], int, str]] = []
    for r, row in enumerate(text):
        for col in range(1, len(row)):
            if not (m := _SLASHED_COUNTS.match(row[col])):
                continue
            label = [q for c in range(col) if c < len(cells[r]) and (q := cells[r][c]) is not None and not _SLASHED_COUNTS.match(row[c])]
            if (whom := _title_recipient(label)) is None:
                continue
            filled = [k for k in (0, 1) if (count_value(m.group(k + 1)) or 0) > 0]
            if len(filled) == 1:
                votes.append(((block, r), filled[0], whom))
    return votes


def _slashed_order(votes: list[tuple[tuple[int, int], int, str]]) -> tuple[str, str] | None:
    """The order of recipients at least two rows of titles tell, none against; None otherwise."""
    for order in (("tap_the", "ca_nhan"), ("ca_nhan", "tap_the")):
        if len({row for row, _k, _w in votes}) >= 2 and all(order[k] == whom for _row, k, whom in votes):
            return order
    return None


def _near(word: str, target: str) -> bool:
    """A folded word OCR read one letter off its target ("then" for "khen"), or the target itself."""
    return len(word) >= len(target) - 1 and Levenshtein.distance(word, target) <= 1


def _garbled_award_head(head: str) -> str | None:
    """The award a scanned header over a group of recipient columns names when OCR garbled it past the
    lexicon ("Giây tịch | then cúi: Chú JBND h ryện", "Băng tịch | khen cú UBND | › Chú tỉnh"): Giấy khen by
    its first word, Bằng khen and Cờ thi đua with a provincial or national giver's word; None when unsure
    (another body's award, two awards, no giver)."""
    words = re.findall(r"[a-z]+", head)
    if not words or names_other_body(head):
        return None
    giay = any(len(w) == 4 and _near(w, "giay") for w in words) and any(_near(w, "khen") or _near(w, "chen") for w in words)
    bang = "bang" in words and any(_near(w, "khen") for w in words)
    co = "co" in words and "thi" in words and any(_near(w, "dua") for w in words)
    if giay + bang + co != 1:
        return None
    if giay:
        return "giay_khen"
    national = "tuong" in words or "ttg" in words or ("chinh" in words and "phu" in words)
    # a Bằng khen or Cờ of a Chủ tịch UBND is the province's (a district gives Giấy khen): "UBND tỉ th"
    provincial = "tinh" in words or "ubnd" in words or ("chu" in words and "tich" in words)
    if national == provincial:
        return None
    if bang:
        return "bang_khen_thu_tuong" if national else "bang_khen_tinh"
    return "co_thi_dua_chinh_phu" if national else "co_thi_dua_tinh"


def _garbled_group_awards(
    text: list[list[str]], h: int, col_recipient: dict[int, str], col_award: dict[int, str | None], is_colnum_row: Callable[[int], bool]
) -> set[int]:
    """In a scan, each run of recipient columns ("Tập thể | Cá nhân | HGĐ") with no award read in its header
    takes the award its joined header names, garbled (`_garbled_award_head`); the columns so given."""
    cols = sorted(col_recipient)
    given: set[int] = set()
    if not cols:
        return given
    first = col_recipient[cols[0]]
    runs: list[list[int]] = []
    for c in cols:
        if col_award.get(c):
            continue  # a column whose header names its award ends a run
        if runs and c == runs[-1][-1] + 1 and col_recipient[c] != first:
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        joined = " ".join(dict.fromkeys(
            fold_keep_length(text[r][c]).lower() for r in range(h) if not is_colnum_row(r) for c in run if text[r][c].strip()
        ))
        if (award := _garbled_award_head(joined)) is not None:
            for c in run:
                col_award[c] = award
            given.update(run)
    return given


def _as_long_as_read(value: int, cell: str) -> bool:
    """Whether a value derived for an unreadable cell has as many digits as OCR saw letters and digits there
    ("1l7" for 117, "S3" for 53, "U1" for 01, "5)" for 3), when OCR saw a digit at all ("Sử.", "ĐI" say
    nothing): a value of another length means another cell of the column was misread too (a "7" read as "!/")."""
    if not any(ch.isdigit() for ch in cell):
        return True
    seen = sum(ch.isalnum() for ch in cell)  # a letter may stand for a digit ("S3", "2À")
    return len(str(value)) <= seen <= max(len(str(value)), 2)  # "U1" for a zero-padded 01


#: A note telling the award was submitted ("Đã trình UBND tỉnh", "Trình Bộ", "Đề nghị …"), folded.
_SUBMITTED_NOTE = re.compile(r"^\W*(?:da |dang )?(?:trinh|de nghi)\b")
#: A decision's number in a note ("QĐ số 120/QĐ-UBND", "1302/QĐ-CTN"), folded.
_DECISION_NUMBER = re.compile(r"\d+\s*/\s*qd|\bqd+\s*so\s*\d|\bquyet dinh so\s*\d")
#: A count, or a dash for none, then a note a scan without rules set in the same cell ("118 QĐ 09/QĐ-LNKC",
#: "-__Đã trình UBND tỉnh"): the note opens with a word of decisions or statuses.
_COUNT_THEN_NOTE = re.compile(r"^\s*(\d{1,4}|[-–—]+)[\s_]+(?=(?:QĐ+|Quyết|TTr|Tờ|Đã|Đang|Chờ|Chưa|Số|CV|Công văn)(?!\w))", re.IGNORECASE)


def _split_glued_notes(text: list[list[str]], cells: list[list[Piece | None]], tails: dict[int, str]) -> None:
    """In a scanned table without rules, a column whose cells glue a count to the note after it (two rows at
    least) keeps the counts; the notes go to `tails`, per row, for the pending/granted checks."""
    n_cols = max((len(row) for row in text), default=0)
    for c in range(1, n_cols):
        hits = [(r, m) for r, row in enumerate(text) if c < len(row) and (m := _COUNT_THEN_NOTE.match(row[c]))]
        if len(hits) < 2:
            continue
        for r, m in hits:
            tails[r] = text[r][c][m.end() :]
            text[r][c] = m.group(1)
            piece = cells[r][c] if c < len(cells[r]) else None
            if piece is not None:
                cells[r][c] = Piece(piece.text[m.start(1) : m.end(1)], piece.span_of(m.start(1), m.end(1)), piece.zone)


def _fill_recipient_cycle(col_recipient: dict[int, str], numeric: set[int]) -> set[int]:
    """In a scan, a column of counts inside a block of recipient columns that repeats a cycle ("TT | CN" per
    period, "TT | CN | HGĐ" per award) whose recipient header OCR garbled ("ÿ bí b") takes the cycle's
    recipient; the columns so filled (for review). The cycle must be seen whole twice and never broken."""
    known = sorted(col_recipient)
    if len(known) < 3:
        return set()
    lo, hi = known[0], known[-1]
    gaps = [c for c in range(lo, hi + 2) if c not in col_recipient and c in numeric]
    if not gaps:
        return set()
    for period in (2, 3):
        cycle: dict[int, str] = {}
        if any(cycle.setdefault((c - lo) % period, col_recipient[c]) != col_recipient[c] for c in known):
            continue
        if len(set(cycle.values())) != period or len(known) < 2 * period - 1:
            continue
        filled = {c for c in gaps if (c - lo) % period in cycle and (c <= hi or (c - lo) % period == period - 1)}
        for c in filled:
            col_recipient[c] = cycle[(c - lo) % period]
        return filled
    return set()


def _award_table(view: DocumentView, b: Table, cells: list[list[Piece | None]]) -> tuple[list[Count], bool]:
    """The counts of one table, and whether it has a row per member of the cluster."""
    rows = b.rows
    n_cols = b.n_cols
    text = [[rows[r][c].text if c < len(rows[r]) else "" for c in range(n_cols)] for r in range(len(rows))]
    ocr = view.document.ocr
    tails: dict[int, str] = {}  # per row, the note a scan without rules glued to a count ("118 QĐ 09/QĐ-…")
    if ocr:
        cells = [list(row) for row in cells]
        _split_glued_notes(text, cells, tails)

    def is_colnum_row(r: int) -> bool:
        vals = [re.sub(r"\s+", "", fold_keep_length(t)) for t in text[r] if t.strip()]
        return len(vals) >= 2 and all(_COLNUM.match(v) for v in vals)

    # The header ends at the first row with a count in a column other than the first (STT), or
    # before it at a numbered row ("1 | Bằng khen ... | (empty)" over its "- Tập thể | 02" rows).
    def counts_at(r: int, c: int) -> list[tuple[int, str, int, int]] | None:
        """The counts with recipients (and their spans) of a cell ("23 tập thể, 96 cá nhân"; "05/11" under a
        "(TT/CN)" header), None for any other cell."""
        if c >= len(cells[r]):
            return None
        if (m := _SLASHED_COUNTS.match(text[r][c])) and (order := _slashed_head(c, r) or slashed_by_titles(c)):
            return [(count_value(m.group(k + 1)) or 0, whom, m.start(k + 1), m.end(k + 1)) for k, whom in enumerate(order)
                    if count_value(m.group(k + 1))]
        return _recipient_counts(cells[r][c])

    slashed_guess: dict[int, tuple[str, str] | None] = {}

    def slashed_by_titles(c: int) -> tuple[str, str] | None:
        """The recipients of column c's "04/13" cells when no header above names them ("Số lượng (TT/CN)" OCR'd
        as "Số | hiợng (T1 | 'CN)"): told by rows of titles only collectives or only individuals receive
        ("-/287" for Lao động tiên tiến), at least two of them, none against; for review."""
        if c not in slashed_guess:
            if view.slashed_votes is None:
                # a report keeps one order throughout: every table's title rows vote (the titles may sit in
                # the part of the table after a page break)
                view.slashed_votes = [
                    v for t in view.document.tables()
                    for v in _slashed_votes(view.table_cells(t), [[x.text for x in row] for row in t.rows], t.index)
                ]
            slashed_guess[c] = order = _slashed_order(view.slashed_votes)
            if order:
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), cột {c}: OCR không đọc được tiêu đề «TT/CN» của các ô «a/b»; hiểu là "
                    + "/".join(RECIPIENT_LABELS.get(w, w) for w in order)
                    + " theo các dòng danh hiệu chỉ của tập thể hoặc cá nhân, cần kiểm tra lại"
                )
        return slashed_guess[c]

    def _slashed_head(c: int, r: int) -> tuple[str, str] | None:
        """The recipients, in order, a "TT/CN" header above row r of column c names."""
        for k in range(r):
            if (m := _SLASHED_HEAD.search(fold_keep_length(text[k][c]).lower())):
                return _SLASHED_RECIPIENTS[m.group(1)], _SLASHED_RECIPIENTS[m.group(2)]
        return None

    def period_header(r: int) -> bool:
        """A header row of periods whose "9 tháng" OCR split over two cells ("9" | "tháng"): one number at most."""
        joined = " ".join(fold_keep_length(x) for x in text[r][1:])
        return sum(count_value(x) is not None for x in text[r][1:]) <= 1 and _period_rank(joined) is not None

    h = next(
        (
            r
            for r in range(len(rows))
            if not is_colnum_row(r)
            and any(count_value(text[r][c]) is not None or counts_at(r, c) for c in range(1, n_cols))
            and not (ocr and period_header(r))
        ),
        None,
    )
    if h is None:
        return [], False
    h = next((r for r in range(1, h) if _ROW_NUMBER.match(fold_keep_length(text[r][0])) and not is_colnum_row(r)), h)
    col_head = []
    for c in range(n_cols):
        parts: list[Piece] = []
        for r in range(h):
            if is_colnum_row(r):
                continue
            p = view.cells.get((b.index, r, c))
            if p is None:  # a merged repeat: its text belongs to this column too
                p = _origin_piece(view, b, r, c)
            if p is not None and p not in parts:
                parts.append(p)
        col_head.append(parts)
    col_recipient: dict[int, str] = {}
    col_award: dict[int, str | None] = {}
    excluded: set[int] = set()
    proposal_cols: set[int] = set()
    # Only columns holding counts can be count columns ("Cơ quan, đơn vị" names the rows).
    # Rows with no count anywhere (a section row "II | Đã đề nghị …" that OCR split over the columns)
    # say nothing about which columns hold counts.
    body_rows = [
        r
        for r in range(h, len(rows))
        if not is_colnum_row(r) and any(_cell_count(text[r][c], ocr) != (None, False) or counts_at(r, c) for c in range(1, n_cols))
    ]
    def mostly_counts(c: int) -> bool:
        """`_mostly_counts` of column c's body cells, with the indexes of its cells of counts with recipients."""
        rows_c = [r for r in body_rows if c < len(text[r]) and not is_repeat(b, r, c)]
        multi = frozenset(k for k, r in enumerate(rows_c) if counts_at(r, c))
        return _mostly_counts([text[r][c] for r in rows_c], _is_period_column(col_head[c]), multi)

    numeric = {
        c
        for c in range(n_cols)
        # a section row merged across the table ("I | Cấp tỉnh | < | <") repeats its label in every column
        if not any(
            not _blank(text[r][c])
            and not is_repeat(b, r, c)
            and not (ocr and _stray_mark(text[r][c]))
            and _cell_count(text[r][c], ocr) == (None, False)
            and not counts_at(r, c)
            for r in body_rows
        )
        # an OCR'd column of counts with a few cells read as letters ("Sử.", "ĐI"): unreadable cells
        or (ocr and mostly_counts(c))
    }
    short = _short_recipients(text, h, is_colnum_row)
    head_recipient: dict[int, str] = {}  # every column's, a column of cells OCR could not read too
    for c, parts in enumerate(col_head):
        rec = [e.ent_id_ for p in parts for e in _ents(p, "RECIPIENT")]
        if not rec and ocr:
            rec = [who for p in parts if (who := glued_recipient(p.text))]  # "Cá nhâ n"
        if not rec and c in short:
            rec = [short[c]]
        aw = [e.ent_id_ for p in parts for e in _ents(p, "AWARD")]
        if rec:
            head_recipient[c] = rec[-1]
            if c in numeric:
                col_recipient[c] = rec[-1]
        col_award[c] = aw[-1] if aw else None
        if any(_cue(p, "COMPARISON") for p in parts) or _earlier_year_head(" ".join(fold_keep_length(p.text) for p in parts), view.year):
            excluded.add(c)
        elif any(_cue(p, "PROPOSAL") for p in parts):
            proposal_cols.add(c)
    if ocr:
        cycled = _fill_recipient_cycle(col_recipient, numeric - excluded)
        proposal_cols |= _pending_pairs(text, h, col_recipient)
        garbled_cols = _garbled_group_awards(text, h, col_recipient, col_award, is_colnum_row) | cycled
    else:
        garbled_cols = set()
    # Caption: the paragraph just before the table ("Kết quả khen thưởng ... như sau:").
    caption_award: str | None = None
    caption_text = ""
    proposal_table = False
    prev = [p for p in view.pieces if p.span.block == b.index - 1 and p.span.row is None]
    if prev and prev[0].doc is not None and len(prev[0].text) < 300:
        aws = _ents(prev[0], "AWARD")
        caption_award = aws[-1].ent_id_ if aws else None
        caption_text = prev[0].text
        # A table introduced as proposals ("Danh sách đề nghị khen thưởng:") holds no conferred
        # awards, unless the lead-in also reports results ("đã thực hiện khen thưởng ... và đề nghị").
        proposal_table = _cue(prev[0], "PROPOSAL") and not _cue(prev[0], "DONE") and not _RESULTS.search(fold_keep_length(caption_text))
    # Several columns of one recipient: a column headed as a total ("Tổng số ... đã có quyết định")
    # stands for the others, which break it down; without one the columns are parallel groups
    # ("thường xuyên / chuyên đề / đột xuất" × tập thể / cá nhân) and are all summed.
    groups: dict[tuple[str | None, str, bool], list[int]] = defaultdict(list)
    for c in range(n_cols):
        if c not in excluded and c in col_recipient:
            groups[(col_award.get(c), col_recipient[c], c in proposal_cols)].append(c)
    heads = [" ".join(fold_keep_length(p.text) for p in parts) for parts in col_head]
    if ocr:
        # the table's own order of recipients starts at the first column of the recipient block, one whose
        # cells OCR could not read ("SÁo)") too
        start = min(col_recipient, default=0)
        while start - 1 in head_recipient and start - 1 > 0:
            start -= 1
        _join_pair_heads(heads, text, h, col_recipient, head_recipient.get(start))
    value_cols: set[int] = set()
    chosen: dict[tuple[str | None, str, bool], list[int]] = {}
    for group, cols in groups.items():
        totals = [c for c in cols if _TOTAL_HEAD.search(heads[c])]
        chosen[group] = totals[:1] or _cumulative(cols, heads, ocr) or _last_sums_the_rest(cols, text, body_rows, ocr) or cols
    for (g_award, g_whom, g_pending), cols in groups.items():
        picked = chosen[(g_award, g_whom, g_pending)]
        if ocr and len(picked) > 1 and picked == cols:
            # no column of this recipient stands out (a header OCR garbled, a column dropped out): the one
            # beside the column its pair's other recipient takes, under the same header above ("Cả năm"
            # merged over "TT | CN")
            beside = {
                c for (a2, w2, p2), got in chosen.items() if (a2, p2) == (g_award, g_pending) and w2 != g_whom and len(got) == 1
                for c in (got[0] - 1, got[0] + 1)
                if c in cols and h > 1
                and all(text[r][c] == text[r][got[0]] for r in range(h) if not is_colnum_row(r) and not glued_recipient(text[r][c]))
            }
            picked = sorted(beside)[:1] if len(beside) == 1 else picked
        value_cols.update(picked)
    # A table continued after a page break often repeats only the "(1) (2) ..." row: it takes the
    # columns of the award table just before it when the grid has the same width.
    prev_layout = view.table_layout
    if not groups and prev_layout and prev_layout.n_cols == n_cols and b.index - prev_layout.block <= 2:
        col_recipient, col_award, value_cols = prev_layout.recipients, prev_layout.awards, prev_layout.values
    if not value_cols:
        # no recipient columns: a "Số lượng" column with the recipient in the row label
        value_cols = {c for c in range(1, n_cols) if c not in excluded and _COUNT_HEAD.search(" ".join(fold_keep_length(p.text) for p in col_head[c]))}
    by_award: dict[str | None, list[int]] = defaultdict(list)
    for c in range(1, n_cols):
        if c in numeric and c not in excluded:
            by_award[col_award.get(c)].append(c)
    if not value_cols:
        # a column per period ("Quý I | Quý II | Quý III | Lũy kế"), recipients in the row labels; under
        # merged award headers ("Bằng khen ... | Giấy khen ...") a cumulative column per award
        value_cols = {c for cols in by_award.values() for c in _cumulative(cols, heads, ocr)}
    if not value_cols:
        # an award per column ("Bằng khen ... | Giấy khen ..."), recipients in the row labels
        value_cols = {c for award, cols in by_award.items() if award for c in cols}
    if not value_cols:
        # one column of counts left ("Năm 2022" beside an excluded "Năm 2021", "SL"): recipients in the row labels
        rest = [c for c in range(1, n_cols) if c in numeric and c not in excluded and c not in proposal_cols]
        value_cols = set(rest) if len(rest) == 1 else set()
    if not value_cols and ocr and (read := _recipients_by_titles(cells, text, body_rows, numeric - excluded - proposal_cols)):
        # a scan whose recipient header row OCR lost ("Số lượng" over an empty "Tập thể | Cá nhân | HGĐ" row)
        col_recipient = read
        value_cols = set(read)
        guessed_heads = True
        view.warnings.append(
            f"bảng số liệu khen thưởng (khối {b.index}): OCR không đọc được tiêu đề các cột số; hiểu là "
            + " | ".join(RECIPIENT_LABELS.get(read[c], read[c]) for c in sorted(read))
            + " theo các dòng danh hiệu chỉ của tập thể hoặc cá nhân, cần kiểm tra lại"
        )
    else:
        guessed_heads = False
    if not value_cols:
        return [], False
    # the columns found, whichever way, for a continuation after a page break that repeats only "(1) (2) …"
    view.table_layout = TableLayout(n_cols, b.index, col_recipient, col_award, value_cols)
    label_cols = [c for c in range(n_cols) if c not in value_cols and c not in col_recipient]
    first_value = min(value_cols)
    found: list[tuple[int, tuple[str, bool], int, Piece, bool]] = []  # (row, (metric, proposed), value, piece, total)
    column: dict[tuple[int, tuple[str, bool]], int] = {}  # (row, key) -> the value column it was read in
    unreadable: list[tuple[int, int, tuple[str, bool], Piece]] = []  # OCR'd cells that are no number
    col_totals: dict[int, list[int]] = defaultdict(list)  # values of "Cộng/Tổng cộng" rows per column
    col_sums: dict[int, int] = defaultdict(int)
    col_unread: dict[int, int] = defaultdict(int)  # cells per column that are no number, whichever row
    carry = view.table_carry
    if carry is not None and carry[1] == n_cols and 0 < b.index - carry[0] <= 2:
        col_sums.update(carry[2])  # the part of the same table before a page break
    view.table_carry = None
    parent_award: str | None = None
    if (pc := view.parent_carry) is not None and pc[1] == n_cols and 0 < b.index - pc[0] <= 2:
        parent_award = pc[2]  # "2 | BK của CT UBND tỉnh | |" at a page's foot, its "- Tập thể | 01" on the next
    section_proposed = False  # under a section row of proposals
    rows_name_awards = False  # some row above named its award
    unit_row_count = 0  # rows naming a member of the cluster
    in_breakdown = False  # among the rows of a "Trong đó" breakdown
    last_counted: int | None = None  # the last row with a count in a value column
    nameless: set[int] = set()  # rows naming no member, no award and no total
    row_numbered: dict[int, bool] = {}
    row_label: dict[int, str] = {}  # folded label text per row
    derived: set[int] = set()  # ids of pieces whose value was derived or does not check: for review
    # In an OCR'd table with a column per quarter beside the cumulative one, the quarters check it.
    # With recipient column groups ("Quý I: TT | CN ..."), a cumulative column's parts are its own group's
    # other columns, whose quarter headers OCR may have garbled.
    group_of = {c: cols for cols in groups.values() for c in cols}
    # a value column chosen by position under an unreadable header: its values are checked by a reviewer
    guessed = {c for c in value_cols if ocr and _period_rank(heads[c]) is None and any(_period_rank(heads[q]) for q in group_of.get(c, []))}
    if guessed_heads:
        guessed |= value_cols
    guessed |= garbled_cols & value_cols  # an award read from a garbled header: for review
    part_cols = {
        c: (
            [q for q in group_of[c] if q != c and q in numeric and (_period_rank(heads[q]) or 1) == 1]
            if c in group_of
            else [q for q in sorted(numeric) if q != c and q not in excluded and _period_rank(heads[q]) == 1]
        )
        for c in value_cols
        if ocr and (_period_rank(heads[c]) or 0) > 1
    }

    def _sum_of_parts(r: int, c: int) -> int | None:
        """The sum of row r's quarter cells beside cumulative column c, None unless every filled one reads as a number."""
        cols = part_cols.get(c)
        if not cols:
            return None
        vals = [_cell_count(text[r][q], True) for q in cols if q < len(text[r]) and not _blank(text[r][q])]
        if not vals or any(v is None for v, _bad in vals):
            return None
        return sum(v for v, _bad in vals if v is not None)

    def _sum_of_count_cells(r: int, c: int) -> dict[str, int] | None:
        """Per recipient, the sum of row r's quarter cells of counts with recipients ("05 TT, 12 CN") beside
        cumulative column c; None unless every filled one reads so."""
        sums: dict[str, int] = defaultdict(int)
        for q in part_cols.get(c) or []:
            if q >= len(text[r]) or _blank(text[r][q]):
                continue
            parts = counts_at(r, q)
            if not parts:
                return None
            for value, whom, _s, _e in parts:
                sums[whom] += value
        return dict(sums) or None

    for r in range(h, len(rows)):
        if is_colnum_row(r):
            continue
        label_pieces = [q for c in label_cols if c < len(cells[r]) and (q := cells[r][c]) is not None]
        label_text = " ".join(fold_keep_length(p.text) for p in label_pieces)
        row_label[r] = label_text
        row_numbered[r] = bool(label_pieces and re.match(r"^\s*(\d+|[ivx]+)\s*[.)]?\s*$", fold_keep_length(text[r][0])))
        if any(_cue(p, "COMPARISON") for p in label_pieces):
            continue
        # status and note cells after the counts ("Chưa có Quyết định", "Đã có Quyết định số 2231/QĐ-UBND")
        notes = [fold_keep_length(text[r][c]) for c in range(first_value + 1, min(len(rows[r]), n_cols)) if c not in value_cols]
        if r in tails:
            notes.append(fold_keep_length(tails[r]))
        decided = any(_DECISION_NUMBER.search(note) or GRANTED.search(note) for note in notes)
        row_proposed = proposal_table or any(_cue(p, "PROPOSAL") for p in label_pieces) or any(
            # one that only says the decision is awaited ("Chưa có QĐ", "Chờ QĐ", no number), or that the award
            # was submitted ("Đã trình UBND tỉnh (TTr 05/TTr-…)") in a row citing no decision anywhere
            (not any(ch.isdigit() for ch in note) and PENDING.search(note)) or (_SUBMITTED_NOTE.match(note) and not decided)
            for note in notes
        )
        # awards named in a note after the counts ("QĐ số … về việc tặng Giấy khen …") are not the row's
        awards = [e for p in label_pieces if p.span.col is None or p.span.col < first_value for e in _ents(p, "AWARD", "OTHER_HONOUR")]
        recips = [e.ent_id_ for p in label_pieces for e in _ents(p, "RECIPIENT")]
        total = bool(_TOTAL_LABEL.match(re.sub(r"^\s*[\divx]+\s*[.)]?\s*", "", label_text) or label_text)) or bool(_TOTAL_LABEL_START.match(label_text.strip()))
        if not awards and not recips and not total and not any(
            c < len(rows[r]) and (_cell_count(text[r][c], ocr)[0] or counts_at(r, c)) for c in value_cols
        ):
            # a section row without counts ("II | Đã đề nghị, đang chờ Quyết định"): its rows are
            # proposals when it says so, until the next section row
            row_text = " ".join(dict.fromkeys(fold_keep_length(x).lower() for x in text[r] if x.strip()))
            section_proposed = row_proposed or _PROPOSAL_SECTION.search(re.sub(r"\s+", " ", row_text)) is not None
            continue
        # "Trong đó: - Khen thưởng chuyên đề | 12 | 30" and its "- …" rows under a row with counts: sub-counts
        lead = label_text.strip()
        if _BREAKDOWN_LABEL.match(lead) and last_counted is not None:
            in_breakdown = True
        elif in_breakdown and not (lead.startswith(("-", "+")) and not row_numbered[r] and not total):
            in_breakdown = False
        if in_breakdown:
            continue
        if any(c < len(rows[r]) and _cell_count(text[r][c], ocr)[0] for c in value_cols):
            last_counted = r
        # a note after the counts telling the decision ("Đã có Quyết định số 2231/QĐ-UBND") grants a row of a
        # section of proposals ("II | Đề nghị cấp trên khen thưởng")
        row_granted = any(GRANTED.search(note) and not PENDING.search(note) for note in notes)
        row_proposed = (row_proposed or section_proposed) and not row_granted
        # every number of the column, whatever its row names, for the total check; but not a proposal's in a
        # table of awards given too: its "Cộng" row counts what was given
        for c in value_cols if not total and not (row_proposed and not proposal_table) else ():
            v = _cell_count(text[r][c], ocr)[0] if c < len(rows[r]) and not is_repeat(b, r, c) else None
            col_sums[c] += v or 0
            if v is None and c < len(rows[r]) and not _blank(text[r][c]) and not (ocr and _stray_mark(text[r][c])) and not counts_at(r, c):
                col_unread[c] += 1  # any row's, another member's too: the total then tells no one cell
        # a member named in a note after the counts ("Huyện đoàn Ba Tơ" as the giver) makes no row of a member
        named = {
            u.name for q in label_pieces if q.span.col is None or q.span.col < first_value for u, _, _ in find_units(q.text, view.units)
        } if view.units else set()
        if named:
            unit_row_count += 1  # a row per member (the head's report): only the reporting unit's row is its own
            if view.unit_name not in named or len(named) > 1:
                continue
        elif not awards and not total:
            nameless.add(r)
        glued = glued_award(label_text) if ocr and not awards and not total else None  # "Chiến sỹ thiđuacơ sở"
        if awards or glued:
            real = [e for e in awards if e.label_ == "AWARD"]
            row_award = real[0].ent_id_ if real else glued
            if row_award is None:
                # "Bằng khen | Chủ tịch UBND tỉnh": the giver in a column of its own ("Cấp quyết định"), or on the
                # label's next line that a scan without rules read as a row of its own ("UBND tỉnh | - | |")
                giver_text = " ".join(p.text for p in label_pieces)
                if r + 1 < len(rows) and not _ROW_NUMBER.match(fold_keep_length(text[r + 1][0])) and all(
                    _blank(text[r + 1][c]) or count_value(text[r + 1][c]) in (None, 0) for c in value_cols if c < len(text[r + 1])
                ):
                    nxt = [q for c in label_cols if c < len(cells[r + 1]) and (q := cells[r + 1][c]) is not None]
                    if not any(_ents(q, "AWARD", "OTHER_HONOUR") for q in nxt):
                        giver_text += " " + " ".join(q.text for q in nxt)
                row_award = next((a for e in awards if (a := award_of_giver(e.ent_id_, giver_text))), None)
            if row_award is None and caption_text:
                # "Chủ tịch UBND tỉnh khen thưởng:" over a row "Bằng khen": the caption names the giver
                row_award = next((a for e in awards if (a := award_of_giver(e.ent_id_, caption_text))), None)
            parent_award = row_award
            rows_name_awards = True
            if row_award is None:
                continue
        elif recips and not any(
            not _ents(p, "RECIPIENT") and not _ROW_NUMBER.match(fold_keep_length(p.text)) and not _blank(p.text)
            for p in label_pieces
            if p.span.col is None or p.span.col < first_value  # a note after the counts ("Năm 2022 (QĐ ...)") is no label
        ):
            row_award = parent_award  # "- Tập thể" under a "Giấy khen ..." row, not under a label OCR could not read
        elif (
            parent_award and not recips and not total and not row_numbered[r] and r - 1 >= h
            and any(p.text.strip()[:1].islower() for p in label_pieces)
            and all(_blank(text[r - 1][c]) for c in value_cols if c < len(text[r - 1]))
        ):
            # "2 | Giấy khen của Chủ tịch Ủy ban nhân dân | | " over " | huyện | 39 | 112": the label goes on
            row_award = parent_award
        else:
            row_award = None
        # a numbered row naming no award and no recipient, in a table whose rows name their awards or with
        # words OCR glued ("Giấy khencủaChủ", "thiđuacơ"), is a label OCR garbled: it takes no caption award
        garbled = (
            ocr and row_numbered[r] and not awards and not recips and not total
            and (rows_name_awards or any(_glued(q.text) for q in label_pieces))
        )
        caption_for_row = None if garbled else caption_award
        for c in sorted(value_cols):
            if c >= len(rows[r]) or is_repeat(b, r, c):
                continue
            v, bad = _cell_count(text[r][c], ocr)
            bad = bad or (ocr and v is None and _letters_for_digits(text[r][c]))  # "ĐI" in a column of counts
            multi = counts_at(r, c) if v is None else None
            bad = bad and not multi  # "389CN": a glued count and recipient, not a misread number
            if ocr and v is None and not multi and not total and not _blank(text[r][c]) and (sums := _sum_of_count_cells(r, c)):
                # a cumulative cell of counts with recipients OCR garbled ("20 1Ì, D2 CN"): the sums of the
                # row's quarter cells ("05 TT, 12 CN" ...), for review
                award = row_award or col_award.get(c) or caption_for_row
                piece = cells[r][c] or _origin_piece(view, b, r, c)
                if award is not None and piece is not None:
                    derived.add(id(piece))
                    said = ", ".join(f"{value} {RECIPIENT_LABELS.get(whom, whom)}" for whom, value in sums.items())
                    view.warnings.append(
                        f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}, cột «{heads[c].strip()}»: OCR đọc «{text[r][c]}»"
                        f" không ra số; lấy {said} = cộng các cột quý của dòng, cần kiểm tra lại"
                    )
                    for whom, value in sums.items():
                        key = (f"{award}.{whom}", row_proposed or c in proposal_cols)
                        found.append((r, key, value, piece, total))
                        column[(r, key)] = c
                continue
            if v is None and not bad and not multi and ocr and not total and (_sum_of_parts(r, c) or 0) > 0:
                bad = True  # a scanned cumulative cell read as a speck (".") beside counted quarters: derived below
            specked = None  # the recipient a count glued to specks names ("58€©N": "N" of "CN")
            if ocr and v is None and not bad and not multi and not total and (m := _COUNT_SPECKS.match(text[r][c])):
                v, specked = int(m.group(1)), _SPECK_RECIPIENT.get(m.group(2).rstrip()[-1:].upper(), "")
            if ocr and v is None and not bad and not multi and not total and any(ch.isdigit() for ch in text[r][c]):
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}, cột «{heads[c].strip()}»: OCR đọc «{text[r][c]}»"
                    " không ra số, chưa tính, cần kiểm tra lại"
                )
            if not v and not bad and not multi:
                continue
            if multi:
                # "23 tập thể, 96 cá nhân": each count with its own recipient, the row's award; a total
                # row of a table whose rows name the awards is no award's ("Tổng cộng | 65 TT, 500 CN")
                if total and row_award is None and rows_name_awards:
                    continue
                award = row_award or col_award.get(c) or caption_for_row
                piece = cells[r][c]
                if award is None or piece is None:
                    continue
                for value, whom, start, end in multi:
                    # no total check: the column mixes recipients, its sums mean nothing; each count
                    # keeps its own span ("96 cá nhân" of the cell) for the reviewer
                    key = (f"{award}.{whom}", row_proposed or c in proposal_cols)
                    part = Piece(piece.text[start:end], piece.span_of(start, end), piece.zone)
                    if slashed_guess.get(c) and _slashed_head(c, r) is None:
                        derived.add(id(part))  # the order of "04/13" told by the title rows: for review
                    found.append((r, key, value, part, total))
                    column[(r, key)] = c
                continue
            if total and v:
                col_totals[c].append(v)
            if total and row_award is None and rows_name_awards and not col_award.get(c):
                continue  # the total of rows of several awards: no award's figure
            award = row_award or col_award.get(c) or caption_for_row
            recipient = col_recipient.get(c) or (recips[0] if recips else None) or specked or (DEFAULT_RECIPIENT.get(award) if award else None)
            if award is None or recipient is None:
                continue
            piece = cells[r][c] or _origin_piece(view, b, r, c)
            if piece is None:
                continue
            if specked is not None:
                derived.add(id(piece))  # read through the specks: for review
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}, cột «{heads[c].strip()}»: OCR đọc «{text[r][c]}»;"
                    f" hiểu là {v} {RECIPIENT_LABELS.get(recipient, recipient)}, cần kiểm tra lại"
                )
            key = (f"{award}.{recipient}", row_proposed or c in proposal_cols)
            if (bad or v is None) and not total and (v := _sum_of_parts(r, c)) is not None:
                # an unreadable cumulative cell is the sum of the row's quarter cells, for review
                derived.add(id(piece))
                col_sums[c] += v
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}, cột «{heads[c].strip()}»: OCR đọc «{piece.text}»"
                    f" không ra số; lấy {v} = cộng các cột quý của dòng, cần kiểm tra lại"
                )
                bad = False
            elif bad and not total and (read_as := ocr_count(_OCR_EDGE.sub("", text[r][c]))) is not None:
                # a digit OCR read as the letter it looks like ("1Ì", "O5"): read so, for review
                derived.add(id(piece))
                col_sums[c] += read_as
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}, cột «{heads[c].strip()}»: OCR đọc «{piece.text}»;"
                    f" hiểu là {read_as}, cần kiểm tra lại"
                )
                v, bad = read_as, False
            elif bad or v is None:
                if not total:
                    unreadable.append((r, c, key, piece))
                continue
            elif ocr and not total and (parts_sum := _sum_of_parts(r, c)) is not None and parts_sum != v:
                derived.add(id(piece))  # the quarters do not add up to the cumulative cell: one was misread
                view.warnings.append(
                    f"bảng số liệu khen thưởng (khối {b.index}), dòng {r}: cột «{heads[c].strip()}» ghi {v}, các cột quý"
                    f" cộng lại {parts_sum} (có thể OCR đọc sai một số), cần kiểm tra lại"
                )
            if c in guessed:
                derived.add(id(piece))
            found.append((r, key, v, piece, total))
            column[(r, key)] = c
    if unit_row_count >= 2:
        # in a table of a row per member, a row naming neither a member nor an award is no member's own: the
        # total row OCR garbled ("Tốn | 1 cộng")
        found = [f for f in found if f[0] not in nameless]
    found = _unlabelled_total_row(found, row_numbered)
    # Rows per period ("Quý I | Quý II | Quý III | Lũy kế 9 tháng", the awards in the columns): the row
    # covering the most is the figure, as a cumulative column is.
    ranked = {r: rank for r in {f[0] for f in found} if (rank := _period_rank(row_label.get(r, ""))) is not None}
    if len(ranked) >= 2 and (top := max(ranked.values())) >= 2 and list(ranked.values()).count(top) == 1:
        found = [f for f in found if f[0] not in ranked or ranked[f[0]] == top]
    # Subtotal rows: a row whose value equals the sum of the unnumbered rows under it (same metric).
    drop: set[tuple[int, tuple[str, bool]]] = set()
    by_metric: dict[tuple[str, bool], list[tuple[int, int]]] = defaultdict(list)
    for r, metric, v, _p, total in found:
        if not total:
            by_metric[metric].append((r, v))
    for metric, items in by_metric.items():
        for k, (r, v) in enumerate(items):
            children = []
            for r2, v2 in items[k + 1 :]:
                if row_numbered.get(r2):
                    break
                children.append(v2)
            if children and sum(children) == v and row_numbered.get(r):
                drop.add((r, metric))
    for r, key, v, _p, total in found:
        if not total and (r, key) in drop:
            col_sums[column[(r, key)]] -= v  # a subtotal row is not added again
    if not col_totals:
        view.table_carry = (b.index, n_cols, dict(col_sums))
    view.parent_carry = (b.index, n_cols, parent_award)
    flagged = _check_totals(view, b, found, drop, column, unreadable, col_totals, col_sums, col_head, col_unread) if ocr and col_totals else set()
    flagged |= derived
    detail: dict[tuple[str, bool], list[tuple[int, Piece]]] = defaultdict(list)
    total_rows: dict[tuple[str, bool], list[tuple[int, Piece]]] = defaultdict(list)
    for r, metric, v, piece, total in found:
        if (r, metric) in drop:
            continue
        (total_rows if total else detail)[metric].append((v, piece))
    out: list[Count] = []
    for key in list(detail) + [m for m in total_rows if m not in detail]:
        # a total only when there are no detail rows, and never the total of a row per member
        kept = detail.get(key) or ([] if unit_row_count > 0 else total_rows[key][:1])
        for v, piece in kept:
            where = f"bảng, dòng {piece.span.row}, cột {piece.span.col}: {piece.text}"
            weight = view.config.figures.unchecked if id(piece) in flagged else view.config.figures.table
            out.append(Count(key[0], v, piece.span, where, weight * view.factor, key not in detail, key[1]))
    return out, unit_row_count > 0


def _unlabelled_total_row(
    found: list[tuple[int, tuple[str, bool], int, Piece, bool]], row_numbered: dict[int, bool]
) -> list[tuple[int, tuple[str, bool], int, Piece, bool]]:
    """The last row, unnumbered, whose every count is the sum of the rows above it of the same metric is
    the total row even when OCR garbled its label ("Cộitg | 21 TT, 26 CN"): it is marked as one."""
    rows = sorted({r for r, *_ in found})
    if len(rows) < 3:
        return found
    last = rows[-1]
    if row_numbered.get(last) or any(total for r, *_rest, total in found if r == last):
        return found
    mine = [(key, v) for r, key, v, _p, _t in found if r == last]
    sums = {key: sum(v for r, k, v, _p, total in found if k == key and r != last and not total) for key, _v in mine}
    above = {key: sum(1 for r, k, *_ in found if k == key and r != last) for key, _v in mine}
    if not mine or any(sums[key] != v for key, v in mine) or max(above.values()) < 2:
        return found
    return [(r, key, v, p, total or r == last) for r, key, v, p, total in found]


def _check_totals(
    view: DocumentView,
    b: Table,
    found: list[tuple[int, tuple[str, bool], int, Piece, bool]],
    drop: set[tuple[int, tuple[str, bool]]],
    column: dict[tuple[int, tuple[str, bool]], int],
    unreadable: list[tuple[int, int, tuple[str, bool], Piece]],
    col_totals: dict[int, list[int]],
    col_sums: dict[int, int],
    col_head: list[list[Piece]],
    col_unread: dict[int, int],
) -> set[int]:
    """Check each value column of an OCR'd table against its own total row; returns ids of the pieces to flag.

    Numbers that do not add up to the "Cộng/Tổng cộng" row are flagged (low confidence, a warning
    naming the column), never stored as if right. One unreadable OCR'd cell in a column with a total
    is derived from it (total minus the other rows) and flagged; other unreadable cells are warned of.
    Derived values are appended to `found`.
    """
    flagged: set[int] = set()
    for c in sorted({column[(r, k)] for r, k, *_ in found} | {u[1] for u in unreadable}):
        details = [(r, k, v, p) for r, k, v, p, total in found if not total and (r, k) not in drop and column.get((r, k)) == c]
        totals = col_totals.get(c, [])
        bad = [u for u in unreadable if u[1] == c]
        head = " ".join(p.text for p in col_head[c]).strip() or str(c)
        where = f"bảng số liệu khen thưởng (khối {b.index}), cột «{head}»"
        summed = col_sums.get(c, 0)
        if (
            len(totals) == 1 and len(bad) == 1 and col_unread.get(c, 1) <= 1
            and totals[0] - summed > 0 and _as_long_as_read(totals[0] - summed, bad[0][3].text)
        ):
            r, _c, key, piece = bad[0]
            value = totals[0] - summed
            found.append((r, key, value, piece, False))
            flagged.add(id(piece))
            view.warnings.append(
                f"{where}, dòng {r}: OCR đọc «{piece.text}» không ra số; lấy {value} = dòng tổng cộng {totals[0]}"
                " trừ các dòng khác, cần kiểm tra lại"
            )
            continue
        for r, _c, _key, piece in bad:
            view.warnings.append(f"{where}, dòng {r}: OCR đọc «{piece.text}» không ra số, chưa tính, cần kiểm tra lại")
        if len(totals) == 1 and details and (bad or summed != totals[0]):
            flagged.update(id(p) for *_, p in details)  # unreadable cells leave the column unchecked too
            view.warnings.append(
                f"{where}: các số cộng lại {summed}, khác dòng tổng cộng {totals[0]}"
                " (có thể OCR đọc sai một số), cần kiểm tra lại"
            )
    return flagged


def _origin_piece(view: DocumentView, b: Table, r: int, c: int) -> Piece | None:
    """The piece of the cell a merged repeat copies (left, then above)."""
    while c >= 0 and r >= 0:
        p = view.cells.get((b.index, r, c))
        if p is not None:
            return p
        if c > 0 and b.rows[r][c - 1].text == b.rows[r][c].text:
            c -= 1
        elif r > 0 and b.rows[r - 1][c].text == b.rows[r][c].text:
            r -= 1
        else:
            return None
    return None
