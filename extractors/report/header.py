"""Header fields: the document number ("Số: 45/BC-UBND") and the report date (the place-date line)."""

from __future__ import annotations

import datetime as dt
import re

from thidua.core.dates import dates_in
from thidua.core.findings import Located
from thidua.core.units import fold_keep_length
from thidua.extractors.report.view import DocumentView, Piece, sub
from thidua.extractors.report.wording import PLACE_DATE

_DOC_NUMBER = re.compile(r"\bso\s*[:.]?\s*(?P<num>\d*\s*/\s*[a-z0-9][a-z0-9\-./]*|\d+\s*-\s*[a-z]{2}[a-z0-9\-/]*)")


def doc_number(view: DocumentView) -> Located | None:
    """'Số: 45/BC-UBND' from the header (or the first blocks when the header was not found)."""
    w = view.config.header
    for p in list(view.zone_pieces("header")) + [q for q in view.pieces[:12] if q.zone != "header"]:
        f = fold_keep_length(p.text)
        m = _DOC_NUMBER.search(f)
        if m:
            s, e = m.span("num")
            value = re.sub(r"\s+", "", p.text[s:e]).rstrip(".,;")
            conf = (w.doc_number_in_header if p.zone == "header" else w.doc_number_elsewhere) * (
                w.doc_number_no_serial if value.startswith("/") else 1.0
            )
            return Located(value, sub(p.span, s, e), conf * view.factor, p.text[m.start() : e])
    return None


def report_date(view: DocumentView) -> Located | None:
    """The place-date line ('Hòa An, ngày 20 tháng 6 năm 2022'); header first, then anywhere early or late.

    A place-date line with a blank day ("ngày  tháng 4 năm 2022", an unsigned draft) gives no date.
    """
    w = view.config.header
    candidates = list(view.zone_pieces("header", "title")) + view.pieces[:15] + view.pieces[-8:]
    seen: set[int] = set()
    for p in candidates:
        if id(p) in seen:
            continue
        seen.add(id(p))
        f = fold_keep_length(p.text)
        pd = PLACE_DATE.search(f)
        in_header = p.zone == "header"
        if not pd and not (in_header and "ngay" in f):
            continue
        start = pd.start() if pd else 0
        for d, s, e in dates_in(f[start:], None):
            if d is not None:
                conf = w.date_place_line if pd else w.date_in_header
                return Located(d, sub(p.span, start + s, start + e), conf * view.factor, p.text[start + s : start + e])
        if pd and (cut := _YEAR_CUT.search(f, start)) and (year := _wrapped_year(view, p)):
            try:
                d = dt.date(year, int(cut.group("m")), int(cut.group("d")))
            except ValueError:
                continue
            s, e = cut.span()
            return Located(d, sub(p.span, s, e), w.date_in_header * view.factor, p.text[s:e])
    return None


#: A place-date line cut before its year ("ngày 29 tháng 3 năm" and the line ends).
_YEAR_CUT = re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s*$")
#: A year standing on its own, not the "năm 2024" of a title or a date.
_LONE_YEAR = re.compile(r"(?<![\d/.\-])(?<!nam )(?<!quy )\b(20\d\d)\b(?![/.\-]\d)")


def _wrapped_year(view: DocumentView, line: Piece) -> int | None:
    """The year OCR moved off a cut place-date line: a lone year on a nearby header or title line."""
    at = next((i for i, q in enumerate(view.pieces) if q is line), None)
    if at is None:
        return None
    for dist in (1, 2, 3):
        for i in (at + dist, at - dist):
            if 0 <= i < len(view.pieces) and view.pieces[i].zone in ("header", "title"):
                if m := _LONE_YEAR.search(fold_keep_length(view.pieces[i].text)):
                    return int(m.group(1))
    return None
