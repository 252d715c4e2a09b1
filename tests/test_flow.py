"""The inbox stage, the results store and the claim lock, and the process-inbox flow run for real.

The flow runs against one Prefect test server per session (fixture `prefect_harness`), on SQLite
and on PostgreSQL (the `settings` fixture follows the parametrized `db_url`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from thidua.core.document import Span
from thidua.core.findings import Findings, Located, Period, PeriodKind, Status, TaskStatement
from thidua.core.plan import PlanSpec
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.core.units import load_units
from thidua.inbox import is_temporary_name, list_complete_files, move_to, reason_path, still_as_listed
from thidua.models.db import session_factory, session_scope
from thidua.models.originals import original_path
from thidua.models.plans import register_source_file, save_plan, sync_units
from thidua.models.results import claim_source_file, finish_source_file, save_results
from thidua.core.settings import Settings
from thidua.models.tables import Finding, FlowRunSummary, Match, Report, SourceFile
from tests.conftest import PLAN_DOCX, ROOT, SAMPLE_DOCS

REPORTS = SAMPLE_DOCS / "reports"
#: Word reports the extractor reads in a fraction of a second (the flow's speed is not under test).
DOCX_REPORTS = ["hoa_an_6m_2022.docx", "nguyen_binh_q1_2022.docx", "bao_lac_6m_2022.docx", "hoa_an_q1_2022.docx"]


# ---------------------------------------------------------------------------------------- helpers


@functools.cache
def _seed_plan() -> PlanSpec:
    units = load_units(Settings.from_env().units_file)
    return extract_plan(read_document(PLAN_DOCX), [u.name for u in units])


def _import_plan(settings: Settings) -> None:
    with session_scope(settings) as s:
        sync_units(s, load_units(settings.units_file))
        save_plan(s, _seed_plan(), register_source_file(s, PLAN_DOCX, settings.originals_dir, status="processed"))


def _age(path: Path, seconds: float = 120) -> Path:
    """Make a file look finished: last modified `seconds` ago."""
    t = time.time() - seconds
    os.utime(path, (t, t))
    return path


def _drop(inbox: Path, src: Path, name: str | None = None) -> Path:
    inbox.mkdir(parents=True, exist_ok=True)
    return _age(Path(shutil.copyfile(src, inbox / (name or src.name))))


def _docx_variant(src: Path, dst: Path, replace: dict[str, str] | None = None, tag: str = "") -> Path:
    """A copy of a Word report with text replaced in its XML, and/or different bytes (zip comment)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml" and replace:
                xml = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in xml, old
                    xml = xml.replace(old, new)
                data = xml.encode("utf-8")
            zout.writestr(item, data)
        zout.comment = tag.encode()
    return _age(dst)


def _run(settings: Settings, **kw):  # type: ignore[no-untyped-def]
    from thidua.flows.process_inbox import process_inbox

    kw.setdefault("settle_seconds", 5)
    return process_inbox(str(settings.inbox), **kw)


def _count(settings: Settings, model) -> int:  # type: ignore[no-untyped-def]
    with session_scope(settings) as s:
        return s.scalar(select(func.count()).select_from(model))


def _docs_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*") if p.is_file() and not p.name.endswith(".reason.txt"))


def _subprocess_env(settings: Settings, api_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PREFECT_API_URL=api_url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        THIDUA_DATA_DIR=str(settings.data_dir),
        THIDUA_DATABASE_URL=settings.database_url,
        THIDUA_INBOX=str(settings.inbox),
    )
    return env


