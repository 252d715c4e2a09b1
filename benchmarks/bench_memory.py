"""Peak memory of one process-inbox run on 50 and on 500 documents (printed, never asserted).

    .venv/bin/python benchmarks/bench_memory.py [--counts 50 500] [--include-slow]

Each count runs in its own process on a new SQLite database and data folder (seed plan imported,
documents built as in bench_flow.py: sample reports made distinct by a zip comment or a trailing
PDF comment, so none is a duplicate). Before the flow starts, the run process warms up (Prefect's
server, the language pipeline, the plan); the figures cover the flow itself:

- sampled every 0.2 s with psutil: the resident memory (RSS) of the run process, of its reader
  processes (extractors.sandbox), of Prefect's server, of any other tool (LibreOffice,
  Tesseract), and of the whole process tree together, peak of each;
- the kernel's high-water marks at the end: VmHWM of the run process, and
  getrusage(RUSAGE_CHILDREN).ru_maxrss (largest ended child: the reader, once it is shut down).

Memory that does not grow with the count shows as about the same peaks at 50 and at 500 documents.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")  # a busy machine starts it slowly

from bench_flow import _import_plan, _sources, make_documents  # noqa: E402

_MB = 1024 * 1024
SAMPLE_SECONDS = 0.2


def _vm(field: str) -> int:
    """A field of /proc/self/status in bytes (VmHWM, VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _role(proc: psutil.Process, root: int) -> str:
    """Which part of the run a process is: run, reader, prefect, tool."""
    if proc.pid == root:
        return "run"
    try:
        cmd = " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return "tool"
    if "thidua.extractors.sandbox" in cmd:
        return "reader"
    if "prefect" in cmd or "uvicorn" in cmd:
        return "prefect"
    return "tool"


class Sampler(threading.Thread):
    """Peak RSS of a process tree, by role and in total, while `active` is set."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.active = threading.Event()
        self.done = threading.Event()
        self.peaks: dict[str, int] = {}
        self.readers: set[int] = set()
        self.samples = 0

    def run(self) -> None:
        """Sample until `done` is set."""
        while not self.done.is_set():
            if self.active.is_set():
                self._sample()
            time.sleep(SAMPLE_SECONDS)

    def _sample(self) -> None:
        try:
            root = psutil.Process(self.root)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        by_role: dict[str, int] = {}
        for p in procs:
            try:
                rss = p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            role = _role(p, self.root)
            if role == "reader":
                self.readers.add(p.pid)
            by_role[role] = by_role.get(role, 0) + rss
        by_role["tree"] = sum(by_role.values())
        for role, rss in by_role.items():
            self.peaks[role] = max(self.peaks.get(role, 0), rss)
        self.samples += 1


def phase(docs: int, data: Path, include_slow: bool) -> None:
    """In the measured process: warm up, build the inbox, run the flow, print the kernel's figures."""
    sources = _sources(include_slow)
    from prefect import flow

    from thidua.core.settings import Settings
    from thidua.core.units import load_units
    from thidua.extractors import sandbox
    from thidua.extractors.report import extract_findings
    from thidua.extractors.readers import read_document
    from thidua.flows.process_inbox import process_inbox

    @flow(name="bench-memory-warm-up")
    def warm_up() -> int:
        return 1

    warm_up()
    units = load_units(Settings.from_env().units_file)
    for src in sources:
        extract_findings(read_document(src), units)
    _import_plan()
    make_documents(data / "inbox", docs, sources)
    print(f"START {_vm('VmRSS')} {_vm('VmHWM')}", flush=True)
    t0 = time.perf_counter()
    summary = process_inbox(str(data / "inbox"), settle_seconds=10)
    seconds = time.perf_counter() - t0
    print(f"END {_vm('VmRSS')} {_vm('VmHWM')}", flush=True)
    sandbox.shutdown()  # the reader ends and is waited for: its peak joins RUSAGE_CHILDREN
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"RESULT {seconds:.1f} {children_kb * 1024} {summary['processed']} {len(summary['review'])} "
          f"{len(summary['failed'])}", flush=True)


