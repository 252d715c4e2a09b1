"""Ruled tables in a scanned page image: rules found with numpy, grid cells filled with OCR words.

The page (grayscale, as pdftoppm renders it) is binarized; long horizontal and vertical rules are
found strip by strip (a rule fills a whole strip of the page in one row or column, text strokes do
not), chained across strips so a slightly rotated rule stays one rule, and rules that cross each
other are grouped into table grids. A rule missing between two grid cells makes them one merged
cell, repeated in every grid position it covers with `Cell.merged` set, as the Word and PDF
readers do. Words are assigned to cells by their centre.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from thidua.core.document import Cell
from thidua.core.text import normalize_text

#: Length (px) of the strips a rule must fill; longer than any letter stroke at 300 dpi.
STRIP = 60
#: Share of a strip's pixels (after a 1 px dilation across the rule) a rule must fill.
FILL = 0.85
#: A rule is thin; thicker runs are blots, seals or pictures.
MAX_THICKNESS = 14
#: Rules shorter than this many strips are ignored (underlines of words, dashes).
MIN_STRIPS = 3
#: Vertical rules may be shorter: the rule between "Tập thể | Cá nhân" under a merged header, in a table cut
#: by the page's foot after one row, spans two short rows (~110 px, one strip); `group_grids` keeps such a
#: rule only where it crosses three horizontal rules.
MIN_STRIPS_VERTICAL = 1
#: Rules closer than this (px) are one boundary (double rules, a rule broken by the scan).
MERGE_GAP = 14
#: Share of a cell side's length a rule must cover to part two cells.
SIDE_COVER = 0.6

_RULE_ARTIFACT = re.compile(r"^[|¦\[\]_¡!]+$")
#: "25/01/20" + "22", "22/4/202" + "2": a date wrapped inside a narrow cell.
_DATE_HEAD = re.compile(r"(?:^|\s)\d{1,2}[/.\-]\d{1,2}[/.\-]\d{0,3}$")
_DATE_DONE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d$")
#: "215/UBND" + "-NV": a document symbol wrapped before its hyphen.
_SYMBOL_HEAD = re.compile(r"\d+/[A-ZĐ]+$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A detected rule in deskewed coordinates: offset across it, extent along it."""

    horizontal: bool
    offset: float
    lo: float
    hi: float


@dataclass(slots=True)
class Grid:
    """One ruled table: row and column boundaries (deskewed px) and which cells are merged."""

    rows: list[float]
    cols: list[float]
    skew: float
    #: Grid position -> the top-left position of the merged cell covering it.
    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of the grid."""
        return len(self.rows) - 1, len(self.cols) - 1

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        """The grid position holding an image point, None outside the table."""
        u, v = x + self.skew * y, y - self.skew * x
        r = bisect_right(self.rows, v) - 1
        c = bisect_right(self.cols, u) - 1
        if 0 <= r < len(self.rows) - 1 and 0 <= c < len(self.cols) - 1:
            return r, c
        return None

    @property
    def top(self) -> float:
        """The table's top edge (deskewed y)."""
        return self.rows[0]


