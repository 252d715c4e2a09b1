"""The stages of the inbox flow wired for one document, without Prefect (the task calls this).

`handle_document` runs one complete inbox file through the stages in order: keep the original,
skip known bytes, claim, read, extract, match, save (one transaction), move. It decides only
where a file goes from what the stages report; each stage does its own work.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import traceback
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, selectinload

from thidua.core.errors import (
    DocumentError,
    DocumentTimeoutError,
    MissingFileError,
    MissingToolError,
    ThiduaError,
)
from thidua.core.findings import Findings
from thidua.core.plan import PlanSpec
from thidua.core.units import UnitSpec, load_units
from thidua.inbox import InboxEntry, move_to, sorted_folders, still_as_listed
from thidua.models.db import session_factory, session_scope
from thidua.models.plans import plan_spec, sync_units
from thidua.models.results import (
    DEFAULT_STALE_AFTER,
    claim_attempts,
    claim_source_file,
    find_unit,
    finish_source_file,
    receive_file,
    release_claim,
    review_reason,
    save_results,
)
from thidua.core.settings import Settings
from thidua.models.tables import Finding, Plan, SourceFile
from thidua.readmodel import done_items

#: What can happen to one inbox file.
PROCESSED, DUPLICATE, FAILED, REVIEW = "processed", "duplicate", "failed", "review"
#: Left in the inbox for a later run: still changing, taken by another run, or a transient fault.
WAITING, BUSY, DEFERRED, GONE = "waiting", "busy", "deferred", "gone"


@dataclass(slots=True)
class PlanChoice:
    """An active plan as the matcher needs it: its row id and its items."""

    plan_id: int
    spec: PlanSpec


@dataclass(slots=True)
class RunContext:
    """What every document of one run shares: settings, units, active plans, who claims."""

    settings: Settings
    units: list[UnitSpec]
    plans: dict[int, PlanChoice]
    claimer: str
    stale_after: dt.timedelta = DEFAULT_STALE_AFTER
    extractor_version: str = ""
    #: Texts of the cluster's stored task statements: matching's word weights (document frequency).
    corpus: tuple[str, ...] = ()

    def plan_for(self, year: int | None) -> PlanChoice | None:
        """The active plan of a report's year (the latest plan when the year is unknown)."""
        if year is None:
            return self.plans[max(self.plans)] if self.plans else None
        return self.plans.get(year)

    @property
    def folders(self) -> dict[str, Path]:
        """processed/, failed/ and review/ in the data folder."""
        return sorted_folders(self.settings.data_dir)


@dataclass(slots=True)
class DocumentOutcome:
    """What happened to one inbox file, for the run's summary."""

    file: str
    outcome: str
    reason: str | None = None
    detail: str | None = None
    moved_to: str | None = None
    source_file_id: int | None = None
    report_id: int | None = None
    unit: str | None = None
    year: int | None = None
    period: str | None = None
    new_findings: int = 0
    newly_done: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


def default_claimer(run_id: str | None = None) -> str:
    """Who claims files: the flow run id (when there is one) and host:pid."""
    who = f"{socket.gethostname()}:{os.getpid()}"
    return f"{run_id}@{who}"[:100] if run_id else who[:100]


def _version() -> str:
    try:
        return f"thidua {metadata.version('thidua')}"
    except metadata.PackageNotFoundError:
        return "thidua"


def prepare_run(
    settings: Settings, claimer: str, stale_after: dt.timedelta = DEFAULT_STALE_AFTER
) -> RunContext:
    """Load the units (and store them), and the active plan of every year, once per run."""
    units = load_units(settings.units_file)
    with session_scope(settings) as session:
        sync_units(session, units)
        plans = _active_plans(session)
        corpus = _statement_corpus(session)
    return RunContext(settings, units, plans, claimer, stale_after, _version(), corpus)


#: At most this many stored statements (the latest) make the matching corpus.
CORPUS_LIMIT = 20000


def _statement_corpus(session: Session) -> tuple[str, ...]:
    """The texts of the latest stored task statements (the database holds one cluster)."""
    rows = session.scalars(select(Finding.text).where(Finding.kind == "task").order_by(Finding.id.desc()).limit(CORPUS_LIMIT))
    return tuple(t for t in rows if t)


