"""The queue and one finding: read, then accept, change or reject."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from thidua.models.corrections import FIGURE, TASK, CorrectionConflict, CorrectionError
from thidua.models.plans import active_plan
from thidua.models.results import is_proposal
from thidua.models.tables import User
from thidua.review import labels, queries
from thidua.review.decisions import DecisionRequest, describe, effective, record_decision
from thidua.review.doubts import doubts
from thidua.review.deps import current_user, db, flash, render
from thidua.review.queue import QueueEntry, build_queue, entry_for
from thidua.review.sources import excerpt_for
from thidua.review.undo import last_decision, undo_last
from thidua.review.volume import NO_ITEM, PROPOSAL, QueueFilter, bulk_accept, bulk_dismiss_unlinked, paginate, progress

router = APIRouter()


@router.get("/")
def home(user: User = Depends(current_user)) -> Response:
    """The queue is the home page."""
    return RedirectResponse("/queue", status_code=303)


def _filter(
    year: int | None = None,
    kind: str | None = None,
    show: str = "open",
    unit_id: int | None = None,
    report_id: int | None = None,
    status: str | None = None,
    item: str | None = None,
    ocr: str | None = None,
    min_conf: int | None = Query(None, ge=0, le=100),
    max_conf: int | None = Query(None, ge=0, le=100),
    q: str = Query("", max_length=200),
) -> QueueFilter:
    """The queue's filters from the query string."""
    return QueueFilter(
        year=year,
        kind=kind if kind in (TASK, FIGURE, PROPOSAL) else None,
        show="all" if show == "all" else "open",
        unit_id=unit_id,
        report_id=report_id,
        status=status if status in labels.STATUS_LABELS else None,
        item=item or None,
        ocr=bool(ocr),
        min_conf=min_conf,
        max_conf=max_conf,
        q=q.strip(),
    )


@router.get("/queue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    f: QueueFilter = Depends(_filter),
    page: int = Query(1, ge=1, le=100000),
    user: User = Depends(current_user),
    s: Session = Depends(db),
) -> Response:
    """Entries to decide, least sure first, filtered, a page at a time, with progress per district."""
    everything = build_queue(s, year=f.year, kind=f.query_kind, include_reviewed=True)
    narrowed = [e for e in everything if f.matches(e)]
    entries = narrowed if f.show == "all" else [e for e in narrowed if not e.reviewed]
    total_open = sum(1 for e in narrowed if not e.reviewed)
    return render(
        request,
        "queue.html",
        {
            "user": user,
            "page": paginate(entries, page),
            "entries": paginate(entries, page).entries,
            "f": f,
            "year": f.year,
            "kind": f.kind,
            "show": f.show,
            "years": queries.report_years(s),
            "total_open": total_open,
            "units": queries.units_by_id(s),
            "plan_codes": sorted({e.item for e in everything if e.item and e.kind == TASK}),
            "progress": progress(everything, labels.period_label),
            "NO_ITEM": NO_ITEM,
            "last_decision": last_decision(s, user),
        },
    )


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: int, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """One district report top to bottom: every entry in document order, decided or not."""
    report = queries.report(s, report_id)
    if report is None:
        raise HTTPException(404, "Không tìm thấy báo cáo này.")
    entries = [e for e in build_queue(s, year=report.year, include_reviewed=True) if e.report.id == report.id]
    entries.sort(key=lambda e: (e.finding.block if e.finding.block is not None else 1 << 30, e.finding.span_start or 0, e.item or ""))
    [prog] = progress(entries, labels.period_label) or [None]
    return render(
        request,
        "report.html",
        {
            "user": user, "report": report, "entries": entries, "progress": prog,
            "f": QueueFilter(report_id=report.id, show="all"), "last_decision": last_decision(s, user),
        },
    )


