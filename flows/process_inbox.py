"""The Prefect flow `process-inbox`: list the complete inbox files, one task per document, a summary.

The flow only wires the stages (see flows/steps.py for the order). Retries apply to transient
faults only (a database or store that is unavailable: errors with `transient=True` or a lost
database connection); a corrupt file is never retried, it goes to failed/ at once. Two runs at
once (two workers, or `thidua run` beside the nightly run) never process the same file twice:
each file is claimed in the database before it is read.
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
    DocumentOutcome,
    RunContext,
    default_claimer,
    handle_document,
    prepare_run,
)
from thidua.inbox import InboxEntry, list_complete_files, sorted_folders
from thidua.models.db import session_scope
from thidua.core.settings import Settings
from thidua.models.tables import FlowRunSummary

FLOW_NAME = "process-inbox"
#: Seconds a file must stay unchanged before it is taken (a copy in progress keeps changing it).
DEFAULT_SETTLE_SECONDS = 10.0
#: Minutes after which the claim of a run that died is taken over.
DEFAULT_STALE_CLAIM_MINUTES = 30.0

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


@task(
    name="process-document",
    task_run_name="{entry.path.name}",
    retries=3,
    retry_delay_seconds=[2, 10, 30],
    retry_condition_fn=is_transient_failure,
    cache_policy=NO_CACHE,
)
def process_document(entry: InboxEntry, ctx: RunContext) -> DocumentOutcome:
    """One inbox document through the stages (flows.steps.handle_document)."""
    return handle_document(entry, ctx)


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
    }


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
    if summary["items_now_done"]:
        lines += ["", "## Nhiệm vụ mới hoàn thành", ""]
        lines += [f"- {d['unit']} ({d['year']}): {', '.join(d['items'])}" for d in summary["items_now_done"]]
    return "\n".join(lines) + "\n"


@flow(name=FLOW_NAME)
def process_inbox(
    inbox: str | None = None,
    settle_seconds: float = DEFAULT_SETTLE_SECONDS,
    stale_claim_minutes: float = DEFAULT_STALE_CLAIM_MINUTES,
) -> dict[str, Any]:
    """Process every complete file in the inbox (THIDUA_INBOX by default) and return a summary."""
    logger = get_run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    settings = Settings.from_env()
    inbox_dir = Path(inbox).expanduser().resolve() if inbox else settings.inbox
    run_id = flow_run.get_id()
    ctx = prepare_run(settings, default_claimer(run_id), dt.timedelta(minutes=stale_claim_minutes))
    if not ctx.plans:
        logger.warning("Chưa có kế hoạch nào: báo cáo được lưu nhưng chưa đối chiếu (thidua plan import TỆP).")
    # processed/, failed/ and review/ may sit inside the inbox when the data folder is the inbox's parent.
    listing = list_complete_files(inbox_dir, settle_seconds, exclude=list(sorted_folders(settings.data_dir).values()))
    logger.info("%d tệp sẵn sàng, %d tệp đang chép", len(listing.complete), len(listing.waiting))
    _notify("start", len(listing.complete))

    outcomes: list[DocumentOutcome] = []
    for entry in listing.complete:
        t0 = time.perf_counter()
        state = process_document(entry, ctx, return_state=True)
        if state.is_completed():
            outcome = state.result()
        else:  # retries exhausted on a transient fault: the file stays in the inbox
            exc = state.result(raise_on_failure=False)
            reason = getattr(exc, "reason", None) or str(exc)
            outcome = DocumentOutcome(entry.path.name, DEFERRED, reason, seconds=round(time.perf_counter() - t0, 3))
        outcomes.append(outcome)
        _notify("document", len(listing.complete), outcome)

    # A file another run had (busy) or moved (gone) meanwhile: not "left for the next run" if it left.
    moved_away = {
        entry.path.name
        for entry, o in zip(listing.complete, outcomes)
        if o.outcome in (BUSY, GONE) and not entry.path.exists()
    } | {p.name for p in listing.waiting if not p.exists()}
    summary = summarize(outcomes, listing.waiting, inbox_dir, started, run_id, listing.symlinks, moved_away)
    markdown = summary_markdown(summary)
    with session_scope(settings) as session:
        session.add(
            FlowRunSummary(started_at=started, finished_at=dt.datetime.now(dt.timezone.utc), summary=summary)
        )
    create_markdown_artifact(markdown, key="process-inbox-summary", description="Kết quả xử lý hộp thư đến")
    return summary


if __name__ == "__main__":  # `python -m flows.process_inbox [INBOX]`: one run, summary as JSON
    import json
    import sys

    result = process_inbox(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
