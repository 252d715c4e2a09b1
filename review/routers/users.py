"""Accounts (admins only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from thidua.models.tables import User
from thidua.review import queries
from thidua.review.deps import admin_user, db, flash, render
from thidua.review.security import ROLES, UserError, create_user

router = APIRouter()


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
    """The accounts and the form to add one."""
    return render(request, "users.html", {"user": user, "users": queries.all_users(s), "roles": ROLES})


@router.post("/admin/users")
async def users_add(request: Request, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
    """Create an account."""
    form = await request.form()
    try:
        created = create_user(s, str(form.get("username", "")), str(form.get("password", "")), str(form.get("role", "reviewer")))
        s.commit()
        flash(request, "ok", f"Đã tạo tài khoản {created.username}.")
    except UserError as exc:
        s.rollback()
        flash(request, "error", f"Không tạo được tài khoản: {exc.reason}.")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/active")
async def users_toggle(request: Request, user_id: int, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
    """Lock or unlock an account (never one's own)."""
    target = s.get(User, user_id)
    if target is None:
        raise HTTPException(404, "Không tìm thấy tài khoản.")
    if target.id == user.id:
        flash(request, "error", "Không thể tự khoá tài khoản của mình.")
    else:
        target.active = not target.active
        s.commit()
        flash(request, "ok", f"Đã {'mở khoá' if target.active else 'khoá'} tài khoản {target.username}.")
    return RedirectResponse("/admin/users", status_code=303)
