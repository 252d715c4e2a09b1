"""The Prefect flow `process-inbox`: list the inbox, claim files in small batches, one task each.

The flow only wires the stages of flows/steps.py: it receives every listed file (original kept,
row committed), then claims `documents_at_once` files at a time (`FOR UPDATE SKIP LOCKED` on
PostgreSQL) and maps the per-document task over them, until no file it listed is left to claim.
Several runs on several workers share one inbox this way: each takes the next files nobody holds.
Each document's outcome is its task's state (Completed "Processed", "Duplicate", "Review";
Failed with the reason) and a log line. Retries apply to transient faults only (a database or
store that is unavailable: errors with `transient=True` or a lost database connection); a corrupt
file is never retried, it goes to failed/ at once. Tasks carry the tag `thidua-document` (and
`ocr` for PDFs, which may be scans): a Prefect tag concurrency limit on either bounds them
across all runs and workers.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy.exc import DBAPIError

from thidua.core.errors import ThiduaError
from thidua.flows.steps import (
    BUSY,
    DEFERRED,
    DUPLICATE,
    FAILED,
    GONE,
    PROCESSED,
    REVIEW,
    WAITING,
    TO_CLAIM,
    DocumentOutcome,
    RunContext,
    Work,
    claim_batch,
    default_claimer,
    give_back,
    prepare_run,
    receive,
    route_entries,
    run_work,
)
from thidua.inbox import list_complete_files, sorted_folders
from thidua.models.db import session_scope
from thidua.core.settings import Settings
from thidua.models.tables import FlowRunSummary

FLOW_NAME = "process-inbox"
#: Seconds a file must stay unchanged before it is taken (a copy in progress keeps changing it).
DEFAULT_SETTLE_SECONDS = 10.0
#: Minutes after which the claim of a run that died is taken over.
DEFAULT_STALE_CLAIM_MINUTES = 30.0
#: Documents one run works on at once (threads; OCR and LibreOffice run as separate processes).
DEFAULT_DOCUMENTS_AT_ONCE = 2
#: Most documents at once a run may be given (the thread pool's size).
MAX_DOCUMENTS_AT_ONCE = 8
#: Tags of every document task; PDFs also carry OCR_TAG (a scan is OCR'd).
DOCUMENT_TAG, OCR_TAG = "thidua-document", "ocr"
_OCR_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: The task state's name and the log line's wording of each outcome.
_STATE_NAMES = {PROCESSED: "Processed", DUPLICATE: "Duplicate", REVIEW: "Review", BUSY: "Busy", GONE: "Gone", WAITING: "Waiting"}
_LOG_WORDS = {
    PROCESSED: "đã xử lý",
    DUPLICATE: "bản trùng, bỏ qua",
    REVIEW: "cần người xem lại",
    FAILED: "không xử lý được",
    BUSY: "lần chạy khác đang xử lý",
    GONE: "không còn trong hộp thư",
    WAITING: "đang thay đổi, để lần sau",
    DEFERRED: "lỗi tạm thời, để lần sau",
}

ProgressListener = Callable[[str, int, DocumentOutcome | None], None]
_listeners: list[ProgressListener] = []
_listeners_lock = threading.Lock()


def add_progress_listener(listener: ProgressListener) -> Callable[[], None]:
    """Call `listener(event, total, outcome)` on "start" and after each document; returns a remover."""
    with _listeners_lock:
        _listeners.append(listener)

    def remove() -> None:
        with _listeners_lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def _notify(event: str, total: int, outcome: DocumentOutcome | None = None) -> None:
    with _listeners_lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(event, total, outcome)


def is_transient_failure(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry a task only when it failed on a transient fault."""
    exc = state.data if isinstance(state.data, BaseException) else None
    if exc is None:
        try:
            state.result(raise_on_failure=True)
        except BaseException as raised:  # noqa: BLE001 - we only look at what was raised
            exc = raised
    if isinstance(exc, ThiduaError):
        return exc.transient
    # A dropped database connection (PostgreSQL restarting) surfaces as a DBAPI error.
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def outcome_line(outcome: DocumentOutcome) -> str:
    """One document's outcome as one log line, in Vietnamese."""
    words = _LOG_WORDS.get(outcome.outcome, outcome.outcome)
    line = f"{outcome.file}: {words}"
    if outcome.outcome == PROCESSED:
        line += f" ({outcome.unit}, {outcome.period} {outcome.year}, {outcome.new_findings} phát hiện)"
    if outcome.reason:
        line += f": {outcome.reason}"
    return line


def outcome_state(outcome: DocumentOutcome) -> State[DocumentOutcome]:
    """A document's outcome as its task's final state: Failed for failed/, Completed otherwise."""
    if outcome.outcome == FAILED:
        return Failed(data=outcome, message=outcome_line(outcome))
    return Completed(data=outcome, name=_STATE_NAMES.get(outcome.outcome, "Completed"), message=outcome_line(outcome))


