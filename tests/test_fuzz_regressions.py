"""The readers' contract under the mutations of `make fuzz` (scripts/fuzz_readers.py), built here.

A mutated file gives findings, or a ThiduaError whose reason is Vietnamese and names its cause;
never another exception. Each crash found is added below, built in the test: `grid_span_huge`
(a forged w:gridSpan of 10^11: python-docx listed the cell once per spanned column until the
memory ran out; found by this file's first run, fixed by docx_reader.MAX_GRID_COLUMNS).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from thidua.core.errors import DocumentTimeoutError, ThiduaError
from thidua.core.findings import Findings
from thidua.core.settings import Settings
from thidua.core.units import load_units
from thidua.extractors.readers import read_document
from thidua.extractors.report import extract_findings

REPORTS = Path(__file__).resolve().parents[1] / "sample_docs" / "reports"
DOCX = REPORTS / "bao_lac_6m_2022.docx"
PDF = REPORTS / "ha_quang_q1_2022.pdf"


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """A copy of a .docx with every part passed through change(name, content) (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = change(info.filename, zin.read(info.filename))
            if content is not None:
                zout.writestr(info.filename, content)
    return out.getvalue()


def _part(name: str, edit: Callable[[bytes], bytes | None]) -> Callable[[bytes], bytes]:
    return lambda data: _rezip(data, lambda n, c: edit(c) if n == name else c)


def _first_object(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    m = re.search(rb"\d+\s+\d+\s+obj\b.*?endobj", data, re.S)
    assert m, "the sample PDF has objects"
    return data[: m.start()] + edit(m.group(0)) + data[m.end() :]


def _stream_object(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    m = re.search(rb"\d+\s+\d+\s+obj\b(?:(?!endobj).)*?/Length\s+\d+.*?endobj", data, re.S)
    assert m, "the sample PDF has a stream"
    return data[: m.start()] + edit(m.group(0)) + data[m.end() :]


DOCX_MUTATIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda d: d[: len(d) // 2],
    "byte_flipped_mid_zip": lambda d: d[: len(d) // 2] + bytes([d[len(d) // 2] ^ 0xFF]) + d[len(d) // 2 + 1 :],
    "document_xml_dropped": _part("word/document.xml", lambda c: None),
    "content_types_dropped": _part("[Content_Types].xml", lambda c: None),
    "styles_dropped": _part("word/styles.xml", lambda c: None),
    "document_xml_cut": _part("word/document.xml", lambda c: c[: len(c) // 2]),
    "paragraph_renamed_table": _part("word/document.xml", lambda c: c.replace(b"<w:p>", b"<w:tbl>", 1)),
    "cells_renamed_rows": _part("word/document.xml", lambda c: c.replace(b"<w:tc>", b"<w:tr>")),
    "grid_span_huge": _part("word/document.xml", lambda c: re.sub(rb'w:gridSpan w:val="\d+"', b'w:gridSpan w:val="99999999999"', c)),
    "rels_garbled": _part("word/_rels/document.xml.rels", lambda c: c.replace(b"Target=", b"Tar\x00get=")),
}
PDF_MUTATIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda d: d[: len(d) // 2],
    "header_only": lambda d: d[:64],
    "startxref_zero": lambda d: re.sub(rb"startxref\s+\d+", b"startxref\n0", d),
    "first_object_dropped": lambda d: _first_object(d, lambda o: b""),
    "first_object_doubled": lambda d: _first_object(d, lambda o: o + b"\n" + o),
    "stream_length_zero": lambda d: _stream_object(d, lambda o: re.sub(rb"/Length\s+\d+", b"/Length 0", o, count=1)),
    "stream_length_huge": lambda d: _stream_object(d, lambda o: re.sub(rb"/Length\s+\d+", b"/Length 1000000000", o, count=1)),
    "stream_cut": lambda d: _stream_object(d, lambda o: o[: o.find(b"stream") + 40] + b"\nendstream\nendobj"),
}


def _outcome(path: Path) -> Findings | ThiduaError:
    """What the fuzz target accepts: findings or a ThiduaError; anything else fails the test."""
    units = load_units(Settings.from_env().units_file)
    try:
        return extract_findings(read_document(path), units)
    except ThiduaError as exc:
        return exc


def _assert_acceptable(result: Findings | ThiduaError) -> None:
    if isinstance(result, ThiduaError):
        assert not isinstance(result, DocumentTimeoutError)
        assert any(ord(c) > 127 and c.isalpha() for c in result.reason), result.reason
        assert not re.search(r"\(\s*(\w+:\s*)?\)", result.reason), f"empty cause: {result.reason!r}"
    else:
        assert isinstance(result, Findings)


@pytest.mark.parametrize("name", sorted(DOCX_MUTATIONS))
def test_mutated_docx_gives_findings_or_a_vietnamese_reason(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(DOCX_MUTATIONS[name](DOCX.read_bytes()))
    _assert_acceptable(_outcome(path))


@pytest.mark.parametrize("name", sorted(PDF_MUTATIONS))
def test_mutated_pdf_gives_findings_or_a_vietnamese_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    monkeypatch.setenv("THIDUA_OCR_MAX_PAGES", "1")  # a PDF that lost its text goes to OCR
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(PDF_MUTATIONS[name](PDF.read_bytes()))
    _assert_acceptable(_outcome(path))
