"""The reviewers' web page: FastAPI, server-rendered Jinja2 templates, Vietnamese text.

`create_app` wires middleware, error pages and the routers of review/routers/; the pages read
through review/queries.py and review/queue.py, and write through review/decisions.py.
"""

from __future__ import annotations

import time
from http import HTTPStatus
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from thidua.core.errors import ThiduaError
from thidua.core.settings import Settings
from thidua.models.corrections import undone_ids
from thidua.models.db import session_factory
from thidua.review import scope
from thidua.review import labels
from thidua.review.decisions import describe
from thidua.review.limits import EndedSessions, LoginLimiter
from thidua.review.deps import CsrfRejected, Forbidden, LoginRequired, csrf_guard, local_time, render
from thidua.review.routers import auth, findings, history, matrix, scores, sources, users
from thidua.review.security import secret_key

HERE = Path(__file__).resolve().parent
#: Vietnamese title and message of each HTTP error the page can answer with.
HTTP_MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Yêu cầu không hợp lệ."),
    404: ("Không tìm thấy trang", "Không có trang nào ở địa chỉ này. Hãy kiểm tra lại địa chỉ hoặc dùng thanh điều hướng."),
    405: ("Thao tác không hợp lệ", "Trang này không nhận thao tác này."),
    429: ("Quá nhiều yêu cầu", "Quá nhiều yêu cầu, hãy thử lại sau ít phút."),
}
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
        same_value=labels.same_value,
        restored_label=labels.restored_label,
        in_force_id=labels.in_force_id,
        undone_ids=undone_ids,
        describe_correction=describe,
        cell_label=labels.cell_label,
        local_time=local_time,
        FIELD_LABELS=labels.FIELD_LABELS,
        SOURCE_LABELS=labels.SOURCE_LABELS,
        STATUS_LABELS=labels.STATUS_LABELS,
        ROLE_LABELS=labels.ROLE_LABELS,
        REJECT_REASONS=labels.REJECT_REASONS,
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

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title, default = HTTP_MESSAGES.get(exc.status_code, ("Lỗi", "Yêu cầu không thực hiện được."))
        # FastAPI's own details are English ("Not Found"): only ours, in Vietnamese, are shown.
        message = exc.detail if isinstance(exc, HTTPException) and exc.detail and exc.detail != HTTPStatus(exc.status_code).phrase else default
        return _error_page(request, title, str(message), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError) -> Response:
        names = sorted({str(e.get("loc", ["", "?"])[-1]) for e in exc.errors()})
        message = f"Tham số không hợp lệ: {', '.join(names)}. Hãy kiểm tra lại địa chỉ trang."
        return _error_page(request, "Địa chỉ không hợp lệ", message, 400)

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        return _error_page(request, "Địa chỉ không hợp lệ", "Một tham số là số quá lớn. Hãy kiểm tra lại địa chỉ trang.", 400)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> Response:
        return _error_page(request, "Địa chỉ không hợp lệ", "Một tham số là số quá lớn (ngoài giới hạn cơ sở dữ liệu cho phép). Hãy kiểm tra lại địa chỉ trang.", 400)

    @app.exception_handler(ThiduaError)
    async def _thidua_error(request: Request, exc: ThiduaError) -> Response:
        return _error_page(request, "Không thực hiện được", f"{exc.reason}.", 400)


def _error_page(request: Request, title: str, message: str, status: int) -> Response:
    return render(request, "error.html", {"title": title, "message": message, "user": None}, status)


def create_app(settings: Settings | None = None, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Build the app for the given settings; `clock` gives the time (seconds) sessions expire by."""
    settings = settings or Settings.from_env()
    max_idle = max(1, settings.session_minutes) * 60

    app = FastAPI(title="thidua – duyệt kết quả", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.clock = clock
    app.state.max_idle = max_idle
    app.state.session_factory = session_factory(settings)
    scope.install(app.state.session_factory)  # every query sees the request's cluster only
    app.state.templates = _templates()
    app.state.login_limiter = LoginLimiter(clock)
    app.state.ended_sessions = EndedSessions(Path(settings.data_dir), max_idle, clock)
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
    for module in (auth, findings, matrix, history, users, scores, sources):
        app.include_router(module.router)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    return app

