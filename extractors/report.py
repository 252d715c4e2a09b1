"""Read a district report (a Document) into Findings: unit, period, dates, task statements, award figures.

Pure: no database, no Prefect. The language work is done by the spaCy pipeline of extractors/nlp.py
(cue, period and award patterns are data in extractors/patterns/); this module decides what the
matches mean from where they sit in the document (header, title, body, tables, signature).

Rules, in short (each is explained where it is applied):
- unit: mentions of a cluster unit weighted by position; issuer and place-date lines of the header
  and the signature block outweigh the title, which outweighs the body; "Nơi nhận" lists count 0.
- period: the first period phrase of the title, then the opening and closing sentences of the body.
- task statements: clauses with a status cue (a marker such as "đã", "đang", "chưa", "sẽ", "dự
  kiến" before an action verb); negation wins inside a clause, clauses are cut at ";" and at
  "nhưng/tuy nhiên"; list items starting with an action verb take the section's default status
  (future in "phương hướng, nhiệm vụ ..." sections). Task tables give one statement per row.
- figures: counts of collectives/individuals/households tied to the nearest award; proposals,
  comparisons and "trong đó" breakdowns are dropped. In award tables detail rows win over
  "Cộng/Tổng cộng" rows, the first column of each recipient wins over breakdown columns, columns
  of proposals are skipped. When a metric is in an award table, prose mentions of the same metric
  are taken to restate the table and are not added (the table is the detailed tally).
  Figures are summed per metric: one Figure per metric, with the span of its first source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from thidua.core.document import Document, Paragraph, Span, Table
from thidua.core.findings import Figure, Findings, Located, Period, PeriodKind, Status, TaskStatement
from thidua.extractors.nlp import PATTERNS_DIR, _read_json, get_nlp
from thidua.core.text import fold
from thidua.core.units import UnitSpec, find_units, fold_keep_length

#: Confidence factor for anything read with OCR: reviewers should see those first.
OCR_FACTOR = 0.5

_DEFAULT_RECIPIENT: dict[str, str] = _read_json(PATTERNS_DIR / "awards_meta.json")["default_recipient"]
_STATUS_OF = {
    "DONE": Status.DONE,
    "IN_PROGRESS": Status.IN_PROGRESS,
    "NOT_DONE": Status.NOT_DONE,
    "PLANNED": Status.PLANNED,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Numbers: a count is digits, optionally grouped by "." in threes (Vietnamese "1.780"). A small
# regex rather than Babel: tokens are already isolated, and the strict three-digit grouping is all
# we need (a decimal "11,9" or "0.65" never is a count).
_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,5}$")

# Dates (on folded text, so "Ngày"/"ngày"/"NGÀY" and OCR'd marks all match).
_DATE_PATTERNS = [
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})\s*([/.\-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})(?![\d/])"),
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?!\s*/\s*\d)(?![\d])"),
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?!\s*(?:nam|/)\s*\d)(?!\d)"),
]
_MONTH_ONLY = re.compile(r"thang\s+\d{1,2}(?:\s*[/\-]\s*\d{4}|\s+nam\s+\d{4})?")
_DOC_NUMBER = re.compile(r"\bso\s*[:.]?\s*(?P<num>\d*\s*/\s*[a-z0-9][a-z0-9\-./]*|\d+\s*-\s*[a-z]{2}[a-z0-9\-/]*)")
_PLACE_DATE = re.compile(r"[a-z][a-z ]{1,40},?\s+ngay\s+(?:\d{1,2}|\.+|…|\s)\s*thang")
_CITATION_BEFORE = re.compile(r"\d+\s*/\s*[a-z][a-z0-9\-]*\s+(?:ngay\s*)?$")
_LEADING_DATE = re.compile(r"^\W*(?:(?:vao|sang|chieu|toi|trong|tu)\s+)?ngay\s")
_LIST_MARK = re.compile(r"^\s*(?:[-+•–*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[ivx]+\.)\s*", re.IGNORECASE)
# A time label opening a list item ("Quý II: ...", "Tháng 7/2022: ...", "6 tháng cuối năm: ...") names
# when; the action follows it (folded text).
_PERIOD_LABEL = re.compile(
    r"^(?:quy\s+(?:[ivx]+|\d)|thang\s+\d{1,2}|\d{1,2}\s+thang(?:\s+(?:dau|cuoi))?(?:\s+nam)?|nam\s+\d{4}"
    r"|dot\s+\w+|giai\s+doan\s+\w+)(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?\s*[:\-–]\s*"
)
_HEADING = re.compile(r"^\s*(?:[IVX]+|[A-Z])\.\s+\S|^\s*\d+(?:\.\d+)*\.\s+\S")
_TOTAL_LABEL = re.compile(r"^\W*(?:tong\s+cong|tong\s+so|tong|cong|cong\s+chung|toan\s+huyen)\W*$")
_COLNUM = re.compile(r"^\(?\d{1,2}\)?$|^\(?[a-z]\)?$|^\(\d{1,2}\)\s*=.*$")
_MARK = re.compile(r"^\s*[xX✓✔vV+]\s*$")


def _lead(folded: str) -> str:
    """A folded clause without its list mark and time label: where its action or leading date is."""
    lead = _LIST_MARK.sub("", folded, count=1)
    return _PERIOD_LABEL.sub("", lead, count=1)


@dataclass(slots=True)
class _Piece:
    """One text the pipeline reads: a paragraph or a table cell, with its place in the document."""

    text: str
    span: Span
    zone: str  # "header", "title", "body", "recipients", "signature"
    doc: Doc | None = None


@dataclass(slots=True)
class _Ctx:
    """What later rules need to know about the document as a whole."""

    document: Document
    factor: float
    pieces: list[_Piece] = field(default_factory=list)
    cells: dict[tuple[int, int, int], _Piece] = field(default_factory=dict)
    year: int | None = None
    report_date: dt.date | None = None
    #: Default status of the section each body block sits in (see _section_default).
    section_of: dict[int, Status | None] = field(default_factory=dict)
    #: Columns of the last award table (width, block, recipients, awards, value columns).
    table_layout: tuple | None = None
    #: The issuing district the header names when it is not one of the cluster's units.
    foreign_issuer: str | None = None


def extract_findings(doc: Document, units: list[UnitSpec]) -> Findings:
    """Find the unit, period, report date, document number, task statements and figures of a report."""
    ctx = _Ctx(doc, OCR_FACTOR if doc.ocr else 1.0)
    _collect_pieces(ctx)
    nlp = get_nlp()
    texts = [p.text for p in ctx.pieces]
    for piece, parsed in zip(ctx.pieces, nlp.pipe(texts, batch_size=256)):
        piece.doc = parsed
    out = Findings(source=doc.source, format=doc.format.value, ocr=doc.ocr, warnings=list(doc.warnings))
    out.doc_number = _doc_number(ctx)
    out.report_date = _report_date(ctx)
    ctx.report_date = out.report_date.value if out.report_date else None
    out.period = _period(ctx)
    if out.period is not None:
        ctx.year = out.period.value.year
    elif ctx.report_date:
        ctx.year = ctx.report_date.year
    out.unit = _unit(ctx, units)
    award_tables, table_figures = _table_figures(ctx)
    out.tasks = _prose_tasks(ctx) + _table_tasks(ctx, award_tables)
    prose = _prose_figures(ctx, award_tables)
    out.figures = _merge_figures(table_figures, prose)
    if out.unit is None and ctx.foreign_issuer:
        out.warnings.append(f"đơn vị ban hành «{ctx.foreign_issuer}» không thuộc Cụm thi đua")
    elif out.unit is None:
        out.warnings.append("không xác định được đơn vị báo cáo")
    if out.period is None:
        out.warnings.append("không xác định được kỳ báo cáo")
    if out.report_date is None:
        out.warnings.append("không xác định được ngày ban hành báo cáo")
    return out


# --------------------------------------------------------------------------- document zones


def _is_title_start(text: str) -> bool:
    f = fold_keep_length(text).strip()
    return f == "bao cao" or (f.startswith("bao cao") and text.strip()[:7].isupper() and len(f) < 250)


def _collect_pieces(ctx: _Ctx) -> None:
    """Split the document into header / title / body / recipients / signature pieces."""
    blocks = ctx.document.blocks
    title_at = next((b.index for b in blocks[:15] if isinstance(b, Paragraph) and _is_title_start(b.text)), None)
    if title_at is None:  # no "BÁO CÁO" line: the first table or the first 3 blocks are the header
        title_at = next((b.index + 1 for b in blocks[:4] if isinstance(b, Table)), min(3, len(blocks)))
        title_end = title_at
    else:
        title_end = title_at + 1
        while title_end < len(blocks) and title_end - title_at <= 4:
            b = blocks[title_end]
            if not isinstance(b, Paragraph) or len(b.text) > 220 or re.match(r"^[_\-–=*.\s]+$", b.text):
                break
            f = fold_keep_length(b.text)
            if f.startswith(("can cu", "thuc hien", "kinh gui", "theo ")) or _HEADING.match(b.text) or _LIST_MARK.match(b.text):
                break
            if b.text.rstrip().endswith((".", ":")) or (blocks[title_at].bold and not b.bold):
                break  # a sentence, or plain text after a bold title: the body has begun
            title_end += 1
    closing = False
    for b in blocks:
        if isinstance(b, Paragraph):
            zone = "header" if b.index < title_at else "title" if b.index < title_end else "body"
            f = fold_keep_length(b.text)
            if zone == "body" and f.startswith(("noi nhan", "tm.", "kt.", "tl.")):
                closing = True
            if closing:
                zone = "recipients" if f.startswith(("noi nhan", "- ", "+ ")) and "noi nhan" in f or zone == "recipients" else "signature"
                if f.startswith(("tm.", "kt.", "tl.", "chu tich", "pho chu tich")):
                    zone = "signature"
            ctx.pieces.append(_Piece(b.text, Span(b.index, 0, len(b.text), b.page), zone))
            continue
        base = "header" if b.index < title_at else "body"
        full = fold_keep_length(b.text)
        if base == "body" and "noi nhan" in full:
            closing = True
        for row in b.rows:
            for c in row:
                if not c.text or _is_repeat(b, c.row, c.col):
                    continue
                fc = fold_keep_length(c.text).lstrip()
                zone = base
                if closing or (base == "body" and "noi nhan" in full):
                    zone = "recipients" if fc.startswith("noi nhan") else "signature"
                piece = _Piece(c.text, Span(b.index, 0, len(c.text), c.page or b.page, c.row, c.col), zone)
                ctx.pieces.append(piece)
                ctx.cells[(b.index, c.row, c.col)] = piece


def _is_repeat(table: Table, r: int, c: int) -> bool:
    """A grid position that repeats a horizontally merged cell's text.

    The `merged` flag alone is not trusted: the position must also repeat the text on its left.
    Vertical repeats are kept on purpose: a status cell "Hoàn thành" spanning three rows states the
    status of each of them, and equal cells stacked in a column ("Hoàn thành" above "Hoàn thành",
    "01" above "01") are far more common than merged ones. Counts are never treated as repeats.
    """
    cell = table.rows[r][c]
    if not cell.merged or c == 0 or _count_value(cell.text) is not None:
        return False
    return cell.text == table.rows[r][c - 1].text


def _zone_pieces(ctx: _Ctx, *zones: str) -> Iterable[_Piece]:
    return (p for p in ctx.pieces if p.zone in zones)


# --------------------------------------------------------------------------- header fields


def _doc_number(ctx: _Ctx) -> Located | None:
    """'Số: 45/BC-UBND' from the header (or the first blocks when the header was not found)."""
    for p in list(_zone_pieces(ctx, "header")) + [q for q in ctx.pieces[:12] if q.zone != "header"]:
        f = fold_keep_length(p.text)
        m = _DOC_NUMBER.search(f)
        if m:
            s, e = m.span("num")
            value = re.sub(r"\s+", "", p.text[s:e]).rstrip(".,;")
            conf = (0.95 if p.zone == "header" else 0.7) * (0.7 if value.startswith("/") else 1.0)
            return Located(value, _sub(p.span, s, e), conf * ctx.factor, p.text[m.start() : e])
    return None


def _report_date(ctx: _Ctx) -> Located | None:
    """The place-date line ('Hòa An, ngày 20 tháng 6 năm 2022'); header first, then anywhere early or late."""
    candidates = list(_zone_pieces(ctx, "header", "title")) + ctx.pieces[:15] + ctx.pieces[-8:]
    seen: set[int] = set()
    for p in candidates:
        if id(p) in seen:
            continue
        seen.add(id(p))
        f = fold_keep_length(p.text)
        pd = _PLACE_DATE.search(f)
        in_header = p.zone == "header"
        if not pd and not (in_header and "ngay" in f):
            continue
        start = pd.start() if pd else 0
        for d, s, e in _dates_in(f[start:], None):
            if d is not None:
                conf = 0.95 if pd else 0.75
                return Located(d, _sub(p.span, start + s, start + e), conf * ctx.factor, p.text[start + s : start + e])
        if pd and in_header:
            ctx.document.warnings  # a blank day ("ngày  tháng 4 năm 2022"): unsigned draft
    return None


def _sub(span: Span, start: int, end: int) -> Span:
    return Span(span.block, span.start + start, span.start + end, span.page, span.row, span.col)


def _dates_in(folded: str, default_year: int | None) -> list[tuple[dt.date | None, int, int]]:
    """Every date in folded text as (date, start, end); month-only mentions give None."""
    found: list[tuple[dt.date | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else default_year
            try:
                value = dt.date(year, int(groups["m"]), int(groups["d"])) if year else None
            except ValueError:
                continue
            found.append((value, m.start(), m.end()))
            taken.append(m.span())
    for m in _MONTH_ONLY.finditer(folded):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((None, m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])


# --------------------------------------------------------------------------- unit

# "HUYỆN THẠCH AN", "UBND thị xã X", "THÀNH PHỐ Y" in the header: the issuing district (folded text).
_ISSUER = re.compile(r"(?<!cac )\b(?:huyen|thi xa|thanh pho|quan)\s+(?!uy\b|doan\b)[a-z]+(?:\s+[a-z]+)?", re.IGNORECASE)

_ZONE_WEIGHT = {"header": 5.0, "signature": 4.0, "title": 2.0, "body": 0.3, "recipients": 0.0}


def _unit(ctx: _Ctx, units: list[UnitSpec]) -> Located | None:
    """The reporting district: mentions weighted by where they are (see module docstring)."""
    scores: dict[str, float] = defaultdict(float)
    body: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[float, _Piece, int, int]] = {}
    opening = next((p for p in ctx.pieces if p.zone == "body"), None)
    for p in ctx.pieces:
        weight = _ZONE_WEIGHT[p.zone]
        if weight == 0:
            continue
        f = fold_keep_length(p.text)
        if p.zone == "body" and p is opening:
            weight = 1.0
        for unit, s, e in find_units(p.text, units):
            w = weight
            if p.zone in ("header", "title") and _PLACE_DATE.match(f[s:]):
                w += 1.0  # "Hòa An, ngày ..." names the issuer's seat
            if p.zone == "body":
                # "UBND huyện X báo cáo", "huyện X đã ..." make X the subject; other body
                # mentions (the cluster head hosting a meeting, inspected units) weigh little,
                # and all body mentions together are capped so they cannot outvote the header.
                if re.search(r"bao cao|da |dang |chung toi", f[e : e + 25]):
                    w += 0.7
                body[unit.name] += w
            else:
                scores[unit.name] += w
            if unit.name not in first or w > first[unit.name][0]:
                first[unit.name] = (w, p, s, e)
    if not scores:
        # The header names an issuing district, but none of the cluster's: a report from outside the
        # cluster (or a unit list to update). Body mentions (the host of a meeting) must not stand in.
        for p in _zone_pieces(ctx, "header"):
            if m := _ISSUER.search(fold_keep_length(p.text)):
                ctx.foreign_issuer = p.text[m.start() : m.end()].strip()
                return None
    for name, v in body.items():
        scores[name] += min(v, 2.0)
    if not scores:
        return None
    best = max(scores, key=lambda n: scores[n])
    total = sum(scores.values())
    _, p, s, e = first[best]
    conf = min(0.99, 0.5 + 0.5 * scores[best] / total) if total else 0.5
    if scores[best] < 2.0:
        conf = min(conf, 0.6)  # nothing in the header or signature named it
    return Located(best, _sub(p.span, s, e), conf * ctx.factor, p.text[s:e])


# --------------------------------------------------------------------------- period


def _period(ctx: _Ctx) -> Located | None:
    """The period of the title; else of the opening and closing body sentences; year from it or the date."""
    title = list(_zone_pieces(ctx, "title"))
    body = [p for p in ctx.pieces if p.zone == "body" and p.span.row is None]
    closing = [p for p in body[-6:] if fold_keep_length(p.text).startswith(("tren day", "tren day la"))]
    for group, conf in ((title, 0.95), (body[:2], 0.8), (closing, 0.75)):
        found = _period_in(ctx, group)
        if found:
            kind, year, piece, span = found
            if year is None and ctx.report_date:
                year = ctx.report_date.year
                if kind is PeriodKind.YEAR and ctx.report_date.month <= 2:
                    year -= 1  # a year-end report signed in January reports on the year before
            text = piece.text[span.start_char : span.end_char]
            return Located(Period(year, kind), _sub(piece.span, span.start_char, span.end_char), conf * ctx.factor, text)
    return None


def _period_in(ctx: _Ctx, pieces: list[_Piece]):
    """First decisive period phrase in the pieces, in order of priority per text."""
    spans = [(p, s) for p in pieces if p.doc is not None for s in p.doc.spans["periods"]]
    if not spans:
        return None
    joined = " ".join(fold_keep_length(p.text) for p in pieces)
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", joined)]
    year = years[0] if years else None
    # The first decisive phrase in reading order is the report's own period ("... 9 tháng đầu năm
    # 2022 và nhiệm vụ trọng tâm Quý IV" is a 9-month report); a bare "năm 2022" only decides
    # when nothing else does.
    for p, s in spans:
        if s.label_ == "QUARTER":
            m = re.match(r"(iv|iii|ii|i|0?[1-4])(?:\s*[/\-]\s*(\d{4}))?", s[-1].norm_)
            q = m.group(1).lstrip("0") if m else ""
            n = _ROMAN.get(q) or (int(q) if q.isdigit() else None)
            if n:
                y = int(m.group(2)) if m and m.group(2) else _year_after(p, s, year)
                return PeriodKind(f"Q{n}"), y, p, s
        elif s.label_ in _PERIOD_LABELS:
            return _PERIOD_LABELS[s.label_], _year_after(p, s, year), p, s
    for p, s in spans:
        if s.label_ == "YEAR_WEAK":
            return PeriodKind.YEAR, _year_after(p, s, year), p, s
    return None


_PERIOD_LABELS = {"H1": PeriodKind.H1, "M9": PeriodKind.M9, "THEMATIC": PeriodKind.OTHER, "YEAR": PeriodKind.YEAR}


def _year_after(p: _Piece, s, fallback: int | None) -> int | None:
    """The first year written after a period phrase (same text), else the fallback."""
    m = re.search(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", p.text[s.start_char : s.end_char + 40])
    return int(m.group(1)) if m else fallback


# --------------------------------------------------------------------------- task statements


def _section_default(heading_folded: str) -> Status | None:
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


def _is_heading(piece: _Piece, block: Paragraph | None) -> bool:
    t = piece.text.strip()
    if len(t) > 160:
        return False
    if _HEADING.match(t) and (t.upper() == t or (block is not None and block.bold)):
        return True
    if t.upper() == t and any(ch.isalpha() for ch in t) and len(t) < 120:
        return True  # "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" without a number
    return bool(re.match(r"^\s*[IVX]+\.\s", t))


def _prose_tasks(ctx: _Ctx) -> list[TaskStatement]:
    """Task statements from body paragraphs (and cells of tables that are neither award nor task tables)."""
    out: list[TaskStatement] = []
    section: Status | None = None
    section_year: int | None = None
    blocks = ctx.document.blocks
    for p in ctx.pieces:
        if p.zone != "body" or p.doc is None:
            continue
        ctx.section_of.setdefault(p.span.block, section)
        if p.span.row is not None:
            continue
        block = blocks[p.span.block]
        t = p.text.strip()
        numbered_title = bool(_HEADING.match(t)) and len(t) < 100 and not t.endswith((".", ";", ":"))
        if numbered_title and (default := _section_default(folded := fold_keep_length(t))) is not None:
            section = default  # "3. Nhiệm vụ Quý IV" in a PDF without bold
            section_year = _later_year(section, folded, ctx)
            continue
        if _is_heading(p, block if isinstance(block, Paragraph) else None):
            f = fold_keep_length(p.text)
            new = _section_default(f)
            if re.match(r"^\s*[IVX]+\.", p.text) or p.text.upper() == p.text or new is not None:
                section = new
                section_year = _later_year(section, f, ctx)
            continue
        for statement in _statements(ctx, p, section):
            statement.for_year = section_year if statement.status is Status.PLANNED else None
            out.append(statement)
    return out


def _later_year(section: Status | None, heading_folded: str, ctx: _Ctx) -> int | None:
    """The year a future-work heading names when it is after the report's year ("... NĂM 2023")."""
    if section is not Status.PLANNED:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", heading_folded)]
    later = [y for y in years if ctx.year and y > ctx.year]
    return later[0] if later else None