@task(
    name="process-document",
    task_run_name="{work.entry.path.name}",
    retries=3,
    retry_delay_seconds=[2, 10, 30],
    retry_condition_fn=is_transient_failure,
    cache_policy=NO_CACHE,
    tags=[DOCUMENT_TAG],
)
def process_document(work: Work, ctx: RunContext) -> State[DocumentOutcome]:
    """One inbox document's next stages (flows.steps.run_work), its outcome as the task's state."""
    outcome = run_work(work, ctx)
    logger = get_run_logger()
    (logger.warning if outcome.outcome in (FAILED, REVIEW) else logger.info)("%s", outcome_line(outcome))
    return outcome_state(outcome)


def _task_for(work: Work):  # type: ignore[no-untyped-def]
    """The document task with the `ocr` tag for files that may need OCR."""
    if work.entry.path.suffix.lower() in _OCR_SUFFIXES:
        return process_document.with_options(tags=[DOCUMENT_TAG, OCR_TAG])
    return process_document


def _outcome_of(work: Work, state: State[Any], ctx: RunContext) -> DocumentOutcome:
    """The outcome a finished task state carries; retries exhausted: the claim back, left for later."""
    data = state.result(raise_on_failure=False)
    if isinstance(data, DocumentOutcome):
        return data
    reason = getattr(data, "reason", None) or str(data)
    if work.source_file is not None:
        give_back(ctx, work.source_file.id)
    return DocumentOutcome(work.name, DEFERRED, reason, seconds=round(time.perf_counter() - work.started, 3))


def _run_tasks(works: list[Work], ctx: RunContext, at_once: int) -> list[DocumentOutcome]:
    """Run the document task over `works`, `at_once` at a time, in order; their outcomes."""
    outcomes: list[DocumentOutcome] = []
    for i in range(0, len(works), at_once):
        batch = works[i : i + at_once]
        futures = [_task_for(w).submit(w, ctx) for w in batch]
        for work, future in zip(batch, futures):
            future.wait()
            outcomes.append(_outcome_of(work, future.state, ctx))
    return outcomes


