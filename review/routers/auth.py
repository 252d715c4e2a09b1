"""Log-in and log-out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from thidua.review.deps import db, render, safe_next
from thidua.review.security import authenticate, new_csrf_token

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/queue") -> Response:
    """The log-in form."""
    return render(request, "login.html", {"next": safe_next(next), "user": None, "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, s: Session = Depends(db)) -> Response:
    """Check the name and password; a fresh session on success."""
    form = await request.form()
    username = str(form.get("username", ""))
    password = str(form.get("password", ""))
    nxt = safe_next(str(form.get("next", "")))
    address = request.client.host if request.client else "?"
    limiter = request.app.state.login_limiter
    wait = limiter.blocked_for(username, address)
    if wait:
        minutes = max(1, round(wait / 60))
        message = f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau khoảng {minutes} phút."
        response = render(request, "login.html", {"next": nxt, "user": None, "error": message, "username": username}, 429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = authenticate(s, username, password)
    if user is None:
        limiter.failed(username, address)
        return render(
            request,
            "login.html",
            {"next": nxt, "user": None, "error": "Sai tên đăng nhập hoặc mật khẩu.", "username": username},
            401,
        )
    s.commit()  # a password re-hash, if any
    limiter.succeeded(username)
    request.session.clear()  # no session fixation: a fresh session, id and CSRF token
    request.session.update(
        {"uid": user.id, "sid": secrets.token_urlsafe(24), "seen": request.app.state.clock(), "csrf": new_csrf_token()}
    )
    return RedirectResponse(nxt, status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session, on the server too: the same cookie, copied, no longer logs anyone in."""
    sid = request.session.get("sid")
    if sid:
        request.app.state.ended_sessions.end(str(sid))
    request.session.clear()
    request.session["flash"] = [("ok", "Đã đăng xuất.")]
    return RedirectResponse("/login", status_code=303)