def _statements(ctx: _Ctx, p: _Piece, section: Status | None, implicit: bool = True) -> list[TaskStatement]:
    """Cut a text into clauses and turn clauses with a status into statements."""
    doc = p.doc
    assert doc is not None
    quoted = _quoted_tokens(doc)
    cues = [c for c in doc.spans["cues"] if c.start not in quoted]
    status_cues = [c for c in cues if c.label_ in _STATUS_OF]
    contrast = {c.start for c in cues if c.label_ == "CONTRAST"}
    out: list[TaskStatement] = []
    is_item = bool(_LIST_MARK.match(p.text))
    for sent in doc.sents:
        # Clause boundaries: ";" and contrastive connectors ("nhưng", "tuy nhiên"), so "đã ... nhưng
        # chưa ..." gives a done clause and a not-done clause.
        bounds = [sent.start]
        for t in sent:
            if t.text == ";" and t.i + 1 < sent.end:
                bounds.append(t.i + 1)
            elif t.i in contrast and t.i > sent.start:
                bounds.append(t.i)
        bounds.append(sent.end)
        clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
        pending: list[tuple[int, int]] = []
        current: list[tuple[int, int, Status, int, float]] = []  # (start, end, status, cue token, conf)
        for ci, (a, b) in enumerate(clauses):
            here = [c for c in status_cues if a <= c.start < b]
            status: Status | None = None
            cue_at = a
            conf = 0.85
            if here:
                neg = [c for c in here if c.label_ == "NOT_DONE"]
                chosen = neg[0] if neg else here[0]
                status, cue_at = _STATUS_OF[chosen.label_], chosen.start
                if section is Status.PLANNED and status is Status.IN_PROGRESS:
                    status = Status.PLANNED  # "Tiếp tục ..." under next period's tasks is planned work
            elif implicit and section is not Status.PLANNED and ci == 0:
                # Past work written without "đã": "Ngày 10/02/2022, UBND huyện tổ chức ..." (a dated
                # action up to the report date) or a list item opening with an action verb under
                # a results heading ("- Tổ chức 01 lớp tập huấn ...").
                verb = _dated_action(ctx, p.text, doc, a, b)
                if verb is None and is_item and section is Status.DONE and sent.start == 0:
                    first = _first_content_token(doc, a, b)
                    verb = first if first is not None and doc[first]._.action_verb else None
                if verb is not None:
                    status, cue_at, conf = Status.DONE, verb, 0.6
            elif implicit and section is Status.PLANNED and ci == 0 and sent.start == 0 and is_item:
                first = _first_content_token(doc, a, b)
                if first is not None and doc[first]._.action_verb:
                    status, cue_at, conf = Status.PLANNED, first, 0.6
            if status is None and current and ci > 0 and doc[a - 1].text == ";":
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
        made = [_statement(ctx, p, doc, s, e, st, cue_at, conf) for s, e, st, cue_at, conf in current]
        # "Ngày 07/7/2022, tham dự Hội nghị ...; cử cán bộ tham gia Đoàn kiểm tra": a date opening
        # the sentence covers the actions after ";" that name no date of their own.
        if len(made) > 1 and made[0].date and _LEADING_DATE.match(_lead(fold_keep_length(made[0].text))):
            for later in made[1:]:
                if later.date is None and later.status is made[0].status:
                    later.date = made[0].date
        out.extend(made)
    return out


