"""Counts found in a report and how they become Figures: one per metric, summed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from thidua.core.document import Span
from thidua.core.findings import Figure
from thidua.extractors.nlp import PATTERNS_DIR, _read_json

#: Individual titles and their collective form ("lao_dong_tien_tien" -> "tap_the_lao_dong_tien_tien").
_COLLECTIVE_FORM: dict[str, str] = {k: v for k, v in _read_json(PATTERNS_DIR / "awards_meta.json")["collective_form"].items() if not k.startswith("_")}


@dataclass(slots=True)
class Count:
    """One count of a metric read in prose or in a table cell, before counts are summed per metric."""

    metric: str
    value: int
    span: Span
    text: str
    confidence: float
    total_row: bool = False
    #: An award only proposed, not given: becomes a proposal (`Figure.proposed`), never a figure.
    proposed: bool = False
    #: How much of the year the period its sentence gives it covers (a quarter 1 ... cumulative 5), None if none.
    period_rank: int | None = None


def merge_figures(table: list[Count], prose: list[Count], cumulative_rank: int = 5) -> list[Figure]:
    """Awards given: sum per metric, keeping every part's span; a metric present in an award table ignores prose mentions (they restate it);
    a metric told for the report's whole period (rank cumulative_rank or more) drops its counts of shorter periods."""
    return _merge([c for c in table if not c.proposed], _of_whole_period([c for c in prose if not c.proposed], cumulative_rank), proposed=False)


def _of_whole_period(counts: list[Count], cumulative_rank: int) -> list[Count]:
    """A metric with a count for the report's whole period ("Lũy kế 6 tháng, ... 35 cá nhân") drops the
    counts of a shorter period told in other sentences ("Trong quý II, ... 14 cá nhân"); others are kept."""
    whole = {c.metric for c in counts if c.period_rank is not None and c.period_rank >= cumulative_rank}
    return [c for c in counts if c.metric not in whole or c.period_rank is None or c.period_rank >= cumulative_rank]


def merge_proposals(table: list[Count], prose: list[Count]) -> list[Figure]:
    """Awards only proposed, summed per metric the same way as figures, with `Figure.proposed` set."""
    return _merge([c for c in table if c.proposed], [c for c in prose if c.proposed], proposed=True)


def _collective(counts: list[Count]) -> list[Count]:
    """An individual's title counted for collectives is the collective title (patterns/awards_meta.json)."""
    for c in counts:
        award, _, recipient = c.metric.partition(".")
        if recipient == "tap_the" and award in _COLLECTIVE_FORM:
            c.metric = f"{_COLLECTIVE_FORM[award]}.tap_the"
    return counts


def _merge(table: list[Count], prose: list[Count], proposed: bool) -> list[Figure]:
    table, prose = _collective(table), _collective(prose)
    in_tables = {c.metric for c in table}
    counts = table + [c for c in prose if c.metric not in in_tables]
    grouped: dict[str, list[Count]] = defaultdict(list)
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
                parts=[c.span for c in items],
                proposed=proposed,
            )
        )
    return out
