"""Reviewers' corrections: append-only, keyed to meaning, with optimistic concurrency.

A correction is keyed to what it is about, not to a database row that reprocessing replaces:
(unit, year, period kind, plan item code) for a task, (unit, year, period kind, metric) for a
figure. The newest correction of a key is in force; older ones stay as history. Rows are never
updated or deleted: a session that tries raises `AppendOnlyError` at flush.

Meaning of `field` and `new_value` (what `thidua.readmodel` applies):

| field    | task new_value                      | figure new_value         | cell source |
|----------|-------------------------------------|--------------------------|-------------|
| "accept" | {"status": s, "date": "YYYY-MM-DD"|None} | {"value": v}        | confirmed   |
| "change" | {"status": s, "date": ...}          | {"value": v}             | changed     |
| "reject" | {} (the key has no value)           | {}                       | changed     |
| "undo"   | {"undo_of": id, "restored": ...}    | same                     | (see below) |

An award only proposed (models.results.is_proposal) confirmed as a proposal is an "accept" with
no metric and `{"proposal": true, "value": v}` (old_value["proposal_of"] = the metric): it is
about the statement only, and the read model, which applies keyed corrections, never counts it.

A change that moves a finding to another plan item (or metric) writes two corrections in one
transaction: "reject" on the old key with `{"moved_to": code}` and "change" on the new key with
`{"status", "date", "moved_from": code}`. `old_value` holds what the reviewer saw: the machine's
or the previous correction's value plus the finding's `text`.

Undo: a reviewer takes back a decision by appending an "undo" correction on the same key whose
`new_value["undo_of"]` names the decision undone. Nothing is deleted; resolution leaves out undo
rows and the decisions they undo (`without_undone`), so the key goes back to what was in force
before: the machine's value, or an earlier reviewer's decision. Only the correction in force of
its key can be undone (the undo carries its id as the version it saw).

Optimistic concurrency: a form carries the id of the newest correction of its key when it was
rendered (its *version*, 0 for none). `record_correction` refuses with `CorrectionConflict` when a
newer one exists, so two reviewers never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Delete, Update, event, select, text
from sqlalchemy.orm import ORMExecuteState, Session

from thidua.core.errors import ThiduaError
from thidua.models.tables import Correction, User

TASK = "task"
FIGURE = "figure"
#: A decision taken back (new_value["undo_of"] = the id of the correction undone).
UNDO = "undo"
#: The decisions a reviewer can record.
FIELDS = ("accept", "change", "reject", UNDO)
#: The statuses a task can have (core.findings.Status values).
STATUSES = ("done", "in_progress", "not_done", "planned")


class CorrectionError(ThiduaError):
    """A correction that cannot be recorded as asked."""


class AppendOnlyError(CorrectionError):
    """Something tried to update or delete a correction row."""


class CorrectionConflict(CorrectionError):
    """A newer correction of the same key exists than the one the reviewer saw."""

    def __init__(self, key: "CorrectionKey", expected_version: int, latest: Correction) -> None:
        self.key = key
        self.expected_version = expected_version
        self.latest = latest
        super().__init__(
            f"đã có người sửa mục này trước bạn (bản sửa #{latest.id}, bạn đang xem bản #{expected_version})"
        )


@dataclass(frozen=True, slots=True)
class CorrectionKey:
    """What a correction is about: a task cell or a figure of one unit's report period."""

    target: str
    unit_id: int | None
    year: int | None
    period_kind: str | None
    plan_item_code: str | None = None
    metric: str | None = None

    @classmethod
    def task(cls, unit_id: int | None, year: int | None, period_kind: str | None, code: str | None) -> "CorrectionKey":
        """The key of a task: (unit, year, period kind, plan item code)."""
        return cls(TASK, unit_id, year, period_kind, plan_item_code=code)

    @classmethod
    def figure(cls, unit_id: int | None, year: int | None, period_kind: str | None, metric: str | None) -> "CorrectionKey":
        """The key of a figure: (unit, year, period kind, metric)."""
        return cls(FIGURE, unit_id, year, period_kind, metric=metric)

    @classmethod
    def of(cls, c: Correction) -> "CorrectionKey":
        """The key a stored correction belongs to."""
        return cls(c.target, c.unit_id, c.year, c.period_kind, c.plan_item_code, c.metric)

    def clauses(self) -> list[Any]:
        """SQL conditions selecting the corrections of this key (NULL-safe)."""

        def eq(col: Any, value: Any) -> Any:
            return col.is_(None) if value is None else col == value

        return [
            Correction.target == self.target,
            eq(Correction.unit_id, self.unit_id),
            eq(Correction.year, self.year),
            eq(Correction.period_kind, self.period_kind),
            eq(Correction.plan_item_code, self.plan_item_code),
            eq(Correction.metric, self.metric),
        ]

    def lock_id(self) -> int:
        """A signed 64-bit number naming this key (for PostgreSQL advisory locks)."""
        raw = "|".join(str(x) for x in (self.target, self.unit_id, self.year, self.period_kind, self.plan_item_code, self.metric))
        return int.from_bytes(hashlib.sha256(raw.encode()).digest()[:8], "big", signed=True)


