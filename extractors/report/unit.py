"""The reporting unit: a vote of cluster-unit mentions weighted by where they are in the document.

Issuer and place-date lines of the header and the signature block outweigh the title, which
outweighs the body; "Nơi nhận" lists count 0. Weights are in the [report.unit] config.
"""

from __future__ import annotations

import re
from collections import defaultdict

from thidua.core.findings import Located
from thidua.core.units import UnitSpec, find_units, fold_keep_length
from thidua.extractors.report.view import DocumentView, Piece, sub
from thidua.extractors.report.wording import PLACE_DATE

# "HUYỆN THẠCH AN", "UBND thị xã X", "THÀNH PHỐ Y" in the header: the issuing district (folded text).
_ISSUER = re.compile(r"(?<!cac )\b(?:huyen|thi xa|thanh pho|quan)\s+(?!uy\b|doan\b)[a-z]+(?:\s+[a-z]+)?", re.IGNORECASE)


#: A line of the "Nơi nhận" list: "- Cụm trưởng Cụm TĐ (UBND huyện X);", "- Lưu: VT."
_RECIPIENT_LINE = re.compile(r"^\s*[-+•]\s*.{0,200}[;.]\s*$")

#: The national motto of the header's right column, which OCR may set inside the issuer's name.
_MOTTO = re.compile(r"\s*(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA(?: VIỆT NAM)?|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|VIỆT NAM)\s*")


def _scrambled_header_names(view: DocumentView, units: list[UnitSpec]) -> list[tuple[UnitSpec, Piece]]:
    """Units whose name (an alias of two words or more) the header and title lines hold with all but its last
    word in a row and the last word on another of those lines; the piece holding the first words."""
    region = [p for p in view.pieces if p.zone in ("header", "title")]
    words = {w for p in region for w in re.findall(r"\w+", fold_keep_length(p.text))}
    out = []
    for unit in units:
        for key in unit.keys:
            parts = key.split()
            if len(parts) < 3 or parts[-1] not in words:
                continue
            lead = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, parts[:-1])) + r"(?!\w)")
            at = next((p for p in region if lead.search(fold_keep_length(p.text))), None)
            if at is not None:
                out.append((unit, at))
                break
    # a lead shared by several units ("công ty lâm nghiệp") names none of them for sure
    return out if len({u.name for u, _ in out}) == 1 else []


def reporting_unit(view: DocumentView, units: list[UnitSpec]) -> Located | None:
    """The reporting district: mentions weighted by where they are (see the module docstring)."""
    w = view.config.unit
    scores: dict[str, float] = defaultdict(float)
    body: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[float, Piece, int, int]] = {}
    opening = next((p for p in view.pieces if p.zone == "body"), None)
    header = [p for p in view.pieces if p.zone == "header"]
    next_header = {id(a): b for a, b in zip(header, header[1:])}  # the header line after each
    for p in view.pieces:
        weight = w.zone_weight[p.zone]
        if weight == 0:
            continue
        f = fold_keep_length(p.text)
        if p.zone == "signature" and _RECIPIENT_LINE.match(p.text):
            continue  # a "Nơi nhận" line OCR set beside the signature: "- Cụm trưởng (UBND huyện X);"
        if p.zone == "body" and p is opening:
            weight = w.opening
        found = find_units(p.text, units)
        if not found and p.zone == "header" and (bare := _MOTTO.sub(" ", p.text)) != p.text:
            # OCR read the header's two columns across: "UBND HUYỆN MƯỜNG Độc lập - Tự do - Hạnh phúc LÁT"
            found = [(u, 0, len(p.text)) for u, _s, _e in find_units(bare, units)]
        if not found and (after := next_header.get(id(p))) is not None:
            # the issuer's name wrapped over two header lines: "UBND HUYỆN TƯƠNG" | "DƯƠNG"
            joined = f"{_MOTTO.sub(' ', p.text).strip()} {_MOTTO.sub(' ', after.text).strip()}"
            if not find_units(after.text, units):
                found = [(u, 0, len(p.text)) for u, _s, _e in find_units(joined, units)]
        seat_line = p.zone == "body" and len(p.text) < 80 and PLACE_DATE.match(f.strip()) is not None
        if seat_line:
            weight = w.zone_weight["header"]  # "Tương Dương, ngày 24 tháng 3 năm 2023" on a line of its own
        counted: set[str] = set()
        for unit, s, e in found:
            if unit.name in counted:
                continue  # "UBND huyện X" and "X" in one piece are one mention
            counted.add(unit.name)
            v = weight
            if (p.zone in ("header", "title") or seat_line) and PLACE_DATE.match(f[s:]):
                v += w.seat  # "Hòa An, ngày ..." names the issuer's seat
            if p.zone == "body" and not seat_line:
                # "UBND huyện X báo cáo", "huyện X đã ..." make X the subject; other body
                # mentions (the cluster head hosting a meeting, inspected units) weigh little,
                # and all body mentions together are capped so they cannot outvote the header.
                if re.search(r"bao cao|da |dang |chung toi", f[e : e + 25]):
                    v += w.subject
                body[unit.name] += v
            else:
                scores[unit.name] += v
            if unit.name not in first or v > first[unit.name][0]:
                first[unit.name] = (v, p, s, e)
    if not scores:
        # The header names an issuing district, but none of the cluster's: a report from outside the
        # cluster (or a unit list to update). Body mentions (the host of a meeting) must not stand in.
        for p in view.zone_pieces("header"):
            if m := _ISSUER.search(fold_keep_length(p.text)):
                view.foreign_issuer = p.text[m.start() : m.end()].strip()
                return None
    if view.document.ocr and not any(first[n][1].zone in ("header", "title") for n in scores):
        # OCR scrambled a header read across two columns: the name's words land on different lines
        # ("CHIÊNG BÁO CÁO" above "CÔNG TY TNHH MTV LÂM NGHIỆP KON Số: 38/BC-…")
        for unit, p in _scrambled_header_names(view, units):
            scores[unit.name] += w.zone_weight["header"]
            first.setdefault(unit.name, (w.zone_weight["header"], p, 0, len(p.text)))
    for name, v in body.items():
        scores[name] += min(v, w.body_cap)
    if not scores:
        return None
    best = max(scores, key=lambda n: scores[n])
    total = sum(scores.values())
    _, p, s, e = first[best]
    conf = min(w.max_confidence, 0.5 + 0.5 * scores[best] / total) if total else 0.5
    if scores[best] < w.named_floor:
        conf = min(conf, w.unnamed_confidence)  # nothing in the header or signature named it
    return Located(best, sub(p.span, s, e), conf * view.factor, p.text[s:e])
