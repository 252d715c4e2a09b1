"""An award named without its giver ("Bằng khen", "Cờ thi đua") takes the giver the text names.

"UBND tỉnh khen thưởng 03 tập thể (Bằng khen)", "Đề nghị Chủ tịch UBND tỉnh xét tặng Bằng khen",
"... tặng Bằng khen cho 04 tập thể. Ngoài ra, 02 cá nhân được tặng Bằng khen": the bare award is
the giver's award. The nearest giver before it in its clause wins, then the nearest after it, then
the same award named earlier in the text; a body whose awards are none of these ("Bộ trưởng Bộ
Nội vụ") between them stops the search. Givers and bodies are data (patterns/awards_meta.json).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from thidua.core.text import glued_parts
from thidua.core.units import fold_keep_length


#: The id suffix of an own-only award another body gives ("giay_khen:other_body"): no figure, unless
#: the report is that body's own (report extraction reads it back once it knows the reporting unit).
OTHER_BODY = ":other_body"


@dataclass(frozen=True)
class _Mark:
    start: int  # token
    end: int
    key: str  # giver key, or "" for a body whose awards are no metric


class AwardGivers:
    """Relabels a giver-less OTHER_HONOUR award (ids of `by_giver`) as the AWARD of its giver."""

    def __init__(self, meta: dict) -> None:
        data = meta["givers"]
        self.givers = {key: re.compile(rx) for key, rx in data["patterns"].items()}
        self.others = re.compile(data["other_givers"])
        self.by_giver: dict[str, dict[str, str]] = data["by_giver"]
        self.family = {award: fam for fam, table in self.by_giver.items() for award in table.values()}
        own = data.get("other_bodies_own", {})
        self.own_only: frozenset[str] = frozenset(own.get("awards", []))
        self.own_givers = re.compile(own.get("own_givers", r"(?!)"))

    def __call__(self, doc: Doc) -> Doc:
        """Replace every resolved bare award in `doc.ents`."""
        if not any((e.label_ == "OTHER_HONOUR" and e.ent_id_ in self.by_giver) or (e.label_ == "AWARD" and e.ent_id_ in self.own_only) for e in doc.ents):
            return doc
        marks = self._marks(doc)
        last: dict[str, tuple[int, str]] = {}  # family -> (token after it, award id) of the last one named
        ents: list[Span] = []
        for e in doc.ents:
            if e.label_ == "AWARD" and e.ent_id_ in self.own_only and self._by_other_body(doc, e, marks):
                # "Huyện đoàn tặng Giấy khen": another body's, unless the report is that body's (see `OTHER_BODY`)
                e = Span(doc, e.start, e.end, label="OTHER_HONOUR", span_id=e.ent_id_ + OTHER_BODY)
            elif e.label_ == "AWARD" and e.ent_id_ in self.family:
                last[self.family[e.ent_id_]] = (e.end, e.ent_id_)
            elif e.label_ == "OTHER_HONOUR" and e.ent_id_ in self.by_giver:
                award = self._resolve(doc, e, marks, last.get(e.ent_id_))
                if award is not None:
                    e = Span(doc, e.start, e.end, label="AWARD", span_id=award)
                    last[self.family[award]] = (e.end, award)
            ents.append(e)
        doc.ents = ents
        return doc

    def _by_other_body(self, doc: Doc, e: Span, marks: list[_Mark]) -> bool:
        """Award `e` is given by another body: one named just before it in its clause with no own giver
        in between ("Huyện đoàn tặng Giấy khen"), or right after it ("Giấy khen của Hội Phụ nữ huyện")."""
        if self.own_givers.search(fold_keep_length(e.text).lower()):
            return False  # "Chủ tịch UBND huyện tặng Giấy khen" names its own giver
        c0, c1 = _clause(doc, e)
        before = [m for m in marks if c0 <= m.start and m.end <= e.start]
        if before:
            nearest = max(before, key=lambda m: (m.start, m.end))
            if not nearest.key and not self.own_givers.search(fold_keep_length(doc[nearest.end : e.start].text).lower()):
                return True
        return any(
            not m.key and e.end - 1 <= m.start <= e.end + 3 and m.end <= c1
            and not any(t.is_punct for t in doc[e.end : m.start])
            and not self.own_givers.search(fold_keep_length(doc[e.end : m.start].text).lower())
            for m in marks
        )

    def award_in_text(self, award: str, text: str) -> str | None:
        """The award bare id `award` stands for under `text` (see `award_of_giver`)."""
        table = self.by_giver.get(award)
        if table is None:
            return None
        # words glued by OCR or a typist ("BKChútịchUBND tỉnh") are read apart
        text = " ".join(" ".join(glued_parts(w)) for w in text.split(" "))
        folded = fold_keep_length(text)
        found = [(m.start(), key) for key, rx in self.givers.items() if key in table for m in rx.finditer(folded)]
        if not found:
            return None
        at, key = max(found)
        return None if self.others.search(folded, at) else table[key]

    def _marks(self, doc: Doc) -> list[_Mark]:
        """Givers and other bodies named in the text, in token order."""
        folded = fold_keep_length(doc.text)
        out = []
        for key, rx in [*self.givers.items(), ("", self.others)]:
            for m in rx.finditer(folded):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    out.append(_Mark(span.start, span.end, key))
        return sorted(out, key=lambda m: (m.start, m.end))

    def _resolve(self, doc: Doc, e: Span, marks: list[_Mark], earlier: tuple[int, str] | None) -> str | None:
        """The award id of bare award `e`, or None when the text names no giver of it."""
        table = self.by_giver[e.ent_id_]
        c0, c1 = _clause(doc, e)
        before = [m for m in marks if c0 <= m.start and m.end <= e.end and m.start < e.start and (not m.key or m.key in table)]
        if before:
            nearest = max(before, key=lambda m: (m.start, m.end))
            return table[nearest.key] if nearest.key else None
        after = [m for m in marks if e.end <= m.start and m.end <= c1 and (not m.key or m.key in table)]
        if after:
            nearest = min(after, key=lambda m: m.start)
            return table[nearest.key] if nearest.key else None
        if earlier is None or any(not m.key and earlier[0] <= m.start < e.start for m in marks):
            return None
        return earlier[1]


def award_of_giver(award: str, text: str) -> str | None:
    """The award a bare award id ("bang_khen") stands for under a lead-in or caption naming its giver
    ("Các hình thức khen thưởng của UBND tỉnh:"): the last giver the text names, unless another body
    follows it; None when there is no such giver."""
    return _givers().award_in_text(award, text)


def names_other_body(text: str) -> bool:
    """Whether folded text names a body whose awards are no metric ("Bộ Quốc phòng", "Huyện đoàn")."""
    return _givers().others.search(text) is not None


@functools.cache
def _givers() -> AwardGivers:
    from thidua.extractors.nlp import PATTERNS_DIR, _read_json

    return AwardGivers(_read_json(PATTERNS_DIR / "awards_meta.json"))


def _clause(doc: Doc, e: Span) -> tuple[int, int]:
    """Token bounds of the clause (sentence part between ';') holding `e`."""
    sent = e.sent
    c0 = max([sent.start] + [t.i + 1 for t in doc[sent.start : e.start] if t.text == ";"])
    c1 = min([sent.end] + [t.i for t in doc[e.end : sent.end] if t.text == ";"])
    return c0, c1


@Language.factory("thidua_award_givers", default_config={"meta": ""})
def make_award_givers(nlp: Language, name: str, meta: str) -> AwardGivers:
    """Component giving a bare "Bằng khen"/"Cờ thi đua" the award of the giver the text names."""
    from pathlib import Path

    from thidua.extractors.nlp import _read_json

    return AwardGivers(_read_json(Path(meta)))
