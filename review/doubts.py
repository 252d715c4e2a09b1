"""Why the machine is unsure about a queue entry, in Vietnamese, for the reviewer."""

from __future__ import annotations

from collections.abc import Sequence

from thidua.models.corrections import TASK
from thidua.models.tables import Finding
from thidua.review.labels import status_label
from thidua.review.queue import QueueEntry

#: Below this extraction confidence the entry says the reading itself is uncertain.
LOW_CONFIDENCE = 0.6
#: Below this matching score the link to the plan item is called weak.
WEAK_MATCH = 0.6


def _status_for(f: Finding, code: str) -> str | None:
    best = max((m for m in f.matches if m.plan_item.code == code), key=lambda m: m.score, default=None)
    return best.status if best is not None else f.status


def doubts(entry: QueueEntry, siblings: Sequence[Finding] = ()) -> list[str]:
    """The reasons to look twice at an entry: OCR, low confidence, no or weak match, several items, conflicts."""
    out: list[str] = []
    if entry.ocr:
        out.append("Trích từ bản quét bằng OCR: chữ có thể bị đọc sai.")
    if entry.confidence < LOW_CONFIDENCE:
        out.append(f"Độ tin cậy khi trích thấp ({entry.confidence * 100:.0f}%).")
    if entry.kind == TASK:
        if entry.item is None:
            out.append("Không khớp với nhiệm vụ nào trong kế hoạch.")
        elif entry.score is not None and entry.score < WEAK_MATCH:
            out.append(f"Độ khớp với nhiệm vụ {entry.item} yếu ({entry.score * 100:.0f}%).")
        others = {m.plan_item.code for m in entry.finding.matches} - {entry.item}
        if others:
            out.append("Câu này cũng khớp với " + ", ".join(sorted(others)) + ".")
        if entry.item is not None:
            mine = entry.machine_value.get("status")
            differing = sorted({s for f in siblings if (s := _status_for(f, entry.item)) and s != mine})
            if differing:
                out.append(
                    f"Câu khác của cùng báo cáo kỳ này về {entry.item} nói khác: " + ", ".join(status_label(s) for s in differing) + "."
                )
    else:
        values = sorted({float(f.value) for f in siblings if f.value is not None} - {float(entry.finding.value or 0)})
        if values:
            out.append("Có số liệu khác cho cùng chỉ tiêu trong kỳ này.")
    if entry.decided_elsewhere:
        out.append("Kết quả của mục này đã được người duyệt quyết định trên một câu khác.")
    return out