def _start_run(settings: Settings, api_url: str) -> subprocess.Popen[bytes]:
    """`python -m flows.process_inbox INBOX` in its own process, on the session's Prefect server."""
    return subprocess.Popen(
        [sys.executable, "-m", "thidua.flows.process_inbox", str(settings.inbox)],
        cwd=ROOT,
        env=_subprocess_env(settings, api_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _many_variants(settings: Settings, n: int) -> list[Path]:
    """n Word reports with different bytes (same content as the samples, distinct zip comments)."""
    return [
        _docx_variant(REPORTS / DOCX_REPORTS[i % len(DOCX_REPORTS)], settings.inbox / f"bao_cao_{i:03d}.docx", tag=f"v{i}")
        for i in range(n)
    ]


# --------------------------------------------------------------------------- inbox stage (no flow)


def test_temporary_names_are_never_taken() -> None:
    for name in ["~$bao_cao.docx", "bao_cao.docx.part", "a.pdf.crdownload", ".hidden.docx", "~WRL0001.tmp",
                 ".~lock.bao_cao.docx#", "Thumbs.db", "x.docx~"]:
        assert is_temporary_name(name), name
    for name in ["bao_cao.docx", "Báo cáo 6 tháng.pdf", "bc.doc", "part.docx"]:
        assert not is_temporary_name(name), name


def test_listing_waits_for_files_to_settle(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    done = _drop(inbox, REPORTS / DOCX_REPORTS[0])
    fresh = inbox / "dang_chep.docx"
    fresh.write_bytes(b"PK\x03\x04 half")  # modified just now: a copy in progress
    (inbox / "~$lock.docx").write_bytes(b"x")
    _age(inbox / "~$lock.docx")
    (inbox / "sub").mkdir()
    nested = _drop(inbox / "sub", REPORTS / DOCX_REPORTS[1])
    listing = list_complete_files(inbox, settle_seconds=30)
    assert [e.path for e in listing.complete] == [done, nested]
    assert listing.waiting == [fresh]
    assert [p.name for p in listing.ignored] == ["~$lock.docx"]
    # A file that grows after it was listed is not taken either.
    entry = listing.complete[0]
    with open(done, "ab") as fh:
        fh.write(b"more")
    assert not still_as_listed(entry)


def test_moves_never_overwrite(tmp_path: Path) -> None:
    dest = tmp_path / "failed"
    moved = []
    for i in range(3):
        src = tmp_path / "in" / "bao_cao.docx"
        src.parent.mkdir(exist_ok=True)
        src.write_bytes(f"content {i}".encode())
        moved.append(move_to(src, dest, reason="tệp hỏng", detail=f"detail {i}", outcome="failed"))
    assert [p.name for p in moved] == ["bao_cao.docx", "bao_cao (2).docx", "bao_cao (3).docx"]
    assert [p.read_bytes() for p in moved] == [b"content 0", b"content 1", b"content 2"]
    text = reason_path(moved[2]).read_text(encoding="utf-8")
    assert "Lý do: tệp hỏng" in text and "detail 2" in text


# ------------------------------------------------------------------- results store and claim lock


def _findings(unit: str, date: dt.date, kind: PeriodKind = PeriodKind.H1, codes=("Q1-1",)) -> Findings:  # type: ignore[no-untyped-def]
    span = Span(0, 0, 5)
    return Findings(
        source="x.docx",
        format="docx",
        unit=Located(unit, span, 0.9, unit),
        period=Located(Period(2022, kind), span, 0.9, "6 tháng"),
        report_date=Located(date, span, 0.9, date.isoformat()),
        tasks=[TaskStatement("đã tổ chức hội nghị", Status.DONE, date, span, 0.8, [(c, 0.7) for c in codes])],
    )


def test_claim_is_taken_once_under_a_race(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "a.docx"
    src.write_bytes(b"bytes")
    with session_scope(settings) as s:
        sha = register_source_file(s, src, settings.originals_dir).sha256
    factory = session_factory(settings)
    barrier = threading.Barrier(6)
    wins: list[bool] = []

    def claim(i: int) -> None:
        s = factory()
        try:
            barrier.wait()
            won = claim_source_file(s, sha, f"run-{i}")
            s.commit()
            wins.append(won)
        finally:
            s.close()

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]
    with session_scope(settings) as s:
        row = s.scalar(select(SourceFile).where(SourceFile.sha256 == sha))
        # A fresh claim is not taken over; one older than the stale limit is.
        assert not claim_source_file(s, sha, "other", stale_after=dt.timedelta(minutes=30))
        row.claimed_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)
        s.flush()
        assert claim_source_file(s, sha, "other", stale_after=dt.timedelta(minutes=30))
        # The run that lost its claim cannot finish the file.
        assert not finish_source_file(s, row.id, "run-0", "processed")


def test_batch_claims_never_overlap(settings: Settings, tmp_path: Path) -> None:
    """Runs claiming batches at once take disjoint files and, together, all of them."""
    from thidua.models.results import claim_next_files

    ids = []
    with session_scope(settings) as s:
        for i in range(30):
            src = tmp_path / f"f{i}.docx"
            src.write_bytes(f"bytes {i}".encode())
            ids.append(register_source_file(s, src, settings.originals_dir).id)
    factory = session_factory(settings)
    barrier = threading.Barrier(4)
    taken: dict[int, list[int]] = {i: [] for i in range(4)}

    def run(i: int) -> None:
        barrier.wait()
        while True:
            s = factory()
            try:
                got = claim_next_files(s, ids, f"run-{i}", 3)
                s.commit()
            finally:
                s.close()
            if not got:
                return
            taken[i].extend(got)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [x for got in taken.values() for x in got]
    assert sorted(every) == sorted(ids)  # each file once, none left
    with session_scope(settings) as s:
        owners = dict(s.execute(select(SourceFile.id, SourceFile.claimed_by)).all())
    assert all(owners[x] == f"run-{i}" for i, got in taken.items() for x in got)


def test_save_results_supersedes_and_keeps_history(settings: Settings, tmp_path: Path) -> None:
    _import_plan(settings)
    rows = []
    with session_scope(settings) as s:
        for i in range(3):
            p = tmp_path / f"r{i}.docx"
            p.write_bytes(f"report {i}".encode())
            rows.append(register_source_file(s, p, settings.originals_dir))
        v1 = save_results(s, rows[0], _findings("Hòa An", dt.date(2022, 6, 20)))
        v2 = save_results(s, rows[1], _findings("Hoà An", dt.date(2022, 6, 27), codes=("Q1-1", "Q2-1")))
        late = save_results(s, rows[2], _findings("Hòa An", dt.date(2022, 6, 10)))  # an older version, late
        other = save_results(s, rows[2], _findings("Hòa An", dt.date(2022, 3, 25), PeriodKind.Q1))
        s.flush()
        s.refresh(v1)
        assert (v1.is_current, v1.superseded_by_id) == (False, v2.id)
        assert v2.is_current and v2.unit_id == v1.unit_id
        assert (late.is_current, late.superseded_by_id) == (False, v2.id)
        assert other.is_current
        assert {m.plan_item.code for f in v2.findings for m in f.matches} == {"Q1-1", "Q2-1"}
        assert s.scalar(select(func.count()).select_from(Report)) == 4  # history kept


# ---------------------------------------------------------------------------- the flow, for real


def test_flow_processes_a_batch(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    for name in DOCX_REPORTS:
        _drop(settings.inbox, REPORTS / name)
    _drop(settings.inbox, REPORTS / "hoa_an_9m_2022.pdf")
    summary = _run(settings)
    assert summary["processed"] == 5, summary
    assert summary["failed"] == [] and summary["review"] == []
    assert summary["new_findings"] == _count(settings, Finding) > 0
    assert summary["items_now_done"], summary
    assert _count(settings, Report) == 5
    assert _count(settings, Match) > 0
    assert _docs_in(settings.data_dir / "processed") == sorted([*DOCX_REPORTS, "hoa_an_9m_2022.pdf"])
    assert _docs_in(settings.inbox) == []
    with session_scope(settings) as s:
        files = s.scalars(select(SourceFile).where(SourceFile.original_name != PLAN_DOCX.name)).all()
        assert {f.status for f in files} == {"processed"} and all(original_path(f.stored_path, settings).is_file() for f in files)
        assert not any(Path(f.stored_path).is_absolute() for f in files)  # keys, not paths
        assert all(f.claimed_by is None for f in files)
        stored = s.scalars(select(FlowRunSummary)).one()
        assert stored.summary["processed"] == 5 and stored.finished_at is not None
    # The summary is also a Prefect artifact of the run.
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["process-inbox-summary"]))
        )
    assert any(str(a.flow_run_id) == summary["flow_run_id"] and "Tệp đã xử lý | 5" in a.data for a in artifacts)


