"""Undo: a reviewer takes back their own last decision by appending "undo" corrections.

A decision is every correction one action wrote: one, two for a move (reject on the old key,
change on the new one), many for a bulk accept. They share `old_value["decision"]`, a random tag
the decisions service writes. Undoing appends one "undo" correction per correction of the
decision (`new_value["undo_of"]`), each checked against its key's version, so a key somebody
decided after the reviewer is never undone behind their back. Nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.models.corrections import (
    FIGURE,
    TASK,
    UNDO,
    CorrectionError,
    CorrectionKey,
    corrections_for,
    current_version,
    record_correction,
    without_undone,
)
from thidua.models.tables import Correction, User

#: The corrections of one decision are written in one request; a batch never takes this long.
_DECISION_SPAN = dt.timedelta(hours=1)
#: What a decision's old_value carries besides the value seen (not part of the value).
_CONTEXT_KEYS = ("text", "seen_source", "decision", "dismissed_from", "proposal_of")


@dataclass(slots=True)
class Decision:
    """A reviewer's decision not undone: the corrections it wrote, oldest first."""

    corrections: list[Correction]

    @property
    def main(self) -> Correction:
        """The correction that names the decision (the last written: a move's new key)."""
        return self.corrections[-1]

    @property
    def finding_ref(self) -> str | None:
        """The finding page the decision was made on (`id` or `id?item=code`), None when it is gone."""
        c = self.main
        if c.finding_id is None:
            return None
        code = (c.plan_item_code or (c.old_value or {}).get("dismissed_from")) if c.target == TASK else None
        return f"{c.finding_id}" + (f"?item={code}" if code else "")


def _tag(c: Correction) -> str | None:
    tag = (c.old_value or {}).get("decision")
    return str(tag) if tag else None


def last_decision(s: Session, user: User) -> Decision | None:
    """The user's newest decision on a task or figure that is not undone yet."""
    mine = select(Correction).where(Correction.user_id == user.id, Correction.target.in_([TASK, FIGURE]))
    undone: set[int] = set()
    newest: Correction | None = None
    below: int | None = None
    while newest is None:
        # Newest first, a page at a time: an undo always comes after the decision it undoes.
        page = mine if below is None else mine.where(Correction.id < below)
        rows = list(s.scalars(page.order_by(Correction.id.desc()).limit(200)))
        if not rows:
            return None
        for c in rows:
            if c.field == UNDO:
                undone.add(int((c.new_value or {}).get("undo_of") or 0))
            elif c.id not in undone:
                newest = c
                break
        below = rows[-1].id
    tag = _tag(newest)
    if tag is None:
        return Decision([newest])
    since = newest.created_at - _DECISION_SPAN if newest.created_at else None
    near = select(Correction).where(Correction.user_id == user.id, Correction.target.in_([TASK, FIGURE]))
    if since is not None:
        near = near.where(Correction.created_at >= since)
    rows = list(s.scalars(near.order_by(Correction.id)))
    kept = {c.id for c in without_undone(rows)}
    return Decision([c for c in rows if c.id in kept and _tag(c) == tag])


def _same_statement(a: Correction, b: Correction) -> bool:
    if a.finding_id is not None and a.finding_id == b.finding_id:
        return True
    text = (a.old_value or {}).get("text")
    return bool(text) and text == (b.old_value or {}).get("text")


def _restored(c: Correction, earlier: list[Correction]) -> dict[str, Any]:
    """What the key goes back to: the decision in force before `c`, else the machine's value it was made on."""
    if earlier:
        prior = earlier[-1]
        return {"source": "correction", "correction_id": prior.id, "value": dict(prior.new_value or {})}
    old = c.old_value or {}
    return {"source": "machine", "value": {k: v for k, v in old.items() if k not in _CONTEXT_KEYS}}


def _undo_one(s: Session, user: User, c: Correction, note: str) -> Correction:
    key = CorrectionKey.of(c)
    history = corrections_for(s, key)
    on_item = (key.plan_item_code if key.target == TASK else key.metric) is not None
    alive = without_undone(history)
    if on_item:
        expected = c.id
        if history[-1].id != c.id:
            who = history[-1].user.username if history[-1].user else "người khác"
            raise CorrectionError(f"không hoàn tác được: {who} đã quyết định mục này sau bạn (bản sửa #{history[-1].id})")
        earlier = [x for x in alive if x.id < c.id]
    else:
        # Statements on no item share one key: only this statement's own later decisions matter.
        later = [x for x in alive if x.id > c.id and _same_statement(x, c)]
        if later:
            raise CorrectionError(f"không hoàn tác được: câu này đã có quyết định mới hơn (bản sửa #{later[-1].id})")
        expected = current_version(s, key)
        earlier = [x for x in alive if x.id < c.id and _same_statement(x, c)]
    return record_correction(
        s,
        user,
        c.target,
        unit_id=c.unit_id,
        year=c.year,
        period_kind=c.period_kind,
        plan_item_code=c.plan_item_code,
        metric=c.metric,
        field=UNDO,
        old_value={**(c.new_value or {}), "field": c.field, "text": (c.old_value or {}).get("text")},
        new_value={"undo_of": c.id, "restored": _restored(c, earlier)},
        finding_id=c.finding_id,
        expected_version=expected,
        note=note,
    )


def undo_last(s: Session, user: User, seen: int | None = None) -> tuple[Decision, list[Correction]]:
    """Undo the user's last decision; `seen` is the id the page showed (refused if it moved on)."""
    decision = last_decision(s, user)
    if decision is None:
        raise CorrectionError("bạn chưa có quyết định nào để hoàn tác")
    if seen is not None and seen not in {c.id for c in decision.corrections}:
        raise CorrectionError("quyết định gần nhất của bạn đã khác với quyết định trên trang; hãy tải lại trang")
    note = f"Hoàn tác bản sửa #{decision.main.id}"
    return decision, [_undo_one(s, user, c, note) for c in decision.corrections]
