"""Storing one document's results, and the claim lock that keeps two runs off the same file.

The inbox flow handles a file in three short transactions:

1. `receive_file`: keep the original (content-addressed) and its `SourceFile` row, committed first;
2. `claim_next_files` / `claim_source_file`: take files for this run (`FOR UPDATE SKIP LOCKED`
   on PostgreSQL; committed at once, so others see it);
3. `finish_source_file` + `save_results`: the report, its findings and matches, and the file's
   final status, all in ONE transaction; it writes nothing if the claim was lost meanwhile.

A run killed between 2 and 3 leaves a claim that goes stale after `stale_after` and is retaken by
the next run; a run killed after 3 leaves a file already marked processed, which the next run
only moves away. Nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, case, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from thidua.core.document import Span
from thidua.core.findings import Figure, Findings, Located, PeriodKind, TaskStatement
from thidua.core.text import fold
from thidua.core.units import UnitSpec
from thidua.models.originals import OriginalsStore
from thidua.models.plans import active_plan, register_source_file
from thidua.models.tables import Cluster, Finding, Match, Plan, PlanItem, Report, SourceFile, Unit

#: Statuses a run may take a file from (a re-dropped failed or review file is tried again).
CLAIMABLE = ("received", "failed", "review")
#: A claim older than this belongs to a run that died; the next run takes the file over.
DEFAULT_STALE_AFTER = dt.timedelta(minutes=30)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def receive_file(
    factory: sessionmaker[Session], path: Path, originals: OriginalsStore | str | Path, cluster_id: int | None = None
) -> SourceFile:
    """Keep a file's original and its row, committed; the row of the same bytes if seen before.

    `cluster_id`: the cluster whose inbox it came from (kept on a new row).

    Two runs receiving the same new bytes at once may both try to insert the row: the loser of
    the unique-key race reads the winner's row instead.
    """
    for attempt in range(2):
        session = factory()
        try:
            row = register_source_file(session, path, originals)
            if row.cluster_id is None and cluster_id is not None:
                row.cluster_id = cluster_id
            session.commit()
            return row
        except IntegrityError:
            session.rollback()
            if attempt:
                raise
        finally:
            session.close()
    raise AssertionError("unreachable")


def _claimable(claimer: str | None, now: dt.datetime, stale_after: dt.timedelta) -> ColumnElement[bool]:
    """Rows a run may take: never taken, set aside before, held by a run that died (or by `claimer`)."""
    held = [SourceFile.claimed_at.is_(None), SourceFile.claimed_at < now - stale_after]
    if claimer is not None:
        held.append(SourceFile.claimed_by == claimer)
    return or_(SourceFile.status.in_(CLAIMABLE), and_(SourceFile.status == "processing", or_(*held)))


def claim_next_files(
    session: Session,
    source_file_ids: Sequence[int],
    claimer: str,
    limit: int,
    stale_after: dt.timedelta = DEFAULT_STALE_AFTER,
    keep_own: bool = False,
) -> list[int]:
    """Take up to `limit` of these files for `claimer`; the ids taken, in id order.

    One `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING id`. On PostgreSQL the inner SELECT
    is `FOR UPDATE SKIP LOCKED`: a row another run is claiming at this instant is skipped, not
    waited for, so runs started together take different files. On SQLite writers are serialized.
    The outer WHERE repeats the condition, so a row changed meanwhile is never taken twice.
    `keep_own`: rows `claimer` already holds count as taken again (a retried task).
    Commit right after, so other runs see the claim.
    """
    if not source_file_ids or limit <= 0:
        return []
    now = _utcnow()
    cond = _claimable(claimer if keep_own else None, now, stale_after)
    pick = select(SourceFile.id).where(SourceFile.id.in_(list(source_file_ids)), cond).order_by(SourceFile.id).limit(limit)
    # Every claim counts one attempt until the file is finished; retaking one's own claim does not.
    again = case((and_(SourceFile.status == "processing", SourceFile.claimed_by == claimer), 0), else_=1)
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    taken = session.scalars(
        update(SourceFile)
        .where(SourceFile.id.in_(pick.scalar_subquery()), cond)
        .values(status="processing", claimed_by=claimer, claimed_at=now, attempts=SourceFile.attempts + again)
        .returning(SourceFile.id)
        .execution_options(synchronize_session=False)
    ).all()
    return sorted(taken)


def claim_source_file(
    session: Session,
    sha256: str,
    claimer: str,
    stale_after: dt.timedelta = DEFAULT_STALE_AFTER,
) -> bool:
    """Take one file for `claimer`; False when another live run has it or it is already processed.

    The claim of `claim_next_files` on one row (so `FOR UPDATE SKIP LOCKED` on PostgreSQL: a
    second claimer does not wait, it sees the file as taken). A claim older than `stale_after`
    is taken over; `claimer`'s own claim is kept (a retried task). Commit right after.
    Every claim counts one attempt (`SourceFile.attempts`) until the file is finished.
    """
    row_id = session.scalar(select(SourceFile.id).where(SourceFile.sha256 == sha256))
    if row_id is None:
        return False
    return claim_next_files(session, [row_id], claimer, 1, stale_after, keep_own=True) == [row_id]


def claim_attempts(session: Session, source_file_id: int) -> int:
    """How many claims a file has had since it last finished, this one included."""
    return int(session.scalar(select(SourceFile.attempts).where(SourceFile.id == source_file_id)) or 0)


def finish_source_file(
    session: Session, source_file_id: int, claimer: str, status: str, error: str | None = None
) -> bool:
    """Set a claimed file's final status ("processed", "failed", "review") and drop the claim.

    False (and nothing changed) when `claimer` no longer holds the claim: the caller must then
    roll back instead of saving results another run will save.
    """
    result = session.execute(
        update(SourceFile)
        .where(
            SourceFile.id == source_file_id,
            SourceFile.claimed_by == claimer,
            SourceFile.status == "processing",
        )
        .values(
            status=status, error=error, claimed_by=None, claimed_at=None, processed_at=_utcnow(), attempts=0
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def release_claim(session: Session, source_file_id: int, claimer: str, count_attempt: bool = False) -> None:
    """Give a file back (status "received") for a later run.

    After a transient fault (the database was down) the attempt does not count; after a document
    ran over its time limit it does (`count_attempt=True`), so it is not retried forever.
    """
    attempts = SourceFile.attempts if count_attempt else SourceFile.attempts - 1
    session.execute(
        update(SourceFile)
        .where(SourceFile.id == source_file_id, SourceFile.claimed_by == claimer)
        .values(status="received", claimed_by=None, claimed_at=None, attempts=attempts)
        .execution_options(synchronize_session=False)
    )


def find_unit(session: Session, name: str | None, cluster_id: int | None = None) -> Unit | None:
    """The unit row a found unit name refers to (names and aliases, diacritics and case folded).

    `cluster_id`: among that cluster's units (district names repeat across clusters); None: any.
    """
    if not name:
        return None
    key = fold(name)
    q = select(Unit).order_by(Unit.id)
    if cluster_id is not None:
        q = q.where(Unit.cluster_id == cluster_id)
    for unit in session.scalars(q):
        if key in {fold(n) for n in (unit.name, *(unit.aliases or []))}:
            return unit
    return None


def review_reason(findings: Findings, units: list[UnitSpec]) -> str | None:
    """Why a read report needs a person before it counts (in Vietnamese), or None when it does not."""
    if findings.unit is None or not findings.unit.value:
        return "không xác định được đơn vị (huyện) gửi báo cáo"
    keys = {k for u in units for k in u.keys}
    if fold(str(findings.unit.value)) not in keys:
        return f"đơn vị '{findings.unit.value}' không có trong danh sách đơn vị của Cụm"
    if findings.period is None:
        return "không xác định được kỳ báo cáo (quý, 6 tháng, 9 tháng, năm) nên chưa tính vào kế hoạch"
    return None


def _boxed(extra: dict[str, Any], span: Span | None) -> dict[str, Any]:
    """`extra` with the span's box on its page (`extra["bbox"]`, [x0, top, x1, bottom] fractions) when known."""
    if span is None or span.bbox is None:
        return extra
    return {**extra, "bbox": span.bbox.to_list()}


