"""Figure cases written on 2026-12-07 by two authors who had not seen the extractor (issue #13).

Each case is a report body (paragraphs, tables), its period, and the figures a secretariat counts from it
by `../shared/domain.md`'s rules, with the rule it tests. `tests/data/figure_cases_by_another_hand.json`
(60 cases, mostly prose; the report is the first member district its body names): the first run read 48
exactly (figure F1 0.899; 51 once the report's own district was set), 57 after general fixes (F1 0.969);
the three left are layouts no rule reads yet (a column per unit, "Huyện X | Toàn Cụm"; totals per
recipient over "Trong đó:" award rows; slashed cells under a note of counts). `tests/data/
table_cases_by_another_hand.json` (40 cases, 28 of them tables; the report is Hòa An's): first run 35
of 40 (F1 0.953), 40 after. Both are development data now: the test asserts floors below today's
figures, never all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests import test_report_extraction as rx

_DATA = Path(__file__).parent / "data"
CASES = json.loads((_DATA / "figure_cases_by_another_hand.json").read_text(encoding="utf-8"))
TABLE_CASES = json.loads((_DATA / "table_cases_by_another_hand.json").read_text(encoding="utf-8"))
_PERIODS = {
    "Q1": ("Báo cáo công tác thi đua, khen thưởng quý I năm {y}", "ngày 25 tháng 3 năm {y}"),
    "Q2": ("Báo cáo công tác thi đua, khen thưởng quý II năm {y}", "ngày 20 tháng 6 năm {y}"),
    "Q3": ("Báo cáo công tác thi đua, khen thưởng quý III năm {y}", "ngày 25 tháng 9 năm {y}"),
    "Q4": ("Báo cáo công tác thi đua, khen thưởng quý IV năm {y}", "ngày 15 tháng 12 năm {y}"),
    "6M": ("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {y}", "ngày 20 tháng 6 năm {y}"),
    "9M": ("Báo cáo công tác thi đua, khen thưởng 9 tháng đầu năm {y}", "ngày 25 tháng 9 năm {y}"),
    "Y": ("Tổng kết công tác thi đua, khen thưởng năm {y}", "ngày 15 tháng 12 năm {y}"),
}
#: The cluster's districts as the cases name them; a case's report is the first one its body names.
_DISTRICTS = {"Hà Quảng": "HÀ QUẢNG", "Nguyên Bình": "NGUYÊN BÌNH", "Bảo Lạc": "BẢO LẠC", "Bảo Lâm": "BẢO LÂM", "Hòa An": "HÒA AN", "Hoà An": "HÒA AN"}


def _figures(case: dict, first_named: bool = True) -> dict[str, float]:
    title, date = _PERIODS[case["kind"]]
    flat = json.dumps(case["body"], ensure_ascii=False)
    named = sorted((flat.find(n), n) for n in _DISTRICTS if n in flat)
    place = named[0][1] if named and first_named else "Hòa An"
    found = rx.findings_of(["II. KẾT QUẢ CÔNG TÁC KHEN THƯỞNG", *case["body"]], date=date.format(y=case["year"]),
                           title=(title.format(y=case["year"]),), district=_DISTRICTS[place], place=place)
    return {f.metric: f.value for f in found.figures}


def test_the_cases_are_well_formed() -> None:
    """Sixty and forty cases, each with a body, a period kind and integer figures of the vocabulary's form."""
    assert (len(CASES), len(TABLE_CASES)) == (60, 40)
    for case in CASES + TABLE_CASES:
        assert case["kind"] in _PERIODS and case["body"] and case["why"]
        assert all("." in m and isinstance(v, int) for m, v in case["expected"].items())


def _score(cases: list[dict], first_named: bool) -> tuple[int, float, list]:
    """(cases read exactly, figure F1, the misses) of a batch."""
    exact = tp = fp = fn = 0
    misses = []
    for case in cases:
        got = _figures(case, first_named)
        want = {m: float(v) for m, v in case["expected"].items()}
        hit = sum(1 for m, v in want.items() if got.get(m) == v)
        tp, fp, fn = tp + hit, fp + sum(1 for m, v in got.items() if want.get(m) != v), fn + len(want) - hit
        if got == want:
            exact += 1
        else:
            misses.append((case["id"], want, got))
    return exact, 2 * tp / (2 * tp + fp + fn), misses


def test_figures_of_cases_by_another_hand_stay_above_their_floors() -> None:
    """At least 55 of the 60 cases read exactly, and figure F1 over all of them stays at 0.94 or more."""
    exact, f1, misses = _score(CASES, first_named=True)
    assert exact >= 55 and f1 >= 0.94, (exact, round(f1, 3), misses)


def test_figures_of_table_cases_by_another_hand_stay_above_their_floors() -> None:
    """At least 37 of the 40 cases (most of them award tables) read exactly, and figure F1 stays at 0.95 or more."""
    exact, f1, misses = _score(TABLE_CASES, first_named=False)
    assert exact >= 37 and f1 >= 0.95, (exact, round(f1, 3), misses)
