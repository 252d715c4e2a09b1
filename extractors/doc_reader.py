"""Read a legacy Word .doc: convert it to .docx with LibreOffice (headless), then read that."""

from __future__ import annotations

import olefile

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from thidua.core.document import Document, SourceFormat
from thidua.core.errors import CorruptDocumentError, EncryptedDocumentError, MissingToolError

from thidua.core.settings import Settings
from thidua.extractors.limits import ReadLimits, check_zip
from thidua.extractors.processes import run_tool

_INSTALL_HINT = (
    "chưa cài LibreOffice nên không đọc được tệp Word .doc cũ; hãy cài đặt "
    "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) hoặc lưu lại tệp dưới dạng .docx"
)


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, limits: ReadLimits | None = None) -> Document:
    """Read a Word 97-2003 file through LibreOffice; raise a DocumentError naming the cause.

    LibreOffice gets THIDUA_SOFFICE_TIMEOUT seconds (its first start in a fresh profile takes
    ~3 s); it runs in its own process group, ended as a whole on a timeout.
    """
    path = Path(path)
    timeout = Settings.from_env().soffice_timeout
    soffice = soffice_path()
    if soffice is None:
        raise MissingToolError(_INSTALL_HINT, path, tool="libreoffice")
    _check_ole(path)
    with tempfile.TemporaryDirectory(prefix="thidua-doc-") as tmp:
        tmpdir = Path(tmp)
        # A simple name: LibreOffice names the output after the input, and odd names trip it up.
        src = tmpdir / "input.doc"
        shutil.copyfile(path, src)
        # Its own profile per conversion, so parallel runs (Prefect workers) never share a lock.
        profile = (tmpdir / "profile").as_uri()
        cmd = [
            soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmpdir / "out"), str(src),
        ]
        try:
            proc = run_tool(cmd, timeout, env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise CorruptDocumentError(
                f"LibreOffice không chuyển đổi được tệp .doc trong {timeout:g} giây (THIDUA_SOFFICE_TIMEOUT)", path
            ) from None
        except OSError as exc:
            raise MissingToolError(f"{_INSTALL_HINT} ({exc})", path, tool="libreoffice") from None
        out = tmpdir / "out" / "input.docx"
        if not out.is_file() or out.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise CorruptDocumentError(
                "tệp Word .doc bị hỏng hoặc không đọc được"
                + (f" (LibreOffice: {detail[-1][:200]})" if detail else ""),
                path,
            )
        from thidua.extractors.docx_reader import read_docx

        check_zip(out, limits or ReadLimits.from_settings())
        doc = read_docx(out, SourceFormat.DOC)
    doc.source = path.name
    return doc


def _check_ole(path: Path) -> None:
    """Refuse password-protected and broken .doc files before LibreOffice sees them.

    LibreOffice headless does not fail on an encrypted .doc: it waits for a password or writes
    an empty file. The Word binary header (FIB) says so: bit 0x0100 of its flags is fEncrypted.
    """
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise CorruptDocumentError("tệp .doc không phải văn bản Word 97-2003 hợp lệ", path)
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                raise EncryptedDocumentError("tệp Word được đặt mật khẩu", path)
            if not ole.exists("WordDocument"):
                raise CorruptDocumentError("tệp OLE không chứa văn bản Word (thiếu luồng WordDocument)", path)
            fib = ole.openstream("WordDocument").read(12)
    except (EncryptedDocumentError, CorruptDocumentError):
        raise
    except Exception as exc:  # olefile raises plain OSError/struct errors on broken containers
        raise CorruptDocumentError(f"tệp .doc bị hỏng ({type(exc).__name__}: {exc})", path) from None
    if len(fib) >= 12 and int.from_bytes(fib[10:12], "little") & 0x0100:
        raise EncryptedDocumentError("tệp Word .doc được đặt mật khẩu", path)