def _span_columns(span: Span | None) -> dict[str, int | None]:
    if span is None:
        return {}
    return {
        "page": span.page,
        "block": span.block,
        "row": span.row,
        "col": span.col,
        "span_start": span.start,
        "span_end": span.end,
    }


def _header_finding(kind: str, located: Located) -> Finding:
    value = located.value
    extra: dict[str, object] = {}
    date = None
    if kind == "period":
        extra = {"year": value.year, "kind": PeriodKind(value.kind).value}
    elif kind == "report_date":
        date = value
    else:
        extra = {"value": str(value)}
    return Finding(
        kind=kind,
        text=located.text or (str(value) if kind != "period" else ""),
        date=date,
        confidence=located.confidence,
        extra=_boxed(extra, located.span),
        **_span_columns(located.span),
    )


def _rivals(session: Session, report: Report, source_file_id: int) -> list[Report]:
    """Current reports the new one may supersede: same file, or same unit, year and period."""
    same_file = Report.source_file_id == source_file_id
    conds = [same_file]
    if report.unit_id is not None and report.year is not None and report.period_kind is not None:
        same_period = and_(
            Report.unit_id == report.unit_id,
            Report.year == report.year,
            Report.period_kind == report.period_kind,
        )
        if report.period_kind != PeriodKind.OTHER.value:
            conds.append(same_period)
        elif report.doc_number:
            # Thematic reports are many a year: only a re-sent one (same number) replaces another.
            conds.append(and_(same_period, Report.doc_number == report.doc_number))
    q = select(Report).where(Report.is_current.is_(True), Report.id != report.id, or_(*conds))
    return list(session.scalars(q.order_by(Report.id)))


