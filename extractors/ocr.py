"""Read a scanned PDF (no text layer) with OCR: pages rendered by pdftoppm, read by Tesseract (vie).

Each page is rendered at 300 dpi in grayscale and read by `tesseract ... tsv`; Tesseract's
blocks and paragraphs become Paragraphs with their page number. Ruled tables are found in the
page image first (extractors.scan_tables), their rules whitened before OCR, and the words inside
them become a Table placed among the paragraphs by its top. A line with a wide gap (the
Decree 30 header: issuing body left, national motto right) is split into its two sides.
Word confidences are averaged per page and per document and reported in `Document.warnings`;
`Document.ocr` is set so findings from the text get a low confidence.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from thidua.core.document import Block, Box, Cell, Document, Paragraph, SourceFormat, Table, align_words
from thidua.core.errors import CorruptDocumentError, EmptyDocumentError, MissingToolError
from thidua.extractors.scan_columns import find_column_tables, page_lines
from thidua.extractors.scan_tables import Grid, detect_tables, erase_rules, fill_grid, read_pgm, write_pgm
from thidua.core.text import normalize_text

#: Pages read per file at most (THIDUA_OCR_MAX_PAGES, as in core.settings); the rest are skipped with a warning.
DEFAULT_MAX_PAGES = 20
DPI = 300
#: Tesseract page segmentation: 3 = fully automatic layout analysis (blocks, paragraphs).
PSM = 3
PAGE_TIMEOUT = 180  # seconds for one page (render + OCR)
#: Below this mean word confidence (0-100) a page gets its own warning.
LOW_CONFIDENCE = 70.0
#: Dark pixels (of 300 dpi) an empty table cell must hold to be read again: a two-digit number at 9 pt has
#: ~500, the speckles of a scanned cell far fewer.
CELL_INK = 150


@dataclass
class PageText:
    """What OCR read on one page: blocks in reading order (index set later) and the word confidences."""

    page: int
    blocks: list[Block] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float | None:
        """Mean word confidence on the page (0-100), None when no word was read."""
        return statistics.fmean(self.confidences) if self.confidences else None


def _max_pages() -> int:
    """THIDUA_OCR_MAX_PAGES from the validated settings (a bad value raises ConfigError naming it)."""
    from thidua.core.settings import Settings

    return Settings.from_env().ocr_max_pages


@lru_cache(maxsize=4)
def _tesseract_languages(tesseract: str, tessdata: str | None) -> frozenset[str]:
    out = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30)
    lines = (out.stdout + out.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip())


def check_tools(path: Path | None = None) -> tuple[str, str]:
    """The pdftoppm and tesseract executables; MissingToolError (in Vietnamese) when one is missing."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise MissingToolError(
            "tệp PDF là bản quét (không có lớp chữ) nhưng chưa cài pdftoppm để dựng ảnh trang; "
            "hãy cài đặt: apt-get install poppler-utils",
            path,
            tool="poppler-utils",
        )
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise MissingToolError(
            "tệp PDF là bản quét (không có lớp chữ) nhưng chưa cài Tesseract OCR; "
            "hãy cài đặt: apt-get install tesseract-ocr tesseract-ocr-vie",
            path,
            tool="tesseract",
        )
    if "vie" not in _tesseract_languages(tesseract, os.environ.get("TESSDATA_PREFIX")):
        raise MissingToolError(
            "Tesseract OCR chưa có dữ liệu tiếng Việt (vie); hãy cài đặt: apt-get install tesseract-ocr-vie",
            path,
            tool="tesseract-ocr-vie",
        )
    return pdftoppm, tesseract


def _page_count(pdftoppm: str, path: Path) -> int:
    pdfinfo = Path(pdftoppm).with_name("pdfinfo")
    if pdfinfo.exists():
        out = subprocess.run([str(pdfinfo), str(path)], capture_output=True, timeout=60)
        for line in out.stdout.decode("latin-1").splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    import pypdfium2  # noqa: PLC0415 - installed with pdfplumber

    return len(pypdfium2.PdfDocument(str(path)))


