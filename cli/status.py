"""`thidua status`: the completion matrix (units x plan items) as a table or JSON."""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console
from rich.table import Table as RichTable

from thidua.cli.cluster import CLUSTER_HELP
from thidua.cli.common import guarded, print_json
from thidua.models.scoping import cluster_session
from thidua.readmodel import Cell, completion_matrix, orphan_corrections

_STATE_MARK = {"done": "✓", "in_progress": "…", "not_done": "✗", "planned": "○"}
_LEGEND = (
    "✓ đã thực hiện (ngày), … đang thực hiện, ✗ chưa thực hiện, ○ dự kiến, ? chưa báo cáo, "
    "– không thuộc trách nhiệm; ! trễ hạn/quá hạn; ✔ người duyệt đã xác nhận, ✎ người duyệt đã sửa"
)


def cell_text(cell: Cell) -> str:
    """A short mark for a cell: state, day/month, late or overdue, reviewer's decision."""
    if cell.state is None:
        text = "?" if cell.expected else "–"
    else:
        text = _STATE_MARK.get(cell.state, cell.state)
        if cell.date:
            text += f" {cell.date:%d/%m}"
    if cell.timing in ("late", "overdue"):
        text += " !"
    if cell.source == "confirmed":
        text += " ✔"
    elif cell.source == "changed":
        text += " ✎"
    return text


def _style(cell: Cell) -> str:
    if cell.timing in ("late", "overdue"):
        return "red"
    if cell.state == "done":
        return "green"
    if cell.state in ("in_progress", "planned"):
        return "yellow"
    return "dim" if not cell.expected else ""


@guarded
def status(
    unit: str = typer.Option(None, "--unit", help="Chỉ xem một đơn vị (tên huyện)."),
    year: int = typer.Option(None, "--year", help="Năm của kế hoạch (mặc định: năm mới nhất)."),
    as_of: str = typer.Option(None, "--as-of", help="Tính quá hạn đến ngày này (YYYY-MM-DD; mặc định: hôm nay)."),
    as_json: bool = typer.Option(False, "--json", help="In ra dạng JSON."),
    cluster: str = typer.Option(None, "--cluster", help=CLUSTER_HELP),
) -> None:
    """A cluster's completion matrix: units x plan items, with status, date, timing and confidence."""
    when = None
    if as_of:
        try:
            when = dt.date.fromisoformat(as_of)
        except ValueError:
            typer.echo(f"Lỗi: ngày --as-of không hợp lệ: {as_of} (cần dạng YYYY-MM-DD)", err=True)
            raise typer.Exit(2) from None
    with cluster_session(None, cluster) as (session, _row, _settings):
        matrix = completion_matrix(session, year, unit, as_of=when)
        orphans = orphan_corrections(session, matrix.year)
        if as_json:
            data = matrix.to_json()
            data["orphan_corrections"] = [o.to_json() for o in orphans]
            print_json(data)
            return
        table = RichTable(title=f"Tiến độ thực hiện kế hoạch năm {matrix.year} (đến ngày {matrix.as_of:%d/%m/%Y})")
        table.add_column("Đơn vị")
        for item in matrix.items:
            table.add_column(item.id, justify="center")
        for u in matrix.units:
            name = u.name + (" (Trưởng Cụm)" if u.role == "head" else "")
            row = []
            for item in matrix.items:
                cell = matrix.cell(u.name, item.id)
                style = _style(cell)
                row.append(f"[{style}]{cell_text(cell)}[/]" if style else cell_text(cell))
            table.add_row(name, *row)
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 60 + 11 * len(matrix.items)))  # piped: do not wrap cells
        console.print(table)
        console.print(_LEGEND)
        if orphans:
            console.print(f"[yellow]{len(orphans)} bản sửa không còn khớp với phát hiện nào (xem trang duyệt).[/]")


__all__ = ["cell_text", "status"]
