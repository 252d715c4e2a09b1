"""Patterns of report wording several rules share: list marks, time labels, headings, leading dates."""

from __future__ import annotations

import re

from thidua.core.findings import Status

#: Status cue labels of the spaCy pipeline (patterns/cues.jsonl) and the status each one states.
STATUS_OF = {
    "DONE": Status.DONE,
    "IN_PROGRESS": Status.IN_PROGRESS,
    "NOT_DONE": Status.NOT_DONE,
    "PLANNED": Status.PLANNED,
}

#: A list item's mark: "-", "+", "•", "1.", "2.1.", "a)", "II." (raw text).
LIST_MARK = re.compile(r"^\s*(?:[-+•–*]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[ivx]+\.)\s*", re.IGNORECASE)
#: A time label opening a list item ("Quý II: ...", "Tháng 7/2022: ...", "6 tháng cuối năm: ...")
#: names when; the action follows it (folded text).
PERIOD_LABEL = re.compile(
    r"^(?:quy\s+(?:[ivx]+|\d)|thang\s+\d{1,2}|\d{1,2}\s+thang(?:\s+(?:dau|cuoi))?(?:\s+nam)?|nam\s+\d{4}"
    r"|dot\s+\w+|giai\s+doan\s+\w+)(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?\s*[:\-–]\s*"
)
#: A numbered heading: "II. KẾT QUẢ", "B. Phương hướng", "2.1. Công tác ..." (raw text).
HEADING = re.compile(r"^\s*(?:[IVX]+|[A-Z])\.\s+\S|^\s*\d+(?:\.\d+)*\.\s+\S")
#: A clause opening with its date: "Ngày 10/02/2022, ...", "Sáng ngày ...", or a bare full date as a
#: list label: "19-01-2022: tổ chức ..." (folded text).
LEADING_DATE = re.compile(
    r"^\W*(?:(?:vao|sang|chieu|toi|trong|tu)\s+)?ngay\s|^\W*\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*(?:19|20)\d\d(?!\d)\s*[:,]"
)
#: The place-date line of a header: "hoa an, ngay 20 thang 6" (folded text).
PLACE_DATE = re.compile(r"[a-z][a-z ]{1,40},?\s+ngay\s+(?:\d{1,2}|\.+|…|\s)\s*thang")


def clause_lead(folded: str) -> str:
    """A folded clause without its list mark and time label: where its action or leading date is."""
    text = LIST_MARK.sub("", folded, count=1)
    return PERIOD_LABEL.sub("", text, count=1)


#: The whole cluster's or its members' numbers ("các huyện trong Cụm đã khen thưởng ...", "toàn Cụm"),
#: never one report's own (folded text); members may be districts, communes, wards or departments.
ABOUT_OTHERS = re.compile(
    r"(?:\bcac|\b\d+\s*/\s*\d+|\b\d+\s*%|\b\d+) (?:huyen|xa|phuong|don vi|thanh vien|dia phuong|so|nganh)"
    # "các xã, phường trong Cụm", "các huyện, thị xã và thành phố trong Cụm"
    r"(?:\s*(?:,|va)\s*(?:huyen|xa|phuong|thi tran|thi xa|thanh pho))* (?:trong|thuoc|cua) (?:cum|khoi)\b"
    r"|\btoan (?:cum|khoi)\b|\bca (?:cum|khoi)\b"
    # the province's numbers: no member's own ("toàn tỉnh có 18 tập thể được tặng Cờ thi đua")
    r"|\b(?:toan|ca) (?:tinh|quoc)\b"
)
