"""An award another body gives is the reporting unit's own when that body is the unit.

The award givers component relabels "Giấy khen của Ban Thường vụ Tỉnh đoàn" as another body's award
(no figure: in a district's report it is the Tỉnh đoàn's, not the district's). When the report is the
Tỉnh đoàn's own (a bloc of mass organisations), the body named is the reporting unit and the award is
its own: once the unit is known, such an award whose clause names the unit reads as the award again.
"""

from __future__ import annotations

from spacy.tokens import Span

from thidua.core.units import find_units
from thidua.extractors.givers import OTHER_BODY
from thidua.extractors.report.view import DocumentView


def restore_own_awards(view: DocumentView) -> None:
    """Relabel, in every piece, another body's award whose sentence names the reporting unit as the award."""
    own = [u for u in view.units if u.name == view.unit_name]
    if not own:
        return
    for piece in view.pieces:
        doc = piece.doc
        if doc is None or not any(e.ent_id_.endswith(OTHER_BODY) for e in doc.ents):
            continue
        ents = []
        for e in doc.ents:
            if e.ent_id_.endswith(OTHER_BODY) and find_units(e.sent.text, own):
                e = Span(doc, e.start, e.end, label="AWARD", span_id=e.ent_id_.removesuffix(OTHER_BODY))
            ents.append(e)
        doc.ents = ents