def _supersede(session: Session, report: Report, source_file_id: int) -> None:
    rivals = _rivals(session, report, source_file_id)
    if not rivals:
        return
    # An older version arriving late (earlier report date) does not replace the newer one.
    newer = [
        r
        for r in rivals
        if r.source_file_id != source_file_id
        and r.report_date is not None
        and report.report_date is not None
        and r.report_date > report.report_date
    ]
    if newer:
        winner = max(newer, key=lambda r: (r.report_date, r.id))
        report.is_current = False
        report.superseded_by_id = winner.id
        return
    for old in rivals:
        old.is_current = False
        old.superseded_by_id = report.id


def lock_period(session: Session, unit_id: int | None, year: int | None, period_kind: str | None) -> None:
    """Serialize supersession of one unit, year and period until the transaction ends.

    On PostgreSQL a transaction-scoped advisory lock: a second version saved at the same instant
    on another worker waits here, then sees the first one committed and supersedes it (or is
    superseded by it). SQLite serializes writers already. The partial unique indexes of
    migration 0004 refuse two current versions whatever the client.
    """
    if unit_id is None or year is None or period_kind is None:
        return
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.blake2b(f"thidua-report:{unit_id}:{year}:{period_kind}".encode(), digest_size=8).digest()
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int.from_bytes(digest, "big", signed=True)})


