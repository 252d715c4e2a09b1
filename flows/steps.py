"""The stages of the inbox flow, each a function that returns its result (no Prefect here).

A file goes through: `receive` (keep the original, its row committed; known bytes are a
duplicate), a claim (`claim_batch`, `FOR UPDATE SKIP LOCKED` on PostgreSQL), `read_and_find`
(read, extract, match), `save` (report, findings, matches and the file's status in one
transaction, only while the claim is held), `move_saved` (out of the inbox). A file that cannot
be read goes to failed/ or review/ through `set_aside`. `process_claimed` and `handle_document`
chain them for one document; the flow (flows/process_inbox.py) only wires them to Prefect.
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
from thidua.core.units import UnitSpec
from thidua.inbox import InboxEntry, move_to, sorted_folders, still_as_listed
from thidua.models.clusters import cluster_units, cluster_units_file, list_clusters, resolve_cluster
from thidua.models.db import session_factory, session_scope
from thidua.models.artifacts import keep_read
from thidua.models.originals import OriginalsStore
from thidua.models.plans import plan_spec
from thidua.models.results import (
    DEFAULT_STALE_AFTER,
    claim_attempts,
    claim_next_files,
    claim_source_file,
    find_unit,
    finish_source_file,
    receive_file,
    release_claim,
    review_reason,
    save_results,
)
from thidua.core.settings import Settings
from thidua.models.tables import Finding, Plan, Report, SourceFile
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
    #: The cluster's model learned from reviewers for this plan, when it beat the rules (matching/learning.py).
    model: Any = None


@dataclass(slots=True)
class RunContext:
    """What every document of one cluster in one run shares: settings, units, active plans, who claims."""

    settings: Settings
    units: list[UnitSpec]
    plans: dict[int, PlanChoice]
    claimer: str
    stale_after: dt.timedelta = DEFAULT_STALE_AFTER
    extractor_version: str = ""
    #: Texts of the cluster's stored task statements: matching's word weights (document frequency).
    corpus: tuple[str, ...] = ()
    #: The cluster these documents are read for (its units, plans, model), and its key.
    cluster_id: int | None = None
    cluster_key: str = ""
    #: The general lexicon plus the cluster's own `[lexicon]` (its units file); None: THIDUA_UNITS_FILE's.
    vocabulary: Any = None

    def plan_for(self, year: int | None) -> PlanChoice | None:
        """The active plan of a report's year (the latest plan when the year is unknown)."""
        if year is None:
            return self.plans[max(self.plans)] if self.plans else None
        return self.plans.get(year)

    @property
    def folders(self) -> dict[str, Path]:
        """processed/, failed/ and review/ in the data folder."""
        return sorted_folders(self.settings.data_dir)

    @property
    def originals(self) -> OriginalsStore:
        """The originals store (THIDUA_ORIGINALS): rows keep keys relative to its root."""
        return OriginalsStore.from_settings(self.settings)


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
    #: The key of the cluster whose inbox it came from (None: of no known cluster).
    cluster: str | None = None

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
    settings: Settings, claimer: str, stale_after: dt.timedelta = DEFAULT_STALE_AFTER, cluster: str | None = None
) -> RunContext:
    """Load a cluster's units (re-read from its units file), its active plan of every year, once per run.

    `cluster`: its key; default THIDUA_CLUSTER or the only cluster (models.clusters.resolve_cluster).
    """
    with session_scope(settings) as session:
        row = resolve_cluster(session, cluster, settings)
        units = cluster_units(session, row)
        plans = _active_plans(session, row.id)
        corpus = _statement_corpus(session, row.id)
        key = row.key
        cluster_id = row.id
        units_file = cluster_units_file(row)
    _load_models(settings, plans, key)
    from thidua.matching.vocabulary import load_vocabulary

    vocabulary = load_vocabulary(units_file)
    return RunContext(settings, units, plans, claimer, stale_after, _version(), corpus, cluster_id, key, vocabulary)


