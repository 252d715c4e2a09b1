"""Render one world's hand-written reports (sources_<world>/*.txt) into sample_docs/<world>/.

Run from the repo root: `.venv/bin/python sample_docs/build/make_reports_world.py WORLD [stem ...]`,
WORLD being a folder of sample_docs with its sources in sample_docs/build/sources_WORLD/ (world2,
world1b, world3, world4, world1c, world5). Same markup and formats as make_reports.py (see
sources/README.md), which does the rendering; this script only points it at the world's folders.
A source with `@dest: heldout` goes to sample_docs/WORLD/heldout/, every other one to
sample_docs/WORLD/reports/. The `X.expected.json` files beside the outputs are written by hand and
never touched here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_reports  # noqa: E402
import vbhc  # noqa: E402


def main(argv: list[str]) -> None:
    """Render all of a world's sources, or the stems named after the world."""
    if not argv:
        sys.exit("usage: make_reports_world.py WORLD [stem ...]")
    world, stems = argv[0], argv[1:]
    sources = vbhc.BUILD_DIR / f"sources_{world}"
    if not sources.is_dir():
        sys.exit(f"no sources for {world!r}: {sources} is not a folder")
    paths = sorted(sources.glob("*.txt"))
    if stems:
        paths = [p for p in paths if p.stem in stems]
    for p in paths:
        src = make_reports.parse(p)
        make_reports.OUT_DIR = vbhc.SAMPLE_DIR / world / src.meta.get("dest", "reports")
        for out in make_reports.render(src):
            print(out.relative_to(vbhc.SAMPLE_DIR.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
