"""The reviewers' web page: FastAPI, server-rendered Jinja2 templates, Vietnamese text."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.middleware.sessions import SessionMiddleware

from thidua.models.corrections import (
    FIGURE,
    TASK,
    CorrectionConflict,
    CorrectionError,
    CorrectionKey,
    corrections_for,
    history,
    latest_by_key,
    record_correction,
)
from thidua.models.db import session_factory
from thidua.models.plans import active_plan
from thidua.core.settings import Settings
from thidua.models.tables import Correction, Finding, Match, Plan, PlanItem, Report, Unit, User
from thidua.review import labels
from thidua.readmodel import completion_matrix, orphan_corrections
from thidua.review.queue import QueueEntry, build_queue, entry_for
from thidua.review.security import ROLES, UserError, authenticate, create_user, csrf_matches, new_csrf_token, secret_key
from thidua.review.sources import excerpt_for

HERE = Path(__file__).resolve().parent
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SESSION_COOKIE = "thidua_session"
#: Later periods first on the evidence page.
PERIOD_RANK = {"Q1": 1, "Q2": 2, "6M": 3, "Q3": 4, "9M": 5, "Q4": 6, "Y": 7, "OTHER": 8}
TIMING_LABELS = {"on_time": "đúng hạn", "late": "trễ hạn", "overdue": "quá hạn", "pending": "chưa đến hạn"}


class LoginRequired(Exception):
    """Raised by the auth dependency; answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class Forbidden(Exception):
    """Raised when a logged-in user lacks the role a page needs."""


class CsrfRejected(Exception):
    """Raised when a POST carries no CSRF token or a wrong one."""