#: At most this many stored statements (the latest) make the matching corpus.
CORPUS_LIMIT = 20000


def _statement_corpus(session: Session, cluster_id: int) -> tuple[str, ...]:
    """The texts of the cluster's latest stored task statements."""
    rows = session.scalars(
        select(Finding.text)
        .join(Report, Report.id == Finding.report_id)
        .where(Finding.kind == "task", Report.cluster_id == cluster_id)
        .order_by(Finding.id.desc())
        .limit(CORPUS_LIMIT)
    )
    return tuple(t for t in rows if t)


def _load_models(settings: Settings, plans: dict[int, PlanChoice], cluster_key: str) -> None:
    """The cluster's learned model of each active plan, once per run (none when it did not beat the rules)."""
    from thidua.matching.learning import load_model

    for choice in plans.values():
        choice.model = load_model(settings.data_dir, cluster_key, choice.spec)


def _active_plans(session: Session, cluster_id: int) -> dict[int, PlanChoice]:
    rows = session.scalars(
        select(Plan)
        .where(Plan.active.is_(True), Plan.cluster_id == cluster_id)
        .options(selectinload(Plan.items))
        .order_by(Plan.id)
    )
    return {p.year: PlanChoice(p.id, plan_spec(p)) for p in rows}


@dataclass(slots=True)
class Routed:
    """Listed inbox files by the key of the cluster they are for, and those of no known cluster."""

    by_cluster: dict[str, list[InboxEntry]] = field(default_factory=dict)
    unrouted: list[InboxEntry] = field(default_factory=list)
    #: Why `unrouted` files have no cluster (in Vietnamese), for the summary.
    why_unrouted: str = ""
    #: The keys of the clusters in the run's scope (all, or the one asked for), in key order.
    keys: list[str] = field(default_factory=list)


def route_entries(settings: Settings, inbox: Path, entries: list[InboxEntry], only: str | None = None) -> Routed:
    """Which cluster each inbox file is for: `<inbox>/<cluster key>/...` is that cluster's inbox.

    Files anywhere else in the inbox (the single-cluster layout) go to the default cluster:
    THIDUA_CLUSTER, else the only one. With several clusters and no default they are left in the
    inbox with the reason. `only`: a cluster key; other clusters' files are not listed at all.
    """
    with session_scope(settings) as session:
        try:  # a database with no cluster yet makes its one cluster here (from THIDUA_UNITS_FILE)
            default: str | None = resolve_cluster(session, None, settings).key
            why = ""
        except ThiduaError as exc:
            default, why = None, exc.reason
        keys = {c.key for c in list_clusters(session)}
    if only is not None and only not in keys:
        with session_scope(settings) as session:
            resolve_cluster(session, only, settings)  # ClusterError naming the known keys
    routed = Routed(why_unrouted=why, keys=[only] if only is not None else sorted(keys))
    for entry in entries:
        try:
            parts = entry.path.relative_to(inbox).parts
        except ValueError:
            parts = ()
        key = parts[0] if len(parts) > 1 and parts[0] in keys else default
        if only is not None and key != only:
            continue
        if key is None:
            routed.unrouted.append(entry)
        else:
            routed.by_cluster.setdefault(key, []).append(entry)
    return routed


