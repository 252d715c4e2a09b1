"""Every correction, and the corrections that no longer fit a finding."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from thidua.models.corrections import undone_ids
from thidua.models.tables import User
from thidua.review import queries
from thidua.review.deps import current_user, db, render
from thidua.review.sources import finding_places
from thidua.review.undo import last_decision

router = APIRouter()


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request, year: int | None = None, unit_id: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)
) -> Response:
    """Corrections, newest first; the one in force per key marked."""
    rows = queries.history_rows(s, year, unit_id)
    return render(
        request,
        "history.html",
        {
            "user": user,
            "rows": rows,
            "in_force": queries.in_force_ids(s, year),
            "undone": undone_ids(rows),
            "units": queries.units_by_id(s),
            "alive": queries.alive_findings(s, [c.finding_id for c in rows]),
            "places": finding_places(s, [c.finding_id for c in rows]),
            "year": year,
            "unit_id": unit_id,
            "years": queries.report_years(s),
            "criterion_names": queries.criterion_names([c.year for c in rows if c.target == "manual"], s),
            "last_decision": last_decision(s, user),
        },
    )


@router.get("/orphans", response_class=HTMLResponse)
def orphans_page(request: Request, year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Corrections in force that fit no machine finding, never dropped."""
    orphans, rows = queries.orphans(s, year)
    return render(request, "orphans.html", {"user": user, "orphans": orphans, "rows": rows, "year": year})
