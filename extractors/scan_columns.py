"""Tables without rules in a scanned page, rebuilt from OCR word boxes: lines, column gaps, rows.

Many award tables are typed in columns with no rule at all, so `scan_tables` finds no grid and
Tesseract reads them as scattered paragraphs. Here the page's words (outside ruled tables) are set
on deskewed lines; a line splits into segments where a gap is much wider than a space. A run of
lines holding numbers in a column right of the first (a value line) is a table: its columns are the
x-extents of the value lines' segments (overlapping segments are one column), its rows start at a
value line or a row number, and lines without numbers in between continue the row above (a wrapped
label or note). The lines just above, with segments over the columns, are the header: wrapped
header lines are joined per column, and a header wider than its column ("Số lượng" over "Tập thể |
Cá nhân | Hộ gia đình") covers the columns next to it that have no header of their own in that line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from thidua.core.document import Box, Cell
from thidua.core.numbers import count_value
from thidua.core.text import normalize_text

#: A gap wider than this many word heights parts two columns (a space is about half a height).
COLUMN_GAP = 1.6
#: Words whose deskewed centres are closer than this share of a word height are on one line.
LINE_TOLERANCE = 0.55
#: Header lines looked at above the first value line.
MAX_HEADER_LINES = 4
#: Lines without numbers allowed in a row between value lines (a label wrapped on several lines).
MAX_CONTINUATION = 3

#: What is left of a stray rule or a table's edge ("|", "_").
_RULE_MARK = re.compile(r"^[|¦\[\]_¡!]+$")
_EDGE = re.compile(r"^[\s.,;:'\"`|!_\-–~]+|[\s.,;:'\"`|!_\-–~]+$")


@dataclass(slots=True)
class Segment:
    """Words of one line between two wide gaps."""

    words: list[dict]

    @property
    def left(self) -> float:
        """Left edge (px)."""
        return min(w["left"] for w in self.words)

    @property
    def right(self) -> float:
        """Right edge (px)."""
        return max(w["right"] for w in self.words)

    @property
    def centre(self) -> float:
        """Horizontal centre (px)."""
        return (self.left + self.right) / 2

    @property
    def text(self) -> str:
        """The words joined by spaces."""
        return " ".join(w["text"] for w in sorted(self.words, key=lambda w: w["left"]))


@dataclass(slots=True)
class Line:
    """Words on one deskewed line, split into segments at wide gaps."""

    words: list[dict]
    segments: list[Segment] = field(default_factory=list)

    @property
    def top(self) -> float:
        """Top edge (px)."""
        return min(w["top"] for w in self.words)


@dataclass(slots=True)
class ColumnTable:
    """A table rebuilt from word boxes: its cells' texts and words, and all words it took."""

    top: float
    rows: list[list[str]]
    words: list[list[list[dict]]]
    used: set[int]

    def cells(self, page: int, size: tuple[float, float]) -> list[list[Cell]]:
        """The rows as document cells, each with the box around its words."""
        out: list[list[Cell]] = []
        for r, (texts, words) in enumerate(zip(self.rows, self.words)):
            row: list[Cell] = []
            for c, (text, ws) in enumerate(zip(texts, words)):
                box = (
                    Box.on_page(min(w["left"] for w in ws), min(w["top"] for w in ws), max(w["right"] for w in ws),
                                max(w["top"] + w["height"] for w in ws), *size)
                    if ws else None
                )
                row.append(Cell(text=text, row=r, col=c, page=page, box=box))
            out.append(row)
        return out


def is_count_text(text: str) -> bool:
    """A segment that is one count as OCR reads it ("05", "1.215", "112.", "2À")."""
    t = _EDGE.sub("", text)
    if " " in t or not t or "%" in t or "/" in t:
        return False  # percentages and dates are no counts
    if count_value(t) is not None:
        return True
    digits = sum(ch.isdigit() for ch in t)
    return digits > 0 and len(t) <= 6 and len(t) - digits <= 2


def _skew(lines: dict[tuple[int, int, int], list[dict]]) -> float:
    """The page's skew (dy/dx) as the median slope of Tesseract's longer lines."""
    slopes = []
    for words in lines.values():
        if len(words) >= 4:
            xs = [w["cx"] for w in words]
            ys = [w["cy"] for w in words]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            var = sum((x - mx) ** 2 for x in xs)
            if var > 0:
                slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    return statistics.median(slopes) if slopes else 0.0