def _detail(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


#: What a received file needs next.
TO_CLAIM, TO_SKIP, TO_RECEIVE = "claim", "duplicate", "receive"


@dataclass(slots=True)
class Work:
    """A listed inbox file and what it needs next: a claim, a duplicate's move, or receiving again."""

    entry: InboxEntry
    kind: str
    source_file: SourceFile | None = None
    #: True once this run holds the file's claim (taken by `claim_batch`).
    claimed: bool = False
    started: float = field(default_factory=time.perf_counter)

    @property
    def name(self) -> str:
        """The file's name in the inbox."""
        return self.entry.path.name


@dataclass(slots=True)
class Saved:
    """What `save` stored for one document."""

    status: str
    why: str | None
    report_id: int
    unit: str | None
    year: int | None
    period: str | None
    n_findings: int
    newly_done: list[str]


def receive(entry: InboxEntry, ctx: RunContext) -> Work | DocumentOutcome:
    """Keep a listed file's original and row: the work it needs next, or why it is left alone.

    A transient fault (the store or the database unavailable) gives `TO_RECEIVE` work, for a task
    that retries the whole document.
    """
    name = entry.path.name
    if not still_as_listed(entry):
        gone = not entry.path.exists()
        return DocumentOutcome(name, GONE if gone else WAITING, None if gone else "tệp vẫn đang thay đổi")
    try:
        sf = receive_file(session_factory(ctx.settings), entry.path, ctx.originals, ctx.cluster_id)
    except MissingFileError:
        return DocumentOutcome(name, GONE)  # another run moved it away meanwhile
    except OperationalError:
        return Work(entry, TO_RECEIVE)
    except ThiduaError as exc:
        if exc.transient:
            return Work(entry, TO_RECEIVE)
        raise
    # A processed row is also the case of a run that saved the file and stopped before moving it.
    return Work(entry, TO_SKIP if sf.status == PROCESSED else TO_CLAIM, sf)


def skip_duplicate(work: Work, ctx: RunContext) -> DocumentOutcome:
    """Move a file whose bytes were processed before to processed/, with the reason."""
    sf = work.source_file
    assert sf is not None
    when = f" lúc {sf.processed_at:%d/%m/%Y %H:%M} UTC" if sf.processed_at else ""
    reason = f"trùng nội dung với tệp '{sf.original_name}' đã xử lý{when} (SHA-256 {sf.sha256[:12]}…)"
    if not work.entry.path.exists():
        return DocumentOutcome(work.name, GONE)
    moved = move_to(work.entry.path, ctx.folders[PROCESSED], reason=reason, outcome="ĐÃ BỎ QUA (bản trùng)")
    return _timed(DocumentOutcome(work.name, DUPLICATE, reason, None, str(moved), sf.id), work.started)


def claim_batch(ctx: RunContext, source_file_ids: list[int], limit: int) -> list[int]:
    """Claim up to `limit` of these files for this run (committed): the ids taken."""
    with session_scope(ctx.settings) as session:
        return claim_next_files(session, source_file_ids, ctx.claimer, limit, ctx.stale_after)


def read_and_find(ctx: RunContext, sf: SourceFile, name: str) -> tuple[Findings, PlanChoice | None]:
    """Read the stored original, extract the findings, and match them with the year's plan."""
    from thidua.extractors.limits import ReadLimits
    from thidua.extractors.report import extract_findings
    from thidua.extractors.sandbox import read_limited
    from thidua.matching import match_findings

    # In a reader process with the time and memory limits: no file can stall or swamp the run.
    original = ctx.originals.local_path(sf.stored_path)
    doc = read_limited(original, ReadLimits.from_settings(ctx.settings))
    doc.source = name  # the stored original is named by its hash; findings name the sent file
    # What was read (text, boxes, page images) is kept for the review page, which never reads again.
    keep_read(ctx.originals, sf.sha256, original, doc)
    findings = extract_findings(doc, ctx.units)
    period = findings.period.value if findings.period else None
    plan = ctx.plan_for(period.year if period else None)
    if plan is not None:
        findings = match_findings(
            findings, plan.spec, ctx.units, ctx.settings.match_threshold, plan.model, vocabulary=ctx.vocabulary, corpus=ctx.corpus
        )
    return findings, plan


def read_fault(exc: Exception) -> tuple[str, str, str]:
    """Where a file goes when reading it raised `exc`: (status, reason, detail); transient re-raised."""
    if isinstance(exc, MissingToolError):
        return REVIEW, f"thiếu công cụ để đọc tệp: {exc.reason}", _detail(exc)
    if isinstance(exc, DocumentError):
        return FAILED, exc.reason, _detail(exc)
    if isinstance(exc, ThiduaError):
        if exc.transient:
            raise exc
        return REVIEW, exc.reason, _detail(exc)
    if isinstance(exc, OperationalError):
        raise _storage_error(exc) from None
    # A fault of ours must not lose the file nor stop the batch.
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=8))
    return REVIEW, "lỗi của chương trình khi đọc tệp (cần báo cho người quản trị)", detail