def _dated_action(ctx: _Ctx, text: str, doc: Doc, a: int, b: int) -> int | None:
    """The action verb of a clause that opens with a full date on or before the report date."""
    start = doc[a].idx
    end = doc[b - 1].idx + len(doc[b - 1].text)
    rest = fold_keep_length(text[start:end])
    lead = _lead(rest)
    if re.match(r"^\W*(can cu|thuc hien (ke hoach|cong van|chi thi|quyet dinh|huong dan|thong bao|nghi)|theo |de |nham )", lead):
        return None  # a preamble citing documents, not an action
    dates = [d for d in _dates_in(rest, ctx.year) if d[0] is not None]
    dates = [d for d in dates if not ctx.report_date or d[0] <= ctx.report_date]
    if not dates:
        return None
    if _LEADING_DATE.match(lead):
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
    start = doc[a].idx
    clause = fold_keep_length(doc.text[start : doc[b - 1].idx + len(doc[b - 1].text)])
    after_label = start + len(clause) - len(_lead(clause))
    for t in doc[a:b]:
        if t.idx < after_label:
            continue  # "Quý II: Tổ chức ...": the time label is not the action
        if t.is_punct or t.like_num or t.text in {"-", "+", "•", "–", "*"} or re.match(r"^[a-zđ]\)$|^\d+[.)]$", t.text):
            continue
        return t.i
    return None