def test_duplicates_are_processed_once(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    src = REPORTS / DOCX_REPORTS[0]
    _drop(settings.inbox, src, "bao_cao.docx")
    _drop(settings.inbox, src, "bao_cao - Copy.docx")
    first = _run(settings)
    assert (first["processed"], first["duplicates"]) == (1, 1)
    _drop(settings.inbox, src, "bao_cao.docx")  # sent again the next day
    second = _run(settings)
    assert (second["processed"], second["duplicates"]) == (0, 1)
    assert _count(settings, Report) == 1
    assert _count(settings, SourceFile) == 2  # the plan and the report
    processed = settings.data_dir / "processed"
    assert _docs_in(processed) == ["bao_cao (2).docx", "bao_cao - Copy.docx", "bao_cao.docx"]
    assert "trùng nội dung" in reason_path(processed / "bao_cao (2).docx").read_text(encoding="utf-8")


def test_half_copied_files_wait_for_the_next_run(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    settings.inbox.mkdir(parents=True)
    copying = settings.inbox / "dang_chep.docx"
    shutil.copyfile(REPORTS / DOCX_REPORTS[0], copying)  # modified just now
    (settings.inbox / "bao_cao.docx.crdownload").write_bytes(b"partial")
    _age(settings.inbox / "bao_cao.docx.crdownload")
    summary = _run(settings, settle_seconds=60)
    assert summary["processed"] == 0 and summary["left_in_inbox"] == ["dang_chep.docx"]
    assert copying.exists() and _count(settings, SourceFile) == 1  # not even registered yet
    _age(copying)
    summary = _run(settings, settle_seconds=60)
    assert summary["processed"] == 1 and not copying.exists()
    assert (settings.inbox / "bao_cao.docx.crdownload").exists()  # never taken


def test_corrupt_file_fails_alone(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    settings.inbox.mkdir(parents=True)
    (settings.inbox / "a_hong.docx").write_bytes(b"PK\x03\x04 this is not a zip at all")
    (settings.inbox / "ghi_chu.txt").write_text("không phải báo cáo", encoding="utf-8")
    for p in settings.inbox.iterdir():
        _age(p)
    _drop(settings.inbox, REPORTS / DOCX_REPORTS[1])
    summary = _run(settings)
    assert summary["processed"] == 1
    assert sorted(f["file"] for f in summary["failed"]) == ["a_hong.docx", "ghi_chu.txt"]
    failed = settings.data_dir / "failed"
    assert _docs_in(failed) == ["a_hong.docx", "ghi_chu.txt"]
    text = reason_path(failed / "a_hong.docx").read_text(encoding="utf-8")
    assert "Lý do:" in text and "Chi tiết kỹ thuật:" in text and "a_hong.docx" in text
    with session_scope(settings) as s:
        statuses = dict(s.execute(select(SourceFile.original_name, SourceFile.status)).all())
        assert statuses["a_hong.docx"] == "failed" and statuses[DOCX_REPORTS[1]] == "processed"
        errors = s.scalar(select(SourceFile.error).where(SourceFile.original_name == "a_hong.docx"))
        assert errors
    assert _count(settings, Report) == 1


def test_unknown_district_goes_to_review(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    # Thạch An is a district of Cao Bằng outside this cluster (its report names no member).
    _docx_variant(
        REPORTS / "hoa_an_6m_2022.docx",
        settings.inbox / "thach_an_6m_2022.docx",
        {"Hòa An": "Thạch An", "HÒA AN": "THẠCH AN", "Hà Quảng": "Trùng Khánh"},
    )
    summary = _run(settings)
    assert summary["processed"] == 0 and [r["file"] for r in summary["review"]] == ["thach_an_6m_2022.docx"]
    review = settings.data_dir / "review"
    assert _docs_in(review) == ["thach_an_6m_2022.docx"]
    assert "đơn vị" in reason_path(review / "thach_an_6m_2022.docx").read_text(encoding="utf-8")
    with session_scope(settings) as s:
        sf = s.scalar(select(SourceFile).where(SourceFile.original_name == "thach_an_6m_2022.docx"))
        assert sf.status == "review" and "đơn vị" in sf.error
        report = s.scalar(select(Report).where(Report.source_file_id == sf.id))
        assert report.unit_id is None and report.findings  # kept for the reviewer, not lost


def test_missing_system_tool_sends_the_file_to_review(
    settings: Settings, prefect_harness: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A user's machine without LibreOffice: the legacy .doc waits in review/ with what to install;
    # the Word file beside it is processed as usual.
    _import_plan(settings)
    settings.inbox.mkdir(parents=True, exist_ok=True)
    for name in ("nguyen_binh_q3_2022.doc", "hoa_an_6m_2022.docx"):
        _age(Path(shutil.copy(REPORTS / name, settings.inbox / name)))
    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    summary = _run(settings)
    assert summary["processed"] == 1 and summary["failed"] == []
    assert [r["file"] for r in summary["review"]] == ["nguyen_binh_q3_2022.doc"]
    review = settings.data_dir / "review"
    assert _docs_in(review) == ["nguyen_binh_q3_2022.doc"]
    assert "libreoffice" in reason_path(review / "nguyen_binh_q3_2022.doc").read_text(encoding="utf-8").lower()


def test_new_version_supersedes_the_old_one(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    src = REPORTS / "hoa_an_6m_2022.docx"
    _drop(settings.inbox, src, "hoa_an_6m.docx")
    assert _run(settings)["processed"] == 1
    _docx_variant(src, settings.inbox / "hoa_an_6m_sua.docx", {"ngày 20 tháng 6 năm 2022": "ngày 27 tháng 6 năm 2022"})
    assert _run(settings)["processed"] == 1
    with session_scope(settings) as s:
        old, new = s.scalars(select(Report).order_by(Report.id)).all()
        assert (old.is_current, old.superseded_by_id) == (False, new.id)
        assert new.is_current and new.report_date == dt.date(2022, 6, 27)
        assert old.findings  # history kept with its findings


def test_killed_run_is_resumed_without_loss_or_doubles(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    files = _many_variants(settings, 12)
    # A run that died long ago holds one file; a live run holds another.
    with session_scope(settings) as s:
        dead = register_source_file(s, files[0], settings.originals_dir)
        live = register_source_file(s, files[1], settings.originals_dir)
    with session_scope(settings) as s:
        assert claim_source_file(s, dead.sha256, "dead-run")
        assert claim_source_file(s, live.sha256, "live-run")
        s.get(SourceFile, dead.id).claimed_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=3)
    # A real run killed in the middle (as soon as it has stored its first report).
    proc = _start_run(settings, prefect_harness)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and _count(settings, Report) == 0:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with session_scope(settings) as s:  # time passes: the killed run's claims go stale
        for f in s.scalars(select(SourceFile).where(SourceFile.claimed_by.is_not(None))):
            if f.claimed_by != "live-run":
                f.claimed_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    summary = _run(settings, stale_claim_minutes=30)
    assert files[1].exists() and summary["left_in_inbox"] == [files[1].name]  # the live run keeps it
    with session_scope(settings) as s:
        s.get(SourceFile, live.id).claimed_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    _run(settings, stale_claim_minutes=30)  # that run died too: its file is taken over now
    with session_scope(settings) as s:
        per_file = dict(
            s.execute(select(Report.source_file_id, func.count()).group_by(Report.source_file_id)).all()
        )
        reports = s.scalars(select(SourceFile).where(SourceFile.original_name.like("bao_cao_%"))).all()
        assert len(reports) == 12 and {f.status for f in reports} == {"processed"}
        assert all(per_file.get(f.id) == 1 for f in reports), per_file
    assert _count(settings, Report) == 12
    assert _docs_in(settings.inbox) == []
    assert len(_docs_in(settings.data_dir / "processed")) == 12


def test_two_runs_at_once_never_process_a_file_twice(settings: Settings, prefect_harness: str) -> None:
    _import_plan(settings)
    _many_variants(settings, 16)
    procs = [_start_run(settings, prefect_harness) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err.decode(errors="replace")[-3000:] for _, err in outputs]
    summaries = [json.loads(out) for out, _ in outputs]
    # Between them the two runs processed each file once (how they shared the work varies).
    assert sum(s["processed"] for s in summaries) == 16, [s["processed"] for s in summaries]
    print("files per run:", [s["processed"] for s in summaries])
    with session_scope(settings) as s:
        per_file = s.execute(select(Report.source_file_id, func.count()).group_by(Report.source_file_id)).all()
        assert len(per_file) == 16 and {n for _, n in per_file} == {1}
        assert len(s.scalars(select(FlowRunSummary)).all()) == 2
    processed = _docs_in(settings.data_dir / "processed")
    assert len(processed) == 16 and not any("(2)" in n for n in processed)
    assert _docs_in(settings.inbox) == []


def test_transient_fault_is_retried_corrupt_file_is_not(settings: Settings, prefect_harness: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    _import_plan(settings)
    _drop(settings.inbox, REPORTS / DOCX_REPORTS[1], "a_tot.docx")
    (settings.inbox / "z_hong.docx").write_bytes(b"PK\x03\x04 broken")
    _age(settings.inbox / "z_hong.docx")
    # The originals store is unavailable (its folder is a file) until the first attempt has failed.
    store = settings.originals_dir
    shutil.rmtree(store, ignore_errors=True)
    store.write_text("not a folder")

    def repair_after_first_failure() -> None:
        with get_client(sync_client=True) as client:
            deadline = time.time() + 60
            while time.time() < deadline:
                runs = client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(any_=["a_tot.docx"])))
                if any(r.state and r.state.name in ("AwaitingRetry", "Retrying") for r in runs):
                    break
                time.sleep(0.1)
        store.unlink()

    fixer = threading.Thread(target=repair_after_first_failure)
    fixer.start()
    summary = _run(settings)
    fixer.join()
    assert summary["processed"] == 1 and [f["file"] for f in summary["failed"]] == ["z_hong.docx"]
    with get_client(sync_client=True) as client:
        runs = {
            r.name: r
            for r in client.read_task_runs(
                task_run_filter=TaskRunFilter(name=TaskRunFilterName(any_=["a_tot.docx", "z_hong.docx"]))
            )
            if str(r.flow_run_id) == summary["flow_run_id"]
        }
    assert runs["a_tot.docx"].run_count == 2  # failed on the store, retried, then done
    assert runs["z_hong.docx"].run_count == 1  # a corrupt file is not retried


def test_thidua_run_command(settings: Settings, prefect_harness: str) -> None:
    from typer.testing import CliRunner

    from thidua.cli.main import app

    _import_plan(settings)
    _drop(settings.inbox, REPORTS / DOCX_REPORTS[0])
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(settings.inbox), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["processed"] == 1 and summary["inbox"] == str(settings.inbox)
    result = runner.invoke(app, ["run", str(settings.inbox / "khong_co")])
    assert result.exit_code == 1 and "không tìm thấy thư mục" in result.output
