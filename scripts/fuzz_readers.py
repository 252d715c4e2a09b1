"""Fuzz the readers for a bounded time: mutated .docx/.pdf from sample_docs/reports (`make fuzz`).

    .venv/bin/python scripts/fuzz_readers.py [--seconds 120] [--seed 0] [--out fuzz-crashes]

Hypothesis draws a sample report and a few mutations of it: byte flips, truncations, deletions,
insertions, duplicated ranges and changed numbers on the whole file; for a .docx also on one
XML part of the zip (a tag renamed or unclosed, a part dropped, the zip rebuilt); for a PDF on
one object (`N 0 obj … endobj`: its numbers, /Length, its stream). Each case is read with
extractors.readers.read_document in this process (one in four also with
extractors.sandbox.read_limited, the inbox flow's reader process) and the Document passed to
extract_findings. The only acceptable outcomes are findings, or a thidua.core.errors.ThiduaError
with a Vietnamese reason; any other exception, an empty or English-only reason, or a read over
--hang seconds is a crash. Hypothesis then shrinks the case; the smallest input is written to
--out with its traceback, and the run goes on with the next seed until the time is up.

Rounds of --examples cases each use the seeds --seed, --seed+1, …; the seeds, the number of cases
and the crashes are printed at the end, and the exit code is 1 when anything crashed. Not part of
`make test`: every crash found becomes a regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import logging
import os
import re
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("THIDUA_OCR_MAX_PAGES", "1")  # a PDF that lost its text goes to OCR: one page is enough

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "sample_docs" / "reports"


class Hang(Exception):
    """A read that took longer than --hang seconds."""


class Crash(AssertionError):
    """An outcome other than findings or a ThiduaError with a Vietnamese reason."""


@dataclass(frozen=True)
class Case:
    """One mutated input: its bytes, its suffix, the seed file and the mutations applied."""

    data: bytes
    suffix: str
    source: str
    ops: tuple[str, ...]
    sandboxed: bool

    def __repr__(self) -> str:
        return f"Case({self.source}, {len(self.data)} bytes, ops={list(self.ops)}, sandboxed={self.sandboxed})"


def seed_files(include_scans: bool) -> list[Path]:
    """The sample reports mutated: Word and text PDFs (scans only when asked: OCR is slow)."""
    out = []
    for p in sorted(REPORTS.iterdir()):
        if p.suffix.lower() == ".docx" or (p.suffix.lower() == ".pdf" and (include_scans or "scan" not in p.name)):
            out.append(p)
    return out


# ---------------------------------------------------------------- mutations


def _mutate_bytes(draw: Any, data: bytes, ops: list[str], xml: bool) -> bytes:
    """One to four byte-level mutations of `data` (with XML-aware ones when `xml`)."""
    kinds = ["flip", "truncate", "delete", "insert", "duplicate", "number"]
    if xml:
        kinds += ["rename_tag", "drop_close", "drop_open"]
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not buf:
            break
        kind = draw(st.sampled_from(kinds))
        n = len(buf)
        pos = draw(st.integers(0, n - 1))
        if kind == "flip":
            buf[pos] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "delete":
            del buf[pos : pos + draw(st.integers(1, 4096))]
        elif kind == "insert":
            buf[pos:pos] = draw(st.one_of(st.binary(min_size=1, max_size=32),
                                          st.sampled_from([b"<", b">", b"&", b"\x00", b"\xff\xfe", b"]]>", b"-1",
                                                           b"99999999999", b"obj", b"endobj", b"stream", b"R"])))
        elif kind == "duplicate":
            size = draw(st.integers(1, 4096))
            buf[pos:pos] = buf[pos : pos + size] * draw(st.integers(1, 8))
        elif kind == "number":
            numbers = list(re.finditer(rb"\d+", bytes(buf)))
            if not numbers:
                continue
            m = numbers[draw(st.integers(0, len(numbers) - 1))]
            new = draw(st.sampled_from([b"0", b"-1", b"1", b"65535", b"2147483648", b"99999999999999999999"]))
            buf[m.start() : m.end()] = new
        else:
            tags = list(re.finditer(rb"</?([A-Za-z][\w:]*)", bytes(buf)))
            if not tags:
                continue
            m = tags[draw(st.integers(0, len(tags) - 1))]
            if kind == "rename_tag":
                buf[m.start(1) : m.end(1)] = draw(st.sampled_from([b"w:tbl", b"w:tr", b"w:tc", b"w:p", b"w:r",
                                                                   b"w:t", b"w:gridSpan", b"w:vMerge", b"x"]))
            elif kind == "drop_close" and buf[m.start() + 1 : m.start() + 2] == b"/":
                end = buf.find(b">", m.start())
                del buf[m.start() : end + 1 if end >= 0 else m.end()]
            elif kind == "drop_open":
                end = buf.find(b">", m.start())
                del buf[m.start() : end + 1 if end >= 0 else m.end()]
        ops.append(f"{kind}@{pos}")
    return bytes(buf)


def _mutate_docx(draw: Any, data: bytes, ops: list[str]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    names = [i.filename for i, _ in members]
    xml_names = [n for n in names if n.endswith((".xml", ".rels"))]
    target = draw(st.sampled_from(xml_names))
    action = draw(st.sampled_from(["xml", "xml", "xml", "drop", "rename", "stored"]))
    ops.append(f"{action}:{target}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, content in members:
            name = info.filename
            if name == target:
                if action == "drop":
                    continue
                if action == "rename":
                    name = name + ".x"
                elif action == "xml":
                    content = _mutate_bytes(draw, content, ops, xml=True)
            z.writestr(name, content, zipfile.ZIP_STORED if action == "stored" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _mutate_pdf_object(draw: Any, data: bytes, ops: list[str]) -> bytes:
    objects = list(re.finditer(rb"\d+\s+\d+\s+obj\b.*?endobj", data, re.S))
    if not objects:
        return _mutate_bytes(draw, data, ops, xml=False)
    m = objects[draw(st.integers(0, len(objects) - 1))]
    ops.append(f"obj@{m.start()}")
    body = m.group(0)
    action = draw(st.sampled_from(["bytes", "bytes", "drop", "length", "duplicate"]))
    if action == "drop":
        body = b""
    elif action == "length":
        body = re.sub(rb"/Length\s+\d+", b"/Length " + str(draw(st.integers(0, 10**9))).encode(), body, count=1)
    elif action == "duplicate":
        body = body + b"\n" + body
    else:
        body = _mutate_bytes(draw, body, ops, xml=False)
    ops.append(action)
    return data[: m.start()] + body + data[m.end() :]


def cases(sources: list[Path]) -> st.SearchStrategy[Case]:
    """Mutated copies of the sources."""
    blobs = {p.name: p.read_bytes() for p in sources}

    @st.composite
    def build(draw: Any) -> Case:
        name = draw(st.sampled_from(sorted(blobs)))
        data = blobs[name]
        ops: list[str] = []
        suffix = Path(name).suffix.lower()
        level = draw(st.sampled_from(["structure", "structure", "structure", "bytes"]))
        if level == "bytes":
            data = _mutate_bytes(draw, data, ops, xml=False)
        elif suffix == ".docx":
            data = _mutate_docx(draw, data, ops)
        else:
            data = _mutate_pdf_object(draw, data, ops)
        return Case(data, suffix, name, tuple(ops), draw(st.integers(0, 3)) == 0)

    return build()


# ---------------------------------------------------------------- the check


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in this (main) thread after `seconds`."""

    def _alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def vietnamese(reason: str) -> bool:
    """Whether a reason is a Vietnamese sentence (a non-ASCII letter: Vietnamese has one in nearly every phrase)."""
    return bool(reason.strip()) and any(ord(c) > 127 and c.isalpha() for c in reason)


