"""Render world 5's hand-written reports (sources_world5/*.txt) into sample_docs/world5/.

Run from the repo root: `.venv/bin/python sample_docs/build/make_reports_world5.py [stem ...]`.
Same markup and formats as make_reports.py (see sources/README.md), which does the rendering; this
script only points it at world 5's folders. A source with `@dest: heldout` goes to
sample_docs/world5/heldout/ (the hold-out part), every other one to sample_docs/world5/reports/.
The `X.expected.json` files beside the outputs are written by hand and never touched here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_reports  # noqa: E402
import vbhc  # noqa: E402

SOURCES = vbhc.BUILD_DIR / "sources_world5"
WORLD = vbhc.SAMPLE_DIR / "world5"


def main(argv: list[str]) -> None:
    """Render all world-5 sources, or the stems named on the command line."""
    paths = sorted(SOURCES.glob("*.txt"))
    if argv:
        paths = [p for p in paths if p.stem in argv]
    for p in paths:
        src = make_reports.parse(p)
        make_reports.OUT_DIR = WORLD / src.meta.get("dest", "reports")
        for out in make_reports.render(src):
            print(out.relative_to(vbhc.SAMPLE_DIR.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
