"""Request dependencies shared by the routers: the database session, log-in, CSRF, rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from thidua.models.tables import User
from thidua.review.security import csrf_matches, new_csrf_token

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class LoginRequired(Exception):
    """Raised by the auth dependency; answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class Forbidden(Exception):
    """Raised when a logged-in user lacks the role a page needs."""


class CsrfRejected(Exception):
    """Raised when a POST carries no CSRF token or a wrong one."""


def local_time(value: dt.datetime | None) -> str:
    """A stored time (UTC) as dd/mm/yyyy hh:mm:ss in Vietnam's time zone."""
    if value is None:
        return "—"
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M:%S")


def safe_next(url: str | None) -> str:
    """A local path to go to after logging in; /queue for anything else."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/queue"


def db(request: Request) -> Iterator[Session]:
    """A database session for one request (rolled back on error, always closed)."""
    s = request.app.state.session_factory()
    try:
        yield s
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = new_csrf_token()
    return token


async def csrf_guard(request: Request) -> None:
    """Every POST, the login form included, must carry the session's token."""
    if request.method != "POST":
        return
    given = request.headers.get("x-csrf-token")
    if not given:
        form = await request.form()
        given = form.get("csrf_token")  # type: ignore[assignment]
    if not csrf_matches(request.session.get("csrf"), given):
        raise CsrfRejected()


def current_user(request: Request, s: Session = Depends(db)) -> User:
    """The logged-in, active user; LoginRequired when there is none or the session expired."""
    now = request.app.state.clock()
    max_idle = request.app.state.max_idle
    uid = request.session.get("uid")
    seen = request.session.get("seen")
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    sid = request.session.get("sid")
    if not uid or seen is None or not sid:
        raise LoginRequired(nxt)
    if request.app.state.ended_sessions.is_ended(str(sid)):
        request.session.clear()
        raise LoginRequired(nxt)
    if now - float(seen) > max_idle:
        request.session.clear()
        request.session["flash"] = [("warn", "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.")]
        raise LoginRequired(nxt)
    user = s.get(User, uid)
    if user is None or not user.active:
        request.session.clear()
        raise LoginRequired(nxt)
    request.session["seen"] = now
    _scope(request, s, user)
    return user


def _scope(request: Request, s: Session, user: User) -> None:
    """Show only one cluster the user may see from now on in this request (review/scope.py)."""
    from thidua.review import scope

    cluster, allowed = scope.choose(s, user, request.query_params.get("cluster"), request.session.get(scope.SESSION_KEY))
    if cluster is not None:
        request.session[scope.SESSION_KEY] = cluster.key
    # Plain values: the rows of other clusters cannot be reloaded once the session is restricted.
    request.state.cluster = scope.ClusterChoice.of(cluster) if cluster is not None else None
    request.state.clusters = [scope.ClusterChoice.of(c) for c in allowed]
    scope.apply(s, cluster)


def admin_user(user: User = Depends(current_user)) -> User:
    """The logged-in user if an admin; Forbidden otherwise."""
    if user.role != "admin":
        raise Forbidden()
    return user


def render(request: Request, name: str, ctx: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A template with the session's flashes and CSRF token."""
    templates: Jinja2Templates = request.app.state.templates
    flashes = request.session.pop("flash", [])
    base = {
        "csrf_token": csrf_token(request),
        "flashes": flashes,
        "path": request.url.path,
        "cluster": getattr(request.state, "cluster", None),
        "clusters": getattr(request.state, "clusters", []),
    }
    return templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status_code)


def flash(request: Request, kind: str, message: str) -> None:
    """A message shown once on the next page."""
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], (kind, message)]