class Harness:
    """Reads cases and records what they led to."""

    def __init__(self, hang: float, work: Path) -> None:
        from thidua.core.settings import Settings
        from thidua.core.units import load_units
        from thidua.extractors.limits import ReadLimits

        self.units = load_units(Settings.from_env().units_file)
        self.hang = hang
        self.limits = ReadLimits.from_settings()
        self.work = work
        self.count = 0
        self.outcomes: dict[str, int] = {}
        self.reasons: dict[str, int] = {}
        self.last_failure: tuple[Case, str] | None = None

    def _expect_error(self, exc: BaseException, where: str) -> None:
        from thidua.core.errors import DocumentTimeoutError, ThiduaError

        if isinstance(exc, DocumentTimeoutError):
            raise Crash(f"{where}: hang ({exc.reason})")
        if not isinstance(exc, ThiduaError):
            raise Crash(f"{where}: {type(exc).__name__} is not a ThiduaError") from exc
        if not vietnamese(exc.reason):
            raise Crash(f"{where}: {type(exc).__name__} with a reason that is not Vietnamese: {exc.reason!r}")
        if re.search(r"\(\s*(\w+:\s*)?\)", exc.reason):
            raise Crash(f"{where}: {type(exc).__name__} with a reason whose cause is empty: {exc.reason!r}")
        self.outcomes[type(exc).__name__] = self.outcomes.get(type(exc).__name__, 0) + 1
        gist = re.sub(r"\s*\(.*", "", exc.reason)[:70]
        self.reasons[gist] = self.reasons.get(gist, 0) + 1

    def check(self, case: Case) -> None:
        """Read one case in process (and in the reader process when it says so); raise Crash if it misbehaves."""
        import dataclasses

        from thidua.extractors.readers import read_document
        from thidua.extractors.report import extract_findings
        from thidua.extractors.sandbox import read_limited

        self.count += 1
        path = self.work / f"case{case.suffix}"
        path.write_bytes(case.data)
        try:
            try:
                with time_limit(self.hang):
                    doc = read_document(path, self.limits)
                    findings = extract_findings(doc, self.units)
                self.outcomes["findings"] = self.outcomes.get("findings", 0) + 1
                del findings
            except Hang as exc:
                raise Crash(f"read_document: {exc}") from None
            except Crash:
                raise
            except BaseException as exc:  # noqa: BLE001 - judged by _expect_error
                if isinstance(exc, KeyboardInterrupt):
                    raise
                self._expect_error(exc, "read_document")
            if case.sandboxed:
                limits = dataclasses.replace(self.limits, timeout_seconds=self.hang)
                try:
                    read_limited(path, limits)
                except Exception as exc:  # noqa: BLE001 - judged by _expect_error
                    self._expect_error(exc, "read_limited")
        except Crash:
            self.last_failure = (case, traceback.format_exc())
            raise