def _active_plans(session: Session) -> dict[int, PlanChoice]:
    rows = session.scalars(select(Plan).where(Plan.active.is_(True)).options(selectinload(Plan.items)).order_by(Plan.id))
    return {p.year: PlanChoice(p.id, plan_spec(p)) for p in rows}


def _detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _set_aside(
    ctx: RunContext, entry: InboxEntry, sf: SourceFile, status: str, reason: str, detail: str
) -> DocumentOutcome:
    """Mark a claimed file failed or for review, and move it with its reason file."""
    with session_scope(ctx.settings) as session:
        finish_source_file(session, sf.id, ctx.claimer, status, f"{reason}\n{detail}")
    label = {FAILED: "KHÔNG XỬ LÝ ĐƯỢC (failed)", REVIEW: "CẦN NGƯỜI XEM LẠI (review)"}[status]
    moved = move_to(entry.path, ctx.folders[status], reason=reason, detail=detail, outcome=label)
    return DocumentOutcome(entry.path.name, status, reason, detail, str(moved), sf.id)


def _read_and_find(ctx: RunContext, sf: SourceFile, name: str) -> tuple[Findings, PlanChoice | None]:
    """Read the stored original, extract the findings, and match them with the year's plan."""
    from thidua.extractors.limits import ReadLimits
    from thidua.extractors.report import extract_findings
    from thidua.extractors.sandbox import read_limited
    from thidua.matching import match_findings

    # In a reader process with the time and memory limits: no file can stall or swamp the run.
    doc = read_limited(Path(sf.stored_path), ReadLimits.from_settings(ctx.settings))
    doc.source = name  # the stored original is named by its hash; findings name the sent file
    findings = extract_findings(doc, ctx.units)
    period = findings.period.value if findings.period else None
    plan = ctx.plan_for(period.year if period else None)
    if plan is not None:
        findings = match_findings(findings, plan.spec, ctx.units, ctx.settings.match_threshold, corpus=ctx.corpus)
    return findings, plan