def _quoted_tokens(doc: Doc) -> set[int]:
    """Tokens inside quotation marks: names of movements ("Không để ai bị bỏ lại phía sau") are not cues."""
    inside, out = False, set()
    for t in doc:
        if t.text in {'"', "“", "”", "«", "»"}:
            inside = not inside if t.text == '"' else t.text in {"“", "«"}
            continue
        if inside:
            out.add(t.i)
    return out


def _statement(ctx: _Ctx, p: _Piece, doc: Doc, s: int, e: int, status: Status, cue_at: int, conf: float) -> TaskStatement:
    start_char, end_char = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    text = p.text[start_char:end_char].strip(" ;,")
    # Work still to come has no date of its own: "dự kiến ... ngày 07/7", "trước ngày 20/6" are targets.
    date = None if status is Status.PLANNED else _statement_date(ctx, p.text, start_char, end_char, doc[cue_at].idx)
    return TaskStatement(
        text=text,
        status=status,
        date=date,
        span=_sub(p.span, start_char, end_char),
        confidence=conf * ctx.factor,
    )


def _statement_date(ctx: _Ctx, text: str, s: int, e: int, cue_char: int) -> dt.date | None:
    """The date of the action: a leading 'Ngày ..., ' date, else the first date after the cue, else the
    nearest date before the cue that is not the date of a cited document ('Chỉ thị số 02/CT-UBND ngày ...')."""
    f = fold_keep_length(text)
    dates = _dates_in(f[s:e], ctx.year)
    if not dates:
        return None
    clause = f[s:e]
    lead = _lead(clause)
    offset = len(clause) - len(lead)
    if _LEADING_DATE.match(lead) or re.match(r"^\d{1,2}\s*/\s*\d{1,2}", lead):
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


