"""`thidua cluster add|list` and `thidua units import`: the clusters of a province and their members."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table as RichTable

from thidua.cli.common import guarded, print_json
from thidua.core.settings import Settings
from thidua.models.db import session_scope

cluster_app = typer.Typer(help="Các Cụm (Khối) thi đua trong một cơ sở dữ liệu: thêm và xem.", no_args_is_help=True)
units_app = typer.Typer(help="Đơn vị (huyện) thành viên của một Cụm thi đua.", no_args_is_help=True)

#: The `--cluster` option every cluster-aware command takes.
CLUSTER_HELP = "Mã Cụm thi đua (xem: thidua cluster list); bỏ trống khi chỉ có một Cụm hoặc đã đặt THIDUA_CLUSTER."


@cluster_app.command("add", help="Thêm một Cụm thi đua: mã (dùng trong lệnh và tên thư mục hộp thư), tên, tỉnh.")
@guarded
def cluster_add(
    key: str = typer.Argument(..., help="Mã Cụm: chữ thường không dấu, chữ số và '-', ví dụ mien-tay."),
    name: str = typer.Option(..., "--name", help="Tên Cụm, ví dụ \"Cụm thi đua các huyện miền Tây\"."),
    province: str = typer.Option("", "--province", help="Tỉnh của Cụm, ví dụ \"Cao Bằng\"."),
    units: Path = typer.Option(None, "--units", help="Tệp danh sách đơn vị (TOML) nhập luôn cho Cụm."),
) -> None:
    """Add a cluster (and, with --units, import its members)."""
    from thidua.models.clusters import add_cluster, import_units

    with session_scope() as session:
        row = add_cluster(session, key, name, province)
        typer.echo(f"Đã thêm Cụm {row.key}: {row.name}" + (f" ({row.province})" if row.province else "") + ".")
        if units is not None:
            specs = import_units(session, row, units)
            typer.echo(f"Đã nhập {len(specs)} đơn vị từ {units.name} vào Cụm {row.key}.")


@cluster_app.command("list", help="Xem các Cụm thi đua: mã, tên, tỉnh, số đơn vị, kế hoạch đang dùng, thư mục hộp thư.")
@guarded
def cluster_list(as_json: bool = typer.Option(False, "--json", help="In ra dạng JSON.")) -> None:
    """List the clusters with their units, active plans and inbox folders."""
    from sqlalchemy import select

    from thidua.models.clusters import unit_count, list_clusters
    from thidua.models.tables import Plan

    settings = Settings.from_env()
    with session_scope(settings) as session:
        rows = []
        for c in list_clusters(session):
            years = session.scalars(
                select(Plan.year).where(Plan.cluster_id == c.id, Plan.active.is_(True)).order_by(Plan.year)
            ).all()
            rows.append({
                "key": c.key, "name": c.name, "province": c.province, "units": unit_count(session, c),
                "plans": list(years), "units_file": c.units_file, "inbox": str(settings.inbox / c.key),
            })
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("Chưa có Cụm thi đua nào; thêm bằng: thidua cluster add MÃ --name ... --province ...")
        return
    table = RichTable(title="Các Cụm thi đua")
    for col in ("Mã", "Tên", "Tỉnh", "Số đơn vị", "Kế hoạch (năm)", "Hộp thư"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["key"], r["name"], r["province"], str(r["units"]), ", ".join(map(str, r["plans"])) or "—", r["inbox"])
    Console().print(table)


@units_app.command("import", help="Nhập danh sách đơn vị (tệp TOML như sample_docs/units.toml) cho một Cụm thi đua.")
@guarded
def units_import(
    file: Path = typer.Argument(..., help="Tệp danh sách đơn vị (TOML: [[unit]] name, role, aliases)."),
    cluster: str = typer.Option(None, "--cluster", help=CLUSTER_HELP),
) -> None:
    """Import a units file into a cluster; it stays the cluster's file (lexicon, scoring table beside it)."""
    from thidua.models.clusters import import_units, resolve_cluster

    settings = Settings.from_env()
    with session_scope(settings) as session:
        row = resolve_cluster(session, cluster, settings)
        specs = import_units(session, row, file)
        typer.echo(f"Đã nhập {len(specs)} đơn vị từ {file.name} vào Cụm {row.key} ({row.name}).")


def register(app: typer.Typer) -> None:
    """Add `cluster` and `units` to the main command."""
    app.add_typer(cluster_app, name="cluster")
    app.add_typer(units_app, name="units")
