"""Learning from reviewers, measured: each world's learning curve, calibration and leave-world-out transfer.

Simulated decisions come from the `X.expected.json` files (what a reviewer would decide on a
report). Per number of reviewed reports of the plan: rules F1 and learned-model F1 of verdicts on
the plan's OTHER reports (leave-reports-out, five random draws), how often the model won, and the
F1 of what the pipeline does (the model only where it beat the rules on its own held-back
reports). Then how many decisions a new plan needs before the model wins, the reliability table of
the calibrated probabilities on reports not trained on ("0.9" should be right 9 times in 10), and
the F1 on one world of a model trained on the other (a figure only: per-cluster models are never
shared). Run: `make bench-learning`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from thidua.core.settings import PROJECT_ROOT
from thidua.core.units import load_units
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.matching.decisions import (
    cases_from_expected,
    decisions_to_win,
    learning_curve,
    reliability_table,
    transfer,
    units_without_paraphrases,
)
from thidua.matching.learning import MIN_REPORTS, Case
from thidua.matching.matcher import PlanMatcher
from thidua.matching.vocabulary import load_vocabulary

DOCS = PROJECT_ROOT / "sample_docs"
PLAN_2022 = DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.docx"
#: name -> (units file, plan, reports folders, the units file's own [lexicon] paraphrases kept)
WORLDS: dict[str, tuple[Path, Path, tuple[Path, ...], bool]] = {
    "world 1 (2022)": (DOCS / "units.toml", PLAN_2022, (DOCS / "reports",), True),
    "world 2 (2023)": (DOCS / "world2" / "units.toml", DOCS / "world2" / "plan" / "ke_hoach_cum_thi_dua_phia_bac_2023.docx", (DOCS / "world2" / "reports",), True),
    "world 3 (2026, communes and wards)": (DOCS / "world3" / "units.toml", DOCS / "world3" / "plan" / "ke_hoach_cum_thi_dua_so_3_2026.docx", (DOCS / "world3" / "reports",), True),
    # A cluster whose secretariat has not written its own wording down yet (a copy of the units file
    # without its [lexicon] paraphrases): world 1's members sign the covenant when the regulation is
    # adopted, which the rules then do not know. World 1b's reports (other hands, same plan) join.
    "world 1 without the [lexicon] paraphrases": (DOCS / "units.toml", PLAN_2022, (DOCS / "reports",), False),
    "world 1 + 1b without the [lexicon] paraphrases": (DOCS / "units.toml", PLAN_2022, (DOCS / "reports", DOCS / "world1b" / "reports"), False),
}
SIZES = [1, 2, 4, 6, 8, 10]


def load_world(units_file: Path, plan_file: Path, reports: tuple[Path, ...], own_paraphrases: bool) -> tuple[PlanMatcher, list[Case]]:
    """A world's matcher (its own vocabulary, not the environment's) and its simulated reviewer decisions."""
    with tempfile.TemporaryDirectory() as tmp:
        units_file = units_file if own_paraphrases else units_without_paraphrases(units_file, Path(tmp))
        units = load_units(units_file)
        spec = extract_plan(read_document(plan_file), [u.name for u in units])
        matcher = PlanMatcher(spec, units, vocabulary=load_vocabulary(units_file))
    cases = [c for folder in reports if folder.is_dir() for c in cases_from_expected(folder, units, spec)]
    return matcher, cases


def main() -> None:
    """Print both worlds' learning curves and the transfer figures."""
    loaded = {name: load_world(*paths) for name, paths in WORLDS.items()}
    for name, (matcher, cases) in loaded.items():
        print(f"{name}: {len(cases)} reports")
        print(f"{'reports':>8}{'decisions':>11}{'rules F1':>10}{'learned F1':>12}{'wins':>7}{'deployed F1':>13}{'gate on':>9}")
        curve = learning_curve(matcher, cases, SIZES)
        for p in curve:
            print(
                f"{p.reports:>8}{p.decisions:>11.0f}{p.rules_f1:>10.3f}{p.learned_f1:>12.3f}{p.wins:>4}/{p.runs}"
                f"{p.deployed_f1:>13.3f}{p.active:>6}/{p.runs}"
            )
        won = decisions_to_win(curve)
        if won is None:
            print(f"the learned model never beats the rules here (up to {curve[-1].reports} reviewed reports, {curve[-1].decisions:.0f} decisions)")
        else:
            print(f"the learned model beats the rules from {won.reports} reviewed reports ({won.decisions:.0f} decisions)")
        pooled = [x for p in curve for x in p.probabilities]
        print(f"reliability of the calibrated link probabilities on reports not trained on ({len(pooled)} decided (report, plan item) rows, models trained on {MIN_REPORTS}+ reports):")
        print(f"{'bin':>8}{'mean p':>9}{'right':>8}{'pairs':>7}")
        for low, mean_p, share, n in reliability_table(pooled):
            print(f"{low:>5.1f}-{low + 0.2:.1f}{mean_p:>9.3f}{share:>8.3f}{n:>7}")
    (m1, c1), (m2, c2) = list(loaded.values())[:2]
    r, m = transfer(c1, m1, c2, m2)
    print(f"leave-world-out, trained on world 1, measured on world 2: rules F1 {r:.3f}, model F1 {m:.3f}")
    r, m = transfer(c2, m2, c1, m1)
    print(f"leave-world-out, trained on world 2, measured on world 1: rules F1 {r:.3f}, model F1 {m:.3f}")


if __name__ == "__main__":
    main()
