"""The completion matrix and the evidence of one cell."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from thidua.readmodel import completion_matrix
from thidua.models.plans import active_plan
from thidua.models.tables import Unit, User
from thidua.review import queries
from thidua.review.deps import current_user, db, render

router = APIRouter()

TIMING_LABELS = {"on_time": "đúng hạn", "late": "trễ hạn", "overdue": "quá hạn", "pending": "chưa đến hạn"}


@router.get("/matrix", response_class=HTMLResponse)
def matrix_page(request: Request, year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Units × plan items."""
    year = queries.default_year(s, year)
    view = completion_matrix(s, year) if year is not None else None
    return render(
        request,
        "matrix.html",
        {"user": user, "view": view, "year": year, "years": queries.plan_years(s), "TIMING_LABELS": TIMING_LABELS},
    )


@router.get("/evidence", response_class=HTMLResponse)
def evidence_page(
    request: Request, year: int, unit_id: int, code: str, user: User = Depends(current_user), s: Session = Depends(db)
) -> Response:
    """The statements and corrections behind one matrix cell, latest period first."""
    unit = s.get(Unit, unit_id)
    if unit is None:
        raise HTTPException(404, "Không tìm thấy đơn vị.")
    plan = active_plan(s, year)
    item = next((i for i in (plan.items if plan else []) if i.code == code), None)
    matches = queries.evidence_matches(s, unit_id, year, code)
    groups = [
        {
            "period": pk,
            "matches": [m for m in matches if m.finding.report.period_kind == pk],
            "history": queries.period_history(s, unit_id, year, pk, code),
        }
        for pk in queries.evidence_periods(s, matches, unit_id, year, code)
    ]
    return render(request, "evidence.html", {"user": user, "unit": unit, "item": item, "code": code, "year": year, "groups": groups})
