"""`thidua score` (points, totals, ranks; grades and received dates) and `thidua export excel|word`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table as RichTable
from sqlalchemy import select

from thidua.cli.cluster import CLUSTER_HELP
from thidua.cli.common import guarded, print_json
from thidua.core.errors import ConfigError
from thidua.core.text import fold
from thidua.models.scoping import cluster_session
from thidua.core.settings import Settings
from thidua.models.tables import Unit, User
from thidua.scoring.compute import score_year
from thidua.scoring.report import describe, points_vi, rows_of, score_table
from thidua.scoring.table import ScoringTable, find_table, load_table

app = typer.Typer(
    help="Chấm điểm thi đua theo bảng tiêu chí (luôn tính lại từ dữ liệu hiện có).",
    invoke_without_command=True,
)
export_app = typer.Typer(help="Xuất kết quả cho Tổ giúp việc: Excel, Word.", no_args_is_help=True)

_YEAR = typer.Option(None, "--year", help="Năm của kế hoạch (mặc định: năm mới nhất).")
_TABLE = typer.Option(None, "--table", help="Tệp bảng điểm TOML (mặc định: scoring_<năm>.toml).")
_AS_OF = typer.Option(None, "--as-of", help="Tính đến ngày này (YYYY-MM-DD; mặc định: hôm nay).")
_CLUSTER = typer.Option(None, "--cluster", help=CLUSTER_HELP)


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"ngày {option} không hợp lệ: {value} (cần dạng YYYY-MM-DD)") from None


def _table(table: Path | None, year: int | None, session, settings: Settings | None = None) -> ScoringTable:  # type: ignore[no-untyped-def]
    """The scoring table given, else the year's (beside the cluster's units file, see table_candidates)."""
    if table is not None:
        return load_table(table)
    if year is None:
        from thidua.models.plans import active_plan

        plan = active_plan(session)
        if plan is None:
            raise ConfigError("chưa có kế hoạch nào; hãy chạy: thidua plan import TỆP")
        year = plan.year
    return find_table(year, settings)


def _unit(session, name: str) -> Unit:  # type: ignore[no-untyped-def]
    key = fold(name)
    units = list(session.scalars(select(Unit)))
    for u in units:
        if key in {fold(n) for n in (u.name, *(u.aliases or []))}:
            return u
    raise ConfigError(f"không có đơn vị '{name}' (các đơn vị: {', '.join(u.name for u in units)})")


def _user(session, name: str) -> User:  # type: ignore[no-untyped-def]
    user = session.scalars(select(User).where(User.username == name)).first()
    if user is None or not user.active:
        raise ConfigError(f"không có tài khoản '{name}' đang hoạt động (tạo bằng: thidua user add TÊN)")
    return user


@app.callback()
@guarded
def score(
    ctx: typer.Context,
    year: int = _YEAR,
    table: Path = _TABLE,
    as_of: str = _AS_OF,
    as_json: bool = typer.Option(False, "--json", help="In ra dạng JSON, kèm căn cứ của từng điểm."),
    evidence: bool = typer.Option(False, "--evidence", help="In cả căn cứ của từng điểm."),
    cluster: str = _CLUSTER,
) -> None:
    """Score every unit of a cluster with the year's table: points per criterion, total, rank (recomputed now)."""
    if ctx.invoked_subcommand:
        ctx.obj = {"year": year, "table": table, "as_of": as_of, "cluster": cluster}
        return
    with cluster_session(None, cluster) as (session, _row, settings):
        sheet = score_year(session, year, _table(table, year, session, settings), _date(as_of, "--as-of"))
        if as_json:
            print_json(sheet.to_json())
            return
        view = rows_of(sheet)
        out = RichTable(title=f"{sheet.table.title} (tính đến {sheet.as_of:%d/%m/%Y})")
        out.add_column("Hạng", justify="right")
        out.add_column("Đơn vị")
        for cid, _name, mx in view.columns:
            out.add_column(f"{cid}\n/{mx:g}" if mx else cid, justify="right")
        out.add_column(f"Tổng\n/{sheet.table.max_total:g}", justify="right", style="bold")
        for r in view.rows:
            name = r.unit + (" *" if r.unreviewed else "")
            out.add_row(str(r.rank), name, *[points_vi(p) for p in r.points], points_vi(r.total))
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 40 + 12 * len(view.columns)))
        console.print(out)
        for cid, name, _ in view.columns:
            console.print(f"  [dim]{cid}[/]: {name}")
        if any(r.unreviewed for r in view.rows):
            console.print("[yellow]* có điểm dựa trên kết quả máy đọc chưa được người duyệt xác nhận.[/]")
        pending = sorted({c for r in view.rows for c in r.pending})
        if pending:
            console.print(f"[yellow]Tiêu chí chưa chấm: {', '.join(pending)} (thidua score grade ĐƠN_VỊ TIÊU_CHÍ LOẠI).[/]")
        if evidence:
            for u in sheet.units:
                console.print(f"\n[bold]{u.rank}. {u.unit}[/] – {points_vi(u.total)} điểm")
                for cid, cs in u.criteria.items():
                    console.print(f"  [bold]{cid}[/]: {points_vi(cs.points)}")
                    for e in cs.evidence:
                        console.print(f"    {points_vi(e.get('points')):>6}  {describe(e)}", markup=False)


