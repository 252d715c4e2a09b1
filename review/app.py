"""The reviewers' web page: FastAPI, server-rendered Jinja2 templates, Vietnamese text.

`create_app` wires middleware, error pages and the routers of review/routers/; the pages read
through review/queries.py and review/queue.py, and write through review/decisions.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from thidua.core.settings import Settings
from thidua.models.db import session_factory
from thidua.review import labels
from thidua.review.deps import CsrfRejected, Forbidden, LoginRequired, csrf_guard, local_time, render
from thidua.review.routers import auth, findings, history, matrix, scores, users
from thidua.review.security import secret_key

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "thidua_session"


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        status_label=labels.status_label,
        period_label=labels.period_label,
        metric_label=labels.metric_label,
        date_vi=labels.date_vi,
        number_vi=labels.number_vi,
        value_label=labels.value_label,
        local_time=local_time,
        FIELD_LABELS=labels.FIELD_LABELS,
        SOURCE_LABELS=labels.SOURCE_LABELS,
        STATUS_LABELS=labels.STATUS_LABELS,
        ROLE_LABELS=labels.ROLE_LABELS,
    )
    return templates


async def _security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
    if not request.url.path.startswith("/static"):
        # Reports must not linger in the browser cache after logging out.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", {"title": "Không có quyền", "message": "Trang này chỉ dành cho quản trị viên.", "user": None}, 403)

    @app.exception_handler(CsrfRejected)
    async def _csrf(request: Request, exc: CsrfRejected) -> Response:
        message = "Mã bảo vệ biểu mẫu (CSRF) không hợp lệ hoặc đã hết hạn. Hãy tải lại trang rồi thử lại."
        return render(request, "error.html", {"title": "Yêu cầu bị từ chối", "message": message, "user": None}, 403)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return render(request, "error.html", {"title": "Lỗi", "message": exc.detail, "user": None}, exc.status_code)


def create_app(settings: Settings | None = None, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Build the app for the given settings; `clock` gives the time (seconds) sessions expire by."""
    settings = settings or Settings.from_env()
    max_idle = max(1, settings.session_minutes) * 60

    app = FastAPI(title="thidua – duyệt kết quả", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.clock = clock
    app.state.max_idle = max_idle
    app.state.session_factory = session_factory(settings)
    app.state.templates = _templates()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=max_idle,
        same_site="lax",
        https_only=False,
    )
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.router.dependencies.append(Depends(csrf_guard))
    _error_handlers(app)
    for module in (auth, findings, matrix, history, users, scores):
        app.include_router(module.router)
    return app

