"""The scoring table of a plan year: criteria, maximum points and rules, read from a TOML file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua.core.errors import ConfigError
from thidua.core.text import fold
from thidua.core.settings import Settings

#: The rules a criterion can use (docs/scoring.md describes each).
RULES = ("plan_tasks", "reports_on_time", "late_reports", "figures", "manual")
#: Report periods a deadline may name (core.findings PeriodKind values).
PERIODS = ("Q1", "Q2", "Q3", "Q4", "6M", "9M", "Y", "OTHER")
#: The criterion id the stored total (with the rank) uses; no criterion may take it.
TOTAL = "total"
#: The criterion id of the adjustment that keeps figure bonuses under the table's cap.
BONUS_CAP = "tran_diem_thuong"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A report the plan asks for by a date: which period kinds count, and the last day."""

    period: str
    name: str
    date: dt.date
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tier:
    """A deduction for a report late by `from_days` up to (not including) `to_days` days."""

    from_days: int
    to_days: int | None
    points: float


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line of the scoring table; the fields a rule does not use keep their defaults."""

    id: str
    section: str
    name: str
    rule: str
    max_points: float = 0.0
    #: A bonus criterion: its points come on top of the table's maximum.
    bonus: bool = False
    # plan_tasks
    points_per_item: float | None = None
    late_fraction: float = 0.5
    in_progress_fraction: float = 0.0
    undated_fraction: float = 1.0
    items: tuple[str, ...] = ()
    # reports_on_time / late_reports
    points_per_report: float = 0.0
    tiers: tuple[Tier, ...] = ()
    # figures
    metrics: tuple[str, ...] = ()
    periods: tuple[str, ...] = ("Y", "9M", "6M")
    targets: dict[str, float] = field(default_factory=dict)
    bonus_cap_fraction: float = 0.10
    lower_is_better: bool = False
    # manual
    grades: dict[str, float] = field(default_factory=dict)
    min_points: float = 0.0

    def target_for(self, unit: str, aliases: list[str] | None = None) -> float | None:
        """The registered target of a unit (names compared folded: "Hoà An" = "Hòa An")."""
        keys = {fold(n) for n in (unit, *(aliases or []))}
        for name, value in self.targets.items():
            if fold(name) in keys:
                return value
        return None


@dataclass(frozen=True, slots=True)
class ScoringTable:
    """A year's scoring table: deadlines, criteria in order, and the cap on figure bonuses."""

    year: int
    title: str
    cluster: str
    deadlines: tuple[Deadline, ...]
    criteria: tuple[Criterion, ...]
    bonus_total_cap: float | None
    path: str | None = None

    @property
    def max_total(self) -> float:
        """The points a unit can reach without bonuses (the sum of non-bonus maxima)."""
        return sum(c.max_points for c in self.criteria if not c.bonus)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        names = ", ".join(c.id for c in self.criteria)
        raise ConfigError(f"bảng điểm không có tiêu chí '{criterion_id}' (có: {names})", self.path)


def _num(raw: dict[str, Any], key: str, default: float | None, where: str, path: str | None) -> float | None:
    value = raw.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{where}: '{key}' phải là một số (đang là {value!r})", path)
    return float(value)


