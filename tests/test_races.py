"""Races between workers: two versions of one report saved at once, two flow runs on the same inbox
(PostgreSQL where it matters; SQLite serializes writers). Schema upgrades at once: test_upgrade_lock.py."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from thidua.core.document import Span
from thidua.core.findings import Findings, Located, Period, PeriodKind, Status, TaskStatement
from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.models.db import session_factory, session_scope
from thidua.models.plans import register_source_file, sync_units
from thidua.models.results import claim_source_file, finish_source_file, save_results
from thidua.models.tables import Report
from tests.conftest import ROOT
from tests.test_flow import REPORTS, _docx_variant, _import_plan, _many_variants, _subprocess_env


def _findings(unit: str, date: dt.date) -> Findings:
    span = Span(0, 0, 5)
    return Findings(
        source="x.docx",
        format="docx",
        unit=Located(unit, span, 0.9, unit),
        period=Located(Period(2022, PeriodKind.H1), span, 0.9, "6 tháng"),
        report_date=Located(date, span, 0.9, date.isoformat()),
        tasks=[TaskStatement("đã tổ chức hội nghị", Status.DONE, date, span, 0.8, [])],
    )


def _claimed_files(settings: Settings, tmp_path: Path, n: int) -> list[int]:
    ids = []
    with session_scope(settings) as s:
        sync_units(s, load_units(settings.units_file))
        for i in range(n):
            src = tmp_path / f"v{i}.docx"
            src.write_bytes(f"version {i}".encode())
            sf = register_source_file(s, src, settings.originals_dir)
            ids.append(sf.id)
    with session_scope(settings) as s:
        for i, sf_id in enumerate(ids):
            from thidua.models.tables import SourceFile

            assert claim_source_file(s, s.get(SourceFile, sf_id).sha256, f"worker-{i}")
    return ids


@pytest.mark.parametrize("round_", range(3))
def test_versions_saved_at_once_leave_one_current(settings: Settings, tmp_path: Path, round_: int) -> None:
    """Three versions of one report saved at the same instant by three workers: one stays current."""
    from thidua.models.tables import SourceFile

    ids = _claimed_files(settings, tmp_path, 3)
    factory = session_factory(settings)
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def save(i: int) -> None:
        s = factory()
        try:
            sf = s.get(SourceFile, ids[i])
            barrier.wait()
            assert finish_source_file(s, sf.id, f"worker-{i}", "processed")
            save_results(s, sf, _findings("Hòa An", dt.date(2022, 6, 20 + i)))
            s.commit()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with session_scope(settings) as s:
        reports = s.scalars(select(Report).order_by(Report.report_date)).all()
        current = [r for r in reports if r.is_current]
        assert len(reports) == 3 and len(current) == 1
        assert current[0].report_date == dt.date(2022, 6, 22)  # the latest version wins, whatever the order
        assert all(r.superseded_by_id is not None for r in reports if not r.is_current)


def test_database_refuses_a_second_current_version(settings: Settings, tmp_path: Path) -> None:
    """The partial unique index (migration 0004) holds for any client, raw SQL included."""
    ids = _claimed_files(settings, tmp_path, 2)
    with session_scope(settings) as s:
        unit_id = s.execute(text("SELECT id FROM units ORDER BY id LIMIT 1")).scalar_one()
    insert = text(
        "INSERT INTO reports (source_file_id, unit_id, year, period_kind, source_format, extracted_at, "
        "extractor_version, is_current) VALUES (:sf, :u, 2022, '6M', 'docx', CURRENT_TIMESTAMP, '', :cur)"
    )
    with session_scope(settings) as s:
        s.execute(insert, {"sf": ids[0], "u": unit_id, "cur": True})
        s.execute(insert, {"sf": ids[1], "u": unit_id, "cur": False})  # history is fine
    with pytest.raises(IntegrityError):
        with session_scope(settings) as s:
            s.execute(insert, {"sf": ids[1], "u": unit_id, "cur": True})


def test_migration_resolves_duplicates_left_by_the_race(db_url: str, tmp_path: Path) -> None:
    """A database where the race left two current versions is upgraded in place: the later stays."""
    from alembic import command

    from thidua.models.db import alembic_config, get_engine, upgrade

    engine = get_engine(db_url)
    with engine.begin() as conn:
        cfg = alembic_config(db_url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO units (name, role, aliases) VALUES ('Hòa An', 'member', '[]')"))
        for i, day in enumerate((20, 27)):
            conn.execute(
                text(
                    "INSERT INTO source_files (sha256, original_name, stored_path, size, received_at, status, attempts) "
                    "VALUES (:h, :n, :p, 1, CURRENT_TIMESTAMP, 'processed', 0)"
                ),
                {"h": f"{i:064d}", "n": f"v{i}.docx", "p": f"/x/{i}"},
            )
            conn.execute(
                text(
                    "INSERT INTO reports (source_file_id, unit_id, year, period_kind, report_date, source_format, "
                    "extracted_at, extractor_version, is_current) VALUES "
                    f"({i + 1}, 1, 2022, '6M', :d, 'docx', CURRENT_TIMESTAMP, '', :t)"
                ),
                {"d": dt.date(2022, 6, day), "t": True},
            )
    upgrade(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, is_current, superseded_by_id FROM reports ORDER BY id")).all()
    assert [(bool(r[1]), r[2]) for r in rows] == [(False, 2), (True, None)]


def test_two_workers_same_inbox_two_versions(settings: Settings, prefect_harness: str) -> None:
    """Two flow runs at once on one inbox holding two versions of one report and other reports."""
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("two workers share a PostgreSQL database")
    _import_plan(settings)
    _many_variants(settings, 10)
    src = REPORTS / "hoa_an_6m_2022.docx"
    for day in (21, 28):  # dated after every variant above, so one of these two must win
        _docx_variant(src, settings.inbox / f"hoa_an_6m_ban_{day}.docx", {"ngày 20 tháng 6 năm 2022": f"ngày {day} tháng 6 năm 2022"})
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "thidua.flows.process_inbox", str(settings.inbox)],
            cwd=ROOT, env=_subprocess_env(settings, prefect_harness), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e.decode(errors="replace")[-3000:] for _, e in outputs]
    summaries = [json.loads(out) for out, _ in outputs]
    assert sum(s["processed"] + len(s["review"]) for s in summaries) == 12
    with session_scope(settings) as s:
        per_key = s.execute(
            select(Report.unit_id, Report.year, Report.period_kind, func.count())
            .where(Report.is_current.is_(True))
            .group_by(Report.unit_id, Report.year, Report.period_kind)
        ).all()
        assert per_key and all(n == 1 for *_, n in per_key), per_key
        versions = {dt.date(2022, 6, 21), dt.date(2022, 6, 28)}
        current = s.scalars(select(Report.report_date).where(Report.is_current.is_(True), Report.report_date.in_(versions))).all()
        assert current == [dt.date(2022, 6, 28)]  # the later version, whichever worker saved it first


def test_serve_never_clobbers_a_pool_deployment(prefect_harness: str) -> None:
    """`thidua serve` has its own deployment name and refuses one a work pool's deployment holds."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate

    from thidua.core.errors import ConfigError
    from thidua.flows.deployments import SERVE_DEPLOYMENT_NAME, check_serve_deployment

    flow_name = "process-inbox-guard-test"
    assert SERVE_DEPLOYMENT_NAME not in ("nightly", "backlog")
    with get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name(flow_name)
        client.create_work_pool(WorkPoolCreate(name="guard-test-pool", type="process"), overwrite=True)
        client.create_deployment(flow_id, name="nightly", work_pool_name="guard-test-pool", entrypoint="x.py:f")
        client.create_deployment(flow_id, name="local", entrypoint="x.py:f")
    check_serve_deployment(flow_name)  # nothing of that name yet
    check_serve_deployment(flow_name, "local")  # a served (pool-less) deployment is replaced as before
    with pytest.raises(ConfigError, match="guard-test-pool"):
        check_serve_deployment(flow_name, "nightly")


def test_pool_deployments_set_their_folder_and_environment() -> None:
    """prefect.yaml: every pool deployment sets working_dir and the THIDUA_* environment."""
    import yaml

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    for dep in spec["deployments"]:
        jv = dep["work_pool"]["job_variables"]
        assert jv["working_dir"] and {"THIDUA_DATA_DIR", "THIDUA_INBOX", "THIDUA_DATABASE_URL"} <= set(jv["env"])
