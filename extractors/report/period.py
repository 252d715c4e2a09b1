"""The report's period: the first period phrase of the title, else of the opening and closing sentences."""

from __future__ import annotations

import re

from spacy.tokens import Span as DocSpan

from thidua.core.findings import Located, Period, PeriodKind
from thidua.core.units import fold_keep_length
from thidua.extractors.nlp import get_nlp
from thidua.extractors.report.view import DocumentView, Piece, sub
from thidua.extractors.report.wording import PLACE_DATE

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_LABELS = {"H1": PeriodKind.H1, "M9": PeriodKind.M9, "THEMATIC": PeriodKind.OTHER, "YEAR": PeriodKind.YEAR}
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")
# "giai đoạn 2021 - 2022", "2021-2025": a span of years names no single report year.
_YEAR_RANGE = re.compile(r"(?<!\d)(?:20|19)\d\d\s*[-–—]\s*(?:20|19)\d\d(?!\d)")


#: A header line OCR left in the body: the document number or the place-date line (folded text).
_HEADER_LINE = re.compile(r"\bso\s*:\s*\d+\s*/|" + PLACE_DATE.pattern)


def _single_years(text: str) -> list[int]:
    """Years written on their own, not as one end of a range of years."""
    return [int(y) for y in _YEAR.findall(_YEAR_RANGE.sub(" ", text))]


def report_period(view: DocumentView) -> Located | None:
    """The period of the title; else of the opening and closing body sentences; year from it or the date."""
    w = view.config.period
    title = list(view.zone_pieces("title"))
    body = [p for p in view.pieces if p.zone == "body" and p.span.row is None]
    # the opening sentences, not header lines a scan left in the body ("Số: 86/BC-UBND", "X, ngày ... năm 2024")
    opening = [p for p in body[:6] if not _HEADER_LINE.search(fold_keep_length(p.text))][:2]
    closing = [p for p in body[-6:] if fold_keep_length(p.text).startswith(("tren day", "tren day la"))]
    if not title:
        # OCR ran the title into the opening text ("BÁO CÁO Công tác ... Quý I/2025 Căn cứ ..."): the
        # head of that paragraph is the title
        title = [p for p in view.pieces[:12] if p.span.row is None and p.text.lstrip()[:7].isupper() and fold_keep_length(p.text).lstrip().startswith("bao cao")][:1]
    for group, conf in ((title, w.title), (opening, w.opening), (closing, w.closing)):
        found = _period_in(group, limit=_TITLE_HEAD if group is title else None)
        if found:
            kind, year, piece, span = found
            if year is None and view.report_date:
                year = view.report_date.year
                if kind is PeriodKind.YEAR and view.report_date.month <= 2:
                    year -= 1  # a year-end report signed in January reports on the year before
            text = piece.text[span.start_char : span.end_char]
            return Located(Period(year, kind), sub(piece.span, span.start_char, span.end_char), conf * view.factor, text)
    return None


#: How far into a title line its period is looked for: a title OCR ran into the body is no longer than this.
_TITLE_HEAD = 200


def _period_in(pieces: list[Piece], limit: int | None = None) -> tuple[PeriodKind, int | None, Piece, DocSpan] | None:
    """First decisive period phrase in the pieces (in their first `limit` characters), in order of priority per text."""
    spans = [(p, s) for p in pieces if p.doc is not None for s in p.doc.spans["periods"] if limit is None or s.start_char < limit]
    if not spans:
        return None
    joined = " ".join(fold_keep_length(p.text) for p in pieces)
    years = _single_years(joined)
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
    across = _thematic_across(pieces)
    if across is not None:
        return (PeriodKind.OTHER, _year_after(across[0], across[1], year), *across)
    for p, s in spans:
        if s.label_ == "YEAR_WEAK":
            return PeriodKind.YEAR, _year_after(p, s, year), p, s
    return None


def _thematic_across(pieces: list[Piece]) -> tuple[Piece, DocSpan] | None:
    """A thematic phrase split over two lines of a title ("... phong trào thi đua" | "“Chung sức ...”").

    Returns the line it starts on and the phrase's span in that line's text.
    """
    if len(pieces) < 2:
        return None
    starts, at = [], 0
    for p in pieces:
        starts.append(at)
        at += len(p.text) + 1
    joined = get_nlp()(" ".join(p.text for p in pieces))
    for s in joined.spans["periods"]:
        if s.label_ != "THEMATIC":
            continue
        k = max(i for i, st in enumerate(starts) if st <= s.start_char)
        if s.end_char > starts[k] + len(pieces[k].text):  # it crosses into the next line
            piece = pieces[k]
            local = piece.doc.char_span(s.start_char - starts[k], len(piece.text), alignment_mode="expand") if piece.doc else None
            if local is not None:
                return piece, local
    return None


def _year_after(p: Piece, s: DocSpan, fallback: int | None) -> int | None:
    """The first year written after a period phrase (same text), else the fallback."""
    years = _single_years(p.text[s.start_char : s.end_char + 40])
    return years[0] if years else fallback
