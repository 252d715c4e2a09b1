"""Clauses with a status cue that state no work done or pending: classes the report extractor drops.

A cue ("đã", "được", "tiếp tục") makes a clause look like a task statement, but in reports laid
out by Decree 30 many such clauses report something else. Each class is a general trait of
administrative wording, not of one report:

- ``award_count``: commendations counted by recipient ("đã tặng Giấy khen cho 05 tập thể, 11 cá
  nhân", "công nhận danh hiệu Lao động tiên tiến cho 845 cá nhân", "khen thưởng 4.312 lượt cá
  nhân"), and awards received ("xã X được UBND tỉnh tặng Cờ thi đua"), when the clause's first
  action verb is the award's. These are figures (read by figures.py), not plan tasks; a proposal
  with no count ("đề nghị UBND tỉnh tặng Cờ thi đua cho đơn vị dẫn đầu Cụm") is a task and stays,
  and so is "tổ chức Lễ trao tặng Bằng khen cho 05 tập thể" (its action is the ceremony).
- ``comparison``: comparisons and earlier years' statistics ("So với cùng kỳ năm 2021 ...",
  "Năm 2021 huyện có ...", "Theo báo cáo tổng kết của Cụm, năm 2021 ...").
- ``others``: the whole cluster's or the member districts' numbers ("các huyện trong Cụm đã khen
  thưởng 4.312 lượt cá nhân"); "các đơn vị trong Cụm" as the partners of a task is no such thing.
- ``reference``: a pointer to a table or annex ("... được tổng hợp tại Biểu dưới đây").
- ``lead_in``: a sentence introducing a list ("..., cụ thể:", "... như sau:"): its items are the statements.
- ``fragment``: a heading-like scrap with no content besides its cue ("3. Dự kiến").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from thidua.core.units import fold_keep_length
from thidua.extractors.report.wording import ABOUT_OTHERS, LIST_MARK, clause_lead

# Award vocabulary (folded) and a count of recipients: "05 tập thể", "1.124 lượt cá nhân",
# "hai cá nhân", "tập thể: 03".
_AWARD = re.compile(r"\b(?:giay khen|bang khen|co thi dua|huan chuong|huy chuong|danh hieu|chien si thi dua|lao dong tien tien|khen thuong)\b")
_SPELLED = r"(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
_RECIPIENTS = r"(?:tap the|ca nhan|ho gia dinh|dien hinh|don vi|ho\b)"
_RECIPIENT_COUNT = re.compile(
    rf"(?:\b\d{{1,3}}(?:\.\d{{3}})+|\b\d{{1,5}}|\b{_SPELLED})\s+(?:luot\s+)?{_RECIPIENTS}|\b{_RECIPIENTS}\s*:\s*\d"
)
# Verbs of conferring or proposing an award, and of preparing its file (folded, at a verb's start).
_AWARD_VERB = re.compile(
    r"^(?:tang|trao|cong nhan|de nghi|trinh|khen thuong|xet|lap|hoan thien|hoan tat|ky|tham dinh|phe duyet|ra quyet dinh|quyet dinh|binh xet|hoan thanh|thuc hien)\b"
)
# Conferring (not proposing): the verb of an award received.
_CONFER = re.compile(r"^(?:tang|trao|cong nhan|don nhan)\b")
# A pointer to a table or annex: "được tổng hợp tại Biểu dưới đây", "theo Phụ lục kèm theo".
_REFERENCE = re.compile(r"\b(?:tai|theo|o|nhu)\s+(?:cac\s+)?(?:bieu|bang|phu luc|phu bieu)\b(?:\s+\S+){0,3}?\s+(?:duoi day|kem theo|sau|tren)\b")
# Comparisons, earlier years, background ("theo báo cáo ..."), others' numbers.
_COMPARISON = re.compile(r"^\W*(?:so voi|so cung ky)\b|^\W*(?:theo (?:bao cao|so lieu|thong ke))\b")
_YEAR_LEAD = re.compile(r"^\W*(?:trong\s+)?nam\s+(20\d\d)\b")
# A lead-in to a list.
_LEAD_IN = re.compile(r"(?:\bcu the|\bnhu sau|\bsau day|\bgom|\bbao gom|\bcac (?:noi dung|nhiem vu|hoat dong|viec) sau)\W*(?:\([^)]*\))?\s*:\s*$")


def noise_kind(doc: Doc, start: int, end: int, text: str, year: int | None) -> str | None:
    """The class of a cue clause (tokens start..end of doc, raw text `text`) that reports no task, or None."""
    folded = fold_keep_length(text).strip()
    lead = clause_lead(folded)
    if _LEAD_IN.search(folded):
        return "lead_in"
    if _fragment(lead):
        return "fragment"
    if _COMPARISON.match(lead):
        return "comparison"
    m = _YEAR_LEAD.match(lead)
    if m and year is not None and int(m.group(1)) < year:
        return "comparison"
    if ABOUT_OTHERS.search(folded) and _RECIPIENT_COUNT.search(folded):
        return "others"
    if _award_only(doc, start, end, folded):
        return "award_count"
    if _REFERENCE.search(folded):
        return "reference"
    return None


def _fragment(lead: str) -> bool:
    """A scrap with fewer than three words once the list mark is gone ("Dự kiến", "Đã thực hiện")."""
    words = re.findall(r"[a-z]+", LIST_MARK.sub("", lead))
    return len(words) < 3


def _award_only(doc: Doc, start: int, end: int, folded: str) -> bool:
    """A clause whose head action confers or proposes a commendation counted by recipient, or tells
    of one received ("được UBND tỉnh tặng Cờ thi đua"). Verbs after the head describe the recipients
    ("cho 03 tập thể có thành tích trong phong trào xây dựng nông thôn mới") and do not count."""
    if not _AWARD.search(folded):
        return False
    head = next((t for t in doc[start:end] if t._.action_verb), None)
    if head is None:
        return False
    verb = fold_keep_length(doc.text[head.idx : head.idx + 20])
    if not _AWARD_VERB.match(verb):
        return False
    if _RECIPIENT_COUNT.search(folded):
        return True
    before = fold_keep_length(doc.text[doc[start].idx : head.idx])
    return bool(_CONFER.match(verb) and re.search(r"\bduoc\b(?:\s+\S+){0,5}\s*$", before))