def summarize(
    outcomes: list[DocumentOutcome],
    waiting: list[Path],
    inbox: Path,
    started: dt.datetime,
    run_id: str | None,
    symlinks: list[Path] | None = None,
    moved_away: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The run's summary as JSON-ready data (also stored in FlowRunSummary).

    A file another run took (busy) is "left in the inbox" only while it is still there at the end:
    one the other run has already moved away (`moved_away`, by name) is listed under
    `other_runs`, never as left over. Symbolic links found in the inbox are listed, not followed.
    """
    by = lambda kind: [o for o in outcomes if o.outcome == kind]  # noqa: E731
    done: dict[tuple[str, int | None], set[str]] = {}
    for o in by(PROCESSED):
        if o.newly_done:
            done.setdefault((o.unit or "?", o.year), set()).update(o.newly_done)
    left = [o.file for o in outcomes if o.outcome == WAITING or (o.outcome == BUSY and o.file not in moved_away)]
    left += [p.name for p in waiting if p.name not in moved_away]
    others = [o.file for o in outcomes if o.outcome == GONE or (o.outcome == BUSY and o.file in moved_away)]
    others += [p.name for p in waiting if p.name in moved_away]
    finished = dt.datetime.now(dt.timezone.utc)
    return {
        "flow_run_id": run_id,
        "inbox": str(inbox),
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 2),
        "files_seen": len(outcomes) + len(waiting),
        "processed": len(by(PROCESSED)),
        "duplicates": len(by(DUPLICATE)),
        "failed": [{"file": o.file, "reason": o.reason, "moved_to": o.moved_to} for o in by(FAILED)],
        "review": [{"file": o.file, "reason": o.reason, "moved_to": o.moved_to} for o in by(REVIEW)],
        "deferred": [{"file": o.file, "reason": o.reason} for o in by(DEFERRED)],
        "left_in_inbox": sorted(left),
        "other_runs": sorted(others),
        "busy_elsewhere": sorted(o.file for o in outcomes if o.outcome == BUSY and o.file not in moved_away),
        "symlinks": sorted(str(p.relative_to(inbox)) if p.is_relative_to(inbox) else str(p) for p in symlinks or []),
        "new_reports": sum(1 for o in outcomes if o.report_id is not None),
        "new_findings": sum(o.new_findings for o in outcomes),
        "items_now_done": [
            {"unit": unit, "year": year, "items": sorted(items)} for (unit, year), items in sorted(done.items(), key=str)
        ],
        "files": [o.to_dict() for o in outcomes if o.outcome != GONE],
        "by_cluster": _by_cluster(outcomes),
    }


def _by_cluster(outcomes: list[DocumentOutcome]) -> dict[str, dict[str, int]]:
    """Per cluster key: how many of its files were processed, duplicates, failed, sent to review."""
    out: dict[str, dict[str, int]] = {}
    for o in outcomes:
        if o.cluster is None or o.outcome not in (PROCESSED, DUPLICATE, FAILED, REVIEW):
            continue
        counts = out.setdefault(o.cluster, {PROCESSED: 0, DUPLICATE: 0, FAILED: 0, REVIEW: 0})
        counts[o.outcome] += 1
    return dict(sorted(out.items()))


def summary_markdown(summary: dict[str, Any]) -> str:
    """The summary as Markdown, in Vietnamese (the Prefect artifact and the command's output)."""
    busy = summary.get("busy_elsewhere", [])
    lines = [
        "# Kết quả xử lý hộp thư đến",
        "",
        f"Thư mục: `{summary['inbox']}` · {summary['seconds']} giây",
        "",
        "| Mục | Số lượng |",
        "|---|---|",
        f"| Tệp đã xử lý | {summary['processed']} |",
        f"| Tệp trùng (đã có trước) | {summary['duplicates']} |",
        f"| Tệp lỗi (failed/) | {len(summary['failed'])} |",
        f"| Cần người xem lại (review/) | {len(summary['review'])} |",
        f"| Để lại cho lần chạy sau | {len(summary['left_in_inbox']) - len(busy) + len(summary['deferred'])} |",
        f"| Do lần chạy khác xử lý | {len(busy) + len(summary.get('other_runs', []))} |",
        f"| Phát hiện mới (findings) | {summary['new_findings']} |",
        f"| Nhiệm vụ mới hoàn thành | {sum(len(d['items']) for d in summary['items_now_done'])} |",
    ]
    sections = [
        ("Tệp lỗi", summary["failed"]),
        ("Cần người xem lại", summary["review"]),
        ("Lỗi tạm thời, sẽ thử lại lần sau", summary["deferred"]),
    ]
    for title, rows in sections:
        if rows:
            lines += ["", f"## {title}", ""] + [f"- `{r['file']}`: {r['reason']}" for r in rows]
    if summary["left_in_inbox"]:
        lines += ["", "## Để lại trong hộp thư (đang chép, hoặc một lần chạy khác đang xử lý)", ""]
        lines += [f"- `{name}`" for name in summary["left_in_inbox"]]
    if summary.get("other_runs"):
        lines += ["", "## Do một lần chạy khác xử lý (không còn trong hộp thư)", ""]
        lines += [f"- `{name}`" for name in summary["other_runs"]]
    if summary.get("symlinks"):
        lines += ["", "## Liên kết tượng trưng (symlink) bị bỏ qua: hãy chép chính tệp vào hộp thư", ""]
        lines += [f"- `{name}`" for name in summary["symlinks"]]
    if len(summary.get("by_cluster", {})) > 1:
        lines += ["", "## Theo Cụm thi đua", "", "| Cụm | Đã xử lý | Trùng | Lỗi | Cần xem lại |", "|---|---|---|---|---|"]
        lines += [
            f"| {key} | {c[PROCESSED]} | {c[DUPLICATE]} | {c[FAILED]} | {c[REVIEW]} |"
            for key, c in summary["by_cluster"].items()
        ]
    if summary["items_now_done"]:
        lines += ["", "## Nhiệm vụ mới hoàn thành", ""]
        lines += [f"- {d['unit']} ({d['year']}): {', '.join(d['items'])}" for d in summary["items_now_done"]]
    return "\n".join(lines) + "\n"


@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=MAX_DOCUMENTS_AT_ONCE))
def process_inbox(
    inbox: str | None = None,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    stale_claim_minutes: float = DEFAULT_STALE_CLAIM_MINUTES,
    documents_at_once: int = DEFAULT_DOCUMENTS_AT_ONCE,
    cluster: str | None = None,
) -> dict[str, Any]:
    """Process every complete file in the inbox (THIDUA_INBOX by default) and return a summary.

    `<inbox>/<cluster key>/` holds that cluster's files, read with its units and active plans;
    files elsewhere in the inbox are the default cluster's (flows.steps.route_entries).
    `cluster`: only that cluster's files.
    """
    logger = get_run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    settings = Settings.from_env()
    inbox_dir = Path(inbox).expanduser().resolve() if inbox else settings.inbox
    run_id = flow_run.get_id()
    at_once = max(1, min(int(documents_at_once), MAX_DOCUMENTS_AT_ONCE))
    claimer, stale_after = default_claimer(run_id), dt.timedelta(minutes=stale_claim_minutes)
    # processed/, failed/ and review/ may sit inside the inbox when the data folder is the inbox's parent.
    listing = list_complete_files(inbox_dir, settle_seconds, exclude=list(sorted_folders(settings.data_dir).values()))
    routed = route_entries(settings, inbox_dir, listing.complete, cluster)
    total = sum(len(v) for v in routed.by_cluster.values()) + len(routed.unrouted)
    logger.info("%d tệp sẵn sàng, %d tệp đang chép", total, len(listing.waiting))
    _notify("start", total)

    outcomes: list[DocumentOutcome] = []

    def record(batch: list[DocumentOutcome], key: str | None = None) -> None:
        for outcome in batch:
            outcome.cluster = key
            if outcome.outcome in (WAITING, GONE, BUSY):
                logger.info("%s", outcome_line(outcome))
            outcomes.append(outcome)
            _notify("document", total, outcome)

    if routed.unrouted:
        logger.warning("%d tệp không rõ thuộc Cụm nào: %s", len(routed.unrouted), routed.why_unrouted)
        reason = f"không rõ thuộc Cụm nào ({routed.why_unrouted}); hãy đặt tệp vào {inbox_dir}/<mã Cụm>/"
        record([DocumentOutcome(e.path.name, WAITING, reason) for e in routed.unrouted])
    # Every cluster in scope, files or not: its units file is checked and its model retrained.
    for key in routed.keys:
        ctx = prepare_run(settings, claimer, stale_after, key)
        entries = routed.by_cluster.get(key, [])
        if entries and not ctx.plans:
            logger.warning("Cụm %s chưa có kế hoạch nào: báo cáo được lưu nhưng chưa đối chiếu (thidua plan import TỆP --cluster %s).", key, key)
        _process_cluster(entries, ctx, at_once, lambda batch, k=key: record(batch, k))

    # A file another run had (busy) or moved (gone) meanwhile: not "left for the next run" if it left.
    paths = {e.path.name: e.path for e in listing.complete}
    moved_away = {
        o.file for o in outcomes if o.outcome in (BUSY, GONE) and o.file in paths and not paths[o.file].exists()
    } | {p.name for p in listing.waiting if not p.exists()}
    summary = summarize(outcomes, listing.waiting, inbox_dir, started, run_id, listing.symlinks, moved_away)
    markdown = summary_markdown(summary)
    with session_scope(settings) as session:
        session.add(
            FlowRunSummary(started_at=started, finished_at=dt.datetime.now(dt.timezone.utc), summary=summary)
        )
    create_markdown_artifact(markdown, key="process-inbox-summary", description="Kết quả xử lý hộp thư đến")
    for key in routed.keys:
        _learn(settings, logger, key)
    return summary


