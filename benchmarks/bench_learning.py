"""Learning from reviewers, measured: world 2's learning curve and leave-world-out transfer.

Simulated decisions come from the `X.expected.json` files (what a reviewer would decide). Prints
rules F1 vs learned-model F1 on reports not trained on, and the F1 on world 2 of a model trained
on world 1's decisions (a figure only: per-cluster models are never shared). Run: `make bench-learning`.
"""

from __future__ import annotations

from pathlib import Path

from thidua.core.settings import PROJECT_ROOT
from thidua.core.units import load_units
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.matching.decisions import cases_from_expected, learning_curve, transfer
from thidua.matching.matcher import PlanMatcher

DOCS = PROJECT_ROOT / "sample_docs"
WORLDS = {
    "world 1 (2022)": (DOCS / "units.toml", DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.docx", DOCS / "reports"),
    "world 2 (2023)": (DOCS / "world2" / "units.toml", DOCS / "world2" / "plan" / "ke_hoach_cum_thi_dua_phia_bac_2023.docx", DOCS / "world2" / "reports"),
}


def _world(units_file: Path, plan_file: Path, reports: Path):  # type: ignore[no-untyped-def]
    units = load_units(units_file)
    spec = extract_plan(read_document(plan_file), [u.name for u in units])
    return PlanMatcher(spec, units), cases_from_expected(reports, units, spec)


def main() -> None:
    """Print both worlds' learning curves and the transfer figures."""
    loaded = {name: _world(*paths) for name, paths in WORLDS.items()}
    for name, (matcher, cases) in loaded.items():
        print(f"{name}: {len(cases)} reports")
        print(f"{'reports':>8}{'decisions':>11}{'rules F1':>10}{'learned F1':>12}{'wins':>7}")
        for p in learning_curve(matcher, cases, [1, 2, 4, 6, 8, 10]):
            print(f"{p.reports:>8}{p.decisions:>11.0f}{p.rules_f1:>10.3f}{p.learned_f1:>12.3f}{p.wins:>4}/{p.runs}")
    (m1, c1), (m2, c2) = loaded.values()
    r, m = transfer(c1, m1, c2, m2)
    print(f"leave-world-out, trained on world 1, measured on world 2: rules F1 {r:.3f}, model F1 {m:.3f}")
    r, m = transfer(c2, m2, c1, m1)
    print(f"leave-world-out, trained on world 2, measured on world 1: rules F1 {r:.3f}, model F1 {m:.3f}")


if __name__ == "__main__":
    main()