def read_pgm(path: Path) -> np.ndarray:
    """A binary PGM (P5) image as a 2-D uint8 array."""
    data = Path(path).read_bytes()
    m = re.match(rb"P5(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)\s", data)
    if not m:
        raise ValueError(f"{path}: not a binary PGM image")
    width, height, maxval = (int(g) for g in m.groups())
    if maxval > 255:
        img = np.frombuffer(data, dtype=">u2", count=width * height, offset=m.end()).reshape(height, width)
        return (img.astype(np.uint32) * 255 // maxval).astype(np.uint8)
    return np.frombuffer(data, dtype=np.uint8, count=width * height, offset=m.end()).reshape(height, width)


def write_pgm(path: Path, image: np.ndarray) -> None:
    """Write a 2-D uint8 array as a binary PGM (P5) image."""
    h, w = image.shape
    Path(path).write_bytes(f"P5\n{w} {h}\n255\n".encode() + np.ascontiguousarray(image, dtype=np.uint8).tobytes())


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink mask by Otsu's threshold on the histogram (True = dark)."""
    # Every 4th pixel each way: the histogram's shape is the same, at a sixteenth of the cost.
    hist = np.bincount(gray[::4, ::4].ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    threshold = int(np.argmax(between))
    # A blank page has no real split; keep only clearly dark pixels then.
    return gray <= min(threshold, 200)


def _segments(ink: np.ndarray) -> list[list[tuple[float, float]]]:
    """Per strip along the rows, the (centre, thickness) of every run of rows the ink fills."""
    h, w = ink.shape
    n = w // STRIP
    if n == 0 or h < 3:
        return []
    # Dilation by 1 px across the rule: a rule rotated ~1 degree drifts ~1 px over a strip.
    dil = ink[:, : n * STRIP].copy()
    dil[1:] |= ink[:-1, : n * STRIP]
    dil[:-1] |= ink[1:, : n * STRIP]
    counts = dil.reshape(h, n, STRIP).sum(axis=2, dtype=np.int32)
    full = counts >= FILL * STRIP
    out: list[list[tuple[float, float]]] = []
    for j in range(n):
        ys = np.flatnonzero(full[:, j])
        if ys.size == 0:
            out.append([])
            continue
        breaks = np.flatnonzero(np.diff(ys) > 1)
        starts = np.concatenate(([ys[0]], ys[breaks + 1]))
        ends = np.concatenate((ys[breaks], [ys[-1]]))
        out.append([((s + e) / 2, float(e - s + 1)) for s, e in zip(starts, ends) if e - s + 1 <= MAX_THICKNESS])
    return out


def _chain(segments: list[list[tuple[float, float]]], min_strips: int = MIN_STRIPS) -> list[list[tuple[float, float]]]:
    """Chain strip segments into rules: (along, across) points, one per strip it fills."""
    done: list[list[tuple[float, float]]] = []
    active: list[tuple[int, list[tuple[float, float]]]] = []  # (last strip, points)
    for j, segs in enumerate(segments):
        along = j * STRIP + STRIP / 2
        nxt: list[tuple[int, list[tuple[float, float]]]] = []
        used: set[int] = set()
        for y, _ in segs:
            best = None
            for k, (last, pts) in enumerate(active):
                # One missing strip is tolerated (a scan's broken rule, a word across it).
                if k not in used and j - last <= 2 and abs(pts[-1][1] - y) <= 3 + (j - last):
                    best = k if best is None or abs(pts[-1][1] - y) < abs(active[best][1][-1][1] - y) else best
            if best is None:
                nxt.append((j, [(along, y)]))
            else:
                used.add(best)
                active[best][1].append((along, y))
                nxt.append((j, active[best][1]))
        for k, (last, pts) in enumerate(active):
            if k not in used:
                if j - last < 2:
                    nxt.append((last, pts))
                else:
                    done.append(pts)
        active = nxt
    done.extend(pts for _, pts in active)
    return [pts for pts in done if len(pts) >= min_strips]


def _skew(horizontal: list[np.ndarray], vertical: list[np.ndarray]) -> float:
    """The page's skew (dy/dx of horizontal rules) from the longest rules' slopes."""
    slopes: list[float] = []
    weights: list[float] = []
    for pts, sign in [(p, 1.0) for p in horizontal] + [(p, -1.0) for p in vertical]:
        if len(pts) >= 6:
            slope = np.polyfit(pts[:, 0], pts[:, 1], 1)[0]
            slopes.append(sign * slope)
            weights.append(len(pts))
    if not slopes:
        return 0.0
    order = np.argsort(slopes)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(slopes)[order][np.searchsorted(cum, cum[-1] / 2)])


def find_rules(ink: np.ndarray) -> tuple[list[Rule], float]:
    """The page's long horizontal and vertical rules (deskewed) and the page's skew."""
    hor = [np.asarray(p) for p in _chain(_segments(ink))]
    ver = [np.asarray(p) for p in _chain(_segments(ink.T), MIN_STRIPS_VERTICAL)]
    skew = _skew(hor, ver)
    rules: list[Rule] = []
    half = STRIP / 2
    for pts in hor:  # points are (x, y)
        u = pts[:, 0] + skew * pts[:, 1]
        v = pts[:, 1] - skew * pts[:, 0]
        rules.append(Rule(True, statistics.median(v.tolist()), float(u.min() - half), float(u.max() + half)))
    for pts in ver:  # points are (y, x)
        u = pts[:, 1] + skew * pts[:, 0]
        v = pts[:, 0] - skew * pts[:, 1]
        rules.append(Rule(False, statistics.median(u.tolist()), float(v.min() - half), float(v.max() + half)))
    return rules, skew


def _clusters(values: list[float]) -> list[float]:
    """Sorted values with near neighbours (double rules) merged into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= MERGE_GAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def group_grids(rules: list[Rule], skew: float) -> list[Grid]:
    """Rules that cross each other grouped into tables (at least two cells each), top to bottom."""
    hor = [r for r in rules if r.horizontal]
    ver = [r for r in rules if not r.horizontal]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # A rule's extent is known to a strip: its end may lie up to a strip past the last full one.
    tol = STRIP + 10
    index = {id(r): i for i, r in enumerate(rules)}
    for h in hor:
        for v in ver:
            if v.lo - tol <= h.offset <= v.hi + tol and h.lo - tol <= v.offset <= h.hi + tol:
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    grids: list[Grid] = []
    for members in groups.values():
        # A vertical rule shorter than a long one parts cells only where it crosses at least three of the
        # table's horizontal rules (two rows: "Tập thể | Cá nhân" and a row under it), not a letter's stroke
        # in one header cell.
        across = [h.offset for h in members if h.horizontal]
        members = [
            r for r in members
            if r.horizontal or r.hi - r.lo >= MIN_STRIPS * STRIP or sum(r.lo - STRIP <= y <= r.hi + STRIP for y in across) >= 3
        ]
        rows = _clusters([r.offset for r in members if r.horizontal])
        cols = _clusters([r.offset for r in members if not r.horizontal])
        if len(rows) < 2 or len(cols) < 2 or (len(rows) - 1) * (len(cols) - 1) < 2:
            continue  # no table, or a single framed box
        grids.append(Grid(rows=rows, cols=cols, skew=skew, rules=members))
    grids.sort(key=lambda g: g.top)
    return grids


def _covered(ink: np.ndarray, grid: Grid, horizontal: bool, offset: float, lo: float, hi: float) -> bool:
    """Whether ink follows a rule at `offset` over most of the deskewed span [lo, hi]."""
    if hi - lo < 4:
        return True
    h, w = ink.shape
    s = grid.skew
    along = np.arange(lo, hi)
    across = np.arange(-4, 5)
    if horizontal:  # u = along, v = offset
        x = along - s * offset
        y = offset + s * x
        xs = np.clip(np.rint(x), 0, w - 1).astype(np.intp)[:, None]
        ys = np.clip(np.rint(y)[:, None] + across, 0, h - 1).astype(np.intp)
    else:  # v = along, u = offset
        y = along + s * offset
        x = offset - s * y
        ys = np.clip(np.rint(y), 0, h - 1).astype(np.intp)[:, None]
        xs = np.clip(np.rint(x)[:, None] + across, 0, w - 1).astype(np.intp)
    return bool(ink[ys, xs].any(axis=1).mean() >= SIDE_COVER)


def resolve_merges(ink: np.ndarray, grid: Grid) -> None:
    """Fill `grid.anchor`: cells with no rule between them belong to one merged cell."""
    n_rows, n_cols = grid.shape
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            p = parent[p]
        return p

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    margin = 10  # stay clear of the crossing rules
    for r in range(n_rows):
        top, bottom = grid.rows[r] + margin, grid.rows[r + 1] - margin
        for c in range(1, n_cols):
            if not _covered(ink, grid, False, grid.cols[c], top, bottom):
                union((r, c - 1), (r, c))
    for c in range(n_cols):
        left, right = grid.cols[c] + margin, grid.cols[c + 1] - margin
        for r in range(1, n_rows):
            if not _covered(ink, grid, True, grid.rows[r], left, right):
                union((r - 1, c), (r, c))
    grid.anchor = {p: find(p) for p in parent}


def detect_tables(gray: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """The ruled tables of a page image, and the ink mask they were found in."""
    ink = binarize(gray)
    rules, skew = find_rules(ink)
    grids = group_grids(rules, skew)
    for g in grids:
        resolve_merges(ink, g)
    return grids, ink


def erase_rules(gray: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """A copy of the page with the tables' rules whitened, so OCR does not read them as '|'."""
    out = gray.copy()
    # Grey too: a rule's anti-aliased edge left behind still reads as a stroke.
    ink = gray < 235
    # The paper's own tone, not pure white: a white band on grey paper is a rule again.
    paper = np.uint8(np.argmax(np.bincount(gray[::4, ::4].ravel(), minlength=256)))
    h, w = gray.shape
    for g in grids:
        s = g.skew
        left, right = g.cols[0] - 8, g.cols[-1] + 8
        top, bottom = g.rows[0] - 8, g.rows[-1] + 8
        across = np.arange(-6, 7)
        for v in g.rows:
            x = np.arange(left, right) - s * v
            ys = np.clip(np.rint(v + s * x)[:, None] + across, 0, h - 1).astype(np.intp)
            xs = np.clip(np.rint(x), 0, w - 1).astype(np.intp)[:, None].repeat(across.size, axis=1)
            sel = ink[ys, xs]
            out[ys[sel], xs[sel]] = paper
        for u in g.cols:
            y = np.arange(top, bottom) + s * u
            xs = np.clip(np.rint(u - s * y)[:, None] + across, 0, w - 1).astype(np.intp)
            ys = np.clip(np.rint(y), 0, h - 1).astype(np.intp)[:, None].repeat(across.size, axis=1)
            sel = ink[ys, xs]
            out[ys[sel], xs[sel]] = paper
    return out


def _join_lines(lines: list[str]) -> str:
    """A cell's lines as one text; a date or document symbol wrapped mid-token is rejoined."""
    text = ""
    for line in lines:
        if not text:
            text = line
            continue
        head = _DATE_HEAD.search(text)
        first = line.split(" ", 1)[0]
        if head and first[:1].isdigit() and _DATE_DONE.search(text[head.start():].strip() + first.split(",")[0].rstrip(".;")):
            text += line
        elif first.startswith("-") and _SYMBOL_HEAD.search(text) and first[1:2].isupper():
            text += line
        else:
            text += " " + line
    return text


def cell_text(words: list[dict]) -> str:
    """Words of one cell in reading order (lines by y, then x), wrapped tokens rejoined, normalized."""
    # '|' and '_' at a word's edge are what is left of a rule next to it.
    words = [{**w, "text": w["text"].strip("|¦_")} for w in words if not _RULE_ARTIFACT.match(w["text"])]
    words = [w for w in words if w["text"]]
    if not words:
        return ""
    words.sort(key=lambda w: w["cy"])
    size = float(statistics.median(w["height"] for w in words)) or 30.0
    lines: list[list[dict]] = []
    for w in words:
        if lines and w["cy"] - statistics.fmean(x["cy"] for x in lines[-1]) <= 0.5 * size:
            lines[-1].append(w)
        else:
            lines.append([w])
    return normalize_text(_join_lines([" ".join(w["text"] for w in sorted(ln, key=lambda w: w["left"])) for ln in lines]))


def fill_grid(grid: Grid, words: list[dict], page: int | None) -> list[list[Cell]]:
    """The grid's cells with their words (dicts with text, left, top, width, height, cx, cy)."""
    n_rows, n_cols = grid.shape
    pooled: dict[tuple[int, int], list[dict]] = {}
    for w in words:
        pos = grid.locate(w["cx"], w["cy"])
        if pos is not None:
            pooled.setdefault(grid.anchor.get(pos, pos), []).append(w)
    texts = {p: cell_text(ws) for p, ws in pooled.items()}
    rows: list[list[Cell]] = []
    for r in range(n_rows):
        cells: list[Cell] = []
        for c in range(n_cols):
            anchor = grid.anchor.get((r, c), (r, c))
            cells.append(Cell(text=texts.get(anchor, ""), row=r, col=c, merged=anchor != (r, c), page=page))
        rows.append(cells)
    return rows
