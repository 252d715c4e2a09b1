"""`thidua extract FILE`: read one report and print what the extractor finds in it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table as RichTable

from thidua.cli.common import guarded, print_json
from thidua.core.findings import Findings
from thidua.extractors.readers import read_document
from thidua.extractors.report import extract_findings
from thidua.core.units import UnitSpec, load_units
from thidua.core.settings import Settings


def plan_matcher(
    plan: Path | None,
    units: list[UnitSpec],
    year: int | None = None,
    learned: bool = False,
    corpus: Sequence[str] = (),
) -> Callable[[Findings], Findings] | None:
    """A function linking findings to plan items: from a plan file, else the database's active plan.

    With `learned`, the cluster's stored model (`thidua learn`) is used when it was trained on this
    plan and beat the rules. `corpus`: statement texts of the cluster's reports (matching's word
    weights). Returns None when there is no plan to match against.
    """
    from thidua.matching import match_findings

    spec = None
    if plan is not None:
        from thidua.extractors.plan import extract_plan

        spec = extract_plan(read_document(plan), [u.name for u in units], year)
    else:
        try:
            from thidua.models.db import session_scope
            from thidua.models.plans import active_plan, plan_spec

            with session_scope() as session:
                row = active_plan(session, year)
                spec = plan_spec(row) if row is not None else None
        except Exception:  # no database yet, or not migrated: extraction still works without a plan
            spec = None
    if spec is None:
        return None
    settings = Settings.from_env()
    model = None
    if learned:
        from thidua.matching.learning import cluster_name, load_model

        model = load_model(settings.data_dir, cluster_name(settings.units_file), spec)
        if model is None:
            typer.echo("(không có mô hình học được cho kế hoạch này, hoặc mô hình chưa tốt hơn luật: dùng luật)", err=True)
    threshold = settings.match_threshold
    return lambda findings: match_findings(findings, spec, units, threshold, model, corpus=corpus)


def extract_command(
    file: Path = typer.Argument(..., help="Tệp báo cáo (.docx, .doc hoặc .pdf)."),
    plan: Path = typer.Option(None, "--plan", help="Tệp kế hoạch để đối chiếu (mặc định: kế hoạch đang dùng trong CSDL)."),
    as_json: bool = typer.Option(False, "--json", help="In ra dạng JSON (định dạng kết quả mong đợi + nguồn gốc)."),
    learned: bool = typer.Option(False, "--learned", help="Dùng mô hình học từ người duyệt của Cụm (thidua learn) nếu có cho kế hoạch này."),
) -> None:
    """Đọc một báo cáo và in ra đơn vị, kỳ báo cáo, ngày, các nhiệm vụ và số liệu khen thưởng tìm được."""
    _extract(file, plan, as_json, learned)


@guarded
def _extract(file: Path, plan: Path | None, as_json: bool, learned: bool = False) -> None:
    units = load_units(Settings.from_env().units_file)
    findings = extract_findings(read_document(file), units)
    year = findings.period.value.year if findings.period else None
    match = plan_matcher(plan, units, year, learned)
    if match is not None:
        findings = match(findings)
    data = findings.to_json()
    if as_json:
        print_json(data)
        return
    console = Console()
    period = data["period"]
    console.print(f"[bold]{file.name}[/bold]")
    console.print(f"Đơn vị: {data['unit'] or '?'}   Kỳ: {period['kind'] + '/' + str(period['year']) if period else '?'}")
    console.print(f"Số: {data['doc_number'] or '?'}   Ngày: {data['report_date'] or '?'}")
    tasks = RichTable(title="Nhiệm vụ")
    for col in ("Mã KH", "Trạng thái", "Ngày", "Nội dung", "Độ tin cậy"):
        tasks.add_column(col)
    for t in data["statements"]:
        items = ", ".join(p["plan_item"] for p in t["plan_items"])
        tasks.add_row(items, t["status"], t["date"] or "", t["text"][:120], f"{t['confidence']:.2f}")
    console.print(tasks)
    figures = RichTable(title="Số liệu khen thưởng")
    for col in ("Chỉ tiêu", "Số lượng", "Nguồn", "Độ tin cậy"):
        figures.add_column(col)
    for f in data["figures"]:
        figures.add_row(f["metric"], str(f["value"]), f["text"][:100], f"{f['confidence']:.2f}")
    console.print(figures)
    if data.get("proposals"):
        proposals = RichTable(title="Khen thưởng mới đề nghị (chưa được tặng, không tính vào số liệu)")
        for col in ("Chỉ tiêu", "Số lượng", "Nguồn", "Độ tin cậy"):
            proposals.add_column(col)
        for f in data["proposals"]:
            proposals.add_row(f["metric"], str(f["value"]), f["text"][:100], f"{f['confidence']:.2f}")
        console.print(proposals)
    for w in data["warnings"]:
        console.print(f"[yellow]Cảnh báo:[/yellow] {w}")
