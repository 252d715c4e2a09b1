"""`thidua learn`: train the cluster's model on reviewers' decisions, or measure it on simulated decisions."""

from __future__ import annotations

from pathlib import Path

import typer

from thidua.cli.cluster import CLUSTER_HELP
from thidua.cli.common import guarded
from thidua.core.settings import Settings
from thidua.core.units import UnitSpec
from thidua.matching.learning import cluster_name

__all__ = ["cluster_name", "learn_command", "learn_from_database"]


def learn_command(
    simulate: Path = typer.Option(None, "--simulate", help="Thư mục báo cáo có X.expected.json: mô phỏng quyết định của người duyệt, in đường học (không lưu mô hình)."),
    plan: Path = typer.Option(None, "--plan", help="Tệp kế hoạch (mặc định: kế hoạch đang dùng trong CSDL)."),
    year: int = typer.Option(None, "--year", help="Năm của kế hoạch đang dùng (mặc định: năm mới nhất)."),
    save: bool = typer.Option(False, "--save", help="Với --simulate: lưu mô hình học được (như khi học từ CSDL) để thidua extract/eval --learned dùng."),
    cluster: str = typer.Option(None, "--cluster", help=CLUSTER_HELP),
) -> None:
    """Học từ quyết định của người duyệt (mô hình riêng của Cụm), so với luật trên các quyết định giữ lại; chỉ dùng khi tốt hơn."""
    _learn(simulate, plan, year, save, cluster)


def _cluster_and_units(settings: Settings, key: str | None) -> tuple[str, list[UnitSpec]]:
    """The chosen cluster's key (what its model is stored by) and its units."""
    from thidua.models.clusters import cluster_units, resolve_cluster
    from thidua.models.db import session_scope

    with session_scope(settings) as session:
        row = resolve_cluster(session, key, settings)
        return row.key, cluster_units(session, row)


@guarded
def _learn(
    simulate: Path | None, plan_file: Path | None, year: int | None, save: bool = False, cluster_key: str | None = None
) -> None:
    from thidua.matching.decisions import cases_from_expected, decisions_to_win, learning_curve
    from thidua.matching.learning import save_model, train
    from thidua.matching.matcher import PlanMatcher

    settings = Settings.from_env()
    cluster, units = _cluster_and_units(settings, cluster_key)
    if simulate is not None:
        from thidua.extractors.plan import extract_plan
        from thidua.extractors.readers import read_document

        if plan_file is None:
            raise typer.BadParameter("--simulate cần --plan")
        spec = extract_plan(read_document(plan_file), [u.name for u in units])
        matcher = PlanMatcher(spec, units, settings.match_threshold)
        cases = cases_from_expected(simulate, units, spec)
        typer.echo(f"{len(cases)} báo cáo, {sum(len(c.decisions) for c in cases)} quyết định mô phỏng")
        typer.echo(f"{'reports':>8}{'decisions':>11}{'rules F1':>10}{'learned F1':>12}{'wins':>7}{'deployed F1':>13}")
        curve = learning_curve(matcher, cases, [1, 2, 3, 4, 6, 8, 10])
        for p in curve:
            typer.echo(
                f"{p.reports:>8}{p.decisions:>11.0f}{p.rules_f1:>10.3f}{p.learned_f1:>12.3f}{p.wins:>4}/{p.runs}{p.deployed_f1:>13.3f}"
            )
        won = decisions_to_win(curve)
        typer.echo(
            f"Mô hình tốt hơn luật từ {won.reports} báo cáo đã duyệt ({won.decisions:.0f} quyết định)."
            if won is not None
            else "Mô hình chưa tốt hơn luật với số báo cáo đã duyệt ở trên."
        )
        model = train(matcher, cases, cluster)
        if model is not None:
            _print_model(model)
            if save:
                typer.echo(f"Đã lưu: {save_model(model, settings.data_dir)}")
        return
    from thidua.models.db import session_scope

    with session_scope(settings) as session:
        path, model = learn_from_database(session, settings, cluster, year)
    if model is None:
        typer.echo("Chưa đủ quyết định của người duyệt để học (cần cả nhiệm vụ đúng và sai).")
        return
    _print_model(model)
    typer.echo(f"Đã lưu: {path}")


def learn_from_database(session, settings: Settings, cluster: str | None = None, year: int | None = None):  # type: ignore[no-untyped-def]
    """Train on a cluster's stored decisions on its active plan and save its model; (path, model) or (None, None).

    `cluster`: its key (default THIDUA_CLUSTER or the only one); the model is stored by it.
    """
    from thidua.matching.decisions import cases_from_database
    from thidua.matching.learning import save_model, train
    from thidua.matching.matcher import PlanMatcher
    from thidua.models.clusters import cluster_units, resolve_cluster
    from thidua.models.plans import active_plan, plan_spec

    chosen = resolve_cluster(session, cluster, settings)
    row = active_plan(session, year, chosen.id)
    if row is None:
        return None, None
    spec = plan_spec(row)
    cases = cases_from_database(session, spec, chosen.id)
    units = cluster_units(session, chosen)
    model = train(PlanMatcher(spec, units, settings.match_threshold), cases, chosen.key) if cases else None
    if model is None:
        return None, None
    return save_model(model, settings.data_dir), model


def _print_model(model) -> None:  # type: ignore[no-untyped-def]
    typer.echo(f"Quyết định: {model.decisions}; trên báo cáo giữ lại: luật F1 {model.rules_f1:.3f}, mô hình F1 {model.learned_f1:.3f}")
    typer.echo("Mô hình " + ("được dùng (tốt hơn luật)." if model.active else "chưa được dùng (chưa tốt hơn luật)."))
    typer.echo(
        f"Trạng thái ({model.status_pairs} câu giữ lại): bộ trích xuất đúng {model.rules_status_accuracy:.3f}, "
        f"mô hình đúng {model.learned_status_accuracy:.3f}; "
        + ("dùng dự đoán của mô hình." if model.status_active else "giữ trạng thái của bộ trích xuất.")
    )
    typer.echo(f"Ngưỡng chọn trên quyết định giữ lại: bỏ nhiệm vụ luật đã nhận dưới {model.drop:.2f}, thêm nhiệm vụ luật bỏ sót từ {model.add:.2f}")
    typer.echo("Độ tin cậy (đã hiệu chỉnh) theo khoảng, trên các (báo cáo, nhiệm vụ) giữ lại:")
    for mean_p, share, n in model.calibration:
        typer.echo(f"  độ tin cậy ~{mean_p:.2f}: đúng {share:.2f} ({n} nhiệm vụ)")