def _date(value: Any, where: str, path: str | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: ngày không hợp lệ {value!r} (cần dạng 2022-07-15)", path) from None


def _deadline(raw: dict[str, Any], path: str | None) -> Deadline:
    period = str(raw.get("period", ""))
    where = f"hạn báo cáo '{period}'"
    if period not in PERIODS:
        raise ConfigError(f"{where}: kỳ báo cáo phải là một trong {', '.join(PERIODS)}", path)
    if "date" not in raw:
        raise ConfigError(f"{where}: thiếu 'date'", path)
    kinds = tuple(str(k) for k in raw.get("kinds", [period]))
    bad = [k for k in kinds if k not in PERIODS]
    if bad:
        raise ConfigError(f"{where}: kỳ không hợp lệ trong 'kinds': {', '.join(bad)}", path)
    return Deadline(period, str(raw.get("name") or period), _date(raw["date"], where, path), kinds)


def _tiers(raw: list[Any], where: str, path: str | None) -> tuple[Tier, ...]:
    out = []
    for t in raw:
        if not isinstance(t, dict) or "from_days" not in t or "points" not in t:
            raise ConfigError(f"{where}: mỗi mức trừ cần 'from_days' và 'points'", path)
        to = t.get("to_days")
        out.append(
            Tier(int(t["from_days"]), None if to is None else int(to), float(_num(t, "points", None, where, path) or 0))
        )
    out.sort(key=lambda t: t.from_days)
    return tuple(out)


def _criterion(raw: dict[str, Any], path: str | None) -> Criterion:
    cid = str(raw.get("id", "")).strip()
    where = f"tiêu chí '{cid or '?'}'"
    if not cid:
        raise ConfigError("mỗi tiêu chí cần một 'id'", path)
    if cid in (TOTAL, BONUS_CAP):
        raise ConfigError(f"{where}: id '{cid}' đã được dành riêng", path)
    rule = str(raw.get("rule", ""))
    if rule not in RULES:
        raise ConfigError(f"{where}: 'rule' phải là một trong {', '.join(RULES)} (đang là {rule!r})", path)
    kw: dict[str, Any] = {
        "id": cid,
        "section": str(raw.get("section", "")),
        "name": str(raw.get("name") or cid),
        "rule": rule,
        "bonus": bool(raw.get("bonus", False)),
    }
    if rule == "plan_tasks":
        per_item = _num(raw, "points_per_item", None, where, path)
        max_points = _num(raw, "max_points", None, where, path)
        if (per_item is None) == (max_points is None):
            raise ConfigError(f"{where}: cần đúng một trong 'max_points' hoặc 'points_per_item'", path)
        kw.update(
            points_per_item=per_item,
            max_points=max_points or 0.0,
            late_fraction=_num(raw, "late_fraction", 0.5, where, path),
            in_progress_fraction=_num(raw, "in_progress_fraction", 0.0, where, path),
            undated_fraction=_num(raw, "undated_fraction", 1.0, where, path),
            items=tuple(str(i) for i in raw.get("items", [])),
        )
    elif rule == "reports_on_time":
        kw["points_per_report"] = _num(raw, "points_per_report", None, where, path)
        if kw["points_per_report"] is None:
            raise ConfigError(f"{where}: thiếu 'points_per_report'", path)
    elif rule == "late_reports":
        kw["tiers"] = _tiers(raw.get("tiers", []), where, path)
        if not kw["tiers"]:
            raise ConfigError(f"{where}: cần ít nhất một mức trừ trong 'tiers'", path)
    elif rule == "figures":
        metrics = tuple(str(m) for m in raw.get("metrics", []))
        if not metrics:
            raise ConfigError(f"{where}: cần danh sách 'metrics'", path)
        targets = raw.get("targets", {})
        if not isinstance(targets, dict) or not targets:
            raise ConfigError(f"{where}: cần bảng 'targets' (chỉ tiêu đăng ký của từng đơn vị)", path)
        parsed = {}
        for unit, value in targets.items():
            v = _num(targets, unit, None, f"{where}, chỉ tiêu của {unit}", path)
            if not v or v <= 0:
                raise ConfigError(f"{where}: chỉ tiêu của {unit} phải lớn hơn 0", path)
            parsed[str(unit)] = v
        periods = tuple(str(p) for p in raw.get("periods", ["Y", "9M", "6M"]))
        bad = [p for p in periods if p not in PERIODS]
        if bad:
            raise ConfigError(f"{where}: kỳ không hợp lệ trong 'periods': {', '.join(bad)}", path)
        kw.update(
            metrics=metrics,
            periods=periods,
            targets=parsed,
            max_points=_num(raw, "max_points", None, where, path),
            bonus_cap_fraction=_num(raw, "bonus_cap_fraction", 0.10, where, path),
            lower_is_better=bool(raw.get("lower_is_better", False)),
        )
        if kw["max_points"] is None:
            raise ConfigError(f"{where}: thiếu 'max_points'", path)
    else:  # manual
        max_points = _num(raw, "max_points", None, where, path)
        if max_points is None:
            raise ConfigError(f"{where}: thiếu 'max_points'", path)
        grades = raw.get("grades", {})
        if not isinstance(grades, dict):
            raise ConfigError(f"{where}: 'grades' phải là bảng loại → điểm, ví dụ {{ A = 10, B = 8 }}", path)
        parsed_grades = {str(g).upper(): float(_num(grades, g, None, where, path) or 0) for g in grades}
        kw.update(max_points=max_points, grades=parsed_grades, min_points=_num(raw, "min_points", 0.0, where, path))
    return Criterion(**kw)


def load_table(path: str | Path) -> ScoringTable:
    """Read and check a scoring table file; errors name the file and the cause."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError("không tìm thấy tệp bảng điểm", p)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"tệp bảng điểm không đúng định dạng TOML ({exc})", p) from None
    where = str(p)
    year = raw.get("year")
    if not isinstance(year, int):
        raise ConfigError("bảng điểm cần 'year' (năm của kế hoạch)", where)
    criteria = tuple(_criterion(c, where) for c in raw.get("criterion", []))
    if not criteria:
        raise ConfigError("bảng điểm chưa có tiêu chí nào ([[criterion]])", where)
    seen: set[str] = set()
    for c in criteria:
        if c.id in seen:
            raise ConfigError(f"tiêu chí '{c.id}' bị lặp", where)
        seen.add(c.id)
    deadlines = tuple(_deadline(d, where) for d in raw.get("deadline", []))
    if any(c.rule in ("reports_on_time", "late_reports") for c in criteria) and not deadlines:
        raise ConfigError("có tiêu chí về báo cáo nhưng chưa khai báo hạn báo cáo ([[deadline]])", where)
    # The most a unit can get from on-time reports is known once the deadlines are.
    criteria = tuple(
        dataclasses.replace(c, max_points=c.points_per_report * len(deadlines)) if c.rule == "reports_on_time" else c
        for c in criteria
    )
    cap = raw.get("bonus_total_cap")
    return ScoringTable(
        year=year,
        title=str(raw.get("title") or f"Bảng tiêu chí chấm điểm thi đua năm {year}"),
        cluster=str(raw.get("cluster") or ""),
        deadlines=deadlines,
        criteria=criteria,
        bonus_total_cap=None if cap is None else float(_num(raw, "bonus_total_cap", None, "bảng điểm", where) or 0),
        path=where,
    )


def table_candidates(year: int, settings: Settings | None = None) -> list[Path]:
    """Where `thidua score` looks for a year's table: the data folder, then beside the units file."""
    settings = settings or Settings.from_env()
    name = f"scoring_{year}.toml"
    return [settings.data_dir / name, settings.units_file.parent / name]


def find_table(year: int, settings: Settings | None = None) -> ScoringTable:
    """The scoring table of a year from the usual places, or a ConfigError saying where to put it."""
    candidates = table_candidates(year, settings)
    for p in candidates:
        if p.is_file():
            table = load_table(p)
            if table.year != year:
                raise ConfigError(f"bảng điểm ghi năm {table.year}, không phải năm {year}", p)
            return table
    where = " hoặc ".join(str(p) for p in candidates)
    raise ConfigError(f"chưa có bảng điểm năm {year}: hãy đặt tệp vào {where}, hoặc dùng --table TỆP")


__all__ = [
    "BONUS_CAP",
    "Criterion",
    "Deadline",
    "PERIODS",
    "RULES",
    "ScoringTable",
    "TOTAL",
    "Tier",
    "find_table",
    "load_table",
    "table_candidates",
]