def measure(docs: int, base: Path, include_slow: bool) -> dict[str, float]:
    """Run one count in a fresh process and return its figures in MB (and seconds)."""
    data = base / f"docs{docs}"
    data.mkdir(parents=True)
    env = dict(os.environ, THIDUA_DATA_DIR=str(data), THIDUA_INBOX=str(data / "inbox"),
               THIDUA_DATABASE_URL=f"sqlite:///{data / 'thidua.db'}")
    cmd = [sys.executable, __file__, "--phase", "--docs", str(docs), "--data", str(data)]
    if include_slow:
        cmd.append("--include-slow")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word, *rest = line.split()
        if word == "START":
            sampler.active.set()
            out["run_rss_start"], out["run_hwm_start"] = (int(x) / _MB for x in rest)
        elif word == "END":
            sampler.active.clear()
            out["run_rss_end"], out["run_hwm_end"] = (int(x) / _MB for x in rest)
        elif word == "RESULT":
            out["seconds"] = float(rest[0])
            out["children_maxrss"] = int(rest[1]) / _MB
            out["processed"], out["review"], out["failed"] = (float(x) for x in rest[2:5])
    sampler.done.set()
    if proc.wait() != 0:
        raise SystemExit(f"the {docs}-document run failed (exit code {proc.returncode})")
    for role in ("run", "reader", "prefect", "tool", "tree"):
        out[f"peak_{role}"] = sampler.peaks.get(role, 0) / _MB
    out["readers_started"] = len(sampler.readers)
    out["samples"] = sampler.samples
    return out


def main() -> None:
    """Run every count and print the figures side by side."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[50, 500])
    ap.add_argument("--include-slow", action="store_true", help="also scanned PDFs (OCR) and .doc (LibreOffice)")
    ap.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        phase(args.docs, args.data, args.include_slow)
        return
    sources = _sources(args.include_slow)
    print(f"process-inbox flow, one run per count, from {len(sources)} sample reports "
          f"({', '.join(sorted({s.suffix for s in sources}))}); SQLite; RSS in MB")
    base = Path(tempfile.mkdtemp(prefix="thidua-bench-memory-"))
    rows: dict[int, dict[str, float]] = {}
    try:
        for n in args.counts:
            rows[n] = measure(n, base, args.include_slow)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    labels = [
        ("seconds", "flow run, seconds"),
        ("processed", "processed / review / failed"),
        ("run_rss_start", "run process RSS before the flow"),
        ("peak_run", "run process, peak RSS (sampled)"),
        ("run_rss_end", "run process RSS after the flow"),
        ("run_hwm_end", "run process VmHWM (kernel, incl. warm-up)"),
        ("peak_reader", "reader process(es), peak RSS"),
        ("children_maxrss", "largest ended child, ru_maxrss"),
        ("peak_prefect", "Prefect server, peak RSS"),
        ("peak_tool", "other tools, peak RSS"),
        ("peak_tree", "whole tree, peak RSS"),
        ("readers_started", "reader processes seen"),
        ("samples", "samples"),
    ]
    print(f"{'':44}" + "".join(f"{str(n) + ' docs':>14}" for n in args.counts))
    for key, label in labels:
        cells = []
        for n in args.counts:
            r = rows[n]
            if key == "processed":
                cells.append(f"{r['processed']:.0f}/{r['review']:.0f}/{r['failed']:.0f}")
            elif key in ("readers_started", "samples"):
                cells.append(f"{r[key]:.0f}")
            else:
                cells.append(f"{r[key]:.1f}")
        print(f"{label:44}" + "".join(f"{c:>14}" for c in cells))
    if len(args.counts) >= 2:
        lo, hi = args.counts[0], args.counts[-1]
        for key, label in (("peak_run", "run process"), ("peak_reader", "reader"), ("peak_tree", "whole tree")):
            grow = rows[hi][key] - rows[lo][key]
            print(f"growth {lo} -> {hi} documents, {label}: {grow:+.1f} MB "
                  f"({grow / (hi - lo) * 1024:+.1f} KB per document)")


if __name__ == "__main__":
    main()