def save(ctx: RunContext, sf: SourceFile, findings: Findings, plan: PlanChoice | None) -> Saved | None:
    """Store the report, findings, matches and the file's status in one transaction.

    None (nothing written) when this run no longer holds the claim: another run took the file.
    """
    why = review_reason(findings, ctx.units)
    status = REVIEW if why else PROCESSED
    with session_scope(ctx.settings) as session:
        if not finish_source_file(session, sf.id, ctx.claimer, status, why):
            session.rollback()
            return None
        period = findings.period.value if findings.period else None
        year = period.year if period else None
        unit = find_unit(session, findings.unit.value if findings.unit else None, ctx.cluster_id)
        before = done_items(session, unit.id if unit else None, year)
        report = save_results(
            session, sf, findings, plan.plan_id if plan else None, ctx.extractor_version, cluster_id=ctx.cluster_id
        )
        after = done_items(session, unit.id if unit else None, year)
        return Saved(
            status,
            why,
            report.id,
            unit.name if unit else (str(findings.unit.value) if findings.unit else None),
            year,
            period.kind.value if period else None,
            len(report.findings),
            sorted(after - before),
        )


def save_fault(exc: Exception) -> tuple[str, str, str]:
    """Where a file goes when saving raised a fault of ours; database faults are re-raised."""
    if isinstance(exc, OperationalError):
        raise _storage_error(exc) from None
    if isinstance(exc, ThiduaError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        raise exc
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=8))
    return REVIEW, "lỗi của chương trình khi lưu kết quả (cần báo cho người quản trị)", detail


def set_aside(ctx: RunContext, work: Work, status: str, reason: str, detail: str) -> DocumentOutcome:
    """Mark a claimed file failed or for review, and move it with its reason file."""
    sf = work.source_file
    assert sf is not None
    with session_scope(ctx.settings) as session:
        finish_source_file(session, sf.id, ctx.claimer, status, f"{reason}\n{detail}")
    label = {FAILED: "KHÔNG XỬ LÝ ĐƯỢC (failed)", REVIEW: "CẦN NGƯỜI XEM LẠI (review)"}[status]
    moved = move_to(work.entry.path, ctx.folders[status], reason=reason, detail=detail, outcome=label)
    return _timed(DocumentOutcome(work.name, status, reason, detail, str(moved), sf.id), work.started)


def move_saved(ctx: RunContext, work: Work, saved: Saved) -> DocumentOutcome:
    """Move a saved file to processed/ (or review/ with the reason) and say what it brought."""
    sf = work.source_file
    assert sf is not None
    detail = f"report_id={saved.report_id}, {saved.n_findings} findings" if saved.why else None
    label = "CẦN NGƯỜI XEM LẠI (review)" if saved.why else ""
    moved = move_to(work.entry.path, ctx.folders[saved.status], reason=saved.why, detail=detail, outcome=label)
    outcome = DocumentOutcome(
        work.name, saved.status, saved.why, None, str(moved), sf.id, saved.report_id, saved.unit,
        saved.year, saved.period, saved.n_findings, saved.newly_done,
    )
    return _timed(outcome, work.started)


