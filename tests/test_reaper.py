"""The run's watchdog: a run killed with SIGKILL leaves none of its child processes behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from thidua.flows.reaper import _alive

# A stand-in for `thidua run`: starts the watchdog and a long-lived child (as Prefect's server is).
RUN = textwrap.dedent(
    """
    import subprocess, sys, time
    from thidua.flows.reaper import start_reaper
    start_reaper()
    child = subprocess.Popen(["sleep", "300"])
    print(child.pid, flush=True)
    time.sleep(300)
    """
)


def _wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_children_of_a_killed_run_are_ended() -> None:
    run = subprocess.Popen([sys.executable, "-c", RUN], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None
    child = int(run.stdout.readline())
    time.sleep(1.2)  # the watchdog has seen the child (it looks every 0.5 s)
    assert _alive(child)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    try:
        assert _wait_until(lambda: not _alive(child), 5), "the run's child outlived it"
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)


def test_watchdog_ends_with_a_run_that_exits() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "from thidua.flows.reaper import start_reaper; print(start_reaper().pid)"],
        capture_output=True, text=True, check=True,
    )
    watchdog = int(run.stdout)
    assert _wait_until(lambda: not _alive(watchdog), 5)
