"""Speed of the whole extraction (read + findings) per format, against pdfplumber's bare extract_text.

Run: .venv/bin/python benchmarks/bench_extraction.py [DIR] [--repeat N]
Prints documents/s and pages/s per format, the findings step alone, and for text PDFs the ratio of
our whole extraction to pdfplumber's bare `page.extract_text()` on the same files (target >= 0.5x).
The spaCy pipeline is built once before timing (a process does that once); readers that are not
installed yet (legacy .doc, OCR) are reported as skipped.
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

from thidua.extractors.nlp import get_nlp  # noqa: E402
from thidua.extractors.readers import DOCUMENT_SUFFIXES, read_document, sniff_format  # noqa: E402
from thidua.extractors.report import extract_findings  # noqa: E402
from thidua.core.units import load_units  # noqa: E402


def _pages(path: Path, kind: str, doc_pages: int | None) -> int:
    if doc_pages:
        return doc_pages
    return 1 if kind != "pdf" else len(pdfplumber.open(str(path)).pages)


def main() -> None:
    """Time every document of the folder and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("directory", nargs="?", default=str(ROOT / "sample_docs" / "reports"))
    ap.add_argument("--repeat", type=int, default=3, help="runs per file (the best is kept)")
    args = ap.parse_args()
    units = load_units(ROOT / "sample_docs" / "units.toml")
    get_nlp()
    files = sorted(p for p in Path(args.directory).iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    bare_pdf = ours_pdf = 0.0
    for path in files:
        kind = sniff_format(path)
        try:
            read_document(path)  # warm-up (imports, font caches)
        except Exception as exc:  # noqa: BLE001 - a reader not installed yet, or a scan without OCR
            print(f"bỏ qua {path.name}: {type(exc).__name__}: {exc}")
            continue
        best_read = best_total = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            doc = read_document(path)
            t1 = time.perf_counter()
            extract_findings(doc, units)
            t2 = time.perf_counter()
            best_read, best_total = min(best_read, t1 - t0), min(best_total, t2 - t0)
        label = "scan" if doc.ocr else kind
        s = stats[label]
        s["docs"] += 1
        s["pages"] += _pages(path, kind, doc.pages)
        s["read"] += best_read
        s["total"] += best_total
        if label == "pdf":
            best_bare = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                with pdfplumber.open(str(path)) as pdf:
                    for page in pdf.pages:
                        page.extract_text()
                best_bare = min(best_bare, time.perf_counter() - t0)
            s["bare"] += best_bare
            bare_pdf += best_bare
            ours_pdf += best_total
    print(f"{'format':<8}{'docs':>6}{'pages':>7}{'docs/s':>10}{'pages/s':>10}{'findings ms/doc':>17}")
    for label, s in sorted(stats.items()):
        findings_ms = 1000 * (s["total"] - s["read"]) / s["docs"]
        print(f"{label:<8}{int(s['docs']):>6}{int(s['pages']):>7}{s['docs'] / s['total']:>10.1f}{s['pages'] / s['total']:>10.1f}{findings_ms:>17.1f}")
    if bare_pdf:
        pdf = stats["pdf"]
        print(f"pdfplumber extract_text (text PDFs): {pdf['docs'] / bare_pdf:.1f} docs/s, {pdf['pages'] / bare_pdf:.1f} pages/s")
        print(f"whole extraction / pdfplumber bare speed on text PDFs: {bare_pdf / ours_pdf:.2f}x (target >= 0.5x)")


if __name__ == "__main__":
    main()
