"""`thidua plan import|show`: bring the cluster plan in from Word or PDF, and show it."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table as RichTable

from thidua.cli.cluster import CLUSTER_HELP
from thidua.cli.common import guarded, print_json
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.models.clusters import cluster_units, resolve_cluster
from thidua.models.db import session_scope
from thidua.models.originals import OriginalsStore
from thidua.models.plans import active_plan, plan_item_dict, register_source_file, save_plan
from thidua.core.settings import Settings

app = typer.Typer(help="Kế hoạch của Cụm thi đua: nhập từ tệp Word/PDF và xem.", no_args_is_help=True)


@app.command("import", help="Nhập bảng kế hoạch từ tệp .docx, .doc hoặc .pdf làm kế hoạch đang dùng của năm đó.")
@guarded
def import_plan(
    file: Path = typer.Argument(..., help="Tệp kế hoạch (.docx, .doc hoặc .pdf)."),
    year: int = typer.Option(None, help="Năm của kế hoạch, khi tệp không ghi rõ."),
    cluster: str = typer.Option(None, "--cluster", help=CLUSTER_HELP),
) -> None:
    """Import the plan table of a Word or PDF file as the cluster's active plan of its year."""
    settings = Settings.from_env()
    with session_scope(settings) as session:
        row = resolve_cluster(session, cluster, settings)
        units = cluster_units(session, row)
        key = row.key
    # Read and parse before writing the plan: a bad file writes nothing.
    spec = extract_plan(read_document(file), [u.name for u in units], year)
    with session_scope(settings) as session:
        row = resolve_cluster(session, key, settings)
        source = register_source_file(session, file, OriginalsStore.from_settings(settings), status="processed", cluster=row)
        plan = save_plan(session, spec, source, row)
        typer.echo(f"Đã nhập kế hoạch năm {plan.year} của Cụm {row.key} với {len(plan.items)} nhiệm vụ từ {file.name}.")


@app.command("show", help="Xem kế hoạch đang dùng: mã, nội dung, đơn vị thực hiện, thời hạn, địa điểm của từng nhiệm vụ.")
@guarded
def show_plan(
    year: int = typer.Option(None, help="Năm của kế hoạch (mặc định: năm mới nhất)."),
    as_json: bool = typer.Option(False, "--json", help="In ra dạng JSON."),
    cluster: str = typer.Option(None, "--cluster", help=CLUSTER_HELP),
) -> None:
    """Show a cluster's active plan: one row per item with id, content, responsible units, due date, place."""
    with session_scope() as session:
        plan = active_plan(session, year, resolve_cluster(session, cluster).id)
        if plan is None:
            typer.echo("Chưa có kế hoạch nào; hãy chạy: thidua plan import TỆP", err=True)
            raise typer.Exit(1)
        items = [plan_item_dict(i) for i in plan.items]
        if as_json:
            print_json({"year": plan.year, "title": plan.title, "items": items})
            return
        table = RichTable(title=f"Kế hoạch năm {plan.year}: {plan.title}")
        for col in ("Mã", "Nội dung", "Đơn vị thực hiện", "Hạn", "Địa điểm"):
            table.add_column(col)
        for i in items:
            table.add_row(
                str(i["id"]),
                str(i["content"]),
                i["responsible"]["text"] or i["responsible"]["kind"],  # type: ignore[index]
                i["due"]["date"] or "",  # type: ignore[index]
                i["place"] or "",
            )
        Console().print(table)
