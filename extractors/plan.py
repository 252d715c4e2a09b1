"""Turn a cluster plan document into plan items `Q<quarter>-<number>` with responsibility, due date and place.

The plan is a table (Số TT | Nội dung công việc | Đơn vị thực hiện [| Thời gian | Địa điểm]) with
quarter rows ("Quý II/2022") between the items. Tables broken across pages continue in a second
table; a row whose number cell is empty continues the item above it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from thidua.core.document import Document, Span, Table
from thidua.core.errors import PlanError
from thidua.core.plan import PlanItemSpec, PlanSpec, quarter_end
from thidua.core.text import fold, normalize_text, strip_diacritics

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"^\s*quy\s*(iv|iii|ii|i|[1-4])\b\s*(?:[/\-]\s*|nam\s+)?(\d{4})?", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")
_PLACE = re.compile(r"địa\s*điểm\s*:\s*([^;()\n]+?)\s*(?=\(|;|$|\n|-\s)", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(20\d\d)\b", re.IGNORECASE)
# Deadline hints: "đầu tháng 7/2022", "cuối tháng 12", "trước ngày 15/7/2022", "tháng 7/2022", a month
# range "tháng 7 - 8/2024" or "tháng 5 đến tháng 6/2024". Read on the text without diacritics.
_DUE = re.compile(
    r"(?P<hint>(?:(?P<part>dau|giua|cuoi|trong)\s+)?thang\s+(?P<month>\d{1,2})(?!\d)"
    r"(?:\s*(?:-|–|den|toi|,|va)\s*(?:thang\s+)?(?P<month2>\d{1,2})(?!\d))?"
    r"(?:\s*[/-]\s*(?P<year>\d{4})|\s+nam\s+(?P<year2>\d{4}))?"
    r"|(?:truoc|cham nhat|han)\s+(?:ngay\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?)",
    re.IGNORECASE,
)
# A host written in a note ("Ghi chú") cell: "Tại huyện X", "Huyện X đăng cai", "Đơn vị đăng cai: X".
_HOST_PATTERNS = (
    re.compile(r"(?:^|\s)t[ạa]i\s+(?P<p>[^;()\n]+?)\s*(?=[;(\n]|$)", re.IGNORECASE),
    re.compile(r"đ[ăa]ng\s+cai(?:\s+t[ổo]\s+ch[ứu]c)?\s*:\s*(?P<p>[^;()\n]+?)\s*(?=[;(\n]|$)", re.IGNORECASE),
    re.compile(r"^(?P<p>[^;:()\n]+?)\s+(?:l[àa]\s+)?(?:đ[ơo]n\s+v[ịi]\s+)?đ[ăa]ng\s+cai\b", re.IGNORECASE),
)
#: Administrative level words that open a place and are written in lower case inside it.
_LEVELS = re.compile(r"^(huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|tinh|dac khu)\b")
_BULLET = re.compile(r"(?:^|\s)[-–•+]\s+")


def _quarter_of(text: str) -> tuple[int, int | None] | None:
    m = _QUARTER.match(fold(text))
    if not m:
        return None
    q = m.group(1).lower()
    return (_ROMAN.get(q) or int(q)), (int(m.group(2)) if m.group(2) else None)


def _header_columns(row: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, text in enumerate(row):
        f = fold(text)
        # Time first: "Thời gian thực hiện" names the time column, not who carries the task out.
        if "noi dung" in f and "content" not in cols:
            cols["content"] = i
        elif "thoi gian" in f or "thoi han" in f:
            cols["due"] = i
        elif "dia diem" in f:
            cols["place"] = i
        elif "ghi chu" in f and "note" not in cols:
            cols["note"] = i
        elif "phoi hop" in f and "cooperating" not in cols:
            cols["cooperating"] = i
        elif ("don vi" in f or "chu tri" in f or "thuc hien" in f or "phu trach" in f) and "responsible" not in cols:
            cols["responsible"] = i
        elif re.search(r"\b(s?tt|so tt|so thu tu)\b", f) and "number" not in cols:
            cols["number"] = i
    if "content" in cols and ("number" in cols or "responsible" in cols):
        cols.setdefault("number", 0)
        return cols
    return None


def _is_column_numbers(row: list[str]) -> bool:
    # The "(1) (2) (3)" row under a header.
    return all(re.fullmatch(r"\(?\d{1,2}\)?", t.strip()) for t in row if t.strip()) and any(
        t.strip() for t in row
    )


def _plan_tables(doc: Document) -> list[tuple[Table, dict[str, int], int]]:
    """The plan table and its continuations: (table, columns, first data row)."""
    found: list[tuple[Table, dict[str, int], int]] = []
    cols: dict[str, int] | None = None
    for block in doc.blocks:
        if not isinstance(block, Table) or not block.rows:
            continue
        header = None
        for r in range(min(3, len(block.rows))):
            header = _header_columns([c.text for c in block.rows[r]])
            if header:
                cols, start = header, r + 1
                break
        if header is None:
            # A table with no header right after the plan table, as wide: the plan continues.
            if cols is None or block.n_cols != found[-1][0].n_cols:
                continue
            start = 0
            if _header_columns([c.text for c in block.rows[0]]) is not None:
                start = 1
        assert cols is not None
        found.append((block, cols, start))
    return found


def _due(text: str, quarter: int, year: int) -> tuple[str | None, dt.date | None]:
    text = normalize_text(text)
    bare = strip_diacritics(text)
    m = _DUE.search(bare)
    if not m:
        return None, None
    # Diacritics stripped from composed text keep its length: the hint is cut from the text itself.
    hint = text[m.start("hint") : m.end("hint")] if len(bare) == len(text) else m.group("hint")
    if m.group("d"):
        y = int(m.group("y") or year)
        return hint, dt.date(y, int(m.group("m")), int(m.group("d")))
    month, y = int(m.group("month")), int(m.group("year") or m.group("year2") or year)
    if not 1 <= month <= 12:
        return hint, None
    last_month = int(m.group("month2") or 0)
    if month < last_month <= 12:
        # A month range is due by the end of its last month.
        return hint, dt.date(y, last_month, calendar.monthrange(y, last_month)[1])
    last = calendar.monthrange(y, month)[1]
    part = (m.group("part") or "").lower()
    # "đầu tháng" = the first ten days; "giữa tháng" = by the 20th; otherwise the month's end.
    day = {"dau": 10, "giua": 20}.get(part, last)
    return hint, dt.date(y, month, day)


def _host(note: str) -> str | None:
    """The host place a note cell names ('Tại huyện X', 'Huyện X đăng cai'), or None."""
    note = normalize_text(note)
    for pattern in _HOST_PATTERNS:
        m = pattern.search(note)
        if not m:
            continue
        place = m.group("p").strip(" .,;:-")
        folded = fold(place)
        if not place or folded.startswith("cac ") or folded.startswith("don vi"):
            continue
        return place[0].lower() + place[1:] if _LEVELS.match(folded) else place
    return None


#: The cluster head as plans name it ("Trưởng Cụm", "Cụm trưởng"); "Cụm phó" is a member.
_HEAD = re.compile(r"\b(truong cum|cum truong)\b")


def _responsibility(text: str, unit_names: list[str], cooperating: str = "") -> tuple[str, list[str]]:
    """Who carries an item out: "all", "head", "head_and_all" or "units" (named), from the lead column.

    A head-led item that every member takes part in (the "Đơn vị phối hợp" column says so) is
    "head_and_all": each member reports its part.
    """
    kind, named = _lead_responsibility(text, unit_names)
    if kind == "head" and _everyone(fold(cooperating)):
        return "head_and_all", []
    return kind, named


#: Every member by kind, as plans of clusters of communes or blocs of departments say it:
#: "các xã, phường trong Cụm", "UBND các huyện trong Cụm", "các sở, ngành trong Khối".
_ALL_OF_KIND = re.compile(r"\bcac\s+[a-z ,]{1,30}?\btrong\s+(?:cum|khoi)\b")


def _everyone(folded: str) -> bool:
    return ("cac don vi" in folded or "thanh vien" in folded or "toan cum" in folded
            or bool(_ALL_OF_KIND.search(folded)))


def _lead_responsibility(text: str, unit_names: list[str]) -> tuple[str, list[str]]:
    f = fold(text)
    head = bool(_HEAD.search(f))
    everyone = _everyone(f)
    if head and everyone:
        return "head_and_all", []
    if everyone:
        return "all", []
    if head:
        return "head", []
    named = [u for u in unit_names if fold(u) in f]
    if named:
        return "units", named
    return "all", []


def _clean_responsible(text: str) -> str:
    text = _PLACE.sub("", text)
    text = _DUE.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    parts = [p.strip(" ;,.") for p in _BULLET.split(" " + text) if p.strip(" ;,.")]
    return "; ".join(parts)


def extract_plan(doc: Document, unit_names: list[str] | None = None, year: int | None = None) -> PlanSpec:
    """Read the plan items from a document; raise PlanError when no plan table is there."""
    unit_names = unit_names or []
    tables = _plan_tables(doc)
    if not tables:
        raise PlanError("không tìm thấy bảng kế hoạch (cần cột 'Nội dung' và 'Đơn vị thực hiện')", doc.source)
    title = _title(doc)
    year = year or _year_of(doc, tables)
    rows: list[tuple[dict[str, str], Span]] = []
    quarter: int | None = None
    items: list[PlanItemSpec] = []
    raw: list[dict[str, str]] = []
    for table, cols, start in tables:
        for r in range(start, len(table.rows)):
            cells = [c.text for c in table.rows[r]]
            if _is_column_numbers(cells):
                continue
            get = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
            q = next((qq for t in cells if t and (qq := _quarter_of(t))), None)
            number = _NUMBER.match(get.get("number", ""))
            if q and not number:
                quarter = q[0]
                year = year or q[1]
                continue
            span = Span(table.index, 0, len(get.get("content", "")), table.page, r, cols["content"])
            if number and quarter is not None:
                raw.append({**get, "number": number.group(1)})
                items.append(
                    PlanItemSpec(
                        id=f"Q{quarter}-{int(number.group(1))}",
                        quarter=quarter,
                        number=int(number.group(1)),
                        content="",
                        responsible="all",
                        spans=[span],
                    )
                )
            elif items and any(get.get(k, "").strip() for k in ("content", "responsible", "due", "place")):
                # An empty number cell: the tail of the item above (a row broken across a page).
                prev = raw[-1]
                for k, v in get.items():
                    if k != "number" and v.strip() and v.strip() != prev.get(k, "").strip():
                        prev[k] = (prev.get(k, "") + " " + v).strip()
                items[-1].spans.append(span)
            rows.append((get, span))
    if not items:
        raise PlanError("bảng kế hoạch không có nhiệm vụ nào được đánh số theo quý", doc.source)
    if year is None:
        raise PlanError("không xác định được năm của kế hoạch", doc.source)
    seen: set[str] = set()
    for item, fields in zip(items, raw):
        if item.id in seen:
            raise PlanError(f"nhiệm vụ {item.id} xuất hiện hai lần trong bảng kế hoạch", doc.source)
        seen.add(item.id)
        content = normalize_text(fields.get("content", ""))
        responsible_raw = normalize_text(fields.get("responsible", ""))
        extra = " ".join(fields.get(k, "") for k in ("due", "place"))
        item.content = content
        cooperating = normalize_text(fields.get("cooperating", ""))
        item.responsible, item.responsible_units = _responsibility(responsible_raw, unit_names, cooperating)
        item.responsible_text = _clean_responsible(responsible_raw)
        if _clean_responsible(cooperating):
            item.responsible_text += f"; phối hợp: {' '.join(_clean_responsible(cooperating).split())}"
        # "Địa điểm: …" may stand in any cell of the item: lead, partner, time or place column, content.
        item_cells = (responsible_raw, cooperating, fields.get("due", ""), fields.get("place", ""), content)
        place = next((m for cell in item_cells if (m := _PLACE.search(cell))), None)
        item.place = normalize_text(place.group(1)).rstrip(" .;") if place else (fields.get("place") or None)
        if not item.place:
            item.place = _host(fields.get("note", "")) or _host(fields.get("due", ""))
        item.due, item.due_date = _due(responsible_raw + " " + extra, item.quarter, year)
        if item.due_date is None:
            item.due_date = quarter_end(item.quarter, year)
    return PlanSpec(year=year, title=title, items=items)


def _title(doc: Document) -> str:
    paras = doc.paragraphs()
    for i, p in enumerate(paras):
        if fold(p.text) in ("ke hoach",) and i + 1 < len(paras):
            return paras[i + 1].text
    return paras[0].text if paras else doc.source


def _year_of(doc: Document, tables: list[tuple[Table, dict[str, int], int]]) -> int | None:
    for table, _cols, _start in tables:
        for row in table.rows:
            for c in row:
                q = _quarter_of(c.text)
                if q and q[1]:
                    return q[1]
    for p in doc.paragraphs()[:15]:
        m = _YEAR.search(p.text)
        if m:
            return int(m.group(1))
    return None
