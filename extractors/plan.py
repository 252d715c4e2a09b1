"""Turn a cluster plan document into plan items `Q<quarter>-<number>` with responsibility, due date and place.

Four layouts:
- a table (Số TT | Nội dung công việc | Đơn vị thực hiện [| Thời gian | Địa điểm]) with quarter rows
  ("Quý II/2022") between the items: the id is the quarter row's and the item's number;
- prose under one heading per quarter ("1. Quý I năm 2026", "I. QUÝ I", "Quý I:"), items numbered
  "1." or "1.1." or lettered "a)", "b." with field lines "- Thời gian: …", "- Đơn vị chủ trì: …",
  "- Địa điểm: …" (or one line "Đơn vị thực hiện: …; thời hạn: …"): the quarter is the heading's, the
  number the item's order under it;
- a table numbered straight through, no quarter rows, maybe grouped under field rows ("I", "II"):
  the quarter is its deadline's ("Tháng 5/2024", "trước 15/3/2024", "8-9/2024", "Quý III"), the
  number its order among that quarter's items in plan order;
- prose numbered straight through ("1.", "1)", "Nhiệm vụ 1."), under field headings ("I. Hội nghị
  chuyên đề", "A. CÔNG TÁC TUYÊN TRUYỀN") or none, each task with field lines ("- Thời gian: …",
  "- Đơn vị chủ trì: …"): ids as for the table numbered straight through. A numbered paragraph with
  no time or lead line (an aim, a closing point) is no task.
Tables broken across pages continue in a second table; a row whose number cell is empty continues
the item above it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from thidua.core.document import Cell, Document, Span, Table
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


#: The cluster or bloc head as plans name it ("Trưởng Cụm", "Cụm trưởng", "Trưởng Khối", "Khối trưởng");
#: "Cụm phó", "Phó Trưởng Khối" are members.
_HEAD = re.compile(r"(?<!pho )\b(truong cum|cum truong|truong khoi|khoi truong)\b")


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
    """Read the plan items from a document; raise PlanError when no plan layout is there.

    Layouts, tried in this order: a table with quarter rows; prose under one heading per quarter;
    a table numbered straight through (grouped by field or not); prose numbered straight through.
    The last two put each item in its deadline's quarter.
    """
    unit_names = unit_names or []
    tables = _plan_tables(doc)
    title = _title(doc)
    if tables:
        items, raw, row_year = _quarter_table_items(tables)
        if items:
            year = year or _year_of(doc, tables) or row_year
            return _finish(doc, title, year, items, raw, unit_names, deadlines=None)
    prose = _prose_items(doc)
    if prose is not None:
        drafts, heading_year = prose
        year = year or heading_year or _year_of(doc, [])
    elif tables and (drafts := _numbered_table_rows(tables)):
        year = year or _year_of(doc, tables)
    elif drafts := _straight_prose_items(doc):
        year = year or _year_of(doc, [])
    elif tables:
        raise PlanError("bảng kế hoạch không có nhiệm vụ nào được đánh số", doc.source)
    else:
        raise PlanError(
            "không tìm thấy kế hoạch (cần bảng có cột 'Nội dung' và 'Đơn vị thực hiện', "
            "hoặc các mục theo quý 'Quý I', 'Quý II'… có nhiệm vụ đánh số, "
            "hoặc các nhiệm vụ đánh số có dòng '- Thời gian:', '- Đơn vị chủ trì:')",
            doc.source,
        )
    if year is None:
        raise PlanError("không xác định được năm của kế hoạch", doc.source)
    deadlines = _deadlines(drafts, year)
    items = _items(drafts, deadlines)
    return _finish(doc, title, year, items, [d.fields for d in drafts], unit_names, deadlines=deadlines)


def _quarter_table_items(
    tables: list[tuple[Table, dict[str, int], int]],
) -> tuple[list[PlanItemSpec], list[dict[str, str]], int | None]:
    """The items numbered under quarter rows, their fields, and the year a quarter row names."""
    year: int | None = None
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
                _continue_row(raw[-1], get)
                items[-1].spans.append(span)
    return items, raw, year


def _continue_row(prev: dict[str, str], get: dict[str, str]) -> None:
    """Append a continuation row's cells to the item above, skipping repeats of its own text."""
    for k, v in get.items():
        if k != "number" and v.strip() and v.strip() != prev.get(k, "").strip():
            prev[k] = (prev.get(k, "") + " " + v).strip()


