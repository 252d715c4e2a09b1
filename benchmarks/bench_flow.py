"""The inbox flow on many documents: documents per second, and Prefect's overhead over a plain loop.

    .venv/bin/python benchmarks/bench_flow.py [--docs 500] [--database-url URL]

Builds N distinct documents by varying the bundled sample reports (Word: a different zip comment;
PDF: a trailing comment line), so each has its own bytes and goes through every stage. Two runs,
each on a fresh database and data folder with the seed plan imported:

1. the Prefect flow `process-inbox` (one task per document, Prefect's ephemeral server);
2. the same stages in a plain loop (`flows.steps.handle_document`, no Prefect).

Each phase runs in its own process on its own new database (SQLite file, or a new PostgreSQL
database on the server of --database-url), so neither inherits the other's state. Prints documents per second for both and the ratio flow time / loop time. The Prefect server's
start-up is timed apart (it is paid once per process, not per document).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPORTS = ROOT / "sample_docs" / "reports"
PLAN = ROOT / "sample_docs" / "plan" / "ke_hoach_cum_thi_dua_2022.docx"


def _sources(include_slow: bool) -> list[Path]:
    """The sample reports to vary: Word and text PDFs (scans and .doc only with --include-slow)."""
    out = []
    for p in sorted(REPORTS.iterdir()):
        if p.name.endswith(".expected.json") or p.suffix.lower() not in (".docx", ".pdf", ".doc"):
            continue
        if not include_slow and (p.suffix.lower() == ".doc" or "scan" in p.name):
            continue
        out.append(p)
    return out


def make_documents(inbox: Path, n: int, sources: list[Path]) -> None:
    """n documents with distinct bytes, round-robin over the sources, aged past the settle time."""
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        dst = inbox / f"{src.stem}__{i:04d}{src.suffix}"
        if src.suffix.lower() == ".docx":
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    zout.writestr(item, zin.read(item.filename))
                zout.comment = f"bench {i}".encode()
        else:
            shutil.copyfile(src, dst)
            with open(dst, "ab") as fh:
                fh.write(f"\n%bench {i}\n".encode())
    old = time.time() - 3600
    for p in inbox.iterdir():
        os.utime(p, (old, old))


def _fresh_database(admin_url: str | None, data: Path, phase: str) -> tuple[str, str | None]:
    """A new database for one phase: a SQLite file, or a new PostgreSQL database beside admin_url."""
    if not admin_url:
        return f"sqlite:///{data / 'thidua.db'}", None
    from sqlalchemy import create_engine, text

    name = f"thidua_bench_{phase}_{os.getpid()}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}", name


def _drop_database(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _import_plan() -> None:
    from thidua.extractors.plan import extract_plan
    from thidua.extractors.readers import read_document
    from thidua.core.units import load_units
    from thidua.models.db import session_scope
    from thidua.models.plans import register_source_file, save_plan, sync_units
    from thidua.core.settings import Settings

    settings = Settings.from_env()
    units = load_units(settings.units_file)
    spec = extract_plan(read_document(PLAN), [u.name for u in units])
    with session_scope(settings) as s:
        sync_units(s, units)
        save_plan(s, spec, register_source_file(s, PLAN, settings.originals_dir, status="processed"))


def run_flow(inbox: Path) -> tuple[float, dict]:  # type: ignore[type-arg]
    from thidua.flows.process_inbox import process_inbox

    t0 = time.perf_counter()
    summary = process_inbox(str(inbox), settle_seconds=10)
    return time.perf_counter() - t0, summary


def run_loop(inbox: Path) -> tuple[float, Counter[str]]:
    from thidua.flows.steps import default_claimer, handle_document, prepare_run
    from thidua.inbox import list_complete_files, sorted_folders
    from thidua.core.settings import Settings

    t0 = time.perf_counter()
    settings = Settings.from_env()
    ctx = prepare_run(settings, default_claimer("bench-loop"))
    listing = list_complete_files(inbox, 10, exclude=list(sorted_folders(settings.data_dir).values()))
    outcomes = Counter(handle_document(e, ctx).outcome for e in listing.complete)
    return time.perf_counter() - t0, outcomes


def phase(name: str, docs: int, data: Path, include_slow: bool) -> None:
    """One timed phase in this process (THIDUA_* already point at a fresh database and folder)."""
    sources = _sources(include_slow)
    # Start Prefect's ephemeral server and load the extractor's language pipeline outside the timing.
    from prefect import flow

    from thidua.extractors.readers import read_document
    from thidua.extractors.report import extract_findings
    from thidua.core.units import load_units
    from thidua.core.settings import Settings

    @flow(name="bench-warm-up")
    def warm_up() -> int:
        return 1

    t0 = time.perf_counter()
    warm_up()
    startup = time.perf_counter() - t0
    units = load_units(Settings.from_env().units_file)
    for src in sources:
        extract_findings(read_document(src), units)
    _import_plan()
    make_documents(data / "inbox", docs, sources)
    if name == "flow":
        seconds, summary = run_flow(data / "inbox")
        counts = {"processed": summary["processed"], "review": len(summary["review"]),
                  "failed": len(summary["failed"]), "findings": summary["new_findings"]}
    else:
        seconds, outcome_counts = run_loop(data / "inbox")
        counts = dict(outcome_counts)
    print(f"RESULT {name} {seconds:.3f} {startup:.3f} {counts}")


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--database-url", default=None,
                    help="PostgreSQL server URL (any database on it); each phase gets a new database there")
    ap.add_argument("--include-slow", action="store_true", help="also scanned PDFs (OCR) and .doc (LibreOffice)")
    ap.add_argument("--loop-first", action="store_true", help="time the plain loop before the flow")
    ap.add_argument("--phase", choices=["flow", "loop"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        phase(args.phase, args.docs, args.data, args.include_slow)
        return

    sources = _sources(args.include_slow)
    base = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    print(f"{args.docs} documents from {len(sources)} sample reports ({', '.join(sorted({s.suffix for s in sources}))}); "
          f"database: {'PostgreSQL' if args.database_url else 'SQLite'}; each phase in its own process and database")
    results: dict[str, float] = {}
    try:
        for name in ("loop", "flow") if args.loop_first else ("flow", "loop"):
            data = base / name
            url, pg_name = _fresh_database(args.database_url, data, name)
            env = dict(os.environ, THIDUA_DATA_DIR=str(data), THIDUA_INBOX=str(data / "inbox"), THIDUA_DATABASE_URL=url)
            cmd = [sys.executable, __file__, "--phase", name, "--docs", str(args.docs), "--data", str(data)]
            if args.include_slow:
                cmd.append("--include-slow")
            try:
                out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
            finally:
                if pg_name:
                    _drop_database(args.database_url, pg_name)
            line = next(x for x in out.splitlines() if x.startswith("RESULT "))
            _, _, seconds, startup, counts = line.split(" ", 4)
            results[name] = float(seconds)
            print(f"{name:>4}: {args.docs} documents in {float(seconds):7.1f} s = "
                  f"{args.docs / float(seconds):6.1f} documents/s  {counts}  (Prefect start-up, untimed: {float(startup):.1f} s)")
        ratio = results["flow"] / results["loop"]
        per_doc_ms = (results["flow"] - results["loop"]) / args.docs * 1000
        print(f"Prefect overhead: flow/loop = {ratio:.2f}x ({per_doc_ms:+.1f} ms per document)")
        print(f"finished {dt.datetime.now():%Y-%m-%d %H:%M}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