def _ocr_page(pdftoppm: str, tesseract: str, path: Path, page: int, tmp: Path) -> PageText:
    """Render one page and read it; the TSV's block/paragraph/line structure shapes the text."""
    stem = tmp / f"p{page}"
    subprocess.run(
        [pdftoppm, "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(stem)],
        check=True, capture_output=True, timeout=PAGE_TIMEOUT,
    )
    image = stem.with_suffix(".pgm")
    gray = read_pgm(image)
    grids, _ = detect_tables(gray)
    if grids:
        write_pgm(image, erase_rules(gray, grids))
    # One thread per Tesseract: pages already run side by side, and OpenMP threads fight over cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(
        [tesseract, str(image), "-", "-l", "vie", "--psm", str(PSM), "tsv"],
        capture_output=True, timeout=PAGE_TIMEOUT, env=env,
    )
    image.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip()[-300:])

    def reread_number(left: float, top: float, right: float, bottom: float) -> str:
        """Read one number again on its own (a single line, digits only): Tesseract's page layout
        misreads lone numbers in a table without rules ("22" as "2.", "31" as "Sài")."""
        h, w = gray.shape
        pad = int(bottom - top) // 2  # a misread number's box may miss a digit: half a word height around it
        x0, y0 = max(0, int(left) - pad), max(0, int(top) - pad // 3)
        x1, y1 = min(w, int(right) + pad), min(h, int(bottom) + pad // 3)
        crop = tmp / f"p{page}-{x0}-{y0}.pgm"
        write_pgm(crop, gray[y0:y1, x0:x1])
        out = subprocess.run(
            [tesseract, str(crop), "-", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789."],
            capture_output=True, timeout=60, env=env,
        )
        crop.unlink(missing_ok=True)
        return out.stdout.decode("utf-8", "replace").strip()

    def reread_cell(left: float, top: float, right: float, bottom: float) -> str:
        """Read an empty grid cell again when it holds ink: Tesseract's page layout drops some lone bold
        numbers in a ruled table ("33" of a "Cả năm" row); digits only, "" when blank."""
        h, w = gray.shape
        inset = 12  # clear of the rules around the cell
        x0, y0 = max(0, int(left) + inset), max(0, int(top) + inset)
        x1, y1 = min(w, int(right) - inset), min(h, int(bottom) - inset)
        dark = gray[y0:y1, x0:x1] < 128 if x1 - x0 >= 20 and y1 - y0 >= 20 else None
        if dark is None or int(dark.sum()) < CELL_INK:
            return ""
        # the ink's own box: a number at the top of a tall cell is a single line for Tesseract
        ys, xs = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
        return reread_number(x0 + int(xs[0]), y0 + int(ys[0]), x0 + int(xs[-1]) + 1, y0 + int(ys[-1]) + 1)

    return _parse_tsv(proc.stdout.decode("utf-8", "replace"), page, grids, reread_number, reread_cell)


def _parse_tsv(
    tsv: str,
    page: int,
    grids: list[Grid] | None = None,
    reread: Callable[[float, float, float, float], str] | None = None,
    reread_cell: Callable[[float, float, float, float], str] | None = None,
) -> PageText:
    """Words inside a ruled table fill its cells; the rest are grouped into paragraphs (block, paragraph).

    Blocks keep Tesseract's paragraph order; a table goes before the first paragraph below its top.
    Paragraphs keep their words' boxes and cells their box, as fractions of the page image (its
    size is the TSV's page row).
    """
    result = PageText(page=page)
    grids = grids or []
    paras: dict[tuple[int, int], dict[int, list[dict]]] = {}
    free_lines: dict[tuple[int, int, int], list[dict]] = {}
    in_table: list[list[dict]] = [[] for _ in grids]
    size = (1.0, 1.0)
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "1":
            size = (float(row.get("width") or 1) or 1.0, float(row.get("height") or 1) or 1.0)
            continue
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        conf = float(row["conf"])
        if conf >= 0:
            result.confidences.append(conf)
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        word = {
            "text": row["text"].strip(),
            "left": left,
            "top": top,
            "right": left + width,
            "height": height,
            "cx": left + width / 2,
            "cy": top + height / 2,
            "conf": conf,
        }
        cx, cy = left + width / 2, top + height / 2
        owner = next((i for i, g in enumerate(grids) if g.locate(cx, cy) is not None), None)
        if owner is not None:
            in_table[owner].append(word)
            continue
        key = (int(row["block_num"]), int(row["par_num"]))
        paras.setdefault(key, {}).setdefault(int(row["line_num"]), []).append(word)
        free_lines.setdefault((*key, int(row["line_num"])), []).append(word)
    filled = [fill_grid(g, words, page) for g, words in zip(grids, in_table)]
    if reread_cell is not None:
        for g, rows in zip(grids, filled):
            _reread_empty_counts(g, rows, reread_cell)
    placed_tables = [
        (g.rows[0] + g.skew * g.cols[0], Table(index=-1, rows=_boxed(g, rows, size), page=page))
        for g, rows in zip(grids, filled)
    ]
    # Tables without rules, rebuilt from the word boxes; their words leave the paragraphs.
    free = [w for ws in free_lines.values() for w in ws]
    for found in find_column_tables(page_lines(free, free_lines), reread):
        placed_tables.append((found.top, Table(index=-1, rows=found.cells(page, size), page=page)))
        for lines in paras.values():
            for line_no in list(lines):
                lines[line_no] = [w for w in lines[line_no] if id(w) not in found.used]
                if not lines[line_no]:
                    del lines[line_no]
    paras = {k: v for k, v in paras.items() if v}
    tables = sorted(placed_tables, key=lambda t: t[0])
    for key in sorted(paras):
        sides: dict[str, list[str]] = {"full": [], "left": [], "right": []}
        placed: dict[str, list[tuple[str, int, Box]]] = {"full": [], "left": [], "right": []}
        tops: dict[str, int] = {}
        for line_no in sorted(paras[key]):
            for side, text, top, words in _split_line(paras[key][line_no]):
                sides[side].append(text)
                placed[side].extend(
                    (w["text"], page, Box.on_page(w["left"], w["top"], w["right"], w["top"] + w["height"], *size))
                    for w in words
                )
                tops[side] = min(tops.get(side, top), top)
        for side in ("full", "left", "right"):
            text = normalize_text(" ".join(sides[side]))
            if text:
                while tables and tables[0][0] < tops[side]:
                    result.blocks.append(tables.pop(0)[1])
                result.blocks.append(Paragraph(index=-1, text=text, page=page, words=align_words(text, placed[side])))
    result.blocks.extend(t for _, t in tables)
    return result


_COUNT_CELL = re.compile(r"^\s*\d{1,4}\s*$")


def _reread_empty_counts(grid: Grid, rows: list[list[Cell]], reread_cell: Callable[[float, float, float, float], str]) -> None:
    """Empty cells of a row of counts (two numbers or more) are read again on their own; a number read so
    fills the cell."""
    for r, row in enumerate(rows):
        if sum(bool(_COUNT_CELL.match(c.text)) for c in row) < 2:
            continue
        for c, cell in enumerate(row):
            if c == 0 or cell.text.strip() or cell.merged or grid.anchor.get((r, c), (r, c)) != (r, c):
                continue
            read = reread_cell(*_page_corners(grid, r, c, r, c)).strip()
            if _COUNT_CELL.match(read):
                cell.text = read


def _boxed(grid: Grid, rows: list[list[Cell]], size: tuple[float, float]) -> list[list[Cell]]:
    """Give each cell its box: the grid lines around it (a merged cell's whole area), back from deskewed."""
    areas: dict[tuple[int, int], list[int]] = {}  # anchor -> [first row, first col, last row, last col]
    for r, row in enumerate(rows):
        for c in range(len(row)):
            a = grid.anchor.get((r, c), (r, c))
            area = areas.setdefault(a, [r, c, r, c])
            area[0], area[1], area[2], area[3] = min(area[0], r), min(area[1], c), max(area[2], r), max(area[3], c)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            cell.box = Box.on_page(*_page_corners(grid, *areas[grid.anchor.get((r, c), (r, c))]), *size)
    return rows


def _page_corners(grid: Grid, r0: int, c0: int, r1: int, c1: int) -> tuple[float, float, float, float]:
    """The page box (px: left, top, right, bottom) of the grid's rows r0..r1 and columns c0..c1, back from deskewed."""
    k = grid.skew
    us, vs = (grid.cols[c0], grid.cols[c1 + 1]), (grid.rows[r0], grid.rows[r1 + 1])
    # Deskewed (u, v) = (x + k*y, y - k*x), so x = (u - k*v) / (1 + k*k), y = (v + k*u) / (1 + k*k).
    xs = [(u - k * v) / (1 + k * k) for u in us for v in vs]
    ys = [(v + k * u) / (1 + k * k) for u in us for v in vs]
    return min(xs), min(ys), max(xs), max(ys)


def _split_line(words: list[dict]) -> list[tuple[str, str, int, list[dict]]]:
    """A line as (side, text, top, words): one text, or its two sides when a wide gap parts two columns."""
    words = sorted(words, key=lambda w: w["left"])
    size = statistics.median(w["height"] for w in words) or 30
    for i in range(1, len(words)):
        if words[i]["left"] - words[i - 1]["right"] > 3 * size:
            left = " ".join(w["text"] for w in words[:i])
            right = " ".join(w["text"] for w in words[i:])
            return [
                ("left", left, min(w["top"] for w in words[:i]), words[:i]),
                ("right", right, min(w["top"] for w in words[i:]), words[i:]),
            ]
    return [("full", " ".join(w["text"] for w in words), min(w["top"] for w in words), words)]


def read_scanned_pdf(path: Path, max_pages: int | None = None, workers: int | None = None) -> Document:
    """OCR a PDF with no text layer; raise MissingToolError when Tesseract (vie) or poppler is missing."""
    path = Path(path)
    pdftoppm, tesseract = check_tools(path)
    try:
        total = _page_count(pdftoppm, path)
    except Exception as exc:  # noqa: BLE001 - pdfinfo/pdfium failing means the PDF is broken
        raise CorruptDocumentError(f"tệp PDF bị hỏng, không đếm được số trang ({exc})", path) from None
    limit = min(total, max_pages or _max_pages())
    doc = Document(source=path.name, format=SourceFormat.SCAN, pages=total, ocr=True)
    workers = workers or min(2, os.cpu_count() or 1, limit) or 1
    with tempfile.TemporaryDirectory(prefix="thidua-ocr-") as tmp, ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(_ocr_page, pdftoppm, tesseract, path, n, Path(tmp)) for n in range(1, limit + 1)]
        pages: list[PageText] = []
        for n, fut in enumerate(futures, start=1):
            try:
                pages.append(fut.result())
            except subprocess.TimeoutExpired:
                doc.warnings.append(f"Trang {n}: OCR quá thời gian ({PAGE_TIMEOUT} giây), bỏ qua trang này.")
            except (subprocess.CalledProcessError, RuntimeError) as exc:
                detail = getattr(exc, "stderr", None) or str(exc)
                if isinstance(detail, bytes):
                    detail = detail.decode("utf-8", "replace")
                doc.warnings.append(f"Trang {n}: không đọc được bằng OCR ({str(detail).strip()[-200:]}).")
    all_conf: list[float] = []
    for page in pages:
        for block in page.blocks:
            block.index = len(doc.blocks)
            doc.blocks.append(block)
        all_conf.extend(page.confidences)
        mean = page.mean_confidence
        if mean is not None and mean < LOW_CONFIDENCE:
            doc.warnings.append(f"Trang {page.page}: chữ quét khó đọc (độ tin cậy OCR {mean:.0f}%).")
    if not doc.blocks:
        raise EmptyDocumentError("tệp PDF quét không đọc được chữ nào bằng OCR", path)
    doc.ocr_confidence = statistics.fmean(all_conf) if all_conf else None
    doc.warnings.insert(
        0,
        f"Văn bản quét, chữ được đọc bằng OCR (độ tin cậy trung bình {doc.ocr_confidence or 0:.0f}%); "
        "cần kiểm tra lại số liệu và dấu.",
    )
    if limit < total:
        doc.warnings.append(f"Chỉ đọc {limit}/{total} trang đầu bằng OCR (giới hạn THIDUA_OCR_MAX_PAGES).")
    return doc


def ocr_confidence(doc: Document) -> float | None:
    """The mean OCR word confidence (0-100) of a scanned document, None when no OCR was done."""
    return doc.ocr_confidence