def _table_tasks(ctx: _Ctx, award_tables: set[int]) -> list[TaskStatement]:
    """One statement per row of a task table (status column, 'x' marks in status columns, or cues in the row)."""
    out: list[TaskStatement] = []
    for b in ctx.document.tables():
        if b.index in award_tables:
            continue
        cells = [[ctx.cells.get((b.index, c.row, c.col)) for c in row] for row in b.rows]
        if not any(p and p.zone == "body" for row in cells for p in row):
            continue
        header = [fold_keep_length(c.text) for c in b.rows[0]] if b.rows else []
        status_col = next((i for i, h in enumerate(header) if re.search(r"ket qua|tinh hinh|trang thai|muc do|danh gia", h)), None)
        date_col = next((i for i, h in enumerate(header) if re.search(r"thoi gian|ngay|thoi han|thoi diem", h)), None)
        content_col = next((i for i, h in enumerate(header) if re.search(r"noi dung|nhiem vu|cong viec|ten ", h)), None)
        mark_cols = {}
        for i, c in enumerate(b.rows[0] if b.rows else []):
            p = cells[0][i]
            if p is not None and p.doc is not None:
                labels = [s.label_ for s in p.doc.spans["cues"] if s.label_ in _STATUS_OF]
                if labels and len(p.text) < 40:
                    mark_cols[i] = _STATUS_OF[labels[0]]
        has_header = status_col is not None or date_col is not None or content_col is not None or mark_cols
        for r in range(1 if has_header else 0, len(b.rows)):
            row = cells[r]
            if not any(row):
                continue
            status = None
            cue_piece = None
            conf = 0.85
            if status_col is not None and status_col < len(row) and row[status_col] is not None:
                status, cue_piece = _cell_status(row[status_col])
                if status is None and ctx.document.ocr:
                    status = _folded_status(row[status_col].text)
                    cue_piece = row[status_col] if status else None
                conf = 0.9
            if status is None:
                for i, st in mark_cols.items():
                    if i < len(row) and row[i] is not None and _MARK.match(row[i].text):
                        status, conf = st, 0.85
                        break
            if status is None:
                # No status column: cues anywhere in the row; a refusal or a plan ("Dự kiến" in
                # a note column) outweighs the verb of the content ("Tiếp tục thực hiện ...").
                found = [(st, piece) for i, piece in enumerate(row) if piece is not None and i not in mark_cols for st, _ in [_cell_status(piece)] if st is not None]
                for wanted in (Status.NOT_DONE, Status.PLANNED, Status.IN_PROGRESS, Status.DONE):
                    hit = next((f for f in found if f[0] is wanted), None)
                    if hit:
                        status, cue_piece = hit
                        conf = 0.75
                        break
            if status is None:
                continue
            if status is Status.IN_PROGRESS and ctx.section_of.get(b.index) is Status.PLANNED:
                status = Status.PLANNED
            ccol = content_col if content_col is not None and content_col < len(row) and row[content_col] else _longest(row)
            content = row[ccol] if ccol is not None else cue_piece
            if content is None:
                continue
            date = None
            if date_col is not None and date_col < len(row) and row[date_col] is not None:
                ds = [d for d, _, _ in _dates_in(fold_keep_length(row[date_col].text), ctx.year) if d]
                date = ds[0] if ds else None
            if date is None:
                for piece in row:
                    if piece is not None and piece is not content:
                        ds = [d for d, _, _ in _dates_in(fold_keep_length(piece.text), ctx.year) if d]
                        if ds and date_col is None:
                            date = ds[0]
                            break
            if date is None and content is not None:
                ds = [d for d, _, _ in _dates_in(fold_keep_length(content.text), ctx.year) if d]
                date = ds[0] if ds and content is not cue_piece else date
            text = content.text if cue_piece is None or cue_piece is content else f"{content.text} — {cue_piece.text}"
            out.append(TaskStatement(text=text, status=status, date=date, span=content.span, confidence=conf * ctx.factor))
    return out