def handle_document(entry: InboxEntry, ctx: RunContext) -> DocumentOutcome:
    """Run one inbox file through every stage and move it; see the module docstring.

    A bad file goes to failed/, a file needing a person (tool missing, unknown unit, a fault of
    ours) to review/, each with a reason file; a transient fault (database or store unavailable)
    is raised after giving the claim back, for the caller to retry.
    """
    started = time.perf_counter()
    name = entry.path.name
    if not still_as_listed(entry):
        gone = not entry.path.exists()
        return DocumentOutcome(name, GONE if gone else WAITING, None if gone else "tệp vẫn đang thay đổi")

    try:
        sf = receive_file(session_factory(ctx.settings), entry.path, ctx.settings.originals_dir)
    except MissingFileError:
        return DocumentOutcome(name, GONE)  # another run moved it away meanwhile
    except OperationalError as exc:
        raise _storage_error(exc) from None

    if sf.status == PROCESSED:
        # Also the case of a run that saved the file and stopped before moving it.
        when = f" lúc {sf.processed_at:%d/%m/%Y %H:%M} UTC" if sf.processed_at else ""
        reason = f"trùng nội dung với tệp '{sf.original_name}' đã xử lý{when} (SHA-256 {sf.sha256[:12]}…)"
        moved = move_to(entry.path, ctx.folders[PROCESSED], reason=reason, outcome="ĐÃ BỎ QUA (bản trùng)")
        return DocumentOutcome(name, DUPLICATE, reason, None, str(moved), sf.id)

    with session_scope(ctx.settings) as session:
        claimed = claim_source_file(session, sf.sha256, ctx.claimer, ctx.stale_after)
    if not claimed:
        return DocumentOutcome(name, BUSY, "một lần chạy khác đang xử lý tệp này", None, None, sf.id)
    with session_scope(ctx.settings) as session:
        attempts = claim_attempts(session, sf.id)
    limit = ctx.settings.max_attempts
    if attempts > limit:  # every earlier run that took it stalled or was killed on it
        reason = (
            f"đã thử {limit} lần mà lần nào cũng không xong (quá thời gian hoặc lần chạy bị dừng giữa chừng); "
            f"không thử lại nữa (giới hạn THIDUA_MAX_ATTEMPTS={limit})"
        )
        return _timed(_set_aside(ctx, entry, sf, FAILED, reason, f"attempts={attempts - 1}"), started)

    try:
        try:
            findings, plan = _read_and_find(ctx, sf, name)
        except DocumentTimeoutError as exc:
            if attempts >= limit:
                reason = f"{exc.reason}; đã thử {attempts} lần (giới hạn THIDUA_MAX_ATTEMPTS={limit})"
                return _timed(_set_aside(ctx, entry, sf, FAILED, reason, _detail(exc)), started)
            with session_scope(ctx.settings) as session:
                release_claim(session, sf.id, ctx.claimer, count_attempt=True)
            reason = f"{exc.reason}; sẽ thử lại ở lần chạy sau (lần {attempts}/{limit})"
            return _timed(DocumentOutcome(name, DEFERRED, reason, _detail(exc), None, sf.id), started)
        except MissingToolError as exc:
            outcome = _set_aside(ctx, entry, sf, REVIEW, f"thiếu công cụ để đọc tệp: {exc.reason}", _detail(exc))
            return _timed(outcome, started)
        except DocumentError as exc:
            outcome = _set_aside(ctx, entry, sf, FAILED, exc.reason, _detail(exc))
            return _timed(outcome, started)
        except ThiduaError as exc:
            if exc.transient:
                raise
            outcome = _set_aside(ctx, entry, sf, REVIEW, exc.reason, _detail(exc))
            return _timed(outcome, started)
        except Exception as exc:  # a fault of ours must not lose the file nor stop the batch
            outcome = _set_aside(
                ctx, entry, sf, REVIEW, "lỗi của chương trình khi đọc tệp (cần báo cho người quản trị)",
                traceback.format_exc(limit=8),
            )
            return _timed(outcome, started)

        why = review_reason(findings, ctx.units)
        status = REVIEW if why else PROCESSED
        try:
            with session_scope(ctx.settings) as session:
                if not finish_source_file(session, sf.id, ctx.claimer, status, why):
                    session.rollback()
                    return DocumentOutcome(name, BUSY, "lần chạy khác đã nhận lại tệp này", None, None, sf.id)
                period = findings.period.value if findings.period else None
                year = period.year if period else None
                unit = find_unit(session, findings.unit.value if findings.unit else None)
                before = done_items(session, unit.id if unit else None, year)
                report = save_results(
                    session, sf, findings, plan.plan_id if plan else None, ctx.extractor_version
                )
                after = done_items(session, unit.id if unit else None, year)
                n_findings = len(report.findings)
                report_id = report.id
        except (OperationalError, ThiduaError):
            raise
        except Exception as exc:  # a fault of ours (or a constraint we broke): a person must look
            if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                raise
            outcome = _set_aside(
                ctx, entry, sf, REVIEW, "lỗi của chương trình khi lưu kết quả (cần báo cho người quản trị)",
                traceback.format_exc(limit=8),
            )
            return _timed(outcome, started)
    except OperationalError as exc:
        _give_back(ctx, sf)
        raise _storage_error(exc) from None
    except DBAPIError:  # the connection dropped: retried by the caller
        _give_back(ctx, sf)
        raise
    except ThiduaError as exc:
        if exc.transient:
            _give_back(ctx, sf)
        raise

    detail = f"report_id={report_id}, {n_findings} findings" if why else None
    outcome_label = "CẦN NGƯỜI XEM LẠI (review)" if why else ""
    moved = move_to(entry.path, ctx.folders[status], reason=why, detail=detail, outcome=outcome_label)
    return _timed(
        DocumentOutcome(
            name,
            status,
            why,
            None,
            str(moved),
            sf.id,
            report_id,
            unit.name if unit else (str(findings.unit.value) if findings.unit else None),
            year,
            period.kind.value if period else None,
            n_findings,
            sorted(after - before),
        ),
        started,
    )


def _timed(outcome: DocumentOutcome, started: float) -> DocumentOutcome:
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _storage_error(exc: OperationalError) -> ThiduaError:
    from thidua.core.errors import StorageError

    return StorageError(f"lỗi cơ sở dữ liệu ({exc.orig})")


def _give_back(ctx: RunContext, sf: SourceFile) -> None:
    """Release the claim after a transient fault; if even that fails, the claim goes stale."""
    try:
        with session_scope(ctx.settings) as session:
            release_claim(session, sf.id, ctx.claimer)
    except (ThiduaError, OperationalError):
        pass