def page_lines(words: list[dict], tess_lines: dict[tuple[int, int, int], list[dict]]) -> list[Line]:
    """The words on deskewed lines, top to bottom, each split into segments at wide gaps."""
    if not words:
        return []
    skew = _skew(tess_lines)
    height = statistics.median(w["height"] for w in words) or 30
    ordered = sorted(words, key=lambda w: w["cy"] - skew * w["cx"])
    groups: list[list[dict]] = []
    level: list[float] = []
    for w in ordered:
        v = w["cy"] - skew * w["cx"]
        if groups and abs(v - level[-1]) <= LINE_TOLERANCE * height:
            groups[-1].append(w)
            level[-1] = statistics.fmean(x["cy"] - skew * x["cx"] for x in groups[-1])
        else:
            groups.append([w])
            level.append(v)
    lines = []
    for g in groups:
        g.sort(key=lambda w: w["left"])
        segs = [[g[0]]]
        for prev, w in zip(g, g[1:]):
            if w["left"] - prev["right"] > COLUMN_GAP * height:
                segs.append([w])
            else:
                segs[-1].append(w)
        lines.append(Line(g, [Segment(s) for s in segs]))
    return lines


def _is_value_line(line: Line) -> bool:
    return len(line.segments) >= 2 and any(is_count_text(s.text) for s in line.segments[1:])


#: Below this Tesseract confidence (0-100) a number in a value column is read again on its own.
REREAD_BELOW = 80.0

Reread = Callable[[float, float, float, float], str]


def find_column_tables(lines: list[Line], reread: Reread | None = None) -> list[ColumnTable]:
    """The tables without rules among the page's lines (at least two value lines each); `reread`
    (left, top, right, bottom in px -> text) reads a doubtful number again on its own."""
    out: list[ColumnTable] = []
    i = 0
    while i < len(lines):
        if not _is_value_line(lines[i]):
            i += 1
            continue
        body = [i]
        j = i + 1
        gap = 0
        while j < len(lines) and gap <= MAX_CONTINUATION:
            if _is_value_line(lines[j]):
                body.extend(range(body[-1] + 1, j + 1))
                gap = 0
            elif len(lines[j].segments) == 1 and lines[j].segments[0].right - lines[j].segments[0].left > 0.6 * _width(lines, body):
                break  # a paragraph line across the table's width: the table has ended
            else:
                gap += 1
            j += 1
        value_rows = [k for k in body if _is_value_line(lines[k])]
        if len(value_rows) >= 2:
            table = _build(lines, body, _header_lines(lines, i, body), reread)
            if table is not None:
                out.append(table)
        i = body[-1] + 1
    return out


def _width(lines: list[Line], body: list[int]) -> float:
    left = min(lines[k].segments[0].left for k in body)
    right = max(lines[k].segments[-1].right for k in body)
    return right - left


def _header_lines(lines: list[Line], first: int, body: list[int]) -> list[int]:
    """Lines above the first value line that sit over the table's columns (not a full paragraph line)."""
    width = _width(lines, body)
    left = min(lines[k].segments[0].left for k in body)
    out: list[int] = []
    k = first - 1
    while k >= 0 and len(out) < MAX_HEADER_LINES:
        ln = lines[k]
        span = ln.segments[-1].right - ln.segments[0].left
        if len(ln.segments) < 2 and (span > 0.6 * width or ln.segments[0].right < left):
            break
        if ln.segments[0].left < left - 0.15 * width:
            break
        out.insert(0, k)
        k -= 1
    return out


def _columns(segments: list[Segment]) -> list[tuple[float, float]]:
    """Column extents: segments of the body that overlap horizontally are one column."""
    spans = sorted((s.left, s.right) for s in segments)
    cols: list[list[float]] = []
    for lo, hi in spans:
        if cols and lo <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], hi)
        else:
            cols.append([lo, hi])
    return [(lo, hi) for lo, hi in cols]


def _home(seg: Segment, cols: list[tuple[float, float]]) -> int:
    """The column a segment belongs to: the one it overlaps most, else the nearest."""
    best, score = 0, float("-inf")
    for c, (lo, hi) in enumerate(cols):
        overlap = min(hi, seg.right) - max(lo, seg.left)
        if overlap <= 0:
            overlap = -abs((lo + hi) / 2 - seg.centre)
        if overlap > score:
            best, score = c, overlap
    return best


