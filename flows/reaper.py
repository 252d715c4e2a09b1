"""A watchdog process that ends what a run started when the run dies, `kill -9` included.

Prefect's ephemeral API server (and any tool a run starts) is a child process that outlives a
killed parent: it is reparented and keeps its port and database. `start_reaper()` starts a small
process that notes the run's descendants every half second and, once the run is gone, kills them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from thidua.extractors.processes import descendants, kill_tree

#: How often the watchdog looks at the run's processes, in seconds.
POLL_SECONDS = 0.5


def start_reaper() -> subprocess.Popen[bytes]:
    """Start the watchdog of this process (it exits by itself after this process ends)."""
    return subprocess.Popen(
        [sys.executable, "-m", "thidua.flows.reaper", str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # not in the run's process group: a Ctrl-C there must not end it first
    )


def watch(parent: int) -> None:
    """Note `parent`'s descendants until it is gone, then kill every one still running."""
    me = os.getpid()
    seen: set[int] = set()
    while _alive(parent):
        seen.update(p for p in descendants(parent) if p != me)
        time.sleep(POLL_SECONDS)
    for pid in seen:
        if _alive(pid):
            kill_tree(pid)


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :].split()[0] != "Z"


if __name__ == "__main__":
    watch(int(sys.argv[1]))