def _finish(
    doc: Document,
    title: str,
    year: int | None,
    items: list[PlanItemSpec],
    raw: list[dict[str, str]],
    unit_names: list[str],
    deadlines: list[_Deadline] | None,
) -> PlanSpec:
    """Fill each item's content, responsibility, place and due date from its fields; check ids and year.

    `deadlines` None reads the due date as the quarter table always has (lead, time and place
    cells); the other layouts pass the deadline each item's quarter was read from.
    """
    if year is None:
        raise PlanError("không xác định được năm của kế hoạch", doc.source)
    seen: set[str] = set()
    for n, (item, fields) in enumerate(zip(items, raw)):
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
        if deadlines is None:
            item.due, item.due_date = _due(responsible_raw + " " + extra, item.quarter, year)
        else:
            item.due, item.due_date = deadlines[n][0], deadlines[n][1]
        if item.due_date is None:
            item.due_date = quarter_end(item.quarter, year)
    return PlanSpec(year=year, title=title, items=items)


# --- Deadlines: the quarter of an item in a plan without quarter rows --------------------------------------

#: Dates and month ranges the quarter table's hints do not cover, read on the text without diacritics:
#: "từ ngày 01/11 đến ngày 18/11/2026", "15/3/2024", "8-9/2024", "02/2024".
_DATE_RANGE = re.compile(
    r"(?:tu\s+)?(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?\s*(?:-|–|den|toi)\s*(?:ngay\s+)?"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
)
_FULL_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_MONTHS = re.compile(r"(?<![\d/])(?:(?P<m1>\d{1,2})\s*[-–]\s*)?(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_QUARTER_IN = re.compile(r"\bquy\s*(iv|iii|ii|i|[1-4])\b")

_Deadline = tuple[str | None, dt.date | None, int | None]


def _cut(text: str, bare: str, m: re.Match[str]) -> str:
    """The text a match on the text without diacritics covers."""
    # Diacritics stripped from composed text keep its length: the hint is cut from the text itself.
    return (text[m.start() : m.end()] if len(bare) == len(text) else m.group(0)).strip()


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when the plan wrote an impossible one ("31/02")."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _deadline(text: str, year: int) -> _Deadline:
    """An item's deadline (hint, date, quarter) from its time text; (None, None, None) when it names none.

    The quarter table's hints first ("Tháng 5/2024", "trước ngày 15/3/2024"), then a date or date range
    (due at its end), a month or month range ("8-9/2024", at the end of its last month), "Quý III".
    """
    hint, date = _due(text, 0, year)
    text = normalize_text(text)
    bare = strip_diacritics(text).lower()
    if date is None:
        for pattern in (_DATE_RANGE, _FULL_DATE):
            if m := pattern.search(bare):
                hint, date = _cut(text, bare, m), _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
                break
    if date is None and (m := _MONTHS.search(bare)) and 1 <= int(m["m"]) <= 12:
        y, month = int(m["y"]), int(m["m"])
        hint, date = _cut(text, bare, m), dt.date(y, month, calendar.monthrange(y, month)[1])
    if date is not None:
        return hint, date, _quarter_of_date(date, year)
    quarters = [(_ROMAN.get(q) or int(q)) for q in _QUARTER_IN.findall(bare)]
    if not quarters:
        return hint, None, None
    # "Quý I, II": due by the end of the last quarter named.
    m = _QUARTER_IN.search(bare)
    assert m is not None
    return hint or _cut(text, bare, m), quarter_end(max(quarters), year), max(quarters)


def _quarter_of_date(date: dt.date, year: int) -> int:
    # A year's closing work due early next year ("trước 10/01") belongs to the plan year's last quarter.
    if date.year != year:
        return 4 if date.year > year else 1
    return (date.month - 1) // 3 + 1


def _deadlines(drafts: list[_Draft], year: int) -> list[_Deadline]:
    """Each item's deadline, read from its time field first, then its lead and place cells."""
    return [_deadline(" ".join(d.fields.get(k, "") for k in ("due", "responsible", "place")), year) for d in drafts]


@dataclass(slots=True)
class _Draft:
    """An item as read before it has an id: its fields by column kind, its spans, its quarter if a heading gave one."""

    fields: dict[str, str]
    spans: list[Span]
    quarter: int | None = None


def _items(drafts: list[_Draft], deadlines: list[_Deadline]) -> list[PlanItemSpec]:
    """Ids for items in plan order: each in its heading's quarter, else its deadline's; numbered in order within it.

    An item with neither ("Thường xuyên", "Cả năm") runs until the year's end: the last quarter.
    """
    counts = dict.fromkeys(range(1, 5), 0)
    items: list[PlanItemSpec] = []
    for draft, (_hint, _date, due_quarter) in zip(drafts, deadlines):
        q = draft.quarter or due_quarter or 4
        counts[q] += 1
        items.append(PlanItemSpec(id=f"Q{q}-{counts[q]}", quarter=q, number=counts[q], content="",
                                  responsible="all", spans=draft.spans))
    return items


# --- A table numbered straight through, rows grouped by field -----------------------------------------------

#: A field row's number: a Roman numeral or a capital letter ("II", "B.").
_SECTION_NUMBER = re.compile(r"^\s*(?:[IVXL]{1,6}|[A-ZĐ])\s*[.)]?\s*$")


def _is_section_row(row: list[Cell], number: str) -> bool:
    """A row naming a group of items ("II | HOẠT ĐỘNG CHUYÊN ĐỀ", or one text merged across), not an item's tail."""
    if _SECTION_NUMBER.match(number):
        return True
    first = next((i for i, c in enumerate(row) if c.text.strip()), None)
    # Merged across: every cell right of the first text repeats its left neighbour. A cell merged
    # down from the row above (a lead cell spanning two rows) repeats the cell above instead.
    return first is not None and first + 1 < len(row) and all(
        c.merged and c.text == row[i - 1].text for i, c in enumerate(row) if i > first
    )


def _numbered_table_rows(tables: list[tuple[Table, dict[str, int], int]]) -> list[_Draft]:
    """Every numbered row of the plan table with its continuation rows; field rows skipped."""
    drafts: list[_Draft] = []
    for table, cols, start in tables:
        for r in range(start, len(table.rows)):
            row = table.rows[r]
            cells = [c.text for c in row]
            if _is_column_numbers(cells):
                continue
            get = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
            # A number cell merged down from the row above numbers that item, not a new one.
            merged_number = cols["number"] < len(row) and row[cols["number"]].merged
            number = None if merged_number else _NUMBER.match(get.get("number", ""))
            span = Span(table.index, 0, len(get.get("content", "")), table.page, r, cols["content"])
            if number:
                drafts.append(_Draft({**get, "number": number.group(1)}, [span]))
            elif _is_section_row(row, get.get("number", "")):
                continue
            elif drafts and any(get.get(k, "").strip() for k in ("content", "responsible", "due", "place")):
                # An empty number cell: the tail of the item above (a row broken across a page).
                _continue_row(drafts[-1].fields, get)
                drafts[-1].spans.append(span)
    return drafts


# --- Prose: one heading per quarter, numbered items, dash lines of fields -----------------------------------

#: A heading's or item's numbering: "II.", "1.", "1.1.", "2)"; a single number needs its dot or bracket.
_LEAD = re.compile(r"^\s*(?:(?P<roman>[IVX]{1,5})\s*[.)]|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<one>\d{1,2})[.)]|\((?P<paren>\d{1,2})\))\s*")
#: A field line: "- Thời gian: …", "- Đơn vị chủ trì: …"; the dash may be missing.
_FIELD_LINE = re.compile(r"^\s*(?:[-–•+]\s*)?(?P<label>[^:\n]{2,40}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
_DASH = re.compile(r"^\s*[-–•+]\s*")
#: Labels of field lines, by the column kind they stand for; read on folded text, first match wins.
_LABELS = (
    ("due", ("thoi gian", "thoi han")),
    ("place", ("dia diem",)),
    ("note", ("ghi chu",)),
    ("cooperating", ("phoi hop", "tham gia")),
    ("responsible", ("chu tri", "thuc hien", "phu trach", "don vi", "co quan")),
    ("content", ("noi dung",)),
)
#: An item lettered under a quarter heading: "a)", "b.", "đ)"; a capital letter heads a field instead.
_LETTER_ITEM = re.compile(r"^\s*[a-zđ]\s*[.)]\s+(?=\S)")
#: The depth of lettered items: below any numbering, so a numbered line under them is a point of the item.
_LETTERED = -1
#: Words a quarter heading may carry after "Quý I": its year, "(từ tháng 01 đến tháng 3)", a colon.
_HEADING_WORDS = 5


def _label_kind(label: str) -> str | None:
    """The column kind a field line's label names ("Đơn vị chủ trì" → responsible), or None."""
    f = fold(label)
    return next((kind for kind, words in _LABELS if any(w in f for w in words)), None)


def _numbering(text: str) -> tuple[int | None, str]:
    """The depth of a paragraph's numbering (0 Roman, 1 for "1.", 2 for "1.1.", None unnumbered) and the rest."""
    m = _LEAD.match(text)
    if not m:
        return None, text
    if m["roman"]:
        return 0, text[m.end() :]
    return (m["multi"].count(".") + 1 if m["multi"] else 1), text[m.end() :]


def _quarter_heading(text: str) -> tuple[int, int | None, int] | None:
    """(quarter, year, depth) of a quarter heading ("1. Quý I năm 2026 (…)", "I. QUÝ I", "A. QUÝ I", "Quý I:"), or None."""
    depth, rest = _numbering(text)
    if depth is None and (letter := _LETTER_HEADING.match(text)):
        rest = text[letter.end() - 1 :]  # "A. QUÝ I (tháng 01 - tháng 3/2026)": a lettered heading, at the top
    q = _quarter_of(rest)
    if not q:
        return None
    tail = re.sub(r"\([^)]*\)", " ", _QUARTER.sub("", fold(rest), count=1))
    # A heading, not a sentence that starts with the quarter ("Quý I các đơn vị tổ chức …").
    if len(re.findall(r"\w+", tail)) > _HEADING_WORDS:
        return None
    return q[0], q[1], depth or 0


def _ends_section(text: str, depth: int | None, heading_depth: int) -> bool:
    """A paragraph that closes the quarters: a Roman heading, a capitalised title, a number at the heading's level."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(text) <= 120:
        return True
    if depth == 0:
        return True
    return depth is not None and heading_depth > 0 and depth <= heading_depth


def _prose_items(doc: Document) -> tuple[list[_Draft], int | None] | None:
    """The numbered items under quarter headings of a prose plan and the year a heading names; None if none."""
    drafts: list[_Draft] = []
    year: int | None = None
    quarter: int | None = None
    heading_depth = 0
    item_depth: int | None = None
    last_key = "content"
    for p in doc.paragraphs():
        text = normalize_text(p.text).strip()
        if not text:
            continue
        heading = _quarter_heading(text)
        if heading:
            quarter, heading_year, heading_depth = heading
            year = year or heading_year
            item_depth = None
            continue
        if quarter is None:
            continue
        depth, rest = _numbering(text)
        if depth is not None and depth > heading_depth and item_depth in (None, depth):
            item_depth = depth
            start = len(text) - len(rest)
            drafts.append(_Draft({"content": rest.strip()}, [Span(p.index, start, len(text), p.page)], quarter))
            last_key = "content"
            continue
        letter = _LETTER_ITEM.match(text) if depth is None and item_depth in (None, _LETTERED) else None
        if letter:
            # Items lettered "a)", "b)" under the heading, with no numbered item before them in this quarter.
            item_depth = _LETTERED
            drafts.append(_Draft({"content": text[letter.end() :].strip()},
                                 [Span(p.index, letter.end(), len(text), p.page)], quarter))
            last_key = "content"
            continue
        if _ends_section(text, depth, heading_depth) or fold(text).startswith("noi nhan"):
            quarter = None
            continue
        if not drafts or drafts[-1].quarter != quarter:
            continue
        last_key = _add_line(drafts[-1], text, last_key)
    return (drafts, year) if drafts else None


def _add_line(draft: _Draft, text: str, last_key: str) -> str:
    """Add a line under an item: a field line to its field, other text to what came last; the key written."""
    m = _FIELD_LINE.match(text)
    kind = _label_kind(m["label"]) if m else None
    if m and kind:
        # One line may hold several fields: "Đơn vị thực hiện: …; thời hạn: …".
        for kind, value in _split_fields(kind, m["value"]):
            draft.fields[kind] = (draft.fields.get(kind, "") + " " + value).strip()
        return kind
    else:
        # A dash or numbered line with no known label is a point of the content; a bare line wraps
        # what came last (a PDF line group cut from its field).
        kind = "content" if _DASH.match(text) or _LEAD.match(text) else last_key
        value = _DASH.sub("", text)
    draft.fields[kind] = (draft.fields.get(kind, "") + " " + value).strip()
    return kind


def _split_fields(kind: str, value: str) -> list[tuple[str, str]]:
    """A field line's value cut where "; <label>: " starts the next field; a part with no known label stays."""
    parts: list[tuple[str, str]] = []
    current = ""
    for piece in value.split(";"):
        m = _FIELD_LINE.match(piece)
        next_kind = _label_kind(m["label"]) if m and current.strip(" .;") else None
        if m and next_kind:
            parts.append((kind, current.strip(" .;")))
            kind, current = next_kind, m["value"]
        else:
            current = f"{current};{piece}" if current else piece
    parts.append((kind, current.strip(" .;")))
    return parts


# --- Prose numbered straight through: tasks under field headings or none, the quarter from the deadline ----

#: A task's number spelled out: "Nhiệm vụ 1.", "Nhiệm vụ 1:", "Công việc 2)".
_TASK_WORD = re.compile(r"^\s*(?:nhiệm\s+vụ|công\s+việc|hoạt\s+động)\s+\d{1,3}\s*[.:)]\s*", re.IGNORECASE)
#: A field heading by letter: "A. CÔNG TÁC TUYÊN TRUYỀN", "B) Công tác khen thưởng".
_LETTER_HEADING = re.compile(r"^\s*[A-ZĐ]\s*[.)]\s+\S")
#: The field lines that make a numbered paragraph a task.
_TASK_FIELDS = ("due", "responsible")


def _task_number(text: str) -> str | None:
    """The rest of a task's paragraph after its number ("1.", "1)", "Nhiệm vụ 1."), or None if it has none."""
    if m := _TASK_WORD.match(text):
        return text[m.end() :]
    depth, rest = _numbering(text)
    return rest if depth == 1 else None


def _straight_prose_items(doc: Document) -> list[_Draft]:
    """The numbered tasks of a prose plan without quarter headings: each with a time or lead line under it.

    A Roman or letter heading, a capitalised title or "Nơi nhận" closes the task above; a numbered
    paragraph with neither a time nor a lead line (an aim, a closing point) is dropped.
    """
    drafts: list[_Draft] = []
    current: _Draft | None = None
    last_key = "content"
    for p in doc.paragraphs():
        text = normalize_text(p.text).strip()
        if not text:
            continue
        rest = _task_number(text)
        if rest is not None:
            current = _Draft({"content": rest.strip()}, [Span(p.index, len(text) - len(rest), len(text), p.page)])
            drafts.append(current)
            last_key = "content"
            continue
        depth, _rest = _numbering(text)
        if _LETTER_HEADING.match(text) or _ends_section(text, depth, 0) or fold(text).startswith("noi nhan"):
            current = None
            continue
        if current is None:
            continue
        title = current.fields["content"] if len(current.spans) == 1 else None
        last_key = _add_line(current, text, last_key)
        if last_key == "content":
            current.spans.append(Span(p.index, 0, len(text), p.page))
            if title and not title.endswith((".", ":", ";", "!", "?")):
                # A task's title line then its paragraph: "Đăng ký thi đua năm 2023. Các huyện xây dựng …".
                current.fields["content"] = f"{title}. {current.fields['content'][len(title):].strip()}"
    return [d for d in drafts if any(d.fields.get(k, "").strip() for k in _TASK_FIELDS)]


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
