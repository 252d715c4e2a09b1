"""Header fields: the document number ("Số: 45/BC-UBND") and the report date (the place-date line)."""

from __future__ import annotations

import re

from thidua.core.dates import dates_in
from thidua.core.findings import Located
from thidua.core.units import fold_keep_length
from thidua.extractors.report.view import DocumentView, sub
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
    return None
