"""The `thidua` console command: every user action is a subcommand here.

Subcommands are imported only when they run (`thidua --help` imports none of spaCy, SQLAlchemy,
Alembic or Prefect): each entry of COMMANDS names the module that builds it and its short help.
The settings are validated before any command runs: a bad THIDUA_* value is one line.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
import typer.core
import typer.main

#: name -> (module under thidua.cli, how it adds itself to a Typer app, short help).
#: "app:X" adds module.X as a sub-app; "cmd:F" adds function F; "register" calls module.register(app).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "db": ("db", "app:app", "Cơ sở dữ liệu: nâng cấp lược đồ."),
    "cluster": ("cluster", "register", "Các Cụm (Khối) thi đua của tỉnh trong một cơ sở dữ liệu: thêm, xem."),
    "units": ("cluster", "register", "Đơn vị thành viên của một Cụm: nhập từ tệp TOML."),
    "plan": ("plan", "app:app", "Kế hoạch của Cụm thi đua: nhập từ tệp Word/PDF và xem."),
    "status": (
        "status", "cmd:status",
        "Bảng hoàn thành kế hoạch: đơn vị × nhiệm vụ, với trạng thái, ngày, đúng/trễ hạn và độ tin cậy.",
    ),
    "review": ("review", "register", "Mở trang duyệt kết quả (đăng nhập, sửa kết quả máy tìm, xem bảng hoàn thành, điểm)."),
    "user": ("review", "register", "Tài khoản người duyệt của trang duyệt kết quả."),
    "extract": ("extract", "cmd:extract_command", "Đọc một báo cáo và in các kết quả tìm được, kèm vị trí trong tệp."),
    "learn": ("learn", "cmd:learn_command", "Học từ quyết định của người duyệt (mô hình riêng của Cụm); chỉ dùng khi tốt hơn luật."),
    "eval": ("evaluate", "cmd:eval_command", "Đo độ chính xác trích xuất và đối chiếu trên thư mục có tệp *.expected.json."),
    "run": ("run", "cmd:run", "Xử lý hộp thư đến ngay (một lần chạy luồng process-inbox), có thanh tiến độ và bản tóm tắt."),
    "serve": ("run", "cmd:serve", "Chạy luồng process-inbox theo lịch (02:00 hằng đêm, giờ Việt Nam) cho đến khi dừng."),
    "score": ("score", "register", "Chấm điểm thi đua theo bảng tiêu chí của Cụm."),
    "export": ("score", "register", "Xuất kết quả ra Excel hoặc Word."),
}

HELP = "thidua: đọc báo cáo thi đua của các huyện, đối chiếu với kế hoạch của Cụm và chấm điểm."


def _typer_app() -> typer.Typer:
    return typer.Typer(name="thidua", help=HELP, no_args_is_help=True, pretty_exceptions_enable=False)


def _add(app: typer.Typer, name: str) -> None:
    """Add one subcommand (importing its module) to a Typer app."""
    module_name, how, short = COMMANDS[name]
    module = importlib.import_module(f"thidua.cli.{module_name}")
    if how.startswith("app:"):
        app.add_typer(getattr(module, how[4:]), name=name)
    elif how.startswith("cmd:"):
        app.command(name, help=short)(getattr(module, how[4:]))
    else:
        module.register(app)


def build_command(name: str) -> Any:
    """Import one subcommand's module and return it as a click command."""
    app = _typer_app()
    _add(app, name)
    app.command("_")(lambda: None)  # a second command keeps Typer from collapsing the group
    group = typer.main.get_command(app)
    return group.commands[name]  # type: ignore[attr-defined]


def full_app() -> typer.Typer:
    """The whole command as one Typer app, every subcommand imported (for typer.testing.CliRunner)."""
    app = _typer_app()
    registered: set[str] = set()
    for name, (module_name, how, _) in COMMANDS.items():
        key = module_name if how == "register" else name
        if key not in registered:
            registered.add(key)
            _add(app, name)
    return app


def __getattr__(name: str) -> Any:
    """`thidua.cli.main.app`: the full Typer app, built on first use."""
    if name == "app":
        app = full_app()
        globals()["app"] = app
        return app
    raise AttributeError(name)


class LazyGroup(typer.core.TyperGroup):
    """A command group whose subcommands are imported on first use; help lists them without importing."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Every subcommand name."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The subcommand, imported now; None for an unknown name."""
        return build_command(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the subcommands with their short help, without importing them."""
        with formatter.section("Lệnh"):
            formatter.write_dl([(name, short) for name, (_, _, short) in COMMANDS.items()])


cli = LazyGroup(name="thidua", help=HELP, no_args_is_help=True, rich_markup_mode=None)


def _check_settings(argv: list[str]) -> None:
    """Validate every THIDUA_* setting before a command runs (not for help)."""
    if not argv or any(a in ("--help", "-h") for a in argv):
        return
    from thidua.core.errors import ConfigError
    from thidua.core.settings import Settings

    try:
        Settings.from_env()
    except ConfigError as exc:
        typer.echo(f"Lỗi: {exc.reason}", err=True)
        raise SystemExit(1) from None


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the console script."""
    args = sys.argv[1:] if argv is None else argv
    _check_settings(args)
    return cli.main(args=args, prog_name="thidua")


if __name__ == "__main__":
    main()
