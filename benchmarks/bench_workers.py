"""A backlog spread over Prefect workers on PostgreSQL: documents/s with 1 worker, then with 2.

    .venv/bin/python benchmarks/bench_workers.py [--docs 2000] [--workers 1 2] [--limit 2]
        [--runs-per-worker 2] [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

The several-machines set-up of docs/running.md, all on this machine and offline:

- a Prefect server (`prefect server start`) whose own database is a new PostgreSQL database
  (`postgresql+asyncpg://…`; Prefect's server on SQLite locks under several workers);
- the process work pool and the `process-inbox/backlog` deployment of the project's prefect.yaml
  (`prefect deploy --name backlog`, its `job_variables` taken from this phase's THIDUA_* variables);
- for each worker count W: a new thidua PostgreSQL database (`thidua db upgrade`, the seed plan
  imported with `thidua plan import`), a new data folder whose inbox holds N distinct documents
  (built as in bench_flow.py), W `prefect worker start --pool … --limit L` processes, then
  W × runs-per-worker flow runs of `backlog` created at once, and a wait until every run is
  finished and the inbox is empty.

Prints, for each W: documents/s (from the runs' creation to the last run's end), the ratio to one
worker, how many runs each worker took, documents per run, the share of runs that found nothing
to do, the load average (1 minute: before, mean and peak during the phase), and the checks that no
document was processed twice (source_files, reports and processed/ counted against N; every
claim taken once). Figures are printed, never asserted; the machine's other work shows in the
load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_flow import PLAN, _sources, make_documents  # noqa: E402

BIN = Path(sys.executable).parent
UNITS = ROOT / "sample_docs" / "units.toml"
DEPLOYMENT = "backlog"
FLOW = "process-inbox"
#: The flow run states that end a run.
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _pool_name() -> str:
    """The work pool of prefect.yaml's `backlog` deployment (the one the operators create)."""
    import yaml

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    return next(d["work_pool"]["name"] for d in spec["deployments"] if d["name"] == DEPLOYMENT)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _admin(pg_url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _new_database(pg_url: str, name: str, driver: str = "postgresql+psycopg") -> str:
    """Create database `name` on pg_url's server; its URL with the given driver."""
    _admin(pg_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(pg_url, f'CREATE DATABASE "{name}"')
    base = pg_url.rsplit("/", 1)[0].split("://", 1)[1]
    return f"{driver}://{base}/{name}"


def _run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> str:
    """Run a command; its output, or exit with its error."""
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def _stop(proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    """End a process we started and its group (SIGTERM, then SIGKILL)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    except ProcessLookupError:
        pass


def _wait_for(predicate: Any, seconds: float, what: str, step: float = 1.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    sys.exit(f"timed out after {seconds:.0f} s waiting for {what}")


class LoadSampler(threading.Thread):
    """The 1-minute load average every few seconds while a phase runs."""

    def __init__(self, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[float] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop_event.wait(self.every)

    def stop(self) -> tuple[float, float]:
        """Stop sampling; the mean and the peak."""
        self._stop_event.set()
        self.join()
        return (statistics.fmean(self.samples), max(self.samples)) if self.samples else (0.0, 0.0)


@dataclass
class PhaseResult:
    """What one worker count gave."""

    workers: int
    seconds: float
    runs_by_worker: Counter[str]
    docs_per_run: list[int]
    states: Counter[str]
    load_before: float
    load_mean: float
    load_peak: float
    run_seconds: list[float] = field(default_factory=list)
    #: CPU time (user + system) of the workers and everything they ran (flow runs, readers).
    cpu_seconds: float = 0.0
    checks: dict[str, Any] = field(default_factory=dict)

    @property
    def docs(self) -> int:
        return sum(self.docs_per_run)

    @property
    def empty_runs(self) -> int:
        return sum(1 for n in self.docs_per_run if n == 0)


class PrefectServer:
    """`prefect server start` on 127.0.0.1 with its own database on PostgreSQL."""

    def __init__(self, base: Path, pg_url: str, startup_seconds: float) -> None:
        self.port = _free_port()
        self.db_name = f"prefect_bench_{os.getpid()}"
        url = _new_database(pg_url, self.db_name, driver="postgresql+asyncpg")
        home = base / "prefect-home"
        home.mkdir(parents=True)
        self.log = base / "prefect-server.log"
        self.env = {
            **os.environ,
            "PREFECT_HOME": str(home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_API_DATABASE_CONNECTION_URL": url,
        }
        self.env.pop("PREFECT_API_URL", None)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.api = f"http://127.0.0.1:{self.port}/api"
        _wait_for(self._healthy, startup_seconds, f"the Prefect server (log: {self.log})", 0.5)

    def _healthy(self) -> bool:
        if self.proc.poll() is not None:
            sys.exit(f"the Prefect server stopped:\n{self.log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(self.api + "/health", timeout=2) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    def client_env(self) -> dict[str, str]:
        """The environment of a Prefect client (CLI, worker) of this server."""
        env = {k: v for k, v in self.env.items() if k != "PREFECT_API_DATABASE_CONNECTION_URL"}
        env["PREFECT_API_URL"] = self.api
        return env

    def close(self, pg_url: str) -> None:
        _stop(self.proc)
        _admin(pg_url, f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


def _children_cpu() -> float:
    """User + system CPU seconds of this process's ended (reaped) children and their descendants."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _summaries(db_url: str) -> dict[str, dict[str, Any]]:
    """The flow_runs rows of thidua's database, by Prefect flow run id."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT summary FROM flow_runs")).scalars().all()
    engine.dispose()
    out = {}
    for row in rows:
        summary = row if isinstance(row, dict) else json.loads(row)
        out[str(summary.get("flow_run_id"))] = summary
    return out


def _documents_done(summary: dict[str, Any]) -> int:
    """Documents a run finished itself: processed, duplicates, sent to failed/ or review/."""
    return int(summary["processed"]) + int(summary["duplicates"]) + len(summary["failed"]) + len(summary["review"])


def _checks(db_url: str, data: Path, docs: int) -> dict[str, Any]:
    """Counts that show whether a document was processed twice (or not at all)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    q = {
        "source_files (reports)": "SELECT count(*) FROM source_files WHERE id NOT IN (SELECT source_file_id FROM plans WHERE source_file_id IS NOT NULL)",
        "reports": "SELECT count(*) FROM reports",
        "reports' distinct files": "SELECT count(DISTINCT source_file_id) FROM reports",
        "files claimed more than once": "SELECT count(*) FROM source_files WHERE attempts > 1",
        "files not finished": "SELECT count(*) FROM source_files WHERE status NOT IN ('processed', 'failed', 'review')",
    }
    with engine.connect() as conn:
        out: dict[str, Any] = {k: conn.execute(text(v)).scalar_one() for k, v in q.items()}
    engine.dispose()
    folder = lambda name: sum(1 for p in (data / name).rglob("*") if p.is_file() and not p.name.endswith(".reason.txt")) if (data / name).exists() else 0  # noqa: E731
    out["processed/"] = folder("processed")
    out["failed/ + review/"] = folder("failed") + folder("review")
    out["left in inbox"] = sum(1 for p in (data / "inbox").rglob("*") if p.is_file())
    out["ok"] = (
        out["source_files (reports)"] == docs
        and out["reports"] == out["reports' distinct files"]
        and out["files claimed more than once"] == 0
        and out["files not finished"] == 0
        and out["processed/"] + out["failed/ + review/"] == docs
        and out["left in inbox"] == 0
    )
    return out


def phase(server: PrefectServer, args: argparse.Namespace, base: Path, workers: int) -> PhaseResult:
    """One worker count: fresh database and inbox, deploy, start workers, run the backlog."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    data = base / f"workers-{workers}"
    data.mkdir()
    db_name = f"thidua_bench_w{workers}_{os.getpid()}"
    db_url = _new_database(args.pg_url, db_name)
    env = {
        **server.client_env(),
        "THIDUA_DATABASE_URL": db_url,
        "THIDUA_DATA_DIR": str(data),
        "THIDUA_INBOX": str(data / "inbox"),
        "THIDUA_UNITS_FILE": str(UNITS),
        "PREFECT_WORKER_QUERY_SECONDS": str(args.poll_seconds),
        "PREFECT_LOGGING_LEVEL": "INFO",  # as an operator runs them: one log line per document
    }
    procs: list[subprocess.Popen[bytes]] = []
    try:
        _run([str(BIN / "thidua"), "db", "upgrade"], env)
        _run([str(BIN / "thidua"), "plan", "import", str(PLAN)], env)
        # The project's deployment, its job variables from this phase's environment (as an operator would).
        _run([str(BIN / "prefect"), "--no-prompt", "deploy", "--name", DEPLOYMENT], env)
        make_documents(data / "inbox", args.docs, _sources(include_slow=args.include_slow))

        logs = [data / f"worker-{i + 1}.log" for i in range(workers)]
        for i, log in enumerate(logs):
            with open(log, "wb") as out:
                limit = ["--limit", str(args.limit)] if args.limit > 0 else []
                procs.append(subprocess.Popen(
                    [str(BIN / "prefect"), "worker", "start", "--pool", server_pool, *limit, "--name", f"bench-worker-{i + 1}"],
                    env=env, cwd=data, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                ))
        _wait_for(lambda: all("started" in log.read_text(errors="replace") for log in logs), args.startup_seconds,
                  "the workers to start")
        load_before = os.getloadavg()[0]
        cpu_before = _children_cpu()
        sampler = LoadSampler()
        sampler.start()

        n_runs = workers * args.runs_per_worker
        parameters = {"documents_at_once": args.documents_at_once} if args.documents_at_once else {}
        t0 = time.monotonic()
        created_at = dt.datetime.now(dt.timezone.utc)
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name(f"{FLOW}/{DEPLOYMENT}")
            ids = [client.create_flow_run_from_deployment(deployment.id, parameters=parameters).id for _ in range(n_runs)]

            def finished() -> bool:
                runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)))
                return all(r.state is not None and r.state.type.value in TERMINAL for r in runs) and len(runs) == n_runs

            _wait_for(finished, args.timeout, f"{n_runs} flow runs to finish", 2.0)
            seconds = time.monotonic() - t0
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)))
        load_mean, load_peak = sampler.stop()
        for proc in procs:  # reaped now, so their CPU time (and their flow runs' and readers') is counted
            _stop(proc)
        cpu_seconds = _children_cpu() - cpu_before
        last_end = max((r.end_time for r in runs if r.end_time), default=None)
        if last_end is not None:  # creation to the last run's end (not to the next poll)
            seconds = (last_end - created_at).total_seconds()

        # A worker labels each run it takes with its name.
        by_worker = Counter(str((r.labels or {}).get("prefect.worker.name", "?")) for r in runs)
        by_worker.update({f"bench-worker-{i + 1}": 0 for i in range(workers)})
        summaries = _summaries(db_url)
        docs_per_run = [_documents_done(summaries[str(i)]) if str(i) in summaries else 0 for i in ids]
        states = Counter(r.state.name if r.state else "?" for r in runs)
        result = PhaseResult(workers, seconds, by_worker, docs_per_run, states, load_before, load_mean, load_peak)
        by_id = {r.id: r for r in runs}
        result.run_seconds = [
            (by_id[i].end_time - by_id[i].start_time).total_seconds() if by_id[i].start_time and by_id[i].end_time else 0.0
            for i in ids
        ]
        result.cpu_seconds = cpu_seconds
        result.checks = _checks(db_url, data, args.docs)
        return result
    finally:
        for proc in procs:
            _stop(proc)
        if not args.keep:
            _admin(args.pg_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


server_pool = _pool_name()


def _report(results: list[PhaseResult], args: argparse.Namespace) -> None:
    one = next((r for r in results if r.workers == 1), results[0])
    for r in results:
        rate = r.docs / r.seconds if r.seconds else 0.0
        ratio = rate / (one.docs / one.seconds) if one.seconds and one.docs else 0.0
        runs = len(r.docs_per_run)
        print(f"\n== {r.workers} worker(s), {f'--limit {args.limit}' if args.limit > 0 else 'no --limit'}, {runs} runs ==")
        print(f"  {r.docs} documents in {r.seconds:.1f} s = {rate:.2f} documents/s  ({ratio:.2f}x one worker)")
        print(f"  runs taken per worker: {dict(sorted(r.runs_by_worker.items()))}   run states: {dict(r.states)}")
        print(f"  documents per run: {r.docs_per_run}  (each run's own time, s: {[round(x) for x in r.run_seconds]})")
        print(f"  runs that found nothing to do: {r.empty_runs}/{runs} = {r.empty_runs / runs:.0%}")
        share = r.cpu_seconds / r.seconds / (os.cpu_count() or 1) if r.seconds else 0.0
        print(f"  CPU of workers, flow runs and readers: {r.cpu_seconds:.0f} s = {r.cpu_seconds / max(r.docs, 1) * 1000:.0f} ms "
              f"per document, {share:.0%} of the machine's cores over the phase (Prefect's server not counted)")
        print(f"  load average (1 min): {r.load_before:.1f} before, {r.load_mean:.1f} mean, {r.load_peak:.1f} peak "
              f"({os.cpu_count()} cores)")
        verdict = "no document processed twice" if r.checks.get("ok") else "CHECK FAILED"
        print(f"  checks ({verdict}): " + ", ".join(f"{k} {v}" for k, v in r.checks.items() if k != "ok"))


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the inbox (default 2000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts, one phase each")
    ap.add_argument("--limit", type=int, default=2, help="prefect worker start --limit: flow runs a worker runs at once (0: no --limit)")
    ap.add_argument("--runs-per-worker", type=int, default=2, help="flow runs created per worker (all at once)")
    ap.add_argument("--documents-at-once", type=int, default=0,
                    help="the flow's documents_at_once (default: the deployment's, from prefect.yaml)")
    ap.add_argument("--pg-url", default=os.environ.get("THIDUA_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
                    help="a PostgreSQL server to create the databases on (any database of it)")
    ap.add_argument("--poll-seconds", type=float, default=5.0, help="PREFECT_WORKER_QUERY_SECONDS of the workers")
    ap.add_argument("--include-slow", action="store_true", help="also scanned PDFs (OCR) and .doc (LibreOffice)")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds to wait for one phase's runs")
    ap.add_argument("--startup-seconds", type=float, default=300, help="seconds to wait for the server or a worker to start")
    ap.add_argument("--keep", action="store_true", help="keep the data folders and thidua databases (printed)")
    args = ap.parse_args()

    # Stopped with SIGTERM (or SIGINT, which a background job ignores): still stop the server and
    # workers and drop the databases (the `finally` blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    base = Path(tempfile.mkdtemp(prefix="thidua-bench-workers-"))
    sources = _sources(args.include_slow)
    print(f"{args.docs} documents from {len(sources)} sample reports ({', '.join(sorted({s.suffix for s in sources}))}); "
          f"Prefect server and thidua on PostgreSQL; pool '{server_pool}', deployment {FLOW}/{DEPLOYMENT}; "
          f"workers {args.workers}, --limit {args.limit}, {args.runs_per_worker} runs per worker; "
          f"started {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}", flush=True)
    server = PrefectServer(base, args.pg_url, args.startup_seconds)
    # This process is a client of that server too (it creates and watches the flow runs).
    os.environ.update({k: server.client_env()[k] for k in ("PREFECT_API_URL", "PREFECT_HOME")})
    results: list[PhaseResult] = []
    try:
        _run([str(BIN / "prefect"), "work-pool", "create", server_pool, "--type", "process"], server.client_env())
        for workers in args.workers:
            results.append(phase(server, args, base, workers))
            print(f"phase {workers} worker(s) done: {results[-1].docs} documents in {results[-1].seconds:.1f} s", flush=True)
        _report(results, args)
        print(f"\nfinished {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    finally:
        server.close(args.pg_url)
        if args.keep:
            print(f"kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
