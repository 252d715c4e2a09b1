"""Speed of the readers alone (no findings) per format, on the real files and the sample reports.

Run: .venv/bin/python benchmarks/bench_readers.py [DIR ...] [--repeat N]
Prints, per folder and format, files, pages (Word: paragraphs+tables as blocks), seconds, pages/s
(blocks/s for .docx/.doc), and for text PDFs pdfplumber's bare `page.extract_text()` on the same
files with the ratio ours/bare (>1 means we are slower). For files with a verified transcript
(`X.groundtruth.txt`) it prints the character accuracy (extractors.quality.character_accuracy).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from thidua.extractors.quality import character_accuracy  # noqa: E402
from thidua.extractors.readers import DOCUMENT_SUFFIXES, read_document  # noqa: E402
from thidua.core.text import normalize_text  # noqa: E402

DEFAULT_DIRS = [ROOT.parent / "shared" / "realdocs", ROOT / "sample_docs" / "reports"]


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_folder(folder: Path, repeat: int) -> None:
    """Time every document of one folder and print the table."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    accuracies: list[tuple[str, str, float]] = []
    for path in files:
        try:
            read_document(path)  # warm-up: imports, font caches, LibreOffice start
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"  bỏ qua {path.name}: {type(exc).__name__}: {exc}")
            continue
        # OCR and LibreOffice are slow and steady: one timed run is enough.
        runs = 1 if path.suffix.lower() == ".doc" or path.stem.endswith("_scan") else repeat
        seconds, doc = _best(lambda: read_document(path), runs)
        label = doc.format.value
        s = stats[label]
        s["files"] += 1
        s["seconds"] += seconds
        s["units"] += doc.pages if doc.pages else len(doc.blocks)
        if label == "pdf":
            def bare() -> None:
                with pdfplumber.open(str(path)) as pdf:
                    for page in pdf.pages:
                        page.extract_text()

            s["bare"] += _best(bare, repeat)[0]
        truth = path.with_name(f"{path.stem}.groundtruth.txt")
        if truth.exists():
            acc = character_accuracy(normalize_text(truth.read_text(encoding="utf-8")), doc.full_text)
            accuracies.append((path.name, doc.legacy_encoding or "-", acc))
    print(f"\n{folder}")
    print(f"  {'format':<6}{'files':>6}{'units':>8}{'seconds':>9}{'s/file':>8}{'units/s':>10}  {'bare pdfplumber':>16}{'ours/bare':>10}")
    for label in sorted(stats):
        s = stats[label]
        unit = "pages" if label in ("pdf", "scan") else "blocks"
        line = f"  {label:<6}{int(s['files']):>6}{int(s['units']):>8}{s['seconds']:>9.2f}{s['seconds'] / s['files']:>8.2f}{s['units'] / s['seconds']:>10.1f} {unit}/s"
        if label == "pdf" and s["bare"]:
            line += f"  {s['units'] / s['bare']:>8.1f} p/s{s['seconds'] / s['bare']:>9.2f}x"
        print(line)
    for name, enc, acc in accuracies:
        print(f"  character accuracy {acc:.4f}  {enc:<6} {name}")


def main() -> None:
    """Benchmark each folder given (default: shared/realdocs and sample_docs/reports)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directories", nargs="*", default=[str(d) for d in DEFAULT_DIRS])
    ap.add_argument("--repeat", type=int, default=3, help="runs per fast file (the best is kept)")
    args = ap.parse_args()
    for d in args.directories:
        if Path(d).is_dir():
            bench_folder(Path(d), args.repeat)
        else:
            print(f"\n{d}: không có thư mục này, bỏ qua")


if __name__ == "__main__":
    main()
