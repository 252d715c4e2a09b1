"""Floors on every development world that `make eval` measures, read from the Makefile itself.

The worlds are tuning data: these are floors well below today's figures (never `== 1.0`), so a change
that breaks one world's unit, period, date, tasks or figures fails here, and a world added to `make
eval` is covered without editing this file. Today's figures are in the issue notes.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from thidua.core.units import load_units
from thidua.extractors.evaluation import evaluate

ROOT = Path(__file__).resolve().parents[1]

#: Lowest acceptable F1 per field on any one world (today's lowest on worlds 1-5, 1b-1d, 7, 9:
#: unit, period, report date 1.0, tasks 0.862, tasks+date 0.828, figures 0.928).
FLOORS = {"unit": 0.95, "period": 0.80, "report_date": 0.85, "tasks": 0.82, "tasks+date": 0.78, "figures": 0.88}
#: Worlds added from held-out sets whose task matching is still well below the others (first measure,
#: 2026-12-04, worlds 6 / 8 / 10 / 12: tasks 0.800 / 0.845 / 0.706 / 0.462, tasks+date 0.762 / 0.724 /
#: 0.682 / 0.462): floors just under today's figures, so a regression still fails, until the gap is closed.
WORLD_FLOORS = {
    "sample_docs/world6/reports": {"tasks": 0.78, "tasks+date": 0.74},
    "sample_docs/world8/reports": {"tasks": 0.80, "tasks+date": 0.70},
    "sample_docs/world10/reports": {"tasks": 0.68, "tasks+date": 0.64},
    # one scan's header names its department in a form the units file does not hold (unit 0.933)
    "sample_docs/world12/reports": {"unit": 0.90},
    # measured once as held-out sets on 2026-12-07 (tasks 0.808 / 0.824, tasks+date 0.707 / 0.667)
    "sample_docs/world13/reports": {"tasks": 0.78, "tasks+date": 0.68},
    "sample_docs/world14/reports": {"tasks": 0.80, "tasks+date": 0.64},
    # measured once as a held-out set on 2026-12-07 (unit 0.875, tasks 0.816, tasks+date 0.757 with the
    # expected ids renamed to the importer's, figures 0.851; unit and figures 1.000 after)
    "sample_docs/world17/reports": {"tasks": 0.79, "tasks+date": 0.73},
    # measured once as a held-out set on 2026-12-08 and not tuned on yet (its plan under two-month
    # headings: tasks 0.409, tasks+date 0.159; figures 0.845)
    "sample_docs/world20/reports": {"tasks": 0.38, "tasks+date": 0.14, "figures": 0.82},
}


def eval_worlds() -> list[tuple[str, Path, Path]]:
    """(units file, reports folder, plan) of each `thidua eval` line of `make eval`, as make expands them."""
    if shutil.which("make") is None:
        return []
    out = subprocess.run(["make", "-s", "-n", "eval"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    worlds = []
    for line in out.splitlines():
        m = re.match(r"THIDUA_UNITS_FILE=(\S+) \S*thidua eval (.+)$", line.strip())
        if m:
            args = shlex.split(m.group(2))
            plan = args[args.index("--plan") + 1]
            worlds.append((m.group(1), ROOT / args[0], ROOT / plan))
    return worlds


WORLDS = eval_worlds()


def test_make_eval_measures_several_worlds() -> None:
    assert len(WORLDS) >= 23, WORLDS


@pytest.mark.parametrize("units_file,reports,plan", WORLDS, ids=[str(w[1].relative_to(ROOT)) for w in WORLDS])
def test_world_stays_above_its_floors(units_file: str, reports: Path, plan: Path) -> None:
    from thidua.cli.extract import plan_matcher

    units = load_units(ROOT / units_file)
    # The same call as `thidua eval`: the matcher's word weights come from the folder's own statements.
    result = evaluate(reports, units, matcher_for_corpus=lambda corpus: plan_matcher(plan, units, corpus=corpus))
    assert len(result.documents) >= 8 and not any(d.error for d in result.documents), [d.error for d in result.documents]
    floors = {**FLOORS, **WORLD_FLOORS.get(str(reports.relative_to(ROOT)), {})}
    low = {f: round(result.totals[f].f1, 3) for f, floor in floors.items() if result.totals[f].f1 < floor}
    assert not low, f"{reports}: below the floors {floors}: {low}"