def _longest(row: list[_Piece | None]) -> int | None:
    best = max((i for i, p in enumerate(row) if p is not None), key=lambda i: len(row[i].text), default=None)  # type: ignore[union-attr]
    return best


# Short status cells as OCR reads them: tone marks are often misread ("Đang triến khai"), so the
# cell is compared without diacritics. Only the whole (short) cell counts, never running text.
_FOLDED_STATUS = [
    (re.compile(r"^(chua|khong) (thuc hien|hoan thanh|trien khai|to chuc)\b"), Status.NOT_DONE),
    (re.compile(r"^dang (trien khai|thuc hien|to chuc|hoan thien|xay dung)\b"), Status.IN_PROGRESS),
    (re.compile(r"^(da (hoan thanh|thuc hien|to chuc|trien khai)|hoan thanh)\b"), Status.DONE),
    (re.compile(r"^(du kien|se) "), Status.PLANNED),
]


def _folded_status(text: str) -> Status | None:
    """The status a short OCR'd status cell states, matched without diacritics."""
    folded = re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split()
    if not folded or len(folded) > 6:
        return None
    joined = " ".join(folded)
    return next((st for rx, st in _FOLDED_STATUS if rx.match(joined)), None)


def _cell_status(piece: _Piece) -> tuple[Status | None, _Piece | None]:
    if piece.doc is None:
        return None, None
    quoted = _quoted_tokens(piece.doc)
    cues = [c for c in piece.doc.spans["cues"] if c.label_ in _STATUS_OF and c.start not in quoted]
    if not cues:
        return None, None
    neg = [c for c in cues if c.label_ == "NOT_DONE"]
    return _STATUS_OF[(neg or cues)[0].label_], piece


# --------------------------------------------------------------------------- figures


@dataclass(slots=True)
class _Count:
    metric: str
    value: int
    span: Span
    text: str
    confidence: float
    total_row: bool = False


def _count_value(text: str) -> int | None:
    """A cell or token as a count: '05' -> 5, '1.780' -> 1780; anything else (%, dates, 11,9) -> None."""
    t = re.sub(r"[|\s]", "", text)
    if not _COUNT.match(t):
        return None
    return int(t.replace(".", ""))


def _prose_figures(ctx: _Ctx, award_tables: set[int]) -> list[_Count]:
    """Counts in running text (and in cells of tables that are not award tables)."""
    out: list[_Count] = []
    carry: str | None = None  # award of a "...Giấy khen của Chủ tịch UBND huyện:" lead-in paragraph
    for p in ctx.pieces:
        if p.zone != "body" or p.doc is None or p.span.block in award_tables:
            continue
        is_item = bool(_LIST_MARK.match(p.text))
        if not is_item and p.span.row is None:
            carry = None
        found, last_award = _counts_in(ctx, p, carry if is_item else None)
        out.extend(found)
        if p.text.rstrip().endswith(":") and last_award:
            carry = last_award
    return out


