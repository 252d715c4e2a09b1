"""The `thidua` console command: every user action is a subcommand here."""

from __future__ import annotations

import typer

from thidua.cli import db, plan, status
from thidua.cli import review as review_cli

app = typer.Typer(
    name="thidua",
    help="thidua: đọc báo cáo thi đua của các huyện, đối chiếu với kế hoạch của Cụm và chấm điểm.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.add_typer(plan.app, name="plan")
app.command("status", help="Bảng hoàn thành kế hoạch: đơn vị × nhiệm vụ, với trạng thái, ngày, đúng/trễ hạn và độ tin cậy.")(status.status)
review_cli.register(app)
app.command("extract")(__import__("thidua.cli.extract", fromlist=["_"]).extract_command)
app.command("learn")(__import__("thidua.cli.learn", fromlist=["_"]).learn_command)
app.command("eval")(__import__("thidua.cli.evaluate", fromlist=["_"]).eval_command)
app.command("run", help="Xử lý hộp thư đến ngay (một lần chạy luồng process-inbox), có thanh tiến độ và bản tóm tắt.")(__import__("thidua.cli.run", fromlist=["_"]).run)
app.command("serve", help="Chạy luồng process-inbox theo lịch (02:00 hằng đêm, giờ Việt Nam) cho đến khi dừng.")(__import__("thidua.cli.run", fromlist=["_"]).serve)
__import__("thidua.cli.score", fromlist=["_"]).register(app)


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":
    main()
