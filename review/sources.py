"""The original text around a finding, read from the kept original, with the found span marked."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thidua.core.document import Document, Paragraph, Table
from thidua.core.errors import ThiduaError
from thidua.models.originals import original_path
from thidua.models.tables import Finding

_lock = threading.Lock()


@dataclass(slots=True)
class SourceExcerpt:
    """What the reviewer reads: where the text is, the text split around the highlight, context."""

    file_name: str
    format: str = ""
    #: Vietnamese description of the place: "Trang 2 · đoạn 14", "Bảng (khối 18) · hàng 3, cột 2".
    location: str = ""
    page: int | None = None
    before: str = ""
    highlight: str = ""
    after: str = ""
    context_before: list[str] = field(default_factory=list)
    context_after: list[str] = field(default_factory=list)
    #: Set when the original could not be read or the span no longer fits it.
    warning: str | None = None


@functools.lru_cache(maxsize=32)
def _read_cached(path: str, _mtime: float, _size: int) -> Document:
    from thidua.extractors.readers import read_document

    return read_document(Path(path))


def read_original(path: str | Path) -> Document:
    """Read a kept original once per process (cached by path, size and modification time)."""
    p = Path(path)
    st = p.stat()
    with _lock:  # OCR and LibreOffice are expensive: never read the same file twice at once
        return _read_cached(str(p), st.st_mtime, st.st_size)


def _distinct(texts: Iterable[str]) -> list[str]:
    # A merged cell repeats its text in every grid position it covers: show it once.
    out: list[str] = []
    for text in texts:
        if text.strip() and (not out or out[-1] != text):
            out.append(text)
    return out


def _split(text: str, start: int | None, end: int | None, found: str) -> tuple[str, str, str] | None:
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return text[:start], text[start:end], text[end:]
    if found and found in text:
        i = text.index(found)
        return text[:i], found, text[i + len(found) :]
    return None


def excerpt_for(finding: Finding) -> SourceExcerpt:
    """The source excerpt of a finding; falls back to the finding's own text with a warning."""
    source = finding.report.source_file
    out = SourceExcerpt(file_name=source.original_name, format=finding.report.source_format or "")
    fallback = (finding.text or "").strip()
    try:
        doc = read_original(original_path(source.stored_path))
    except (OSError, ThiduaError) as exc:
        out.highlight = fallback
        out.warning = f"Không đọc được bản gốc ({getattr(exc, 'reason', exc)}); chỉ hiện câu máy đã trích."
        return out
    out.format = str(doc.format)
    if finding.block is None or not 0 <= finding.block < len(doc.blocks):
        out.highlight = fallback
        out.warning = "Vị trí trong bản gốc không còn khớp; chỉ hiện câu máy đã trích."
        return out
    block = doc.blocks[finding.block]
    out.page = finding.page if finding.page is not None else block.page
    where = [f"Trang {out.page}"] if out.page is not None else []
    if isinstance(block, Table) and finding.row is not None and finding.col is not None:
        try:
            cell = block.cell(finding.row, finding.col)
        except IndexError:
            cell = None
        if cell is not None:
            where.append(f"bảng (khối {block.index}) · hàng {finding.row + 1}, cột {finding.col + 1}")
            text = cell.text
            row_cells = _distinct(c.text for i, c in enumerate(block.rows[finding.row]) if i != finding.col)
            header = _distinct(c.text for c in block.rows[0]) if finding.row > 0 else []
            if header:
                out.context_before.append("Tiêu đề bảng: " + " | ".join(header))
            if row_cells:
                out.context_after.append("Cùng hàng: " + " | ".join(row_cells))
        else:
            text = block.text
    else:
        kind = "bảng" if isinstance(block, Table) else "đoạn"
        where.append(f"{kind} {block.index + 1}")
        text = block.text
        if isinstance(block, Paragraph):
            prev = [b for b in doc.blocks[max(0, block.index - 2) : block.index] if isinstance(b, Paragraph)]
            nxt = [b for b in doc.blocks[block.index + 1 : block.index + 3] if isinstance(b, Paragraph)]
            out.context_before = [b.text for b in prev if b.text.strip()]
            out.context_after = [b.text for b in nxt if b.text.strip()]
    out.location = " · ".join(where)
    parts = _split(text, finding.span_start, finding.span_end, fallback)
    if parts is None:
        out.before, out.highlight, out.after = text, "", ""
        out.warning = "Không tìm thấy đúng đoạn máy đã trích trong bản gốc; hiện cả khối."
    else:
        out.before, out.highlight, out.after = parts
    return out