def _counts_in(ctx: _Ctx, p: _Piece, carry: str | None) -> tuple[list[_Count], str | None]:
    doc = p.doc
    assert doc is not None
    ents = list(doc.ents)
    by_token: dict[int, object] = {}
    for e in ents:
        for i in range(e.start, e.end):
            by_token[i] = e
    cues = list(doc.spans["cues"])
    out: list[_Count] = []
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
            value = _count_value(t.text) if t.like_num or t.text[:1].isdigit() else None
            if value is None or value == 0:
                continue
            if _not_a_count(doc, t.i):
                continue
            recipient, award_ent = None, None
            nxt = by_token.get(t.i + 1)
            if nxt is not None and nxt.start == t.i + 1:  # type: ignore[attr-defined]
                if nxt.label_ == "RECIPIENT":  # type: ignore[attr-defined]
                    recipient = nxt.ent_id_  # type: ignore[attr-defined]
                elif nxt.label_ == "AWARD":  # type: ignore[attr-defined]
                    award_ent = nxt
                    recipient = _DEFAULT_RECIPIENT.get(nxt.ent_id_)  # type: ignore[attr-defined]
            if recipient is None:
                # "tập thể: 03", "Cá nhân: 47" (label, colon, number)
                j = t.i - 1
                if j >= sent.start and doc[j].text in {":", "là"}:
                    j -= 1
                prev = by_token.get(j)
                if prev is not None and prev.end == j + 1 and doc[t.i - 1].text in {":", "là"}:  # type: ignore[attr-defined]
                    if prev.label_ == "RECIPIENT":  # type: ignore[attr-defined]
                        recipient = prev.ent_id_  # type: ignore[attr-defined]
                    elif prev.label_ == "AWARD":  # type: ignore[attr-defined]
                        award_ent = prev
                        recipient = _DEFAULT_RECIPIENT.get(prev.ent_id_)  # type: ignore[attr-defined]
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
            award = award_ent.ent_id_ if award_ent is not None else carry  # type: ignore[attr-defined]
            if award_ent is not None and award_ent.label_ != "AWARD":  # type: ignore[attr-defined]
                continue
            if award is None:
                continue
            if _excluded(doc, cues, t.i, clause_start, clause_end, seg_start, seg_end, award_ent, ctx.year):
                continue
            metric = f"{award}.{recipient}"
            s_char = doc[seg_start].idx if seg_start < len(doc) else t.idx
            e_tok = doc[min(seg_end, len(doc)) - 1]
            text = p.text[s_char : e_tok.idx + len(e_tok.text)].strip(" ,;()")
            out.append(_Count(metric, value, _sub(p.span, t.idx, t.idx + len(t.text)), text, 0.85 * ctx.factor))
    return out, last_award


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


# --------------------------------------------------------------------------- award tables


def _table_figures(ctx: _Ctx) -> tuple[set[int], list[_Count]]:
    """Counts from award tables; returns the indices of the tables that were award tables."""
    award_tables: set[int] = set()
    out: list[_Count] = []
    for b in ctx.document.tables():
        cells = [[ctx.cells.get((b.index, c.row, c.col)) for c in row] for row in b.rows]
        if not any(p and p.zone == "body" for row in cells for p in row):
            continue
        found = _award_table(ctx, b, cells)
        if found:
            award_tables.add(b.index)
            out.extend(found)
    return award_tables, out


def _ents(p: _Piece | None, label: str) -> list:
    if p is None or p.doc is None:
        return []
    return [e for e in p.doc.ents if e.label_ == label]


def _cue(p: _Piece | None, *labels: str) -> bool:
    if p is None or p.doc is None:
        return False
    return any(c.label_ in labels for c in p.doc.spans["cues"])


