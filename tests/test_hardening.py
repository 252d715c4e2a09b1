"""Hostile and odd inputs: reading limits, timeouts that end their tools, settings, attempts, symlinks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from thidua.core.document import Span
from thidua.core.errors import (
    ConfigError,
    DocumentTimeoutError,
    EncryptedDocumentError,
    LimitExceededError,
)
from thidua.core.findings import Findings, Located
from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.extractors import sandbox
from thidua.extractors.limits import ReadLimits
from thidua.extractors.readers import read_document
from thidua.inbox import list_complete_files
from thidua.models.db import session_scope
from thidua.models.plans import register_source_file
from thidua.models.results import claim_attempts, claim_source_file, finish_source_file, release_claim, review_reason
from tests.conftest import ROOT, SAMPLE_DOCS

REPORTS = SAMPLE_DOCS / "reports"
DOCX = REPORTS / "hoa_an_6m_2022.docx"
DOC = REPORTS / "bao_lam_q1_2022.doc"
PDF = SAMPLE_DOCS / "plan" / "ke_hoach_cum_thi_dua_2022.pdf"
_MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _fresh_reader():
    """Each test starts and ends without a reader process of an earlier environment."""
    sandbox.shutdown()
    yield
    sandbox.shutdown()


def _with_part(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """A copy of a .docx with one part replaced (compressed: a few KB on disk)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item.filename))
    return dst


def _fake_tool(bindir: Path, name: str, seconds: int) -> None:
    """A tool that never finishes and starts a child of its own (as soffice starts soffice.bin)."""
    bindir.mkdir(exist_ok=True)
    script = bindir / name
    script.write_text(f"#!/bin/sh\nsleep {seconds} &\nwait\n")
    script.chmod(0o755)


def _processes(pattern: str) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if pattern in line and "ps -eo" not in line]


def test_xml_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = _with_part(DOCX, tmp_path / "bomb.docx", "word/document.xml", b"<w:document " + b" " * (3 * _MB) + b"/>")
    assert bomb.stat().st_size < 200_000
    with pytest.raises(LimitExceededError) as err:
        read_document(bomb, ReadLimits(max_xml_bytes=2 * _MB))
    assert "word/document.xml" in err.value.reason and "THIDUA_MAX_XML_MB" in err.value.reason
    with pytest.raises(LimitExceededError) as err:
        read_document(bomb, ReadLimits(max_unpacked_bytes=2 * _MB))
    assert "THIDUA_MAX_UNPACKED_MB" in err.value.reason
    assert read_document(DOCX, ReadLimits(max_xml_bytes=2 * _MB)).blocks  # a real report passes


def test_too_many_pages_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LimitExceededError) as err:
        read_document(PDF, ReadLimits(max_pages=1))
    assert "THIDUA_MAX_PAGES" in err.value.reason


def test_encrypted_pdf_says_it_needs_a_password(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PDF)
    writer.encrypt("mat-khau")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    with pytest.raises(EncryptedDocumentError) as err:
        read_document(locked)
    assert "mật khẩu" in err.value.reason and "Pdfminer" not in str(err.value)


def test_reader_process_gives_the_same_document() -> None:
    direct = read_document(DOCX)
    limited = sandbox.read_limited(DOCX)
    assert [b.text for b in limited.blocks] == [b.text for b in direct.blocks]


def test_reader_process_passes_errors_through(tmp_path: Path) -> None:
    bomb = _with_part(DOCX, tmp_path / "bomb.docx", "word/document.xml", b"<x " + b" " * (3 * _MB) + b"/>")
    with pytest.raises(LimitExceededError) as err:
        sandbox.read_limited(bomb, ReadLimits(max_xml_bytes=1 * _MB))
    assert err.value.path == str(bomb) and err.value.limit == "THIDUA_MAX_XML_MB"


def test_memory_cap_fails_the_file_not_the_run(tmp_path: Path) -> None:
    # 40 MB of XML needs far more than 300 MB of address space once parsed (and imports).
    big = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
    big += b"<w:p><w:r><w:t>chu</w:t></w:r></w:p>" * 1_200_000 + b"</w:body></w:document>"
    heavy = _with_part(DOCX, tmp_path / "heavy.docx", "word/document.xml", big)
    with pytest.raises(LimitExceededError) as err:
        sandbox.read_limited(heavy, ReadLimits(memory_bytes=300 * _MB))
    assert "THIDUA_DOC_MEMORY_MB" in err.value.reason
    assert sandbox.read_limited(DOCX).blocks  # the next file gets a fresh reader