def _local_time(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M:%S")


def _safe_next(url: str | None) -> str:
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/queue"


def _sort_key(e: QueueEntry) -> tuple[float, float, int, str]:
    return (e.confidence, e.score if e.score is not None else 0.0, e.finding.id, e.item or "")


def create_app(settings: Settings | None = None, *, clock: Callable[[], float] = time.time) -> FastAPI:
    """Build the app for the given settings; `clock` gives the time (seconds) sessions expire by."""
    settings = settings or Settings.from_env()
    factory = session_factory(settings)
    max_idle = max(1, settings.session_minutes) * 60

    app = FastAPI(title="thidua – duyệt kết quả", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.clock = clock
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(settings),
        session_cookie=SESSION_COOKIE,
        max_age=max_idle,
        same_site="lax",
        https_only=False,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.globals.update(
        status_label=labels.status_label,
        period_label=labels.period_label,
        metric_label=labels.metric_label,
        date_vi=labels.date_vi,
        number_vi=labels.number_vi,
        value_label=labels.value_label,
        local_time=_local_time,
        FIELD_LABELS=labels.FIELD_LABELS,
        SOURCE_LABELS=labels.SOURCE_LABELS,
        STATUS_LABELS=labels.STATUS_LABELS,
        ROLE_LABELS=labels.ROLE_LABELS,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        )
        if not request.url.path.startswith("/static"):
            # Reports must not linger in the browser cache after logging out.
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # ---- dependencies -------------------------------------------------------------------------

    def db() -> Iterator[Session]:
        s = factory()
        try:
            yield s
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = new_csrf_token()
        return token

    async def csrf_guard(request: Request) -> None:
        # Every POST, the login form included, must carry the session's token.
        if request.method != "POST":
            return
        given = request.headers.get("x-csrf-token")
        if not given:
            form = await request.form()
            given = form.get("csrf_token")  # type: ignore[assignment]
        if not csrf_matches(request.session.get("csrf"), given):
            raise CsrfRejected()

    def current_user(request: Request, s: Session = Depends(db)) -> User:
        now = request.app.state.clock()
        uid = request.session.get("uid")
        seen = request.session.get("seen")
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if not uid or seen is None:
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
        return user

    def admin_user(user: User = Depends(current_user)) -> User:
        if user.role != "admin":
            raise Forbidden()
        return user

    def render(request: Request, name: str, ctx: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        flashes = request.session.pop("flash", [])
        base = {"csrf_token": csrf_token(request), "flashes": flashes, "path": request.url.path}
        return templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status_code)

    def flash(request: Request, kind: str, message: str) -> None:
        request.session.setdefault("flash", [])
        request.session["flash"] = [*request.session["flash"], (kind, message)]

    app.router.dependencies.append(Depends(csrf_guard))

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", {"title": "Không có quyền", "message": "Trang này chỉ dành cho quản trị viên.", "user": None}, 403)

    @app.exception_handler(CsrfRejected)
    async def _csrf(request: Request, exc: CsrfRejected) -> Response:
        return render(
            request,
            "error.html",
            {
                "title": "Yêu cầu bị từ chối",
                "message": "Mã bảo vệ biểu mẫu (CSRF) không hợp lệ hoặc đã hết hạn. Hãy tải lại trang rồi thử lại.",
                "user": None,
            },
            403,
        )

    # ---- log-in -------------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/queue") -> Response:
        return render(request, "login.html", {"next": _safe_next(next), "user": None, "error": None})

    @app.post("/login", response_class=HTMLResponse)
    async def login(request: Request, s: Session = Depends(db)) -> Response:
        form = await request.form()
        username = str(form.get("username", ""))
        password = str(form.get("password", ""))
        nxt = _safe_next(str(form.get("next", "")))
        user = authenticate(s, username, password)
        if user is None:
            return render(
                request,
                "login.html",
                {"next": nxt, "user": None, "error": "Sai tên đăng nhập hoặc mật khẩu.", "username": username},
                401,
            )
        s.commit()  # a password re-hash, if any
        request.session.clear()  # no session fixation: a fresh session and CSRF token
        request.session.update({"uid": user.id, "seen": request.app.state.clock(), "csrf": new_csrf_token()})
        return RedirectResponse(nxt, status_code=303)

    @app.post("/logout")
    def logout(request: Request) -> Response:
        request.session.clear()
        request.session["flash"] = [("ok", "Đã đăng xuất.")]
        return RedirectResponse("/login", status_code=303)

    # ---- queue and one finding ----------------------------------------------------------------

    def _years(s: Session) -> list[int]:
        years = {y for y in s.scalars(select(Report.year).where(Report.year.is_not(None)).distinct())}
        years |= {y for y in s.scalars(select(func.distinct(Correction.year))) if y is not None}
        return sorted(years, reverse=True)

    @app.get("/")
    def home(user: User = Depends(current_user)) -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(
        request: Request,
        year: int | None = None,
        kind: str | None = None,
        show: str = "open",
        user: User = Depends(current_user),
        s: Session = Depends(db),
    ) -> Response:
        kind = kind if kind in (TASK, FIGURE) else None
        entries = build_queue(s, year=year, kind=kind, include_reviewed=show == "all")
        total_open = len(build_queue(s, year=year, kind=kind)) if show == "all" else len(entries)
        return render(
            request,
            "queue.html",
            {"user": user, "entries": entries, "year": year, "kind": kind, "show": show, "years": _years(s), "total_open": total_open},
        )

    def _neighbours(s: Session, entry: QueueEntry) -> tuple[QueueEntry | None, QueueEntry | None, int]:
        open_entries = build_queue(s)
        me = _sort_key(entry)
        prev = next((e for e in reversed(open_entries) if _sort_key(e) < me), None)
        nxt = next((e for e in open_entries if _sort_key(e) > me), None)
        return prev, nxt, len(open_entries)

    def _effective(entry: QueueEntry) -> dict[str, Any]:
        if entry.decision is not None:
            return dict(entry.decision.new_value or {})
        return entry.machine_value

    def _versions(s: Session, entry: QueueEntry) -> dict[str, int]:
        r = entry.report
        out: dict[str, int] = {}
        for key, c in latest_by_key(s, r.year).items():
            if (key.target, key.unit_id, key.period_kind) == (entry.kind, r.unit_id, r.period_kind):
                code = key.plan_item_code if entry.kind == TASK else key.metric
                if code:
                    out[code] = c.id
        return out

    def _finding_context(s: Session, entry: QueueEntry, user: User) -> dict[str, Any]:
        r = entry.report
        plan = active_plan(s, r.year) if r.year is not None else None
        prev, nxt, n_open = _neighbours(s, entry)
        key_history = corrections_for(s, entry.key) if entry.item is not None else (
            [entry.decision] if entry.decision is not None else []
        )
        return {
            "user": user,
            "entry": entry,
            "excerpt": excerpt_for(entry.finding),
            "plan_items": list(plan.items) if plan else [],
            "plan_item": next((i for i in (plan.items if plan else []) if i.code == entry.item), None),
            "metric_choices": labels.metric_choices(),
            "effective": _effective(entry),
            "version": entry.decision.id if entry.decision is not None and entry.item is not None else 0,
            "versions_json": json.dumps(_versions(s, entry)),
            "prev": prev,
            "next": nxt,
            "n_open": n_open,
            "key_history": key_history,
            "other_items": [e for e in entry.finding.matches if e.plan_item.code != entry.item],
        }

    @app.get("/findings/{finding_id}", response_class=HTMLResponse)
    def finding_page(
        request: Request, finding_id: int, item: str | None = None, user: User = Depends(current_user), s: Session = Depends(db)
    ) -> Response:
        entry = entry_for(s, finding_id, item)
        if entry is None:
            raise HTTPException(404, "Không tìm thấy mục này.")
        return render(request, "finding.html", _finding_context(s, entry, user))

    @app.post("/findings/{finding_id}/decide", response_class=HTMLResponse)
    async def decide(request: Request, finding_id: int, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
        form = await request.form()
        item = str(form.get("item") or "") or None
        entry = entry_for(s, finding_id, item)
        if entry is None:
            raise HTTPException(404, "Không tìm thấy mục này.")
        action = str(form.get("action", ""))
        try:
            version = int(str(form.get("version", "0")))
            versions = {str(k): int(v) for k, v in json.loads(str(form.get("versions") or "{}")).items()}
        except ValueError:
            raise HTTPException(400, "Biểu mẫu không hợp lệ.") from None
        note = str(form.get("note", ""))[:2000]
        attempted: dict[str, Any] = {"action": action}
        try:
            written = _record_decision(s, user, entry, action, form, version, versions, note, attempted)
            s.commit()
        except CorrectionConflict as exc:
            s.rollback()
            ctx = _finding_context(s, entry_for(s, finding_id, item), user)  # type: ignore[arg-type]
            ctx.update({"conflict": exc.latest, "attempted": attempted, "form": dict(form)})
            return render(request, "conflict.html", ctx, 409)
        except CorrectionError as exc:
            s.rollback()
            flash(request, "error", f"Không lưu được: {exc.reason}.")
            return RedirectResponse(f"/findings/{entry.ref}", status_code=303)
        flash(request, "ok", f"Đã lưu: {labels.FIELD_LABELS[written[-1].field].lower()} – {_describe(written[-1])}.")
        nxt = str(form.get("next") or "")
        target = f"/findings/{nxt}" if nxt and nxt.split("?")[0].isdigit() else "/queue"
        if form.get("stay"):
            target = f"/findings/{finding_id}" + (f"?item={written[-1].plan_item_code}" if written[-1].plan_item_code else "")
        return RedirectResponse(target, status_code=303)

    def _describe(c: Correction) -> str:
        what = c.plan_item_code if c.target == TASK else labels.metric_label(c.metric)
        return f"{what or 'câu không gắn nhiệm vụ'}: {labels.value_label(c.target, c.new_value)}"

    def _record_decision(
        s: Session,
        user: User,
        entry: QueueEntry,
        action: str,
        form: Any,
        version: int,
        versions: dict[str, int],
        note: str,
        attempted: dict[str, Any],
    ) -> list[Correction]:
        r = entry.report
        if r.unit_id is None or r.year is None or r.period_kind is None:
            raise CorrectionError("báo cáo chưa xác định đơn vị hoặc kỳ báo cáo")
        seen = _effective(entry)
        old = {**seen, "text": entry.finding.text, "seen_source": "correction" if entry.decision else "machine"}
        common = {"unit_id": r.unit_id, "year": r.year, "period_kind": r.period_kind, "finding_id": entry.finding.id, "note": note}
        is_task = entry.kind == TASK
        item_kw = "plan_item_code" if is_task else "metric"

        def rec(code: str | None, field: str, new: dict[str, Any], expected: int) -> Correction:
            return record_correction(
                s, user, entry.kind, **common, **{item_kw: code}, field=field, old_value=old, new_value=new, expected_version=expected
            )

        if action == "accept":
            if entry.item is None:
                raise CorrectionError("câu này chưa gắn với nhiệm vụ nào; hãy chọn nhiệm vụ rồi bấm Lưu thay đổi")
            if not seen:
                raise CorrectionError("mục này đang bị bác bỏ; hãy dùng Sửa để đặt lại giá trị")
            new = {k: seen.get(k) for k in (("status", "date") if is_task else ("value",))}
            attempted["new_value"] = new
            return [rec(entry.item, "accept", new, version)]
        if action == "reject":
            attempted["new_value"] = {}
            return [rec(entry.item, "reject", {}, version)]
        if action != "change":
            raise CorrectionError("thao tác không hợp lệ")
        if is_task:
            code = str(form.get("plan_item") or "") or None
            status = str(form.get("status") or "")
            date = str(form.get("date") or "").strip() or None
            new = {"status": status, "date": date}
        else:
            code = str(form.get("metric") or "") or None
            raw = str(form.get("value") or "").strip().replace(" ", "")
            try:
                # Vietnamese numbers: "1.780" is a thousand separator, "11,9" a decimal comma.
                value: float = float(raw.replace(".", "").replace(",", ".")) if raw else -1
            except ValueError:
                raise CorrectionError(f"số liệu không hợp lệ: {raw}") from None
            new = {"value": int(value) if value.is_integer() else value}
        if code is None:
            raise CorrectionError("cần chọn nhiệm vụ" if is_task else "cần chọn chỉ tiêu")
        attempted.update({"new_value": new, "code": code})
        if entry.item is not None and code != entry.item:
            # A move: the old key loses its value, the new key gets it; both checked for conflicts.
            out = [rec(entry.item, "reject", {"moved_to": code}, version)]
            out.append(rec(code, "change", {**new, "moved_from": entry.item}, versions.get(code, 0)))
            return out
        expected = version if entry.item is not None else versions.get(code, 0)
        return [rec(code, "change", new, expected)]

    # ---- matrix, evidence, history, orphans ---------------------------------------------------

    @app.get("/matrix", response_class=HTMLResponse)
    def matrix_page(request: Request, year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
        if year is None:
            plan = active_plan(s)
            year = plan.year if plan else None
        view = completion_matrix(s, year) if year is not None else None
        years = sorted(set(s.scalars(select(Plan.year).where(Plan.active.is_(True)))), reverse=True)
        return render(request, "matrix.html", {"user": user, "view": view, "year": year, "years": years, "TIMING_LABELS": TIMING_LABELS})

    @app.get("/evidence", response_class=HTMLResponse)
    def evidence_page(
        request: Request, year: int, unit_id: int, code: str, user: User = Depends(current_user), s: Session = Depends(db)
    ) -> Response:
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise HTTPException(404, "Không tìm thấy đơn vị.")
        plan = active_plan(s, year)
        item = next((i for i in (plan.items if plan else []) if i.code == code), None)
        matches = list(
            s.scalars(
                select(Match)
                .join(Finding, Match.finding_id == Finding.id)
                .join(Report, Finding.report_id == Report.id)
                .join(PlanItem, Match.plan_item_id == PlanItem.id)
                .where(Report.unit_id == unit_id, Report.year == year, Report.is_current.is_(True), PlanItem.code == code)
                .options(selectinload(Match.finding).selectinload(Finding.report).selectinload(Report.source_file))
            )
        )
        periods = {m.finding.report.period_kind for m in matches} | {
            k.period_kind for k in latest_by_key(s, year) if k.target == TASK and k.unit_id == unit_id and k.plan_item_code == code
        }
        periods = sorted(periods, key=lambda p: PERIOD_RANK.get(p or "", 99), reverse=True)
        groups = []
        for pk in periods:
            key = CorrectionKey.task(unit_id, year, pk, code)
            groups.append(
                {
                    "period": pk,
                    "matches": [m for m in matches if m.finding.report.period_kind == pk],
                    "history": corrections_for(s, key),
                }
            )
        return render(request, "evidence.html", {"user": user, "unit": unit, "item": item, "code": code, "year": year, "groups": groups})

    @app.get("/history", response_class=HTMLResponse)
    def history_page(
        request: Request, year: int | None = None, unit_id: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)
    ) -> Response:
        rows = history(s, year=year, unit_id=unit_id, limit=1000)
        in_force = {c.id for c in latest_by_key(s, year).values()}
        units = {u.id: u for u in s.scalars(select(Unit))}
        alive = set(s.scalars(select(Finding.id).where(Finding.id.in_([c.finding_id for c in rows if c.finding_id]))))
        return render(
            request,
            "history.html",
            {"user": user, "rows": rows, "in_force": in_force, "units": units, "alive": alive, "year": year, "unit_id": unit_id, "years": _years(s)},
        )

    @app.get("/orphans", response_class=HTMLResponse)
    def orphans_page(request: Request, year: int | None = None, user: User = Depends(current_user), s: Session = Depends(db)) -> Response:
        years = [year] if year is not None else _years(s)
        orphans = [o for y in years for o in orphan_corrections(s, y)]
        rows = {c.id: c for c in s.scalars(select(Correction).where(Correction.id.in_([o.correction_id for o in orphans])))}
        orphans.sort(key=lambda o: -o.correction_id)
        return render(request, "orphans.html", {"user": user, "orphans": orphans, "rows": rows, "year": year})

    # ---- users (admin) ------------------------------------------------------------------------

    @app.get("/admin/users", response_class=HTMLResponse)
    def users_page(request: Request, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
        users = list(s.scalars(select(User).order_by(User.username)))
        return render(request, "users.html", {"user": user, "users": users, "roles": ROLES})

    @app.post("/admin/users")
    async def users_add(request: Request, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
        form = await request.form()
        try:
            created = create_user(s, str(form.get("username", "")), str(form.get("password", "")), str(form.get("role", "reviewer")))
            s.commit()
            flash(request, "ok", f"Đã tạo tài khoản {created.username}.")
        except UserError as exc:
            s.rollback()
            flash(request, "error", f"Không tạo được tài khoản: {exc.reason}.")
        return RedirectResponse("/admin/users", status_code=303)

    @app.post("/admin/users/{user_id}/active")
    async def users_toggle(request: Request, user_id: int, user: User = Depends(admin_user), s: Session = Depends(db)) -> Response:
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

    app.include_router(__import__("thidua.review.scores", fromlist=["_"]).score_router(db, current_user, render, flash))

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return render(request, "error.html", {"title": "Lỗi", "message": exc.detail, "user": None}, exc.status_code)

    return app


def query_string(**params: Any) -> str:
    """A query string of the non-empty parameters."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})
