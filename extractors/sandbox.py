"""Read a document in a child process with a time and a memory limit; no file can stall a run.

`read_limited(path, limits)` hands the file to a reader process (started once per calling
thread and reused, so imports are paid once) and waits at most `limits.timeout_seconds`. The
reader process:

- leads its own process group (`setsid`), so the tools it starts (LibreOffice, pdftoppm,
  Tesseract) are in it and a timeout ends them all with one `killpg`;
- has its address space capped at `limits.memory_bytes` (RLIMIT_AS, inherited by the tools): a
  file that would grow it beyond fails with a MemoryError instead of taking the machine;
- watches its parent: when the run dies (even by `kill -9`), it kills its whole group, tools
  included, within a second, so nothing is left behind.

A timeout raises DocumentTimeoutError, memory LimitExceededError (THIDUA_DOC_MEMORY_MB); a
reader that crashed (a fault in a C library) CorruptDocumentError. The reader is started again
for the next file after any of these.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from thidua.core.document import Document
from thidua.core.errors import CorruptDocumentError, DocumentTimeoutError, LimitExceededError, ThiduaError
from thidua.extractors.limits import ReadLimits
from thidua.extractors.processes import kill_tree

_MB = 1024 * 1024
#: Seconds between two looks of the reader process at its parent.
WATCH_INTERVAL = 0.5


def _watch_parent(parent: int) -> None:
    """Kill our whole process group (tools included) once the parent is gone."""
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os.killpg(0, signal.SIGKILL)


def _on_parent_death(signum: int, frame: Any) -> None:
    os.killpg(0, signal.SIGKILL)


def _set_parent_death_signal() -> None:
    """Linux: SIGTERM us when the parent thread exits (faster than the watcher; best effort)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _near_cap(memory_bytes: int) -> bool:
    """Whether this process's peak address space reached the cap (a parser may then fail oddly:
    lxml reports "XMLSyntaxError: unknown error" when an allocation is refused)."""
    if not memory_bytes:
        return False
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024 >= 0.9 * memory_bytes
    except OSError:
        pass
    return False


def _serve(conn: Connection, parent: int, memory_bytes: int) -> None:
    """The reader process: read files sent over `conn` until it is closed."""
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(0)
    signal.signal(signal.SIGTERM, _on_parent_death)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the run's to handle
    _set_parent_death_signal()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from thidua.extractors.readers import read_document

    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        path, limits = request
        try:
            conn.send(("ok", read_document(path, limits)))
        except MemoryError:
            conn.send(("memory", None))
            return  # a process that ran out of memory may be in a bad state: start afresh
        except ThiduaError as exc:
            if _near_cap(memory_bytes):
                conn.send(("memory", None))
                return
            conn.send(("error", (type(exc), exc.reason, exc.path, dict(exc.__dict__))))
        except BaseException:  # noqa: BLE001 - reported to the caller, which decides
            if _near_cap(memory_bytes):
                conn.send(("memory", None))
                return
            conn.send(("crash", traceback.format_exc(limit=8)))


class _Reader:
    """One reader process and the pipe to it."""

    def __init__(self, memory_bytes: int, env_key: int) -> None:
        # A fresh interpreter (never a fork of a process running threads: Prefect, uvicorn), in
        # its own session, so its group is its tools and a killpg ends them all.
        ours, theirs = socket.socketpair()
        self.memory_bytes = memory_bytes
        self.env_key = env_key
        cmd = [sys.executable, "-m", "thidua.extractors.sandbox", str(theirs.fileno()), str(os.getpid()), str(memory_bytes)]
        self.proc = subprocess.Popen(cmd, pass_fds=[theirs.fileno()], start_new_session=True, stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(ours.detach())

    def alive(self) -> bool:
        """Whether the reader process is still running."""
        return self.proc.poll() is None

    def kill(self) -> None:
        """End the reader and every process it started."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            kill_tree(self.proc.pid)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


_local = threading.local()


def _reader(memory_bytes: int) -> _Reader:
    # A reader started with another environment (PATH, THIDUA_*) would read with stale settings.
    env_key = hash(frozenset(os.environ.items()))
    reader: _Reader | None = getattr(_local, "reader", None)
    if reader is None or not reader.alive() or (reader.memory_bytes, reader.env_key) != (memory_bytes, env_key):
        if reader is not None:
            reader.kill()
        reader = _Reader(memory_bytes, env_key)
        _local.reader = reader
    return reader


def _drop_reader() -> None:
    reader: _Reader | None = getattr(_local, "reader", None)
    if reader is not None:
        reader.kill()
        _local.reader = None


def shutdown() -> None:
    """End this thread's reader process (it also ends by itself when this process exits)."""
    _drop_reader()


def _rebuild(payload: tuple[type[ThiduaError], str, str | None, dict[str, Any]]) -> ThiduaError:
    cls, reason, path, attrs = payload
    exc = cls.__new__(cls)
    Exception.__init__(exc, f"{path}: {reason}" if path else reason)
    exc.__dict__.update(attrs)
    return exc


def read_limited(path: Path | str, limits: ReadLimits | None = None) -> Document:
    """Read a document like extractors.readers.read_document, within the time and memory limits."""
    path = Path(path)
    limits = limits or ReadLimits.from_settings()
    reader = _reader(limits.memory_bytes)
    started = time.monotonic()
    try:
        reader.conn.send((str(path), limits))
        ready = reader.conn.poll(limits.timeout_seconds)
        reply = reader.conn.recv() if ready else None
    except (EOFError, OSError, BrokenPipeError):
        reply = ("died", None)
    if reply is None:
        _drop_reader()
        raise DocumentTimeoutError(
            f"đọc tệp quá {limits.timeout_seconds:g} giây nên đã dừng (giới hạn THIDUA_DOC_TIMEOUT)",
            path,
            "THIDUA_DOC_TIMEOUT",
        )
    status, payload = reply
    if status == "ok":
        return payload
    if status == "error":
        raise _rebuild(payload)
    memory = f"{limits.memory_bytes / _MB:.0f} MB"
    if status == "memory":
        _drop_reader()
        raise LimitExceededError(
            f"đọc tệp cần quá {memory} bộ nhớ nên đã dừng (giới hạn THIDUA_DOC_MEMORY_MB)", path, "THIDUA_DOC_MEMORY_MB"
        )
    if status == "crash":
        detail = str(payload)
        if "MemoryError" in detail or "Memory allocation failed" in detail:
            _drop_reader()
            raise LimitExceededError(
                f"đọc tệp cần quá {memory} bộ nhớ nên đã dừng (giới hạn THIDUA_DOC_MEMORY_MB)",
                path,
                "THIDUA_DOC_MEMORY_MB",
            )
        raise RuntimeError(f"lỗi của trình đọc tệp:\n{detail}")
    # The reader died under us: killed by the kernel (out of memory) or crashed in a C library.
    try:
        code: int | None = reader.proc.wait(1)
    except subprocess.TimeoutExpired:
        code = None
    _drop_reader()
    seconds = time.monotonic() - started
    raise CorruptDocumentError(
        f"trình đọc tệp dừng đột ngột sau {seconds:.0f} giây (mã thoát {code}); tệp có thể bị hỏng hoặc cần quá "
        f"{memory} bộ nhớ",
        path,
    )


if __name__ == "__main__":  # the reader process: python -m thidua.extractors.sandbox FD PARENT MEMORY
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]))
