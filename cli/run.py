"""`thidua run [INBOX]` (one run of the inbox flow now) and `thidua serve` (the nightly schedule)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thidua.cli.common import guarded
from thidua.core.errors import ConfigError
from thidua.core.settings import Settings
from thidua.flows.deployments import SERVE_DEPLOYMENT_NAME

#: The nightly schedule: 02:00 in Vietnam, when nobody is dropping files.
NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Ho_Chi_Minh"


def _quiet_prefect() -> None:
    """Offline by default: no telemetry calls; Prefect's own logs only for warnings (unless set).

    Only before Prefect is first imported: later, changing its settings through the environment
    makes it set up logging again (on whatever stderr is current).
    """
    if "prefect" in sys.modules:
        return
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # The ephemeral server's first start on a new machine (Prefect's own database migrations, cold
    # imports) took longer than Prefect's default 20 s in a fresh checkout.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


@guarded
def run(
    inbox: Path = typer.Argument(None, help="Thư mục hộp thư đến (mặc định: THIDUA_INBOX)."),
    settle_seconds: float = typer.Option(
        10.0, "--settle-seconds", help="Chỉ lấy tệp không thay đổi trong ngần ấy giây (tệp đang chép để lần sau)."
    ),
    stale_minutes: float = typer.Option(
        30.0, "--stale-minutes", help="Nhận lại tệp mà một lần chạy đã dừng giữa chừng giữ quá ngần ấy phút."
    ),
    as_json: bool = typer.Option(False, "--json", help="In bản tóm tắt dạng JSON (không in bảng tiến độ)."),
    matrix: bool = typer.Option(True, "--matrix/--no-matrix", help="In bảng tiến độ thực hiện kế hoạch sau khi chạy."),
    cluster: str = typer.Option(
        None, "--cluster", help="Chỉ xử lý hộp thư của Cụm này (<hộp thư>/<mã Cụm>/); mặc định: mọi Cụm."
    ),
) -> None:
    """Process the inbox now (one run of the process-inbox flow), with a progress bar and a summary."""
    if inbox is not None and not inbox.is_dir():
        typer.echo(f"Lỗi: {inbox}: không tìm thấy thư mục hộp thư đến", err=True)
        raise typer.Exit(1)
    # Look for work before starting Prefect's server (8-16 s): a night with nothing new ends at once.
    nothing = _nothing_to_do(inbox, settle_seconds)
    if nothing is not None:
        if as_json:
            typer.echo(json.dumps(nothing, ensure_ascii=False, indent=2, default=str))
        else:
            Console().print(Markdown(_idle_markdown(nothing)))
            if matrix:
                _print_matrix(cluster)
        return
    _quiet_prefect()
    from thidua.flows.process_inbox import add_progress_listener, process_inbox, summary_markdown
    from thidua.flows.reaper import start_reaper

    start_reaper()  # a killed run leaves no Prefect server or tool behind

    console = Console(stderr=as_json)
    with Progress(
        TextColumn("[bold]Đang xử lý"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=as_json,
    ) as progress:
        bar = progress.add_task("đang khởi động Prefect…", total=None)

        def on_progress(event, total, outcome) -> None:  # type: ignore[no-untyped-def]
            if event == "start":
                progress.update(bar, total=total, description="")
            elif outcome is not None:
                progress.update(bar, advance=1, description=f"{outcome.file}: {outcome.outcome}")

        remove = add_progress_listener(on_progress)
        try:
            summary = process_inbox(
                str(inbox.resolve()) if inbox else None, settle_seconds=settle_seconds, stale_claim_minutes=stale_minutes,
                cluster=cluster,
            )
        except RuntimeError as exc:
            if "Prefect" not in str(exc):
                raise
            raise ConfigError(
                f"không khởi động được máy chủ Prefect ({exc}); thử lại, hoặc đặt PREFECT_API_URL tới một máy chủ "
                "Prefect đang chạy (docs/running.md)"
            ) from None
        finally:
            remove()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    console.print(Markdown(summary_markdown(summary)))
    if matrix:
        _print_matrix(cluster)


def _nothing_to_do(inbox: Path | None, settle_seconds: float) -> dict[str, object] | None:
    """A summary without starting Prefect when no inbox file is ready (None when one is)."""
    import datetime as dt

    from thidua.inbox import list_complete_files, sorted_folders

    settings = Settings.from_env()
    folder = inbox.resolve() if inbox else settings.inbox
    started = dt.datetime.now(dt.timezone.utc)
    listing = list_complete_files(folder, settle_seconds, exclude=list(sorted_folders(settings.data_dir).values()))
    if listing.complete:
        return None
    return {
        "flow_run_id": None,
        "inbox": str(folder),
        "started_at": started.isoformat(timespec="seconds"),
        "files_seen": len(listing.waiting),
        "processed": 0,
        "left_in_inbox": sorted(p.name for p in listing.waiting),
        "symlinks": sorted(str(p.relative_to(folder)) for p in listing.symlinks),
        "prefect_started": False,
    }


def _idle_markdown(summary: dict[str, object]) -> str:
    """The short summary of a run that found nothing ready, in Vietnamese."""
    lines = ["# Kết quả xử lý hộp thư đến", "", f"Thư mục: `{summary['inbox']}`: không có tệp mới nào sẵn sàng."]
    for title, key in (
        ("Để lại cho lần chạy sau (đang chép)", "left_in_inbox"),
        ("Liên kết tượng trưng (symlink) bị bỏ qua: hãy chép chính tệp vào hộp thư", "symlinks"),
    ):
        names = summary[key]
        if isinstance(names, list) and names:
            lines += ["", f"## {title}", ""] + [f"- `{n}`" for n in names]
    return "\n".join(lines) + "\n"


def _print_matrix(cluster: str | None = None) -> None:
    """The completion matrix of `thidua status` of the cluster (of each cluster), when it has a plan."""
    from thidua.cli.status import status
    from thidua.models.clusters import list_clusters
    from thidua.models.db import session_scope

    if cluster is None:
        with session_scope() as session:
            keys = [(c.key, c.name) for c in list_clusters(session)]
    else:
        keys = [(cluster, "")]
    for key, name in keys:
        typer.echo("")
        if len(keys) > 1:
            typer.echo(f"{name} ({key})")
        try:
            status(unit=None, year=None, as_of=None, as_json=False, cluster=key)
        except typer.Exit:
            pass  # status already said why (e.g. no plan imported yet)


@contextlib.contextmanager
def _scheduling_server(data_dir: Path) -> Iterator[str]:
    """The Prefect API to serve on: PREFECT_API_URL when set, else a local server started here.

    Prefect's ephemeral mode runs no scheduler, so a schedule served on it never fires. Without a
    configured server, `thidua serve` starts `prefect server start` on 127.0.0.1 (its database a
    SQLite file in the data folder) for as long as it runs.
    """
    configured = os.environ.get("PREFECT_API_URL", "").strip()
    if configured:
        yield configured
        return
    port = _free_port(4200)
    env = dict(os.environ)
    env.setdefault("PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{data_dir / 'prefect.db'}")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = env.get("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(data_dir / "prefect-server.log", "ab")
    prefect_cmd = Path(sys.executable).with_name("prefect")
    cmd = [str(prefect_cmd), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise ConfigError(f"không khởi động được máy chủ Prefect (xem {data_dir / 'prefect-server.log'})")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ConfigError(f"máy chủ Prefect không trả lời sau 180 giây (xem {data_dir / 'prefect-server.log'})")
            time.sleep(1)
        typer.echo(f"Máy chủ Prefect cục bộ: http://127.0.0.1:{port} (nhật ký: {data_dir / 'prefect-server.log'})")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])


@guarded
def serve(
    inbox: Path = typer.Argument(None, help="Thư mục hộp thư đến (mặc định: THIDUA_INBOX)."),
    cron: str = typer.Option(NIGHTLY_CRON, "--cron", help="Lịch chạy (cú pháp cron)."),
    timezone: str = typer.Option(TIMEZONE, "--timezone", help="Múi giờ của lịch chạy."),
    name: str = typer.Option(SERVE_DEPLOYMENT_NAME, "--name", help="Tên bản triển khai (không bao giờ ghi đè bản chạy trên work pool)."),
) -> None:
    """Run the process-inbox flow on a schedule (every night at 02:00 Asia/Ho_Chi_Minh) until stopped."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    settings = Settings.from_env()
    from thidua.flows.reaper import start_reaper

    start_reaper()  # a killed `thidua serve` leaves no Prefect server behind
    with _scheduling_server(settings.data_dir) as api_url:
        # Set before Prefect is imported, so the flow and its runs talk to that server.
        os.environ["PREFECT_API_URL"] = api_url
        from prefect.schedules import Cron

        from thidua.flows.deployments import check_serve_deployment
        from thidua.flows.process_inbox import FLOW_NAME, process_inbox

        check_serve_deployment(FLOW_NAME, name)
        typer.echo(f"Chạy luồng process-inbox theo lịch '{cron}' ({timezone}); dừng bằng Ctrl+C.")
        process_inbox.serve(
            name=name,
            schedules=[Cron(cron, timezone=timezone)],
            parameters={"inbox": str(inbox.resolve())} if inbox else {},
            # Without this, stopping the process (a reboot, a restart) pauses the nightly schedule.
            pause_on_shutdown=False,
        )
