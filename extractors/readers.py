"""Pick the reader for a file by its content (not its name) and return a Document."""

from __future__ import annotations

import zipfile
from pathlib import Path

from thidua.core.document import Document
from thidua.core.errors import MissingFileError, UnsupportedFormatError
from thidua.extractors.limits import ReadLimits, check_zip

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word .doc (and encrypted .docx)

#: File endings the inbox accepts; anything else is rejected by content anyway.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".pdf")


def sniff_format(path: Path) -> str:
    """Return "docx", "doc" or "pdf" from the file's first bytes; raise for anything else."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError("không tìm thấy tệp", path)
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head:
        raise UnsupportedFormatError("tệp rỗng (0 byte)", path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                if any(n.startswith("word/") for n in z.namelist()):
                    return "docx"
        except zipfile.BadZipFile:
            if path.suffix.lower() == ".docx":
                return "docx"  # let the docx reader report the corruption
        raise UnsupportedFormatError("tệp zip không phải văn bản Word (.docx)", path)
    if head.lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFormatError("tệp RTF chưa được hỗ trợ; hãy lưu lại dưới dạng .docx", path)
    raise UnsupportedFormatError(
        "không phải văn bản Word (.docx, .doc) hoặc PDF", path
    )


def read_document(path: Path | str, limits: ReadLimits | None = None) -> Document:
    """Read any supported file into a Document (Word, legacy Word, text PDF, scanned PDF).

    The size limits (`limits`, by default those of the settings) are checked before parsing;
    a file over one raises LimitExceededError naming it. Time and memory are limited by running
    the reader in its own process: extractors.sandbox.read_limited.
    """
    path = Path(path)
    limits = limits or ReadLimits.from_settings()
    kind = sniff_format(path)
    if kind == "docx":
        from thidua.extractors.docx_reader import read_docx

        check_zip(path, limits)
        doc = read_docx(path)
    elif kind == "doc":
        from thidua.extractors.doc_reader import read_doc

        doc = read_doc(path, limits)
    else:
        from thidua.extractors.pdf_reader import read_pdf

        doc = read_pdf(path, max_pages=limits.max_pages)
        if not any(b.text.strip() for b in doc.blocks):
            from thidua.extractors.ocr import read_scanned_pdf

            doc = read_scanned_pdf(path)
    from thidua.extractors.legacy import fix_legacy_encoding

    return fix_legacy_encoding(doc)
