"""Turning a reviewer's decision on a queue entry into corrections (the only writer the page uses)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from thidua.models.corrections import (
    TASK,
    UNDO,
    CorrectionConflict,
    CorrectionError,
    CorrectionKey,
    current_version,
    record_correction,
)
from thidua.models.tables import Correction, User
from thidua.review import labels
from thidua.review.queue import QueueEntry

#: accept / change / reject decide the item's verdict (unit, period, plan item or metric);
#: dismiss only says "this statement is not about that item" and decides nothing else.
ACTIONS = ("accept", "reject", "change", "dismiss")


@dataclass(slots=True)
class DecisionRequest:
    """What the decision form sent: the action, the versions seen, and the new value for a change."""

    action: str
    #: The id of the correction in force the reviewer saw for this entry's key (0: none).
    version: int = 0
    #: The id of this statement's own newest decision the reviewer saw (0: none; None: not sent).
    statement_version: int | None = None
    #: Plan item code (or metric) → id of its correction in force, for a move to another key.
    versions: dict[str, int] = field(default_factory=dict)
    note: str = ""
    plan_item: str | None = None
    status: str = ""
    date: str | None = None
    metric: str | None = None
    value: str = ""
    #: Tags every correction of one action (a move's two, a bulk batch's many) so undo takes them back together.
    decision: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> DecisionRequest:
        """Parse the form; ValueError for a version that is not a number."""
        return cls(
            action=str(form.get("action", "")),
            version=int(str(form.get("version", "0"))),
            statement_version=int(str(form["statement_version"])) if form.get("statement_version") not in (None, "") else None,
            versions={str(k): int(v) for k, v in json.loads(str(form.get("versions") or "{}")).items()},
            note=_note(str(form.get("action", "")), str(form.get("reason") or ""), str(form.get("note", ""))),
            plan_item=str(form.get("plan_item") or "") or None,
            status=str(form.get("status") or ""),
            date=str(form.get("date") or "").strip() or None,
            metric=str(form.get("metric") or "") or None,
            value=str(form.get("value") or "").strip().replace(" ", ""),
        )


def _note(action: str, reason: str, note: str) -> str:
    # A rejection's reason goes first in the note (the history shows it).
    reason = reason.strip()
    if reason and action in ("reject", "dismiss"):
        note = f"Lý do: {reason}." + (f" {note}" if note.strip() else "")
    return note[:2000]


def effective(entry: QueueEntry) -> dict[str, Any]:
    """The value in force for an entry: the reviewer's decision, else the machine's."""
    if entry.decision is not None:
        return dict(entry.decision.new_value or {})
    return entry.machine_value


def describe(c: Correction) -> str:
    """A correction in words for the confirmation message."""
    old = c.old_value or {}
    if c.field == UNDO:
        on_item = (c.plan_item_code if c.target == TASK else c.metric) is not None
        return f"bản sửa #{(c.new_value or {}).get('undo_of')}, trở về {labels.restored_label(c.target, c.new_value, on_item)}"
    if c.target == TASK and c.plan_item_code is None and old.get("dismissed_from"):
        return f"bỏ câu khỏi {old['dismissed_from']}"
    if old.get("proposal_of"):
        kept = "giữ là đề nghị, không tính" if c.field == "accept" else "không phải đề nghị, bỏ câu"
        return f"đề nghị {labels.metric_label(old['proposal_of'])}: {kept}"
    what = c.plan_item_code if c.target == TASK else labels.metric_label(c.metric)
    return f"{what or 'câu không gắn nhiệm vụ'}: {labels.value_label(c.target, c.new_value)}"


def parse_figure(raw: str) -> int | float:
    """A figure typed the Vietnamese way ("1.780" thousands, "11,9" decimal comma); -1 when empty."""
    try:
        value: float = float(raw.replace(".", "").replace(",", ".")) if raw else -1
    except ValueError:
        raise CorrectionError(f"số liệu không hợp lệ: {raw}") from None
    return int(value) if value.is_integer() else value


def record_decision(
    s: Session, user: User, entry: QueueEntry, req: DecisionRequest, attempted: dict[str, Any]
) -> list[Correction]:
    """Write the corrections a decision means; `attempted` receives what was tried (for a conflict page)."""
    r = entry.report
    if r.unit_id is None or r.year is None or r.period_kind is None:
        raise CorrectionError("báo cáo chưa xác định đơn vị hoặc kỳ báo cáo")
    seen = effective(entry)
    old = {**seen, "text": entry.finding.text, "seen_source": "correction" if entry.decision else "machine", "decision": req.decision}
    common = {"unit_id": r.unit_id, "year": r.year, "period_kind": r.period_kind, "finding_id": entry.finding.id, "note": req.note}
    is_task = entry.kind == TASK
    item_kw = "plan_item_code" if is_task else "metric"

    seen_own = entry.decision.id if entry.decision is not None else 0

    def rec(code: str | None, fld: str, new: dict[str, Any], expected: int, old_value: dict[str, Any] = old) -> Correction:
        if (code is None or entry.item is None) and req.statement_version is not None and req.statement_version != seen_own:
            # A statement on no item has no key of its own: a decision on this very statement
            # since the page was opened is the conflict to catch.
            raise CorrectionConflict(entry.key, req.statement_version, entry.decision)  # type: ignore[arg-type]
        if code is None:
            # The key of statements on no item is shared by every such statement of the unit and period.
            key = CorrectionKey(entry.kind, r.unit_id, r.year, r.period_kind)
            expected = current_version(s, key)
        return record_correction(
            s, user, entry.kind, **common, **{item_kw: code}, field=fld, old_value=old_value, new_value=new, expected_version=expected
        )

    if entry.proposal and req.action in ("accept", "reject", "dismiss"):
        # Kept as a proposal (accept) or not even that (reject): about this statement only, never counted.
        proposal_old = {**old, "proposal_of": entry.item}
        if req.action == "accept":
            new = {"proposal": True, "value": seen.get("value")}
            attempted["new_value"] = new
            return [rec(None, "accept", new, 0, proposal_old)]
        attempted["new_value"] = {}
        return [rec(None, "reject", {}, 0, proposal_old)]
    if req.action == "accept":
        if entry.item is None:
            raise CorrectionError("câu này chưa gắn với nhiệm vụ nào; hãy chọn nhiệm vụ rồi bấm Lưu thay đổi")
        if not seen:
            raise CorrectionError("mục này đang bị bác bỏ; hãy dùng Sửa để đặt lại giá trị")
        new = {k: seen.get(k) for k in (("status", "date") if is_task else ("value",))}
        attempted["new_value"] = new
        return [rec(entry.item, "accept", new, req.version)]
    if req.action == "reject":
        attempted["new_value"] = {}
        return [rec(entry.item, "reject", {}, req.version)]
    if req.action == "dismiss":
        attempted["new_value"] = {}
        return [rec(None, "reject", {}, 0, {**old, "dismissed_from": entry.item})]
    if req.action != "change":
        raise CorrectionError("thao tác không hợp lệ")
    if is_task:
        code = req.plan_item
        new = {"status": req.status, "date": req.date}
    else:
        code = req.metric
        new = {"value": parse_figure(req.value)}
    if code is None:
        raise CorrectionError("cần chọn nhiệm vụ" if is_task else "cần chọn chỉ tiêu")
    attempted.update({"new_value": new, "code": code})
    if entry.item is not None and code != entry.item:
        # A move: the old key loses its value, the new key gets it; both checked for conflicts.
        out = [rec(entry.item, "reject", {"moved_to": code}, req.version)]
        out.append(rec(code, "change", {**new, "moved_from": entry.item}, req.versions.get(code, 0)))
        return out
    expected = req.version if entry.item is not None else req.versions.get(code, 0)
    return [rec(code, "change", new, expected)]
