"""Child processes that end with their work: a tool run with a timeout loses its whole tree.

LibreOffice's `soffice` starts `oosplash`, which starts `soffice.bin`: killing the first one
alone leaves the others running. `kill_tree` ends a process and every descendant (found in
/proc, Linux), so a timeout leaves nothing behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process we can see."""
    out: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1:
            out[int(entry.name)] = int(fields[1])
    return out


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, grandchildren…), nearest first."""
    parents = _parents()
    found: list[int] = []
    frontier = [pid]
    while frontier:
        children = [c for c, p in parents.items() if p in frontier and c not in found]
        found.extend(children)
        frontier = children
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants (descendants listed first, so none escapes)."""
    for victim in [*reversed(descendants(pid)), pid]:
        try:
            os.kill(victim, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def run_tool(
    cmd: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a command with its output captured; on timeout kill its whole tree, then re-raise."""
    proc = subprocess.Popen(
        list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        proc.communicate()
        raise
    except BaseException:
        kill_tree(proc.pid)
        proc.wait()
        raise
    return subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)
