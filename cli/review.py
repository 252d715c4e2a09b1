"""`thidua review` (start the reviewers' web page) and `thidua user add` (create an account)."""

from __future__ import annotations

import typer

from thidua.cli.common import guarded
from thidua.core.errors import ConfigError
from thidua.models.db import session_scope
from thidua.core.settings import Settings

user_app = typer.Typer(help="Tài khoản đăng nhập trang duyệt kết quả.", no_args_is_help=True)


def port_in_use(host: str, port: int) -> str | None:
    """Why the page cannot listen on host:port (in Vietnamese), or None when it can."""
    import errno
    import socket

    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return "đang được chương trình khác dùng"
        if exc.errno == errno.EACCES:
            return "cần quyền quản trị"
        return f"không dùng được ({exc.strerror or exc})"
    return None


@guarded
def review(
    host: str = typer.Option("127.0.0.1", help="Địa chỉ lắng nghe (mặc định chỉ máy này)."),
    port: int = typer.Option(8000, help="Cổng lắng nghe."),
) -> None:
    """Start the reviewers' web page (log in, correct findings, see the completion matrix)."""
    import uvicorn

    from thidua.review.app import create_app

    settings = Settings.from_env()
    app = create_app(settings)
    busy = port_in_use(host, port)
    if busy:
        raise ConfigError(f"không mở được trang duyệt: cổng {port} trên {host} {busy}; hãy chọn cổng khác (--port)")
    typer.echo(f"Trang duyệt kết quả: http://{host}:{port}/  (Ctrl+C để dừng)")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


@user_app.command("add", help="Tạo tài khoản người duyệt (reviewer) hoặc quản trị (admin) cho trang duyệt.")
@guarded
def user_add(
    username: str = typer.Argument(..., help="Tên đăng nhập."),
    role: str = typer.Option("reviewer", help="Vai trò: reviewer (người duyệt) hoặc admin (quản trị)."),
    password: str = typer.Option(
        None, help="Mật khẩu (cho tập lệnh); bỏ trống để được hỏi mà không hiện ra màn hình."
    ),
    cluster: list[str] = typer.Option(
        None, "--cluster",
        help="Mã Cụm người duyệt được xem (lặp lại cho nhiều Cụm); bỏ trống khi chỉ có một Cụm. Quản trị xem mọi Cụm.",
    ),
) -> None:
    """Create a reviewer or admin account for the review page, scoped to clusters."""
    from thidua.models.clusters import resolve_cluster
    from thidua.review.security import create_user

    if password is None:
        password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    settings = Settings.from_env()
    with session_scope(settings) as session:
        clusters = None
        if role != "admin":
            keys = cluster or [None]
            clusters = [resolve_cluster(session, key, settings) for key in keys]
        user = create_user(session, username, password, role, clusters)
        where = f", Cụm: {', '.join(c.key for c in user.clusters)}" if user.role != "admin" else ", mọi Cụm"
        typer.echo(f"Đã tạo tài khoản {user.username} ({user.role}{where}).")


@user_app.command("clusters", help="Đặt các Cụm thi đua một người duyệt được xem (thay cho các Cụm cũ của họ).")
@guarded
def user_clusters(
    username: str = typer.Argument(..., help="Tên đăng nhập."),
    cluster: list[str] = typer.Option(..., "--cluster", help="Mã Cụm (lặp lại cho nhiều Cụm)."),
) -> None:
    """Set the clusters a reviewer may see (replacing theirs)."""
    from sqlalchemy import select

    from thidua.models.clusters import get_cluster
    from thidua.models.tables import User
    from thidua.review.security import UserError

    with session_scope() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        if user is None:
            raise UserError(f"không có tài khoản '{username}'")
        if user.role == "admin":
            raise UserError(f"'{username}' là quản trị: được xem mọi Cụm")
        user.clusters = [get_cluster(session, key) for key in dict.fromkeys(cluster)]
        typer.echo(f"{user.username} được xem: {', '.join(c.key for c in user.clusters)}.")


def register(app: typer.Typer) -> None:
    """Add `review` and `user` to the main command."""
    app.command("review", help="Mở trang duyệt kết quả (đăng nhập, sửa kết quả máy tìm, xem bảng hoàn thành, điểm).")(review)
    app.add_typer(user_app, name="user")
