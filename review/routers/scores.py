"""The scores page of the review app: totals, ranks, evidence, the chart, and manual grades.

Every visit recomputes the scores from the current data and stores them (scoring.report.score_table).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from thidua.core.errors import ThiduaError
from thidua.models.corrections import CorrectionConflict, CorrectionError, current_version
from thidua.models.tables import Unit, User
from thidua.review import queries
from thidua.review.deps import current_user, db, flash, render
from thidua.scoring.chart import score_chart_png
from thidua.scoring.manual import manual_key, record_manual
from thidua.scoring.report import SOURCE_LABELS, describe, points_vi, score_table
from thidua.models.scoping import session_settings
from thidua.scoring.table import find_table

router = APIRouter()


@router.get("/scores", response_class=HTMLResponse)
def scores_page(
    request: Request, year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)
) -> Response:
    """Totals, ranks and the manual grades of a year."""
    year = queries.default_year(s, year)
    years = queries.plan_years(s)
    ctx: dict[str, Any] = {"user": user, "year": year, "years": years, "view": None, "error": None}
    if year is not None:
        try:
            view = score_table(s, year)
            s.commit()
        except ThiduaError as exc:
            s.rollback()
            ctx["error"] = exc.reason
        else:
            manual = [c for c in view.table.criteria if c.rule == "manual"]
            ctx.update(
                view=view,
                manual=manual,
                versions={
                    (u.unit_id, c.id): current_version(s, manual_key(u.unit_id, year, c.id))
                    for u in view.sheet.units
                    for c in manual
                },
                describe=describe,
                # The chart's "Mục I–V" are the table's sections; codes like ke_hoach shown by name.
                section_of={c.id: c.section for c in view.table.criteria if c.section},
                criterion_names={**{cid: name for cid, name, _ in view.columns}, **{c.id: c.name for c in view.table.criteria}},
                points_vi=points_vi,
                SCORE_SOURCES=SOURCE_LABELS,
            )
    return render(request, "scores.html", ctx)


@router.get("/scores/chart.png")
def scores_chart(year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """The scores chart as PNG."""
    year = queries.default_year(s, year)
    if year is None:
        return Response(status_code=404)
    view = score_table(s, year)
    s.commit()
    return Response(score_chart_png(view), media_type="image/png")

@router.post("/scores/grade")
async def scores_grade(request: Request, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
    """Record a manual grade."""
    form = await request.form()
    try:
        year = int(str(form.get("year", "")))
        unit = s.get(Unit, int(str(form.get("unit_id", ""))))
        version = int(str(form.get("version", "0")))
    except ValueError:
        flash(request, "error", "Biểu mẫu không hợp lệ.")
        return RedirectResponse("/scores", status_code=303)
    back = f"/scores?year={year}"
    value = str(form.get("value", "")).strip()
    if unit is None or not value:
        flash(request, "error", "Cần chọn đơn vị và nhập loại hoặc điểm.")
        return RedirectResponse(back, status_code=303)
    try:
        criterion = find_table(year, session_settings(s)).criterion(str(form.get("criterion", "")))
        record_manual(s, user, criterion, unit_id=unit.id, year=year, value=value, expected_version=version,
                      note=str(form.get("note", "")))
        s.commit()
        flash(request, "ok", f"Đã chấm {unit.name} – {criterion.name}: {value.upper()}.")
    except CorrectionConflict as exc:
        s.rollback()
        flash(request, "error", f"Không lưu: {exc.reason}. Trang đã được tải lại với điểm mới nhất.")
    except (CorrectionError, ThiduaError) as exc:
        s.rollback()
        flash(request, "error", f"Không lưu: {exc.reason}.")
    return RedirectResponse(back, status_code=303)