def _process_cluster(
    entries: list[Any], ctx: RunContext, at_once: int, record: Callable[[list[DocumentOutcome]], None]
) -> None:
    """One cluster's listed files: receive each, claim a few at a time, one task per document."""
    # Receive everything listed; duplicates and files the store refused go straight to tasks.
    to_claim: dict[int, Work] = {}
    later: list[Work] = []  # the same bytes under a second name: a duplicate once the first is done
    for entry in entries:
        got = receive(entry, ctx)
        if isinstance(got, DocumentOutcome):
            record([got])
        elif got.kind == TO_CLAIM and got.source_file is not None and got.source_file.id not in to_claim:
            to_claim[got.source_file.id] = got
        else:
            later.append(got)
    # Claim a few at a time, so runs on other workers take the next files.
    while to_claim:
        ids = claim_batch(ctx, list(to_claim), at_once)
        if not ids:
            break
        claimed = [to_claim.pop(i) for i in ids]
        for work in claimed:
            work.claimed = True
        record(_run_tasks(claimed, ctx, at_once))
    for work in to_claim.values():  # held by other runs
        busy = DocumentOutcome(work.name, BUSY, "một lần chạy khác đang xử lý tệp này")
        busy.source_file_id = work.source_file.id if work.source_file else None
        record([busy])
    record(_run_tasks(later, ctx, 1))


def _learn(settings: Settings, logger: Any, cluster: str) -> None:
    """After the inbox: retrain a cluster's model on its reviewers' decisions (matching/learning.py)."""
    from thidua.cli.learn import learn_from_database
    from thidua.core.errors import ThiduaError

    try:
        with session_scope(settings) as session:
            _path, model = learn_from_database(session, settings, cluster)
    except ThiduaError as exc:
        logger.warning("Không học được từ quyết định của người duyệt: %s", exc)
        return
    if model is not None:
        logger.info("Mô hình học: luật F1 %.3f, mô hình F1 %.3f (%s)", model.rules_f1, model.learned_f1, "dùng" if model.active else "chưa dùng")


if __name__ == "__main__":  # `python -m flows.process_inbox [INBOX]`: one run, summary as JSON
    import json
    import sys

    result = process_inbox(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