def _save(out: Path, case: Case, trace: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(case.data).hexdigest()[:12]
    target = out / f"crash_{digest}{case.suffix}"
    target.write_bytes(case.data)
    target.with_suffix(target.suffix + ".txt").write_text(f"{case!r}\n\n{trace}", encoding="utf-8")
    return target


def main() -> None:
    """Fuzz until the time is up and print what was tried and found."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", "120")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "0")))
    ap.add_argument("--examples", type=int, default=50, help="cases per round (one seed a round)")
    ap.add_argument("--hang", type=float, default=60.0, help="seconds after which a read counts as a hang")
    ap.add_argument("--memory-mb", type=int, default=4096, help="address-space cap of the fuzzing process")
    ap.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    ap.add_argument("--include-scans", action="store_true", help="also mutate the scanned PDFs (OCR, slow)")
    args = ap.parse_args()

    import resource

    # A case that swells memory fails with MemoryError (a crash) instead of taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (args.memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
    logging.disable(logging.WARNING)  # pdfminer warns on every broken font: the outcomes are what counts
    sources = seed_files(args.include_scans)
    strategy = cases(sources)
    crashes: dict[str, Path] = {}
    seeds: list[int] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="thidua-fuzz-") as tmp:
        harness = Harness(args.hang, Path(tmp))
        # Warm up (spaCy, pdfminer imports) outside the first case's time limit.
        from thidua.extractors.readers import read_document
        from thidua.extractors.report import extract_findings

        extract_findings(read_document(sources[0]), harness.units)
        print(f"fuzzing {len(sources)} sample reports for {args.seconds:g} s, {args.examples} cases a round, "
              f"first seed {args.seed}", flush=True)
        round_seed = args.seed
        while time.monotonic() - started < args.seconds:
            seeds.append(round_seed)

            @seed(round_seed)
            @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
                      phases=[Phase.generate, Phase.shrink], report_multiple_bugs=False,
                      suppress_health_check=list(HealthCheck))
            @given(strategy)
            def one_round(case: Case) -> None:
                if time.monotonic() - started > args.seconds and harness.last_failure is None:
                    return  # time is up: let the round end quickly
                harness.check(case)

            try:
                one_round()
            except Crash:
                if harness.last_failure is not None:
                    case, trace = harness.last_failure
                    key = trace.strip().splitlines()[-1][:200]
                    if key not in crashes:
                        crashes[key] = _save(args.out, case, trace)
                        print(f"CRASH (seed {round_seed}): {key}\n  smallest input: {crashes[key]} {case!r}",
                              flush=True)
                    harness.last_failure = None
            round_seed += 1
    elapsed = time.monotonic() - started
    print(f"{harness.count} cases read in {elapsed:.0f} s ({harness.count / elapsed:.1f}/s), seeds "
          f"{seeds[0]}..{seeds[-1]}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(harness.outcomes.items(), key=lambda kv: -kv[1])))
    print("reasons given: " + "; ".join(f"{k} ({v})" for k, v in sorted(harness.reasons.items(), key=lambda kv: -kv[1])))
    print(f"crashes: {len(crashes)}" + "".join(f"\n  {p}: {k}" for k, p in crashes.items()))
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
