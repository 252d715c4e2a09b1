"""The queue and one finding: read, then accept, change or reject."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from thidua.models.corrections import FIGURE, TASK, CorrectionConflict, CorrectionError
from thidua.models.plans import active_plan
from thidua.models.tables import User
from thidua.review import labels, queries
from thidua.review.decisions import DecisionRequest, describe, effective, record_decision
from thidua.review.doubts import doubts
from thidua.review.deps import current_user, db, flash, render
from thidua.review.queue import QueueEntry, build_queue, entry_for
from thidua.review.sources import excerpt_for

router = APIRouter()


@router.get("/")
def home(user: User = Depends(current_user)) -> Response:
    """The queue is the home page."""
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    year: int | None = None,
    kind: str | None = None,
    show: str = "open",
    user: User = Depends(current_user),
    s: Session = Depends(db),
) -> Response:
    """Entries to decide, least sure first."""
    kind = kind if kind in (TASK, FIGURE) else None
    entries = build_queue(s, year=year, kind=kind, include_reviewed=show == "all")
    total_open = len(build_queue(s, year=year, kind=kind)) if show == "all" else len(entries)
    return render(
        request,
        "queue.html",
        {
            "user": user,
            "entries": entries,
            "year": year,
            "kind": kind,
            "show": show,
            "years": queries.report_years(s),
            "total_open": total_open,
        },
    )


def finding_context(s: Session, entry: QueueEntry, user: User) -> dict[str, Any]:
    """What the finding page (and the conflict page) shows."""
    r = entry.report
    plan = active_plan(s, r.year) if r.year is not None else None
    prev, nxt, n_open = queries.neighbours(s, entry)
    sibs = queries.siblings(s, entry)
    return {
        "user": user,
        "entry": entry,
        "excerpt": excerpt_for(entry.finding),
        "plan_items": list(plan.items) if plan else [],
        "plan_item": next((i for i in (plan.items if plan else []) if i.code == entry.item), None),
        "metric_choices": labels.metric_choices(),
        "effective": effective(entry),
        "version": entry.item_decision.id if entry.item_decision is not None and entry.item is not None else 0,
        "statement_version": entry.decision.id if entry.decision is not None else 0,
        "siblings": sibs,
        "doubts": doubts(entry, sibs),
        "versions_json": json.dumps(queries.key_versions(s, entry)),
        "prev": prev,
        "next": nxt,
        "n_open": n_open,
        "key_history": queries.entry_history(s, entry),
        "other_items": [e for e in entry.finding.matches if e.plan_item.code != entry.item],
    }


@router.get("/findings/{finding_id}", response_class=HTMLResponse)
def finding_page(
    request: Request, finding_id: int, item: str | None = None, user: User = Depends(current_user), s: Session = Depends(db)
) -> Response:
    """One entry beside its original."""
    entry = entry_for(s, finding_id, item)
    if entry is None:
        raise HTTPException(404, "Không tìm thấy mục này.")
    return render(request, "finding.html", finding_context(s, entry, user))


@router.post("/findings/{finding_id}/decide", response_class=HTMLResponse)
async def decide(request: Request, finding_id: int, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Record a decision; the conflict page when someone decided the same item meanwhile."""
    form = await request.form()
    item = str(form.get("item") or "") or None
    entry = entry_for(s, finding_id, item)
    if entry is None:
        raise HTTPException(404, "Không tìm thấy mục này.")
    try:
        req = DecisionRequest.from_form(form)
    except ValueError:
        raise HTTPException(400, "Biểu mẫu không hợp lệ.") from None
    attempted: dict[str, Any] = {"action": req.action}
    try:
        written = record_decision(s, user, entry, req, attempted)
        s.commit()
    except CorrectionConflict as exc:
        s.rollback()
        ctx = finding_context(s, entry_for(s, finding_id, item), user)  # type: ignore[arg-type]
        ctx.update({"conflict": exc.latest, "attempted": attempted, "form": dict(form)})
        return render(request, "conflict.html", ctx, 409)
    except CorrectionError as exc:
        s.rollback()
        flash(request, "error", f"Không lưu được: {exc.reason}.")
        return RedirectResponse(f"/findings/{entry.ref}", status_code=303)
    flash(request, "ok", f"Đã lưu: {labels.FIELD_LABELS[written[-1].field].lower()} – {describe(written[-1])}.")
    nxt = str(form.get("next") or "")
    target = f"/findings/{nxt}" if nxt and nxt.split("?")[0].isdigit() else "/queue"
    if form.get("stay"):
        target = f"/findings/{finding_id}" + (f"?item={written[-1].plan_item_code}" if written[-1].plan_item_code else "")
    return RedirectResponse(target, status_code=303)
