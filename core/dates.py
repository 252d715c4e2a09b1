"""Dates as Vietnamese reports write them: one set of patterns for every stage that finds or strips dates.

Hand-written on purpose: the extractor needs each date's character span in folded text (no
diacritics, lower case), day-month forms without a year ("ngày 25/01") resolved with the report's
year, and month-only mentions ("tháng 6/2022") told apart from dates. dateparser's search_dates
gives neither spans nor that distinction and is two orders of magnitude slower on a report.
"""

from __future__ import annotations

import datetime as dt
import re

#: Full and partial dates in folded text ("ngay 20 thang 6 nam 2022", "20/6/2022", "ngay 25/01").
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})\s*([/.\-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})(?![\d/])"),
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?!\s*/\s*\d)(?![\d])"),
    re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?!\s*(?:nam|/)\s*\d)(?!\d)"),
)
#: A month without a day ("thang 6", "thang 6/2022", "thang 6 nam 2022") in folded text.
MONTH_ONLY = re.compile(r"thang\s+\d{1,2}(?:\s*[/\-]\s*\d{4}|\s+nam\s+\d{4})?")

#: Any date mention in unfolded text, for stripping dates out of a task's wording before matching.
DATE_MENTION = re.compile(
    r"\b(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?\b"
    r"|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|\b\d{1,2}\s*/\s*\d{4}\b",
    re.IGNORECASE,
)


def dates_in(folded: str, default_year: int | None) -> list[tuple[dt.date | None, int, int]]:
    """Every date in folded text as (date, start, end), in reading order; month-only mentions give None."""
    found: list[tuple[dt.date | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pat in DATE_PATTERNS:
        for m in pat.finditer(folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            year = int(groups["y"]) if groups.get("y") else default_year
            try:
                value = dt.date(year, int(groups["m"]), int(groups["d"])) if year else None
            except ValueError:
                continue
            found.append((value, m.start(), m.end()))
            taken.append(m.span())
    for m in MONTH_ONLY.finditer(folded):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((None, m.start(), m.end()))
    return sorted(found, key=lambda t: t[1])