def _award_table(ctx: _Ctx, b: Table, cells: list[list[_Piece | None]]) -> list[_Count]:
    rows = b.rows
    n_cols = b.n_cols
    text = [[rows[r][c].text if c < len(rows[r]) else "" for c in range(n_cols)] for r in range(len(rows))]

    def is_colnum_row(r: int) -> bool:
        vals = [re.sub(r"\s+", "", fold_keep_length(t)) for t in text[r] if t.strip()]
        return len(vals) >= 2 and all(_COLNUM.match(v) for v in vals)

    # The header ends at the first row with a count in a column other than the first (STT).
    h = next(
        (r for r in range(len(rows)) if not is_colnum_row(r) and any(_count_value(text[r][c]) is not None for c in range(1, n_cols))),
        None,
    )
    if h is None:
        return []
    col_head = []
    for c in range(n_cols):
        parts: list[_Piece] = []
        for r in range(h):
            if is_colnum_row(r):
                continue
            p = ctx.cells.get((b.index, r, c))
            if p is None:  # a merged repeat: its text belongs to this column too
                p = _origin_piece(ctx, b, r, c)
            if p is not None and p not in parts:
                parts.append(p)
        col_head.append(parts)
    col_recipient: dict[int, str] = {}
    col_award: dict[int, str | None] = {}
    excluded: set[int] = set()
    # Only columns holding counts can be count columns ("Cơ quan, đơn vị" names the rows).
    numeric = {
        c
        for c in range(n_cols)
        if not any(text[r][c].strip(" |-–.") and _count_value(text[r][c]) is None for r in range(h, len(rows)) if not is_colnum_row(r))
    }
    for c, parts in enumerate(col_head):
        rec = [e.ent_id_ for p in parts for e in _ents(p, "RECIPIENT")] if c in numeric else []
        aw = [e.ent_id_ for p in parts for e in _ents(p, "AWARD")]
        if rec:
            col_recipient[c] = rec[-1]
        col_award[c] = aw[-1] if aw else None
        if any(_cue(p, "PROPOSAL", "COMPARISON") for p in parts):
            excluded.add(c)
    # Caption: the paragraph just before the table ("Kết quả khen thưởng ... như sau:").
    caption_award: str | None = None
    prev = [p for p in ctx.pieces if p.span.block == b.index - 1 and p.span.row is None]
    if prev and prev[0].doc is not None and len(prev[0].text) < 300:
        aws = _ents(prev[0], "AWARD")
        caption_award = aws[-1].ent_id_ if aws else None
        # A table introduced as proposals ("Danh sách đề nghị khen thưởng:") holds no conferred
        # awards, unless the lead-in also reports results ("đã thực hiện khen thưởng ... và đề nghị").
        if _cue(prev[0], "PROPOSAL") and not _cue(prev[0], "DONE"):
            return []
    # Several columns of one recipient: a column headed as a total ("Tổng số ... đã có quyết định")
    # stands for the others, which break it down; without one the columns are parallel groups
    # ("thường xuyên / chuyên đề / đột xuất" × tập thể / cá nhân) and are all summed.
    groups: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for c in range(n_cols):
        if c not in excluded and c in col_recipient:
            groups[(col_award.get(c), col_recipient[c])].append(c)
    value_cols: set[int] = set()
    for cols in groups.values():
        totals = [c for c in cols if re.search(r"\btong\b|\bcong\b", " ".join(fold_keep_length(p.text) for p in col_head[c]))]
        value_cols.update(totals[:1] if totals else cols)
    # A table continued after a page break often repeats only the "(1) (2) ..." row: it takes the
    # columns of the award table just before it when the grid has the same width.
    prev_layout = ctx.table_layout
    if not groups and prev_layout and prev_layout[0] == n_cols and b.index - prev_layout[1] <= 2:
        _, _, col_recipient, col_award, value_cols = prev_layout
    if value_cols:
        ctx.table_layout = (n_cols, b.index, col_recipient, col_award, value_cols)
    if not value_cols:
        # no recipient columns: a "Số lượng" column with the recipient in the row label
        value_cols = {c for c in range(1, n_cols) if c not in excluded and re.search(r"so luong|so$|tong so|ket qua", " ".join(fold_keep_length(p.text) for p in col_head[c]))}
    if not value_cols:
        return []
    label_cols = [c for c in range(n_cols) if c not in value_cols and c not in col_recipient]
    found: list[tuple[int, str, int, _Piece, bool]] = []  # (row, metric, value, piece, total)
    parent_award: str | None = None
    row_numbered: dict[int, bool] = {}
    for r in range(h, len(rows)):
        if is_colnum_row(r):
            continue
        label_pieces = [cells[r][c] for c in label_cols if c < len(cells[r]) and cells[r][c] is not None]
        label_text = " ".join(fold_keep_length(p.text) for p in label_pieces)
        row_numbered[r] = bool(label_pieces and re.match(r"^\s*(\d+|[ivx]+)\s*[.)]?\s*$", fold_keep_length(text[r][0])))
        if any(_cue(p, "PROPOSAL", "COMPARISON") for p in label_pieces):
            continue
        awards = [e for p in label_pieces for e in p.doc.ents if e.label_ in ("AWARD", "OTHER_HONOUR")] if label_pieces else []  # type: ignore[union-attr]
        recips = [e.ent_id_ for p in label_pieces for e in _ents(p, "RECIPIENT")]
        total = bool(_TOTAL_LABEL.match(re.sub(r"^\s*[\divx]+\s*[.)]?\s*", "", label_text) or label_text)) or bool(re.match(r"^\W*(tong cong|cong|tong so)\b", label_text.strip()))
        if awards:
            real = [e for e in awards if e.label_ == "AWARD"]
            row_award = real[0].ent_id_ if real else None
            parent_award = row_award
            if row_award is None:
                continue
        elif recips:
            row_award = parent_award  # "- Tập thể" under a "Giấy khen ..." row
        else:
            row_award = None
        for c in sorted(value_cols):
            if c >= len(rows[r]) or _is_repeat(b, r, c):
                continue
            v = _count_value(text[r][c])
            if not v:
                continue
            award = row_award or col_award.get(c) or caption_award
            recipient = col_recipient.get(c) or (recips[0] if recips else None) or (_DEFAULT_RECIPIENT.get(award) if award else None)
            if award is None or recipient is None:
                continue
            piece = cells[r][c] or _origin_piece(ctx, b, r, c)
            if piece is None:
                continue
            found.append((r, f"{award}.{recipient}", v, piece, total))
    # Subtotal rows: a row whose value equals the sum of the unnumbered rows under it (same metric).
    drop: set[tuple[int, str]] = set()
    by_metric: dict[str, list[tuple[int, int]]] = defaultdict(list)
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
    detail: dict[str, list[tuple[int, _Piece]]] = defaultdict(list)
    totals: dict[str, list[tuple[int, _Piece]]] = defaultdict(list)
    for r, metric, v, piece, total in found:
        if (r, metric) in drop:
            continue
        (totals if total else detail)[metric].append((v, piece))
    out: list[_Count] = []
    for metric in list(detail) + [m for m in totals if m not in detail]:
        items = detail.get(metric) or totals[metric][:1]  # a total only when there are no detail rows
        for v, piece in items:
            out.append(_Count(metric, v, piece.span, f"bảng, dòng {piece.span.row}, cột {piece.span.col}: {piece.text}", 0.9 * ctx.factor, metric not in detail))
    return out


def _origin_piece(ctx: _Ctx, b: Table, r: int, c: int) -> _Piece | None:
    """The piece of the cell a merged repeat copies (left, then above)."""
    while c >= 0 and r >= 0:
        p = ctx.cells.get((b.index, r, c))
        if p is not None:
            return p
        if c > 0 and b.rows[r][c - 1].text == b.rows[r][c].text:
            c -= 1
        elif r > 0 and b.rows[r - 1][c].text == b.rows[r][c].text:
            r -= 1
        else:
            return None
    return None


def _merge_figures(table: list[_Count], prose: list[_Count]) -> list[Figure]:
    """Sum per metric; a metric present in an award table ignores prose mentions (they restate it)."""
    in_tables = {c.metric for c in table}
    counts = table + [c for c in prose if c.metric not in in_tables]
    grouped: dict[str, list[_Count]] = defaultdict(list)
    for c in counts:
        grouped[c.metric].append(c)
    out = []
    for metric, items in grouped.items():
        text = " + ".join(str(c.value) for c in items) if len(items) > 1 else items[0].text
        if len(items) > 1:
            text = f"{text} ({'; '.join(c.text for c in items)})"
        out.append(
            Figure(
                metric=metric,
                value=float(sum(c.value for c in items)),
                span=items[0].span,
                confidence=min(c.confidence for c in items),
                text=text,
            )
        )
    return out