def undone_ids(corrections: Iterable[Correction]) -> set[int]:
    """Ids of the corrections an undo among these takes back."""
    out: set[int] = set()
    for c in corrections:
        if c.field == UNDO:
            undo_of = (c.new_value or {}).get("undo_of")
            if isinstance(undo_of, int) and not isinstance(undo_of, bool):
                out.add(undo_of)
    return out


def without_undone(corrections: Iterable[Correction]) -> list[Correction]:
    """The corrections that count, in their order: undo rows and the decisions they undid left out."""
    rows = list(corrections)
    undone = undone_ids(rows)
    return [c for c in rows if c.field != UNDO and c.id not in undone]


def latest_correction(session: Session, key: CorrectionKey) -> Correction | None:
    """The newest correction of a key (an undo included), or None: what a form's version names."""
    return session.scalars(select(Correction).where(*key.clauses()).order_by(Correction.id.desc()).limit(1)).first()


def in_force_correction(session: Session, key: CorrectionKey) -> Correction | None:
    """The correction in force for a key (the newest not undone), or None for the machine's value."""
    rows = without_undone(corrections_for(session, key))
    return rows[-1] if rows else None


def current_version(session: Session, key: CorrectionKey) -> int:
    """The id of the newest correction of a key, 0 when there is none (what a form carries)."""
    latest = latest_correction(session, key)
    return latest.id if latest is not None else 0


def corrections_for(session: Session, key: CorrectionKey) -> list[Correction]:
    """Every correction of a key, oldest first (its history)."""
    return list(session.scalars(select(Correction).where(*key.clauses()).order_by(Correction.id)))


def _jsonable(value: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in value.items()}


def _check_value(key: CorrectionKey, field: str, new_value: dict[str, Any]) -> None:
    if key.target not in (TASK, FIGURE):
        raise CorrectionError(f"loại sửa không hợp lệ: {key.target}")
    if field not in FIELDS:
        raise CorrectionError(f"quyết định không hợp lệ: {field}")
    if field == "reject":
        return
    if field == UNDO:
        undo_of = new_value.get("undo_of")
        if not isinstance(undo_of, int) or isinstance(undo_of, bool):
            raise CorrectionError("hoàn tác cần chỉ rõ bản sửa được hoàn tác")
        return
    if key.target == TASK:
        if key.plan_item_code is None:
            raise CorrectionError("cần chọn nhiệm vụ trong kế hoạch")
        if new_value.get("status") not in STATUSES:
            raise CorrectionError(f"trạng thái không hợp lệ: {new_value.get('status')}")
        date = new_value.get("date")
        if date is not None:
            try:
                dt.date.fromisoformat(str(date))
            except ValueError:
                raise CorrectionError(f"ngày không hợp lệ: {date}") from None
    else:
        if not key.metric and not (field == "accept" and new_value.get("proposal") is True):
            # (an award only proposed, confirmed as such, is recorded on its statement: no metric, never counted)
            raise CorrectionError("cần chọn chỉ tiêu")
        value = new_value.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise CorrectionError(f"số liệu không hợp lệ: {value}")


