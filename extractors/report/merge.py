"""Counts found in a report and how they become Figures: one per metric, summed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from thidua.core.document import Span
from thidua.core.findings import Figure


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


def merge_figures(table: list[Count], prose: list[Count]) -> list[Figure]:
    """Awards given: sum per metric, keeping every part's span; a metric present in an award table ignores prose mentions (they restate it)."""
    return _merge([c for c in table if not c.proposed], [c for c in prose if not c.proposed], proposed=False)


def merge_proposals(table: list[Count], prose: list[Count]) -> list[Figure]:
    """Awards only proposed, summed per metric the same way as figures, with `Figure.proposed` set."""
    return _merge([c for c in table if c.proposed], [c for c in prose if c.proposed], proposed=True)


def _merge(table: list[Count], prose: list[Count], proposed: bool) -> list[Figure]:
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