def test_timeout_ends_the_tool_and_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bindir = tmp_path / "bin"
    _fake_tool(bindir, "soffice", 307)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    started = time.monotonic()
    with pytest.raises(DocumentTimeoutError) as err:
        sandbox.read_limited(DOC, ReadLimits(timeout_seconds=2))
    assert time.monotonic() - started < 15
    assert "THIDUA_DOC_TIMEOUT" in err.value.reason
    time.sleep(0.5)
    assert _processes("sleep 307") == []


def test_kill_9_of_the_run_leaves_no_tool_behind(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    _fake_tool(bindir, "soffice", 311)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    code = f"from thidua.extractors.sandbox import read_limited; read_limited({str(DOC)!r})"
    run = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _processes("sleep 311"):
        time.sleep(0.1)
    assert _processes("sleep 311"), "the fake LibreOffice never started"
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (_processes("sleep 311") or _processes("thidua.extractors.sandbox 3")):
        time.sleep(0.2)
    assert _processes("sleep 311") == []


def test_bad_setting_is_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_MATCH_THRESHOLD", "abc")
    with pytest.raises(ConfigError) as err:
        Settings.from_env()
    assert "THIDUA_MATCH_THRESHOLD" in err.value.reason and "\n" not in err.value.reason
    monkeypatch.setenv("THIDUA_MATCH_THRESHOLD", "1.5")
    with pytest.raises(ConfigError, match="THIDUA_MATCH_THRESHOLD"):
        Settings.from_env()
    monkeypatch.setenv("THIDUA_MATCH_THRESHOLD", "0.6")
    monkeypatch.setenv("THIDUA_DOC_TIMEOUT", "-1")
    with pytest.raises(ConfigError, match="THIDUA_DOC_TIMEOUT"):
        Settings.from_env()


def test_bad_setting_stops_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "THIDUA_MATCH_THRESHOLD": "abc", "THIDUA_DATA_DIR": str(tmp_path)}
    thidua = Path(sys.executable).with_name("thidua")
    proc = subprocess.run([str(thidua), "status"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "THIDUA_MATCH_THRESHOLD" in lines[0], proc.stderr


def test_report_without_period_needs_review() -> None:
    units = load_units(SAMPLE_DOCS / "units.toml")
    span = Span(0, 0, 5)
    name = units[0].name
    findings = Findings(source="x.docx", format="docx", unit=Located(name, span, 0.9, name))
    reason = review_reason(findings, units)
    assert reason is not None and "kỳ báo cáo" in reason


def test_attempts_count_unfinished_claims(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "a.docx"
    shutil.copy(DOCX, src)
    with session_scope(settings) as s:
        sf = register_source_file(s, src, settings.originals_dir)
    for n in (1, 2):  # two runs took it and died (or timed out)
        with session_scope(settings) as s:
            assert claim_source_file(s, sf.sha256, f"run-{n}", dt.timedelta(0))
        with session_scope(settings) as s:
            assert claim_attempts(s, sf.id) == n
    with session_scope(settings) as s:
        release_claim(s, sf.id, "run-2")  # a transient fault: does not count
        assert claim_attempts(s, sf.id) == 1
    with session_scope(settings) as s:
        assert claim_source_file(s, sf.sha256, "run-3")
    with session_scope(settings) as s:
        assert finish_source_file(s, sf.id, "run-3", "failed", "x")
        assert claim_attempts(s, sf.id) == 0  # dropped again after a fix: a fresh start


def test_symlinks_are_listed_not_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(DOCX, outside / "r.docx")
    shutil.copy(DOCX, inbox / "real.docx")
    (inbox / "link.docx").symlink_to(outside / "r.docx")
    (inbox / "folder").symlink_to(outside)
    old = time.time() - 120
    os.utime(inbox / "real.docx", (old, old))
    listing = list_complete_files(inbox, settle_seconds=10)
    assert [e.path.name for e in listing.complete] == ["real.docx"]
    assert sorted(p.name for p in listing.symlinks) == ["folder", "link.docx"]
