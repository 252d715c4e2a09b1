"""What a reviewer enters for scoring: qualitative grades, manual points, report received dates.

Kept as `Correction` rows (append-only, audited, the newest of a key in force), so no new table:

| target   | key (period_kind, metric)   | field      | new_value              |
|----------|-----------------------------|------------|------------------------|
| "manual" | ("Y", criterion id)         | "grade"    | {"grade": "B"}         |
| "manual" | ("Y", criterion id)         | "points"   | {"points": 3.5}        |
| "report" | (period kind, "received")   | "received" | {"date": "2022-07-27"} |

A "received" entry is the day the secretariat received a report (its "Đến" stamp); it wins over
the report's own date when scoring the reporting deadlines.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from thidua.models.corrections import CorrectionConflict, CorrectionError, CorrectionKey, latest_correction
from thidua.models.tables import Correction, User
from thidua.scoring.table import PERIODS, Criterion

MANUAL = "manual"
REPORT = "report"
#: The period kind manual criteria are keyed to (they grade the whole year).
MANUAL_PERIOD = "Y"
RECEIVED = "received"


def manual_key(unit_id: int, year: int, criterion_id: str) -> CorrectionKey:
    """The correction key of a unit's manual score on one criterion."""
    return CorrectionKey(MANUAL, unit_id, year, MANUAL_PERIOD, metric=criterion_id)


def received_key(unit_id: int, year: int, period_kind: str) -> CorrectionKey:
    """The correction key of the day a unit's report of one period was received."""
    return CorrectionKey(REPORT, unit_id, year, period_kind, metric=RECEIVED)


def _append(
    session: Session, user: User, key: CorrectionKey, field: str, new_value: dict, old_value: dict,
    expected_version: int | None, note: str,
) -> Correction:
    if session.get_bind().dialect.name == "postgresql":
        # Serialise writers of one key until commit (as models.corrections does).
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key.lock_id()})
    latest = latest_correction(session, key)
    if expected_version is not None and (latest.id if latest else 0) != expected_version:
        raise CorrectionConflict(key, expected_version, latest)  # type: ignore[arg-type]
    row = Correction(
        user_id=user.id,
        created_at=dt.datetime.now(dt.timezone.utc),
        target=key.target,
        unit_id=key.unit_id,
        year=key.year,
        period_kind=key.period_kind,
        metric=key.metric,
        field=field,
        old_value=old_value or ({**latest.new_value} if latest else {}),
        new_value=new_value,
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def record_manual(
    session: Session,
    user: User,
    criterion: Criterion,
    *,
    unit_id: int,
    year: int,
    value: str | float,
    expected_version: int | None = None,
    note: str = "",
) -> Correction:
    """Record a grade (A–D, for criteria with grades) or points (within the criterion's range)."""
    if criterion.rule != "manual":
        raise CorrectionError(f"tiêu chí '{criterion.name}' được tính tự động, không chấm tay")
    key = manual_key(unit_id, year, criterion.id)
    if criterion.grades:
        grade = str(value).strip().upper()
        if grade not in criterion.grades:
            raise CorrectionError(f"loại không hợp lệ: {value} (chọn một trong {', '.join(criterion.grades)})")
        return _append(session, user, key, "grade", {"grade": grade}, {}, expected_version, note)
    try:
        points = float(str(value).replace(",", "."))
    except ValueError:
        raise CorrectionError(f"điểm không hợp lệ: {value}") from None
    if not criterion.min_points <= points <= criterion.max_points:
        raise CorrectionError(
            f"điểm {points:g} nằm ngoài khoảng {criterion.min_points:g} – {criterion.max_points:g} của tiêu chí"
        )
    return _append(session, user, key, "points", {"points": points}, {}, expected_version, note)


def record_received(
    session: Session,
    user: User,
    *,
    unit_id: int,
    year: int,
    period_kind: str,
    date: dt.date,
    expected_version: int | None = None,
    note: str = "",
) -> Correction:
    """Record the day the secretariat received a unit's report of one period."""
    if period_kind not in PERIODS:
        raise CorrectionError(f"kỳ báo cáo không hợp lệ: {period_kind}")
    key = received_key(unit_id, year, period_kind)
    return _append(session, user, key, RECEIVED, {"date": date.isoformat()}, {}, expected_version, note)


def _in_force(session: Session, target: str, year: int) -> list[Correction]:
    q = select(Correction).where(Correction.target == target, Correction.year == year).order_by(Correction.id)
    return list(session.scalars(q))


def manual_entries(session: Session, year: int) -> dict[tuple[int, str], Correction]:
    """The manual score in force per (unit id, criterion id)."""
    out: dict[tuple[int, str], Correction] = {}
    for c in _in_force(session, MANUAL, year):
        if c.unit_id is not None and c.metric:
            out[(c.unit_id, c.metric)] = c
    return out


def received_dates(session: Session, year: int) -> dict[tuple[int, str], Correction]:
    """The received-date entry in force per (unit id, period kind)."""
    out: dict[tuple[int, str], Correction] = {}
    for c in _in_force(session, REPORT, year):
        if c.unit_id is not None and c.period_kind and c.metric == RECEIVED:
            out[(c.unit_id, c.period_kind)] = c
    return out


__all__ = [
    "MANUAL",
    "REPORT",
    "manual_entries",
    "manual_key",
    "received_dates",
    "received_key",
    "record_manual",
    "record_received",
]