@app.command("grade", help="Nhập xếp loại (A–D) hoặc điểm của một tiêu chí chấm tay; được lưu vào lịch sử sửa.")
@guarded
def grade(
    ctx: typer.Context,
    unit: str = typer.Argument(..., help="Đơn vị (tên huyện)."),
    criterion: str = typer.Argument(..., help="Mã tiêu chí chấm tay trong bảng điểm."),
    value: str = typer.Argument(..., help="Loại A/B/C/D, hoặc số điểm với tiêu chí không chia loại."),
    user: str = typer.Option(..., "--user", help="Tài khoản người chấm (thidua user add)."),
    note: str = typer.Option("", "--note", help="Ghi chú, lý do."),
) -> None:
    """Enter a reviewer's grade (A–D) or points for a manual criterion; kept in the corrections' history."""
    from thidua.scoring.manual import record_manual

    opts = ctx.obj or {}
    with cluster_session(None, opts.get("cluster")) as (session, _row, settings):
        table = _table(opts.get("table"), opts.get("year"), session, settings)
        c = table.criterion(criterion)
        u = _unit(session, unit)
        row = record_manual(session, _user(session, user), c, unit_id=u.id, year=table.year, value=value, note=note)
        typer.echo(f"Đã ghi: {u.name} – {c.name}: {row.new_value.get('grade') or points_vi(row.new_value.get('points'))} (bản sửa #{row.id}).")


@app.command("received", help="Ghi ngày Tổ giúp việc nhận báo cáo của một đơn vị (dùng thay ngày của báo cáo khi xét hạn).")
@guarded
def received(
    ctx: typer.Context,
    unit: str = typer.Argument(..., help="Đơn vị (tên huyện)."),
    period: str = typer.Argument(..., help="Kỳ báo cáo: 6M, Y, Q1…Q4, 9M."),
    date: str = typer.Argument(..., help="Ngày Tổ giúp việc nhận được báo cáo (YYYY-MM-DD)."),
    user: str = typer.Option(..., "--user", help="Tài khoản người ghi (thidua user add)."),
    note: str = typer.Option("", "--note", help="Ghi chú, ví dụ số công văn đến."),
) -> None:
    """Record the day a unit's report was received (it wins over the report's own date for deadlines)."""
    from thidua.scoring.manual import record_received

    opts = ctx.obj or {}
    when = _date(date, "nhận")
    assert when is not None
    with cluster_session(None, opts.get("cluster")) as (session, _row, settings):
        year = opts.get("year") or _table(opts.get("table"), None, session, settings).year
        u = _unit(session, unit)
        row = record_received(session, _user(session, user), unit_id=u.id, year=year, period_kind=period.upper(),
                              date=when, note=note)
        typer.echo(f"Đã ghi: {u.name} – báo cáo {period.upper()} năm {year} nhận ngày {when:%d/%m/%Y} (bản sửa #{row.id}).")


@export_app.command("excel", help="Xuất sổ Excel: bảng hoàn thành, bảng điểm và căn cứ của từng điểm.")
@guarded
def export_excel_command(
    out: Path = typer.Argument(..., help="Tệp .xlsx sẽ ghi ra."),
    year: int = _YEAR,
    table: Path = _TABLE,
    as_of: str = _AS_OF,
    cluster: str = _CLUSTER,
) -> None:
    """Excel workbook of one cluster: completion matrix, scores and ranks, evidence of every point, the table used."""
    from thidua.scoring.excel import export_excel

    with cluster_session(None, cluster) as (session, _row, settings):
        view = score_table(session, year, _table(table, year, session, settings), _date(as_of, "--as-of"))
        path = export_excel(session, view, out)
    typer.echo(f"Đã xuất {path} ({len(view.rows)} đơn vị, năm {view.year}).")


@export_app.command("word", help="Xuất báo cáo Word theo Nghị định 30/2020, kèm bảng điểm và biểu đồ.")
@guarded
def export_word_command(
    out: Path = typer.Argument(..., help="Tệp .docx sẽ ghi ra."),
    year: int = _YEAR,
    table: Path = _TABLE,
    as_of: str = _AS_OF,
    date: str = typer.Option(None, "--date", help="Ngày ký báo cáo (YYYY-MM-DD); bỏ trống để điền tay."),
    number: str = typer.Option("", "--number", help="Số văn bản (bỏ trống để văn thư điền)."),
    signer: str = typer.Option("", "--signer", help="Họ tên người ký."),
    cluster: str = _CLUSTER,
) -> None:
    """Word report of one cluster laid out as Decree 30/2020 with the score table and the chart."""
    from thidua.scoring.word import WordOptions, export_word

    with cluster_session(None, cluster) as (session, row, settings):
        view = score_table(session, year, _table(table, year, session, settings), _date(as_of, "--as-of"))
        options = WordOptions(issuer=view.table.cluster or row.name, number=number, date=_date(date, "--date"),
                              signer_name=signer)
        path = export_word(view, out, options)
    typer.echo(f"Đã xuất {path} (báo cáo kết quả chấm điểm năm {view.year}).")


def register(main: typer.Typer) -> None:
    """Add `score` and `export` to the main command."""
    main.add_typer(app, name="score")
    main.add_typer(export_app, name="export")


__all__ = ["app", "export_app", "register"]
