"""Start-up figures (printed, never asserted): `thidua --help` and `thidua run` on an empty inbox.

Each command runs REPEAT times in a fresh process on a new data folder (its first `thidua run`
also creates the SQLite database); the median and the worst wall-clock seconds are printed
beside the goals of issue 16 (help <= 1 s, empty run <= 3 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THIDUA = Path(sys.executable).with_name("thidua")


def _time(cmd: list[str], env: dict[str, str], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` runs of a command (its output discarded)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    """Print the start-up figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-startup-") as tmp:
        data = Path(tmp)
        (data / "inbox").mkdir()
        env = {**os.environ, "THIDUA_DATA_DIR": str(data)}
        rows = [
            ("thidua --help", [str(THIDUA), "--help"], 1.0),
            ("thidua run (empty inbox)", [str(THIDUA), "run"], 3.0),
            ("thidua run --json (empty inbox)", [str(THIDUA), "run", "--json"], 3.0),
        ]
        print(f"{'command':34} {'median s':>9} {'worst s':>8} {'goal s':>7}")
        for name, cmd, goal in rows:
            times = _time(cmd, env, args.repeat)
            print(f"{name:34} {statistics.median(times):9.2f} {max(times):8.2f} {goal:7.1f}")


if __name__ == "__main__":
    main()
