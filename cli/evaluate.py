"""`thidua eval DIR`: score the extractor against the `X.expected.json` files of a folder."""

from __future__ import annotations

from pathlib import Path

import typer

from thidua.cli.common import guarded
from thidua.cli.extract import plan_matcher
from thidua.extractors.evaluation import FIELDS, evaluate
from thidua.core.units import load_units
from thidua.matching.evaluation import MatchScores, format_scores, score_document
from thidua.core.settings import Settings


def eval_command(
    directory: Path = typer.Argument(..., help="Thư mục chứa báo cáo và tệp X.expected.json."),
    plan: Path = typer.Option(None, "--plan", help="Tệp kế hoạch để đối chiếu nhiệm vụ (mặc định: kế hoạch đang dùng)."),
    details: bool = typer.Option(False, "--details", help="In từng nhiệm vụ đối chiếu sai của mỗi báo cáo."),
    learned: bool = typer.Option(False, "--learned", help="Dùng mô hình học từ người duyệt của Cụm (thidua learn) nếu có cho kế hoạch này."),
) -> None:
    """Chấm độ chính xác của bộ trích xuất và của đối chiếu kế hoạch: P/R/F1 theo từng trường, nhầm lẫn trạng thái, F1 chung."""
    _eval(directory, plan, details, learned)


@guarded
def _eval(directory: Path, plan: Path | None, details: bool = False, learned: bool = False) -> None:
    units = load_units(Settings.from_env().units_file)
    # The matcher's word weights count the folder's own statements (document frequency).
    result = evaluate(
        directory, units, matcher_for_corpus=lambda corpus: plan_matcher(plan, units, learned=learned, corpus=corpus)
    )
    if not result.documents:
        typer.echo(f"Không có tệp *.expected.json nào trong {directory}.", err=True)
    for doc in result.documents:
        if doc.error:
            typer.echo(f"{doc.name}: LỖI {doc.error}")
            continue
        parts = []
        for name in ("unit", "period", "report_date"):
            parts.append(f"{name} {'ok' if doc.scores[name].f1 == 1.0 else 'SAI'}")
        task_field = "tasks" if result.matched else "status (no plan item)"
        parts.append(f"tasks F1 {doc.scores[task_field].f1:.2f}")
        parts.append(f"figures F1 {doc.scores['figures'].f1:.2f}")
        typer.echo(f"{doc.name}: " + ", ".join(parts))
        for d in doc.details:
            typer.echo(f"    {d}")
    typer.echo("")
    typer.echo(f"{'field':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name in FIELDS:
        if name in ("tasks", "tasks+date") and not result.matched:
            continue
        s = result.totals[name]
        typer.echo(f"{name:<24}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    if result.matched:
        # Matching as the completion matrix sees it: one status per (unit, plan item) and report.
        matching = MatchScores()
        for doc in result.documents:
            score_document(doc.expected, doc.got or {}, matching, doc.name)
        typer.echo("")
        typer.echo(format_scores(matching, details=details))
        typer.echo("")
    else:
        typer.echo("(chưa đối chiếu kế hoạch: không có --plan và không có kế hoạch đang dùng)")
    typer.echo(f"overall F1: {result.overall_f1:.3f}")
