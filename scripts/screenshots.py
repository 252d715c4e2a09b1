"""Screenshots of the review page's main pages for docs/review.md (`make screenshots`).

Builds a fresh database in a temporary folder from the bundled samples the way a secretariat
does (`thidua plan import`, every sample report through `thidua run`, `thidua user add`), makes
a few decisions in the browser so the matrix and the history show reviewers' work, then takes
the pictures with Debian chromium through Playwright: 1366×768 for the desktop pages, 390×844
for two phone pages. PNG files go to docs/img/ (each checked to stay under 300 KB).

    .venv/bin/python scripts/screenshots.py [--out docs/img] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
PLAN = SAMPLES / "plan" / "ke_hoach_cum_thi_dua_2022.docx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PASSWORD = "anh-chup-man-hinh-1"
MAX_BYTES = 300_000
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _thidua(*args: str) -> None:
    exe = Path(sys.executable).with_name("thidua")
    subprocess.run([str(exe), *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def use_data_folder(data: Path) -> None:
    """Point every setting at a data folder of its own (the database is a SQLite file in it)."""
    os.environ.update(
        {
            "THIDUA_DATA_DIR": str(data),
            "THIDUA_DATABASE_URL": f"sqlite:///{data / 'thidua.db'}",
            "THIDUA_INBOX": str(data / "inbox"),
            "THIDUA_UNITS_FILE": str(SAMPLES / "units.toml"),
            "THIDUA_SECRET_KEY": "screenshots",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
    )


def build_database(data: Path) -> None:
    """The plan, every sample report through the pipeline, two reviewers: as `make demo` does."""
    inbox = data / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for f in sorted((SAMPLES / "reports").iterdir()):
        if f.suffix in (".docx", ".doc", ".pdf"):
            shutil.copy(f, inbox / f.name)
    _thidua("plan", "import", str(PLAN))
    print(f"Đang xử lý {len(list(inbox.iterdir()))} báo cáo mẫu…", flush=True)
    _thidua("run", str(inbox), "--settle-seconds", "0", "--no-matrix")
    _thidua("user", "add", "lan", "--password", PASSWORD)
    _thidua("user", "add", "quantri", "--password", PASSWORD, "--role", "admin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ids() -> dict[str, str | None]:
    """Entries worth a picture (as `id` or `id?item=code`): tasks of a year-end Word report (the
    matrix shows the latest period), a scanned task, a proposal; and that report's id."""
    from sqlalchemy import select

    from thidua.core.settings import Settings
    from thidua.models.db import session_scope
    from thidua.models.tables import Finding, Match, PlanItem, Report

    with session_scope(Settings.from_env()) as s:
        current = (Report.is_current.is_(True), Finding.kind == "task")
        year_end = s.execute(
            select(Finding.id, PlanItem.code, Report.id)
            .join(Report, Finding.report_id == Report.id).join(Match, Match.finding_id == Finding.id)
            .join(PlanItem, Match.plan_item_id == PlanItem.id)
            .where(*current, Report.period_kind == "Y", Report.source_format == "docx")
            .order_by(Match.score.desc()).limit(2)
        ).all()
        scan = s.scalar(
            select(Finding.id).join(Report, Finding.report_id == Report.id).join(Match, Match.finding_id == Finding.id)
            .where(*current, Report.source_format == "scan").order_by(Match.score.desc()).limit(1)
        )
        figures = select(Finding).join(Report, Finding.report_id == Report.id).where(Report.is_current.is_(True), Finding.kind == "figure")
        proposal = next((f for f in s.scalars(figures) if (f.extra or {}).get("proposed")), None)
        refs = [f"{fid}?item={code}" for fid, code, _ in year_end]
        return {
            "accept": refs[0] if refs else None,
            "change": refs[1] if len(refs) > 1 else None,
            "scan": str(scan) if scan else None,
            "proposal": str(proposal.id) if proposal else None,
            "report": str(year_end[0][2]) if year_end else None,
        }


def _small_png(path: Path) -> None:
    """Keep a screenshot small: 256 colours are plenty for a page of text (Pillow)."""
    from PIL import Image

    with Image.open(path) as img:
        img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def take(out: Path) -> list[Path]:
    """Serve the page, decide a little, and photograph the main pages."""
    import uvicorn
    from playwright.sync_api import sync_playwright

    from thidua.core.settings import Settings
    from thidua.review.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings.from_env()), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    ids = _ids()
    shots: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(viewport=DESKTOP, locale="vi-VN")
            page = ctx.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "lan")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/queue")

            # Reviewers' work for the matrix and the history: accept one entry, change another.
            if ids["accept"]:
                page.goto(f"{base}/findings/{ids['accept']}")
                with page.expect_navigation():
                    page.keyboard.press("a")
            if ids["change"]:
                page.goto(f"{base}/findings/{ids['change']}")
                current = page.eval_on_selector("select[name=status]", "s => s.selectedIndex")
                page.keyboard.press("2" if current != 1 else "1")  # another status than the machine's
                with page.expect_navigation():
                    page.keyboard.press("s")

            def shot(name: str, path: str, selector: str | None = None) -> None:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if selector and page.locator(selector).count():
                    page.locator(selector).first.scroll_into_view_if_needed()
                else:
                    page.evaluate("window.scrollTo(0, 0)")  # the finding page scrolls to the found span
                target = out / f"review-{name}.png"
                page.screenshot(path=str(target))
                _small_png(target)
                shots.append(target)

            shot("queue", "/queue")
            if ids["change"]:
                shot("finding", f"/findings/{ids['change']}")
            if ids["scan"]:
                shot("finding-scan", f"/findings/{ids['scan']}", "#found, .hl-box")
            if ids["proposal"]:
                shot("proposal", f"/findings/{ids['proposal']}")
            shot("matrix", "/matrix", "td.cell.src-changed")
            if ids["report"]:
                shot("report", f"/reports/{ids['report']}")
            shot("history", "/history")
            shot("scores", "/scores")
            ctx.close()

            phone = browser.new_context(viewport=PHONE, locale="vi-VN", storage_state=None)
            page = phone.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "lan")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/queue")
            shot("phone-queue", "/queue")
            if ids["change"]:
                shot("phone-finding", f"/findings/{ids['change']}")
            phone.close()
            browser.close()
    finally:
        server.should_exit = True
    return shots


def main() -> int:
    """Build the database, take the pictures, check their size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNG files")
    parser.add_argument(
        "--keep", type=Path, default=None,
        help="keep the database in this folder, and reuse it when it is there (default: a temporary folder)",
    )
    args = parser.parse_args()
    data = args.keep or Path(tempfile.mkdtemp(prefix="thidua-shots-"))
    use_data_folder(data)
    try:
        if not (data / "thidua.db").exists():
            build_database(data)
        shots = take(args.out)
    finally:
        if args.keep is None:
            shutil.rmtree(data, ignore_errors=True)
    too_big = [p for p in shots if p.stat().st_size > MAX_BYTES]
    for p in shots:
        print(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}: {p.stat().st_size // 1024} KB")
    if too_big:
        print("Ảnh quá 300 KB: " + ", ".join(p.name for p in too_big), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
