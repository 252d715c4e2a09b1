"""Matching task statements to plan items: paraphrases, several items, responsibility, timing, threshold."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from thidua.core.document import Span
from thidua.core.errors import ConfigError
from thidua.core.findings import Findings, Located, Status, TaskStatement
from thidua.core.plan import PlanItemSpec, PlanSpec
from thidua.extractors.plan import extract_plan
from thidua.extractors.readers import read_document
from thidua.core.text import fold
from thidua.core.units import load_units
from thidua.matching import PlanMatcher, match_details, match_findings
from thidua.matching.vocabulary import load_vocabulary
from tests.conftest import PLAN_DOCX, SAMPLE_DOCS

UNITS = load_units(SAMPLE_DOCS / "units.toml")


@pytest.fixture(scope="module")
def plan() -> PlanSpec:
    return extract_plan(read_document(PLAN_DOCX), [u.name for u in UNITS])


@pytest.fixture(scope="module")
def matcher(plan: PlanSpec) -> PlanMatcher:
    return PlanMatcher(plan, UNITS, threshold=0.45)


def _ids(matches) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.item_id for m in matches}


# Wordings written for these tests, unlike the sample reports' sentences: paraphrases,
# abbreviations, other word order, no diacritics.
@pytest.mark.parametrize(
    ("text", "unit", "date", "expected"),
    [
        ("Ban hành kế hoạch phát động thi đua hoàn thành thắng lợi nhiệm vụ phát triển KT-XH năm 2022",
         "Bảo Lạc", None, {"Q1-2"}),
        ("Đã có văn bản chỉ đạo các xã, thị trấn triển khai phong trào thi đua ở cơ sở", "Bảo Lâm", None, {"Q1-3"}),
        ("Ký kết giao ước thi đua trên cơ sở Bảng tiêu chí chấm điểm do Trưởng Cụm ban hành",
         "Bảo Lâm", dt.date(2022, 5, 3), {"Q2-1"}),
        ("Kiện toàn Tổ giúp việc Cụm thi đua", "Hà Quảng", dt.date(2022, 4, 20), {"Q2-1"}),
        ("Gửi báo cáo sơ kết 6 tháng đầu năm về Trưởng Cụm đúng hạn", "Nguyên Bình", dt.date(2022, 6, 25), {"Q2-2"}),
        ("Hội nghị sơ kết giữa năm của Cụm đã được tổ chức tại huyện Hòa An ngày 08/7/2022",
         "Bảo Lạc", dt.date(2022, 7, 8), {"Q3-1"}),
        ("Tiếp đoàn kiểm tra công tác thi đua, khen thưởng của Cụm", "Nguyên Bình", dt.date(2022, 7, 8), {"Q3-2"}),
        ("Tham mưu thành lập đoàn kiểm tra chéo giữa các huyện", "Bảo Lâm", dt.date(2022, 8, 1), {"Q3-2"}),
        ("Đã tổ chức hội nghị tổng kết, đánh giá hoạt động Cụm năm 2021", "Hà Quảng", dt.date(2022, 1, 25), {"Q1-1"}),
        ("to chuc hoi nghi so ket 6 thang dau nam", "Hòa An", None, {"Q3-1"}),
        ("Ngày 10/3/2022 UBND huyện phát động phong trào thi đua chuyên đề về xây dựng nông thôn mới",
         "Bảo Lâm", dt.date(2022, 3, 10), {"Q1-2"}),
        ("Tổng hợp, báo cáo kết quả hoạt động của Cụm thi đua năm 2022 gửi Ban Thi đua - Khen thưởng tỉnh",
         "Hà Quảng", dt.date(2022, 12, 20), {"Q4-2"}),
    ],
)
def test_paraphrases_find_their_item(matcher: PlanMatcher, text: str, unit: str, date, expected) -> None:  # type: ignore[no-untyped-def]
    assert _ids(matcher.match(text, status=Status.DONE, date=date, unit=unit)) == expected


def test_spelling_variants_score_alike(matcher: PlanMatcher) -> None:
    # Old tone placement, decomposed Unicode, upper case, "sáu" for 6: one meaning, one score.
    variants = [
        "Huyện Hòa An đã tổ chức hội nghị sơ kết 6 tháng đầu năm",
        unicodedata.normalize("NFD", "Huyện Hoà An đã tổ chức hội nghị sơ kết sáu tháng đầu năm"),
        "HUYỆN HÒA AN ĐÃ TỔ CHỨC HỘI NGHỊ SƠ KẾT 06 THÁNG ĐẦU NĂM",
    ]
    scores = [matcher.match(v, unit="Hòa An")[0] for v in variants]
    assert {s.item_id for s in scores} == {"Q3-1"}
    assert max(s.score for s in scores) - min(s.score for s in scores) < 1e-9


def test_one_statement_several_items(matcher: PlanMatcher) -> None:
    text = "Tổ chức Hội nghị sơ kết 6 tháng đầu năm, kết hợp kiểm tra chéo công tác TĐKT tại huyện Hòa An"
    matches = matcher.match(text, status=Status.DONE, date=dt.date(2022, 7, 8), unit="Hòa An")
    assert _ids(matches) == {"Q3-1", "Q3-2"}
    # Q2-2 shares "sơ kết 6 tháng" but nothing of its own (no "báo cáo"): not added.
    ranked = {m.item_id: m.score for m in matcher.score_all(text, unit="Hòa An")}
    assert ranked["Q2-2"] < ranked["Q3-2"]


def test_unrelated_statements_stay_unmatched(matcher: PlanMatcher) -> None:
    for text in (
        "Tổ chức Lễ ra quân tuyên truyền Tháng Thanh niên",
        "Phối hợp với Ủy ban MTTQ huyện tổ chức Hội nghị biểu dương người có uy tín ngày 18/5/2022",
        "Tổ chức 01 lớp tập huấn nghiệp vụ cho 96 cán bộ các xã, thị trấn",
    ):
        assert matcher.match(text, status=Status.DONE, unit="Bảo Lạc") == [], text


def test_threshold_is_never_forced(plan: PlanSpec) -> None:
    text = "Hướng dẫn các đơn vị tổng kết công tác thi đua, khen thưởng năm 2022"
    strict = PlanMatcher(plan, UNITS, threshold=0.99)
    assert strict.match(text, unit="Hà Quảng") == []
    assert strict.score_all(text, unit="Hà Quảng")[0].item_id == "Q4-1"


def test_head_only_item_from_a_member(matcher: PlanMatcher) -> None:
    text = "Hướng dẫn các đơn vị tổng kết công tác thi đua, khen thưởng năm 2022"
    head = matcher.score_all(text, date=dt.date(2022, 11, 15), unit="Hà Quảng")[0]
    member = matcher.score_all(text, date=dt.date(2022, 11, 15), unit="Bảo Lạc")[0]
    assert head.item_id == member.item_id == "Q4-1"
    assert member.score < head.score * 0.6
    assert "responsibility" in member.factors
    # A member reporting the head's action is not marked down as much.
    cue = "Thực hiện Hướng dẫn của Trưởng Cụm, huyện đã hướng dẫn các xã tổng kết công tác thi đua, khen thưởng năm 2022"
    reported = matcher.score_all(cue, date=dt.date(2022, 11, 20), unit="Bảo Lạc")[0]
    assert reported.item_id == "Q4-1"
    assert reported.factors.get("responsibility", 1.0) > member.factors["responsibility"]
    # Mentioning the head only as the addressee is not the head's action.
    sent = matcher.score_all("Tổng hợp báo cáo đánh giá kết quả hoạt động, gửi Trưởng Cụm", unit="Bảo Lạc")
    assert {m.item_id: m for m in sent}["Q4-2"].factors.get("responsibility") == pytest.approx(0.55)


def test_named_units_item(plan: PlanSpec) -> None:
    items = [
        PlanItemSpec("Q1-1", 1, 1, "Tổ chức kiểm tra chéo công tác thi đua khen thưởng", "units", ["Bảo Lạc"]),
        PlanItemSpec("Q1-2", 1, 2, "Tập huấn nghiệp vụ thi đua khen thưởng cho cán bộ cơ sở", "all"),
    ]
    m = PlanMatcher(PlanSpec(2023, "x", items), UNITS, threshold=0.45)
    named = m.score_all("Đã tổ chức kiểm tra chéo công tác thi đua", unit="Bảo Lạc")[0]
    other = m.score_all("Đã tổ chức kiểm tra chéo công tác thi đua", unit="Bảo Lâm")[0]
    assert named.item_id == other.item_id == "Q1-1"
    assert other.score < named.score


def test_timing_lowers_far_dates(matcher: PlanMatcher) -> None:
    text = "Tổ chức hội nghị sơ kết 6 tháng đầu năm"
    in_time = matcher.score_all(text, status=Status.DONE, date=dt.date(2022, 7, 5))[0]
    far = matcher.score_all(text, status=Status.DONE, date=dt.date(2022, 1, 10))[0]
    assert in_time.item_id == "Q3-1" and in_time.factors.get("time") is None
    assert far.factors["time"] < 1 and {m.item_id: m.score for m in matcher.score_all(
        text, status=Status.DONE, date=dt.date(2022, 1, 10))}["Q3-1"] < in_time.score


def test_evidence_names_the_matched_words(matcher: PlanMatcher) -> None:
    m = matcher.match("Tiếp đoàn kiểm tra công tác thi đua, khen thưởng của Cụm", unit="Nguyên Bình")[0]
    assert m.item_id == "Q3-2"
    assert "kiểm tra" in m.matched
    assert "«kiểm tra»" in m.evidence()


def test_generic_words_weigh_little(matcher: PlanMatcher) -> None:
    # "công tác thi đua, khen thưởng" is in nearly every item: alone it matches nothing.
    assert matcher.match("Công tác thi đua, khen thưởng của Cụm thi đua", unit="Bảo Lâm") == []


def test_another_plan_generalizes() -> None:
    # A differently worded plan of another year: the rules are not tied to the seed plan.
    items = [
        PlanItemSpec("Q1-1", 1, 1, "Tổ chức ký kết giao ước thi đua năm 2023", "all"),
        PlanItemSpec("Q2-1", 2, 1, "Tập huấn nghiệp vụ công tác thi đua, khen thưởng cho cán bộ cơ sở", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Kiểm tra chéo việc thực hiện phong trào thi đua giữa các đơn vị", "all"),
        PlanItemSpec("Q4-1", 4, 1, "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023", "head"),
        PlanItemSpec("Q4-2", 4, 2, "Bình xét, đề nghị khen thưởng tổng kết năm cho các tập thể, cá nhân", "all"),
    ]
    m = PlanMatcher(PlanSpec(2023, "Kế hoạch 2023", items), UNITS, threshold=0.45)
    cases = {
        "Ngày 10/02/2023 huyện đã ký giao ước thi đua với các huyện trong Cụm": ({"Q1-1"}, dt.date(2023, 2, 10)),
        "Mở lớp bồi dưỡng nghiệp vụ TĐKT cho cán bộ cấp xã": ({"Q2-1"}, dt.date(2023, 5, 5)),
        "Đoàn kiểm tra chéo của Cụm đã kiểm tra phong trào thi đua tại huyện": ({"Q3-1"}, dt.date(2023, 8, 20)),
        "Đã bình xét, đề nghị khen thưởng cho 12 tập thể và 30 cá nhân": ({"Q4-2"}, dt.date(2023, 12, 10)),
    }
    for text, (expected, date) in cases.items():
        assert _ids(m.match(text, status=Status.DONE, date=date, unit="Hòa An")) == expected, text


def _task(text: str, status: Status = Status.DONE, date: dt.date | None = None) -> TaskStatement:
    return TaskStatement(text, status, date, Span(0, 0, len(text)), 0.9)


def test_match_findings_fills_plan_items(plan: PlanSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    findings = Findings(source="x.docx", format="docx", unit=Located("Nguyên Bình"),
                        report_date=Located(dt.date(2022, 7, 20)))
    findings.tasks = [
        _task("Cử đoàn dự Hội nghị sơ kết 6 tháng đầu năm của Cụm, kết hợp kiểm tra công tác thi đua",
              date=dt.date(2022, 7, 8)),
        _task("Tổ chức giải bóng đá thanh niên"),
    ]
    monkeypatch.setenv("THIDUA_MATCH_THRESHOLD", "0.45")
    out = match_findings(findings, plan, UNITS)
    assert out is findings
    assert {i for i, _ in findings.tasks[0].plan_items} == {"Q3-1", "Q3-2"}
    assert all(0.45 <= s <= 1 for _, s in findings.tasks[0].plan_items)
    assert findings.tasks[1].plan_items == []
    # The caller's threshold decides (the pipeline passes THIDUA_MATCH_THRESHOLD); the environment does not.
    monkeypatch.setenv("THIDUA_MATCH_THRESHOLD", "0.999")
    assert findings.tasks[0].plan_items == match_findings(findings, plan, UNITS, threshold=0.45).tasks[0].plan_items
    # Scores are at most 1 (the attendance statement now scores 1 on Q3-1): a threshold above 1 links nothing.
    assert all(not t.plan_items for t in match_findings(findings, plan, UNITS, threshold=1.001).tasks)
    details = match_details(findings, plan, UNITS, threshold=0.45)
    assert len(details) == 2 and details[0][0].evidence().startswith(details[0][0].item_id)
    # to_json: one verdict per plan item in `tasks`, every statement (linked or not) in `statements`.
    data = match_findings(findings, plan, UNITS, threshold=0.45).to_json()
    assert sorted(r["plan_item"] for r in data["tasks"]) == ["Q3-1", "Q3-2"]
    assert all(r["statements"] == [0] for r in data["tasks"])
    assert [len(s["plan_items"]) for s in data["statements"]] == [2, 0]


def test_next_years_planned_work_is_not_matched_to_this_years_plan(plan: PlanSpec) -> None:
    findings = Findings(source="x.docx", format="docx", unit=Located("Hòa An"))
    text = "Tổ chức Hội nghị sơ kết 6 tháng đầu năm của Cụm"
    findings.tasks = [_task(text, Status.PLANNED), _task(text, Status.PLANNED)]
    findings.tasks[1].for_year = plan.year + 1
    match_findings(findings, plan, UNITS, threshold=0.45)
    assert [i for i, _ in findings.tasks[0].plan_items] == ["Q3-1"]
    assert findings.tasks[1].plan_items == []


def test_a_task_named_without_its_purpose_clause_matches(matcher: PlanMatcher) -> None:
    # Q1-2 is "Phát động phong trào thi đua phấn đấu hoàn thành nhiệm vụ kinh tế - xã hội năm 2022 ...":
    # a report that names the launch alone reports on it.
    for text in ("Lễ phát động thi đua năm 2022 được tổ chức tại trung tâm huyện",
                 "UBND huyện ban hành Kế hoạch số 7/KH-UBND phát động phong trào thi đua năm 2022"):
        assert _ids(matcher.match(text, status=Status.DONE, unit="Bảo Lạc")) == {"Q1-2"}, text
    vocab = load_vocabulary()
    assert vocab.task_core("Phát động phong trào thi đua phấn đấu hoàn thành nhiệm vụ") == "Phát động phong trào thi đua"
    assert vocab.task_core("Đề nghị khen thưởng cho các tập thể") is None  # "đề" is not "để"


def test_signing_the_covenant_is_the_members_part_of_the_regulation(matcher: PlanMatcher) -> None:
    # Q2-1 "Ban hành Quy chế hoạt động của Cụm thi đua; ...": members sign the covenant under it.
    signed = matcher.match("Huyện đã ký giao ước thi đua năm 2022 cùng các huyện bạn", status=Status.DONE, unit="Bảo Lâm")
    assert _ids(signed) == {"Q2-1"}
    # "Cụm giao ước thi đua" is also the cluster's name: naming it is not signing anything.
    named = matcher.match("Gửi báo cáo về Trưởng Cụm giao ước thi đua các huyện miền Tây", status=Status.DONE, unit="Bảo Lâm")
    assert "Q2-1" not in _ids(named)


def test_unknown_unit_gets_no_responsibility_factor(matcher: PlanMatcher) -> None:
    m = matcher.score_all("Hướng dẫn các đơn vị tổng kết công tác thi đua, khen thưởng năm 2022", unit=None)[0]
    assert m.item_id == "Q4-1" and "responsibility" not in m.factors


def test_broken_lexicon_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "lexicon.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_vocabulary(None, broken)
    assert "lexicon.json" in str(err.value)


def test_lexicon_is_valid_and_general() -> None:
    from thidua.core.lexicon import LEXICON_FILE

    data = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    vocab = load_vocabulary()
    assert "thi" not in vocab.stopwords and "so" not in vocab.stopwords  # thi/thì, sơ/số fold together
    # Attending an event is not organizing it: "tham dự" is no variant of "tổ chức".
    to_chuc = [v for c, vs in vocab.groups if c == ("to", "chuc") for v in vs]
    assert to_chuc and ("tham", "du") not in to_chuc
    # Nothing of one cluster: its name, its members, its province.
    text = fold(LEXICON_FILE.read_text(encoding="utf-8"))
    for name in ("mien tay", "ha quang", "nguyen binh", "bao lac", "bao lam", "hoa an", "cao bang", "phia bac", "trang dinh"):
        assert name not in text, name
    assert "generic" not in data and "everyday_words" in data


_UNITS_ONLY = '[[unit]]\nname = "Xuân Trường"\nrole = "head"\n\n[[unit]]\nname = "Giao Thủy"\n'


def test_a_phrase_in_two_groups_is_refused(tmp_path: Path) -> None:
    units = tmp_path / "units.toml"
    units.write_text(
        _UNITS_ONLY + '\n[lexicon]\nparaphrases = [{ canonical = "a b", variants = ["x y"] }, { canonical = "c d", variants = ["x y"] }]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_vocabulary(units)
    assert "x y" in str(err.value) and "units.toml" in str(err.value)


def test_a_clusters_own_paraphrase_helps_only_that_cluster(tmp_path: Path) -> None:
    own, other = tmp_path / "own.toml", tmp_path / "other.toml"
    other.write_text(_UNITS_ONLY, encoding="utf-8")
    own.write_text(
        _UNITS_ONLY + '\n[lexicon]\nparaphrases = [{ canonical = "giai bong da giao huu", variants = ["ngay hoi the thao"] }]\n',
        encoding="utf-8",
    )
    units = load_units(own)
    items = [
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức giải bóng đá giao hữu giữa các đơn vị", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Báo cáo sơ kết công tác thi đua 6 tháng", "all"),
    ]
    plan = PlanSpec(2023, "Kế hoạch", items)
    text = "Huyện đã tham gia Ngày hội thể thao, văn nghệ quần chúng"
    with_own = PlanMatcher(plan, units, vocabulary=load_vocabulary(own)).match(text, unit="Giao Thủy")
    without = PlanMatcher(plan, units, vocabulary=load_vocabulary(other)).match(text, unit="Giao Thủy")
    assert _ids(with_own) == {"Q2-1"} and without == []
    assert load_vocabulary(other).groups == load_vocabulary().groups


def test_document_frequent_words_weigh_little(plan: PlanSpec) -> None:
    # "phong trào" in nearly every statement of this cluster's reports: everyday wording there.
    corpus = [f"Đơn vị số {n} tiếp tục hưởng ứng phong trào chung" for n in range(40)]
    plain = PlanMatcher(plan, UNITS)
    weighted = PlanMatcher(plan, UNITS, corpus=corpus)
    assert "trao" not in plain.generic and "trao" in weighted.generic
    assert weighted._weight("u:trao") < plain._weight("u:trao")


def test_evaluation_counts_unit_item_and_status() -> None:
    from thidua.matching.evaluation import MatchScores, format_scores, score_document

    expected = {"unit": "Hòa An", "tasks": [
        {"plan_item": "Q1-1", "status": "done"}, {"plan_item": "Q1-3", "status": "in_progress"},
        {"plan_item": "Q2-1", "status": "planned"}]}
    got = {"unit": "Hoà An", "tasks": [
        {"plan_item": "Q1-1", "status": "done", "match_score": 0.9, "confidence": 0.9},
        {"plan_item": "Q1-3", "status": "done", "match_score": 0.8, "confidence": 0.9},
        {"plan_item": "Q4-2", "status": "done", "match_score": 0.6, "confidence": 0.9},
        {"plan_item": None, "status": "done", "match_score": None, "confidence": 0.9}]}
    scores = MatchScores()
    score_document(expected, got, scores, "a.docx")
    assert (scores.tp, scores.fp, scores.fn) == (1, 2, 2)
    assert scores.confusion[("in_progress", "done")] == 1 and scores.confusion[("planned", "—")] == 1
    assert scores.confusion[("—", "done")] == 1
    other = MatchScores()
    score_document(expected, {**got, "unit": "Bảo Lạc"}, other, "b.docx")  # wrong unit: nothing counts
    assert other.tp == 0 and other.details["b.docx"][0].startswith("đơn vị")
    text = format_scores(scores, details=True)
    assert "P=0.333 R=0.333 F1=0.333" in text and "a.docx" in text


def test_one_verdict_per_plan_item_the_most_confident_statement_decides() -> None:
    findings = Findings(source="x.docx", format="docx", unit=Located("Hòa An"))
    findings.tasks = [
        _task("Sẽ tổ chức hội nghị", Status.PLANNED),
        _task("Đã tổ chức hội nghị", Status.DONE, date=dt.date(2022, 7, 8)),
        _task("Đã tổ chức hội nghị sơ kết", Status.DONE),
    ]
    findings.tasks[0].plan_items = [("Q3-1", 0.5)]
    findings.tasks[1].plan_items = [("Q3-1", 0.6)]
    findings.tasks[2].plan_items = [("Q3-1", 0.9), ("Q3-2", 0.5)]
    data = findings.to_json()
    verdicts = {t["plan_item"]: t for t in data["tasks"]}
    assert set(verdicts) == {"Q3-1", "Q3-2"}
    assert verdicts["Q3-1"]["status"] == "done" and verdicts["Q3-1"]["statements"] == [0, 1, 2]
    # The deciding statement has no date: the earliest date of a supporting statement with its status.
    assert verdicts["Q3-1"]["date"] == "2022-07-08"
    assert verdicts["Q3-1"]["text"] == "Đã tổ chức hội nghị sơ kết"
    assert len(data["statements"]) == 3


def test_a_plan_item_cited_as_background_is_not_a_completion(matcher: PlanMatcher) -> None:
    # "Thực hiện Kế hoạch ... về ..." names an item as the reason for what follows, not as done.
    cited = "Thực hiện Kế hoạch số 12/KH-CTĐ ngày 10/01/2022 của Cụm về tổ chức hội nghị sơ kết 6 tháng đầu năm"
    assert matcher.match(cited, status=Status.DONE, unit="Hòa An") == []
    done = cited + ", huyện đã cử đoàn dự hội nghị sơ kết 6 tháng đầu năm của Cụm"
    assert [m.item_id for m in matcher.match(done, status=Status.DONE, unit="Hòa An")][:1] == ["Q3-1"]
    assert matcher.match("Căn cứ Quy chế hoạt động của Cụm thi đua", status=Status.DONE, unit="Hòa An") == []


def test_several_items_in_one_sentence_passive_voice_and_no_diacritics(matcher: PlanMatcher) -> None:
    both = ("Báo cáo sơ kết công tác thi đua 6 tháng đã được gửi Trưởng Cụm đúng hạn và hội nghị sơ kết "
            "6 tháng của Cụm đã được tổ chức tại huyện Hòa An")
    assert {m.item_id for m in matcher.match(both, status=Status.DONE, unit="Bảo Lạc")} >= {"Q2-2", "Q3-1"}
    plain = "hoi nghi so ket 6 thang dau nam da duoc to chuc"
    assert [m.item_id for m in matcher.match(plain, status=Status.DONE, unit="Bảo Lạc")][:1] == ["Q3-1"]


def test_a_deliverable_is_not_the_event_of_the_same_name(matcher: PlanMatcher) -> None:
    # "Báo cáo sơ kết" (a report) and "Hội nghị sơ kết" (a conference) share every other word.
    report = matcher.score_all("Báo cáo sơ kết 6 tháng đầu năm đã được ban hành", status=Status.DONE, unit="Bảo Lạc")
    assert report[0].item_id == "Q2-2"
    assert "kind" in {m.item_id: m for m in report}["Q3-1"].factors


def test_a_kind_of_event_only_one_item_names_is_evidence_for_it() -> None:
    # Written for this test: an item with more words than a member repeats ("văn nghệ, thể dục thể thao").
    items = [
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức giao lưu văn hóa, văn nghệ, thể dục thể thao giữa các đơn vị trong Cụm", "all"),
        PlanItemSpec("Q2-2", 2, 2, "Xây dựng báo cáo chuyên đề về điển hình tiên tiến", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Tổ chức Hội nghị sơ kết công tác thi đua 6 tháng đầu năm", "all"),
        PlanItemSpec("Q4-1", 4, 1, "Tổ chức Hội nghị tổng kết công tác thi đua năm", "all"),
    ]
    m = PlanMatcher(PlanSpec(2023, "Kế hoạch 2023", items), UNITS, threshold=0.45)
    assert m.unique_kinds == {"giao luu", "bao cao"}
    best = m.score_all("Huyện đã cử đoàn tham gia giao lưu văn hóa, thể thao của Cụm", unit="Hòa An")[0]
    assert best.item_id == "Q2-1" and best.factors.get("kind", 1) > 1 and best.score >= 0.45
    # "hội nghị" is in two items: no such evidence for either.
    conf = m.score_all("Huyện đã dự Hội nghị sơ kết 6 tháng đầu năm", unit="Hòa An")[0]
    assert conf.item_id == "Q3-1" and "kind" not in conf.factors


def test_not_done_before_the_due_date_is_planned_unless_it_was_missed(plan: PlanSpec) -> None:
    q4 = next(i for i in plan.items if i.quarter == 4)
    findings = Findings(source="x.docx", format="docx", unit=Located("Hòa An"), report_date=Located(dt.date(2022, 9, 20)))
    findings.tasks = [_task(q4.content + ": chưa thực hiện", Status.NOT_DONE),
                      _task(q4.content + ": chưa thực hiện được do mưa lũ", Status.NOT_DONE)]
    match_findings(findings, plan, UNITS, threshold=0.45)
    assert [t.plan_items[0][0] for t in findings.tasks] == [q4.id, q4.id]
    assert [t.status for t in findings.tasks] == [Status.PLANNED, Status.NOT_DONE]
    # After the due date, "chưa thực hiện" is a miss.
    late = Findings(source="y.docx", format="docx", unit=Located("Hòa An"), report_date=Located(dt.date(2023, 1, 20)))
    late.tasks = [_task(q4.content + ": chưa thực hiện", Status.NOT_DONE)]
    assert match_findings(late, plan, UNITS, threshold=0.45).tasks[0].status is Status.NOT_DONE


def test_a_statement_naming_an_items_quoted_programme_reports_on_it() -> None:
    """A member cites the programme by its quoted name in its own words ("hưởng ứng", "ủng hộ"), not the item's task."""
    items = [
        PlanItemSpec("Q2-1", 2, 1, 'Tổ chức Chương trình "Ánh sáng vùng cao" lắp đèn năng lượng mặt trời cho các bản đặc biệt khó khăn', "all"),
        PlanItemSpec("Q2-2", 2, 2, "Hội nghị sơ kết 6 tháng đầu năm của Cụm", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Kiểm tra chéo công tác thi đua, khen thưởng giữa các đơn vị", "all"),
    ]
    m = PlanMatcher(PlanSpec(2027, "Kế hoạch", items), UNITS, threshold=0.45)
    hits = m.match('Hưởng ứng “Ánh sáng vùng cao”, cán bộ, công chức huyện đã đóng góp 35 triệu đồng.', status="done", unit="Hòa An")
    assert _ids(hits) == {"Q2-1"}
    # a two-syllable quoted word is no programme name: it does not carry a statement alone
    items2 = [PlanItemSpec("Q1-1", 1, 1, 'Phát động phong trào "Dân vận" trong toàn Cụm', "all"), *items[1:]]
    m2 = PlanMatcher(PlanSpec(2027, "Kế hoạch", items2), UNITS, threshold=0.45)
    assert m2.score_all('Tham gia tọa đàm "Dân vận" của tỉnh.', status="done", unit="Hòa An")[0].score < 0.8


def test_a_continuation_planned_keeps_the_items_done_status() -> None:
    """"Tiếp tục đôn đốc …" in next period's tasks goes on with work done: the item stays done; a plain
    planned statement still decides when it is the most confident one."""
    span = Span(1, 0, 10)
    done = TaskStatement("Ngày 20/01/2027, ban hành Kế hoạch phát động phong trào thi đua", Status.DONE, dt.date(2027, 1, 20), span, 0.7, [("Q1-2", 0.8)])
    going_on = TaskStatement("- Tiếp tục đôn đốc các xã triển khai phong trào đã phát động", Status.PLANNED, None, span, 0.9, [("Q1-2", 0.8)])
    f = Findings("r.docx", "docx", tasks=[done, going_on])
    assert [(v.plan_item, v.status) for v in f.verdicts()] == [("Q1-2", Status.DONE)]
    new_work = TaskStatement("- Tổ chức phát động đợt thi đua cao điểm", Status.PLANNED, None, span, 0.9, [("Q1-2", 0.8)])
    f2 = Findings("r.docx", "docx", tasks=[done, new_work])
    assert [(v.plan_item, v.status) for v in f2.verdicts()] == [("Q1-2", Status.PLANNED)]


@pytest.mark.parametrize(
    "text,item",
    [
        ("- Đăng ký GƯTĐ năm 2027: đã gửi Cụm trưởng ngày 20-01-2027.", "Q1-1"),
        ("- KT chéo: huyện được Đoàn KT của Cụm kiểm tra ngày 12-9-2027.", "Q3-1"),
        ("- HN sơ kết 6 tháng của Cụm: đã dự ngày 15-7-2027.", "Q3-2"),
    ],
)
def test_abbreviated_statements_find_their_item(text: str, item: str) -> None:
    """A terse hand writes GƯTĐ, KT chéo, Đoàn KT, HN: expanded from the lexicon, they match the item."""
    items = [
        PlanItemSpec("Q1-1", 1, 1, "Các đơn vị đăng ký giao ước thi đua năm 2027, gửi Cụm trưởng", "all"),
        PlanItemSpec("Q2-1", 2, 1, "Tổ chức Hội thi tuyên truyền cải cách hành chính", "all"),
        PlanItemSpec("Q3-1", 3, 1, "Kiểm tra chéo công tác thi đua, khen thưởng", "head"),
        PlanItemSpec("Q3-2", 3, 2, "Hội nghị sơ kết công tác thi đua 6 tháng đầu năm của Cụm", "head_and_all"),
    ]
    m = PlanMatcher(PlanSpec(2027, "Kế hoạch", items), UNITS, threshold=0.45)
    assert [h.item_id for h in m.match(text, status="done", unit="Hòa An")][:1] == [item]