def record_correction(
    session: Session,
    user: User,
    target: str,
    *,
    unit_id: int | None,
    year: int | None,
    period_kind: str | None,
    plan_item_code: str | None = None,
    metric: str | None = None,
    field: str,
    old_value: dict[str, Any],
    new_value: dict[str, Any],
    finding_id: int | None = None,
    expected_version: int | None,
    note: str = "",
) -> Correction:
    """Append a correction to the key's history, refusing if the key moved past `expected_version`.

    `expected_version` is the id of the newest correction the reviewer saw (0 for none); pass
    None only to skip the check on purpose (imports, scripts). On `CorrectionConflict` nothing
    is kept as long as the caller rolls its transaction back (the web page does).
    """
    key = CorrectionKey(target, unit_id, year, period_kind, plan_item_code, metric)
    new_value = _jsonable(new_value)
    _check_value(key, field, new_value)
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # Serialise writers of one key until commit, so the check below cannot race.
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key.lock_id()})
    if expected_version is not None:
        latest = latest_correction(session, key)
        if (latest.id if latest else 0) != expected_version:
            raise CorrectionConflict(key, expected_version, latest)  # type: ignore[arg-type]
    row = Correction(
        user_id=user.id,
        created_at=dt.datetime.now(dt.timezone.utc),
        target=target,
        unit_id=unit_id,
        year=year,
        period_kind=period_kind,
        plan_item_code=plan_item_code,
        metric=metric,
        field=field,
        old_value=_jsonable(old_value),
        new_value=new_value,
        finding_id=finding_id,
        note=note,
    )
    session.add(row)
    session.flush()
    if expected_version is not None and bind.dialect.name != "postgresql":
        # SQLite: two writers may both pass the check above; the later insert sees the earlier.
        before = session.scalars(
            select(Correction).where(*key.clauses(), Correction.id < row.id).order_by(Correction.id.desc()).limit(1)
        ).first()
        if (before.id if before else 0) != expected_version:
            session.expunge(row)
            raise CorrectionConflict(key, expected_version, before)  # type: ignore[arg-type]
    return row


def history(
    session: Session, *, year: int | None = None, unit_id: int | None = None, limit: int | None = None
) -> list[Correction]:
    """Corrections, newest first, optionally of one year or unit."""
    q = select(Correction).order_by(Correction.id.desc())
    if year is not None:
        q = q.where(Correction.year == year)
    if unit_id is not None:
        q = q.where(Correction.unit_id == unit_id)
    if limit is not None:
        q = q.limit(limit)
    return list(session.scalars(q))


def _by_key(session: Session, year: int | None, resolve: bool) -> dict[CorrectionKey, Correction]:
    q = select(Correction).order_by(Correction.id)
    if year is not None:
        q = q.where(Correction.year == year)
    rows: list[Correction] = list(session.scalars(q))
    out: dict[CorrectionKey, Correction] = {}
    for c in without_undone(rows) if resolve else rows:
        out[CorrectionKey.of(c)] = c
    return out


def latest_by_key(session: Session, year: int | None = None) -> dict[CorrectionKey, Correction]:
    """The correction in force for every key (of one year, or all); keys whose decisions were all undone are absent."""
    return _by_key(session, year, resolve=True)


def newest_by_key(session: Session, year: int | None = None) -> dict[CorrectionKey, Correction]:
    """The newest correction of every key, an undo included (the versions forms carry)."""
    return _by_key(session, year, resolve=False)


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_corrections(session: Session, _ctx: Any, _instances: Any) -> None:
    # Append-only: a loaded correction may never be modified or deleted through the ORM.
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Correction) and (obj in session.deleted or session.is_modified(obj)):
            raise AppendOnlyError(f"bản sửa #{obj.id} chỉ được thêm, không được sửa hay xoá")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes_to_corrections(state: ORMExecuteState) -> None:
    # ... nor through bulk UPDATE/DELETE statements issued via a session.
    stmt = state.statement
    if isinstance(stmt, (Update, Delete)) and getattr(stmt.table, "name", None) == Correction.__tablename__:
        raise AppendOnlyError("bảng bản sửa chỉ được thêm, không được sửa hay xoá")


__all__ = [
    "AppendOnlyError",
    "CorrectionConflict",
    "CorrectionError",
    "CorrectionKey",
    "FIELDS",
    "FIGURE",
    "STATUSES",
    "TASK",
    "UNDO",
    "corrections_for",
    "current_version",
    "history",
    "in_force_correction",
    "latest_by_key",
    "latest_correction",
    "newest_by_key",
    "record_correction",
    "undone_ids",
    "without_undone",
]