def process_claimed(work: Work, ctx: RunContext) -> DocumentOutcome:
    """Read, save and move one file this run has claimed.

    A file whose earlier takes all stalled (more than THIDUA_MAX_ATTEMPTS) is failed; one that
    runs over its time limit is given back for a later run until then. A transient fault is
    raised with the claim kept (the same run retries it; `give_back` when it gives up).
    """
    sf = work.source_file
    assert sf is not None
    with session_scope(ctx.settings) as session:
        attempts = claim_attempts(session, sf.id)
    limit = ctx.settings.max_attempts
    if attempts > limit:  # every earlier run that took it stalled or was killed on it
        reason = (
            f"đã thử {limit} lần mà lần nào cũng không xong (quá thời gian hoặc lần chạy bị dừng giữa chừng); "
            f"không thử lại nữa (giới hạn THIDUA_MAX_ATTEMPTS={limit})"
        )
        return set_aside(ctx, work, FAILED, reason, f"attempts={attempts - 1}")
    try:
        findings, plan = read_and_find(ctx, sf, work.name)
    except DocumentTimeoutError as exc:
        if attempts >= limit:
            reason = f"{exc.reason}; đã thử {attempts} lần (giới hạn THIDUA_MAX_ATTEMPTS={limit})"
            return set_aside(ctx, work, FAILED, reason, _detail(exc))
        with session_scope(ctx.settings) as session:
            release_claim(session, sf.id, ctx.claimer, count_attempt=True)
        reason = f"{exc.reason}; sẽ thử lại ở lần chạy sau (lần {attempts}/{limit})"
        return _timed(DocumentOutcome(work.name, DEFERRED, reason, _detail(exc), None, sf.id), work.started)
    except Exception as exc:  # noqa: BLE001 - read_fault sorts faults from bad files
        return set_aside(ctx, work, *read_fault(exc))
    try:
        saved = save(ctx, sf, findings, plan)
    except Exception as exc:  # noqa: BLE001 - save_fault re-raises database faults
        return set_aside(ctx, work, *save_fault(exc))
    if saved is None:
        return DocumentOutcome(work.name, BUSY, "lần chạy khác đã nhận lại tệp này", None, None, sf.id)
    return move_saved(ctx, work, saved)


def handle_document(entry: InboxEntry, ctx: RunContext) -> DocumentOutcome:
    """One inbox file through every stage: receive, skip a duplicate, claim, process, move.

    A bad file goes to failed/, a file needing a person (tool missing, unknown unit, a fault of
    ours) to review/, each with a reason file; a transient fault (database or store unavailable)
    is raised, for the caller to retry (the claim is kept for this claimer, who may retake it).
    """
    got = receive(entry, ctx)
    if isinstance(got, DocumentOutcome):
        return got
    return run_work(got, ctx)


def run_work(work: Work, ctx: RunContext) -> DocumentOutcome:
    """Do what a received file needs next (the per-document Prefect task calls this)."""
    if work.kind == TO_RECEIVE:
        sf = receive_file(session_factory(ctx.settings), work.entry.path, ctx.originals, ctx.cluster_id)
        work = Work(work.entry, TO_SKIP if sf.status == PROCESSED else TO_CLAIM, sf, started=work.started)
    if work.kind == TO_SKIP:
        return skip_duplicate(work, ctx)
    sf = work.source_file
    assert sf is not None
    if not work.claimed:
        with session_scope(ctx.settings) as session:
            claimed = claim_source_file(session, sf.sha256, ctx.claimer, ctx.stale_after)
            now = session.get(SourceFile, sf.id)
        if not claimed and now is not None and now.status == PROCESSED:  # the same bytes, done meanwhile
            return skip_duplicate(Work(work.entry, TO_SKIP, now, started=work.started), ctx)
        if not claimed:
            return DocumentOutcome(work.name, BUSY, "một lần chạy khác đang xử lý tệp này", None, None, sf.id)
    return process_claimed(work, ctx)


def _timed(outcome: DocumentOutcome, started: float) -> DocumentOutcome:
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _storage_error(exc: OperationalError) -> ThiduaError:
    from thidua.core.errors import StorageError

    return StorageError(f"lỗi cơ sở dữ liệu ({exc.orig})")


def give_back(ctx: RunContext, source_file_id: int) -> None:
    """Release a claim after a transient fault the run gave up on; if that fails, it goes stale."""
    try:
        with session_scope(ctx.settings) as session:
            release_claim(session, source_file_id, ctx.claimer)
    except (ThiduaError, OperationalError):
        pass