@router.post("/queue/bulk")
async def bulk(request: Request, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Accept everything above a certainty, or dismiss the statements on no plan item, of the filtered queue."""
    form = await request.form()
    back = str(form.get("back") or "/queue")
    back = back if back.startswith("/queue") or back.startswith("/reports/") else "/queue"
    try:
        f = _filter(
            year=int(str(form["year"])) if form.get("year") else None,
            kind=str(form.get("kind") or "") or None,
            unit_id=int(str(form["unit_id"])) if form.get("unit_id") else None,
            report_id=int(str(form["report_id"])) if form.get("report_id") else None,
            status=str(form.get("status") or "") or None,
            item=str(form.get("item") or "") or None,
            ocr=str(form.get("ocr") or "") or None,
            min_conf=None,
            max_conf=None,
            q=str(form.get("q") or ""),
        )
        threshold = int(str(form.get("threshold") or "90"))
    except ValueError:
        raise HTTPException(400, "Biểu mẫu không hợp lệ.") from None
    if not 0 <= threshold <= 100:
        raise HTTPException(400, "Ngưỡng độ chắc chắn phải từ 0 đến 100.")
    entries = [e for e in build_queue(s, year=f.year, kind=f.query_kind) if f.matches(e)]
    action = str(form.get("action", ""))
    if action == "accept_above":
        out = bulk_accept(s, user, entries, threshold / 100)
        what = f"Đã xác nhận {out.done} mục có độ chắc chắn từ {threshold}% trở lên"
    elif action == "dismiss_unlinked":
        out = bulk_dismiss_unlinked(s, user, entries, str(form.get("reason") or ""))
        what = f"Đã bỏ {out.done} câu không gắn nhiệm vụ nào"
    else:
        raise HTTPException(400, "Thao tác không hợp lệ.")
    s.commit()
    skipped = f"; giữ lại {len(out.skipped)} mục trong hàng chờ (mục đã có quyết định trên câu khác hoặc trùng mục)" if out.skipped else ""
    flash(request, "ok", what + skipped + ".")
    return RedirectResponse(back, status_code=303)


def finding_context(s: Session, entry: QueueEntry, user: User) -> dict[str, Any]:
    """What the finding page (and the conflict page) shows."""
    r = entry.report
    plan = active_plan(s, r.year) if r.year is not None else None
    prev, nxt, n_open = queries.neighbours(s, entry)
    # A proposal and an award granted are not two readings of one figure: never compared.
    sibs = [f for f in queries.siblings(s, entry) if entry.kind != FIGURE or is_proposal(f) == entry.proposal]
    return {
        "user": user,
        "entry": entry,
        "excerpt": excerpt_for(entry.finding),
        "plan_items": list(plan.items) if plan else [],
        "plan_item": next((i for i in (plan.items if plan else []) if i.code == entry.item), None),
        "metric_choices": labels.metric_choices(),
        "effective": effective(entry),
        "version": entry.version,
        "statement_version": entry.decision.id if entry.decision is not None else 0,
        "siblings": sibs,
        "doubts": doubts(entry, sibs),
        "versions_json": json.dumps(queries.key_versions(s, entry)),
        "prev": prev,
        "next": nxt,
        "n_open": n_open,
        "key_history": queries.entry_history(s, entry),
        "other_items": [e for e in entry.finding.matches if e.plan_item.code != entry.item],
        "last_decision": last_decision(s, user),
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


@router.post("/undo")
async def undo(request: Request, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Undo the reviewer's own last decision: the items go back to what was in force before."""
    form = await request.form()
    try:
        seen = int(str(form["seen"])) if form.get("seen") else None
    except ValueError:
        raise HTTPException(400, "Biểu mẫu không hợp lệ.") from None
    back = str(form.get("back") or "/queue")
    back = back if back.startswith("/") and not back.startswith("//") else "/queue"
    try:
        decision, written = undo_last(s, user, seen)
        s.commit()
    except CorrectionConflict:
        s.rollback()
        flash(request, "error", "Không hoàn tác được: đã có người quyết định mục này sau bạn.")
        return RedirectResponse(back, status_code=303)
    except CorrectionError as exc:
        s.rollback()
        flash(request, "error", f"Không hoàn tác được: {exc.reason}.")
        return RedirectResponse(back, status_code=303)
    more = f" (cùng {len(written) - 1} bản sửa khác của cùng thao tác)" if len(written) > 1 else ""
    flash(request, "ok", f"Đã hoàn tác {describe(written[-1])}{more}.")
    ref = decision.finding_ref
    return RedirectResponse(f"/findings/{ref}" if ref else back, status_code=303)
