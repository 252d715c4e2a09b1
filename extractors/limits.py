"""Reading limits, checked before a file is parsed: unpacked size, XML size, entries, pages.

A .docx is a zip: its central directory says how big every part unpacks to, and Python's zipfile
never unpacks a part beyond the size it declares (it fails the CRC check instead), so the check
holds even against a zip whose headers lie. Limits come from the settings (docs/settings.md).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from thidua.core.errors import CorruptDocumentError, LimitExceededError
from thidua.core.settings import Settings

_MB = 1024 * 1024
#: Parts a .docx may hold at most (a real report has 10-40; a zip of a million empty files is an attack).
MAX_ZIP_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What reading one document may take: bytes unpacked, pages, seconds, memory."""

    max_unpacked_bytes: int = 256 * _MB
    max_xml_bytes: int = 64 * _MB
    max_pages: int = 500
    timeout_seconds: float = 600.0
    memory_bytes: int = 3072 * _MB

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "ReadLimits":
        """The limits of THIDUA_MAX_UNPACKED_MB, THIDUA_MAX_XML_MB, THIDUA_MAX_PAGES, THIDUA_DOC_TIMEOUT and THIDUA_DOC_MEMORY_MB."""
        s = settings or Settings.from_env()
        return cls(
            max_unpacked_bytes=s.max_unpacked_mb * _MB,
            max_xml_bytes=s.max_xml_mb * _MB,
            max_pages=s.max_pages,
            timeout_seconds=s.doc_timeout,
            memory_bytes=s.doc_memory_mb * _MB,
        )


def _mb(n: int) -> str:
    return f"{n / _MB:,.0f} MB".replace(",", ".")


def check_zip(path: Path, limits: ReadLimits) -> None:
    """Refuse a .docx whose parts unpack beyond the limits, before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        return  # the docx reader names the corruption
    except (OSError, ValueError, EOFError) as exc:
        raise CorruptDocumentError(f"tệp .docx bị hỏng ({type(exc).__name__}: {exc})", path) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise LimitExceededError(
            f"tệp .docx chứa {len(infos)} phần, quá giới hạn {MAX_ZIP_ENTRIES} phần", path, "MAX_ZIP_ENTRIES"
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise LimitExceededError(
            f"tệp .docx khi giải nén chiếm {_mb(total)}, quá giới hạn {_mb(limits.max_unpacked_bytes)} "
            "(THIDUA_MAX_UNPACKED_MB)",
            path,
            "THIDUA_MAX_UNPACKED_MB",
        )
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > limits.max_xml_bytes:
            raise LimitExceededError(
                f"phần {info.filename} của tệp .docx khi giải nén chiếm {_mb(info.file_size)}, quá giới hạn "
                f"{_mb(limits.max_xml_bytes)} (THIDUA_MAX_XML_MB)",
                path,
                "THIDUA_MAX_XML_MB",
            )


def check_pages(pages: int, path: Path, limits: ReadLimits) -> None:
    """Refuse a PDF with more pages than THIDUA_MAX_PAGES, before its pages are read."""
    if pages > limits.max_pages:
        raise LimitExceededError(
            f"tệp PDF có {pages} trang, quá giới hạn {limits.max_pages} trang (THIDUA_MAX_PAGES)",
            path,
            "THIDUA_MAX_PAGES",
        )