def _build(lines: list[Line], body: list[int], head: list[int], reread: Reread | None = None) -> ColumnTable | None:
    cols = _columns([s for k in body for s in lines[k].segments])
    if len(cols) < 3:
        return None
    n = len(cols)
    number_cols = {_home(s, cols) for k in body for s in lines[k].segments[1:] if is_count_text(s.text)}
    replaced: set[int] = set()
    if reread is not None:
        for k in body:
            for s in lines[k].segments[1:]:
                if _home(s, cols) in number_cols and _doubtful(s):
                    text = reread(s.left, min(w["top"] for w in s.words), s.right, max(w["top"] + w["height"] for w in s.words))
                    if count_value(text) is not None:
                        replaced.update(id(w) for w in s.words)
                        s.words = [{**s.words[0], "text": text, "left": s.left, "right": s.right, "conf": 100.0}]
    value_lines = [lines[k] for k in body if _is_value_line(lines[k])]
    firsts = [ln.segments[0] for ln in value_lines if _home(ln.segments[0], cols) == 0]
    # A first column of row numbers ("1", "2", ...; the total row has none) is the STT column.
    stt = sum(is_count_text(s.text) for s in firsts) >= max(2, len(value_lines) // 2)
    label = 1 if stt else 0
    rows: list[list[list[dict]]] = []
    has_values: list[bool] = []
    for k in body:
        ln = lines[k]
        cells: list[list[dict]] = [[] for _ in range(n)]
        for s in ln.segments:
            cells[_home(s, cols)].extend(s.words)
        numbered = stt and bool(cells[0]) and is_count_text(" ".join(w["text"] for w in cells[0]))
        # anything in a number column, even a number OCR could not read, is a row's value
        values = any(not _RULE_MARK.match(w["text"]) for c in number_cols if c > 0 for w in cells[c])
        if rows and not numbered and (not values or (values and not has_values[-1] and not _restarts(cells, label))):
            for c in range(n):
                rows[-1][c].extend(cells[c])  # a wrapped label or note, or numbers centred below the label's first line
            has_values[-1] = has_values[-1] or values
            continue
        rows.append(cells)
        has_values.append(values)
    value_cols = {
        c for c in range(label + 1, n)
        if any(cells[c] and is_count_text(" ".join(w["text"] for w in cells[c])) for cells in rows)
    }
    # The header: lines over the columns, up to a line that runs across a text column's edge
    # (the end of the paragraph introducing the table).
    while head and any(_straddles(s, cols, value_cols) for s in lines[head[0]].segments):
        head = head[1:]
    header: list[list[dict]] = [[] for _ in range(n)]
    homes_of = {k: [_home(s, cols) for s in lines[k].segments] for k in head}
    for pos, k in enumerate(head):
        segs = lines[k].segments
        homes = homes_of[k]
        taken = set(homes)
        below = {h for k2 in head[pos + 1 :] for h in homes_of[k2]}
        for s, h in zip(segs, homes):
            header[h].extend(s.words)
        for idx, (s, h) in enumerate(zip(segs, homes)):
            lo, hi = cols[h]
            if s.right - s.left <= (hi - lo) * 1.2 or h not in value_cols:
                continue  # as wide as its column: a header of that column only
            # a spanning header covers the columns on both sides that have no header of their own here
            for step in (-1, 1):
                c = h + step
                while 0 <= c < n and c not in taken and c in value_cols and c in below:
                    other = homes[idx + step] if 0 <= idx + step < len(homes) else None
                    mid = (cols[c][0] + cols[c][1]) / 2
                    if other is not None and abs(mid - segs[idx + step].centre) < abs(mid - s.centre):
                        break
                    header[c].extend(s.words)
                    c += step
    grid = [header] + rows if any(header) else rows
    texts = [[_cell_text(ws) for ws in row] for row in grid]
    used = {id(w) for row in grid for ws in row for w in ws} | replaced
    top = min(lines[k].top for k in (head or body))
    return ColumnTable(top=top, rows=texts, words=grid, used=used)


def _doubtful(seg: Segment) -> bool:
    """A short segment in a number column that is no clean count, or read with low confidence."""
    text = seg.text
    if len(text) > 7:
        return False
    return count_value(text) is None or min(w.get("conf", 100.0) for w in seg.words) < REREAD_BELOW


def _straddles(seg: Segment, cols: list[tuple[float, float]], value_cols: set[int]) -> bool:
    """A segment across the edge of a text column (a label or note column) and another column."""
    over = [c for c, (lo, hi) in enumerate(cols) if min(hi, seg.right) - max(lo, seg.left) > 0.3 * (hi - lo)]
    return len(over) >= 2 and any(c not in value_cols for c in over)


def _restarts(cells: list[list[dict]], label: int) -> bool:
    """A row with a label of its own: a new row, not the numbers of the one above."""
    return bool(cells[label]) and not is_count_text(" ".join(w["text"] for w in cells[label]))


def _cell_text(words: list[dict]) -> str:
    """Words of a cell top to bottom, left to right."""
    words = [w for w in words if not _RULE_MARK.match(w["text"])]
    if not words:
        return ""
    height = statistics.median(w["height"] for w in words) or 30
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["cy"]):
        if rows and abs(w["cy"] - statistics.fmean(x["cy"] for x in rows[-1])) <= LINE_TOLERANCE * height:
            rows[-1].append(w)
        else:
            rows.append([w])
    return normalize_text(" ".join(" ".join(w["text"] for w in sorted(r, key=lambda w: w["left"])) for r in rows))