def _only_cluster_id(session: Session) -> int | None:
    """The id of the database's cluster when it has exactly one."""
    ids = session.scalars(select(Cluster.id).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


def save_results(
    session: Session,
    source_file: SourceFile,
    findings: Findings,
    plan_id: int | None = None,
    extractor_version: str = "",
    cluster_id: int | None = None,
) -> Report:
    """Store one document's report, findings and matches in the caller's transaction.

    Matches link task findings to the plan items (by id `Q<q>-<n>`) of plan `plan_id`, or of the
    active plan of the report's year when not given. A new version of a unit's report for the same
    year and period supersedes the older one, which stays as history (`is_current=False`,
    `superseded_by_id`); a late-arriving older version (earlier report date) is kept as history.
    `cluster_id`: the cluster it was read for (its units, its plans), kept on the file's row too;
    default the file's cluster, else the plan's.
    """
    plan_row = session.get(Plan, plan_id) if plan_id is not None else None
    if cluster_id is None:
        cluster_id = source_file.cluster_id if source_file.cluster_id is not None else (plan_row.cluster_id if plan_row else None)
    unit = find_unit(session, findings.unit.value if findings.unit else None, cluster_id)
    if cluster_id is None:
        cluster_id = unit.cluster_id if unit else _only_cluster_id(session)
    if cluster_id is not None and source_file.cluster_id != cluster_id:
        session.execute(update(SourceFile).where(SourceFile.id == source_file.id).values(cluster_id=cluster_id))
    period = findings.period.value if findings.period else None
    report = Report(
        source_file_id=source_file.id,
        cluster_id=cluster_id,
        unit_id=unit.id if unit else None,
        year=period.year if period else None,
        period_kind=PeriodKind(period.kind).value if period else None,
        doc_number=str(findings.doc_number.value)[:100] if findings.doc_number else None,
        report_date=findings.report_date.value if findings.report_date else None,
        source_format=str(findings.format)[:10],
        extractor_version=extractor_version[:40],
        is_current=False,  # made current after the older versions stop being so (unique index)
    )
    lock_period(session, report.unit_id, report.year, report.period_kind)
    session.add(report)
    session.flush()
    _supersede(session, report, source_file.id)
    if report.superseded_by_id is None:
        session.flush()  # the older versions first: at most one current row at any moment
        report.is_current = True

    plan: Plan | None
    if plan_id is not None:
        plan = plan_row
    else:
        plan = active_plan(session, report.year, report.cluster_id) if report.year is not None else None
    items: dict[str, int] = {}
    if plan is not None:
        items = dict(session.execute(select(PlanItem.code, PlanItem.id).where(PlanItem.plan_id == plan.id)).all())

    # Batched: one executemany INSERT for the findings, one for the matches.
    rows: list[dict[str, Any]] = []
    links: list[list[tuple[str, float, TaskStatement]]] = []
    for kind in ("unit", "period", "report_date", "doc_number"):
        located = getattr(findings, kind)
        if located is not None:
            rows.append(_row(report.id, _header_finding(kind, located)))
            links.append([])
    for task in findings.tasks:
        rows.append(_row(report.id, Finding(
            kind="task",
            status=task.status.value,
            date=task.date,
            text=task.text,
            confidence=task.confidence,
            extra=_boxed({"plan_items": [[code, round(score, 4)] for code, score in task.plan_items]}, task.span),
            **_span_columns(task.span),
        )))
        links.append([(code, score, task) for code, score in task.plan_items if code in items])
    for fig in [*findings.figures, *findings.proposals]:
        rows.append(_row(report.id, _figure_finding(fig)))
        links.append([])
    if rows:
        session.execute(insert(Finding), rows)  # one executemany (RETURNING would go row by row on SQLite)
        # Ids of one statement's rows ascend in the order given (SQLite rowids, PostgreSQL's sequence).
        ids = session.scalars(select(Finding.id).where(Finding.report_id == report.id).order_by(Finding.id)).all()
        matches = [
            {
                "finding_id": fid,
                "plan_item_id": items[code],
                "unit_id": report.unit_id,
                "status": task.status.value,
                "date": task.date,
                "score": score,
                "evidence": task.text,
            }
            for fid, found in zip(ids, links)
            for code, score, task in found
        ]
        if matches:
            session.execute(insert(Match), matches)
    session.flush()
    session.refresh(report, ["findings"])
    return report


#: Text before a stored proposal's own text, so a reviewer reading the finding sees it is one.
PROPOSAL_PREFIX = "[Đề nghị, chưa được tặng] "


def _figure_finding(fig: Figure) -> Finding:
    """A figure finding; an award only proposed has `extra["proposed"]` and PROPOSAL_PREFIX before its text."""
    extra: dict[str, Any] = {"parts": [part.to_dict() for part in fig.parts]} if len(fig.parts) > 1 else {}
    if fig.proposed:
        extra["proposed"] = True
    return Finding(
        kind="figure",
        metric=fig.metric,
        value=float(fig.value),
        text=f"{PROPOSAL_PREFIX}{fig.text}" if fig.proposed else fig.text,
        confidence=fig.confidence,
        extra=_boxed(extra, fig.span),
        **_span_columns(fig.span),
    )


def is_proposal(finding: Finding) -> bool:
    """A stored figure finding that is an award only proposed: never counted as an award."""
    return bool((finding.extra or {}).get("proposed"))


_FINDING_COLUMNS = [c.key for c in Finding.__table__.columns if c.key != "id"]


def _row(report_id: int, finding: Finding) -> dict[str, Any]:
    """A Finding as a full row (every column, so all rows go in one multi-row INSERT)."""
    defaults = {"text": "", "confidence": 1.0, "extra": {}}
    row = {c: getattr(finding, c) for c in _FINDING_COLUMNS}
    for key, value in defaults.items():
        if row[key] is None:
            row[key] = value
    row["report_id"] = report_id
    return row


__all__ = [
    "CLAIMABLE",
    "DEFAULT_STALE_AFTER",
    "PROPOSAL_PREFIX",
    "claim_attempts",
    "claim_next_files",
    "claim_source_file",
    "find_unit",
    "lock_period",
    "finish_source_file",
    "is_proposal",
    "receive_file",
    "release_claim",
    "review_reason",
    "save_results",
]
