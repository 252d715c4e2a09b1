"""THIDUA_OCR_MAX_PAGES reaches the OCR reader through the validated settings (core.settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.core.errors import ConfigError
from thidua.extractors.ocr import read_scanned_pdf

ROOT = Path(__file__).resolve().parents[1]
SCAN = ROOT / "sample_docs" / "reports" / "ha_quang_9m_2022_scan.pdf"


def test_ocr_page_limit_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("THIDUA_OCR_MAX_PAGES", "1")
    doc = read_scanned_pdf(SCAN)
    assert doc.pages and doc.pages > 1
    assert {b.page for b in doc.blocks} == {1}
    assert any("1/" in w and "THIDUA_OCR_MAX_PAGES" in w for w in doc.warnings)


@pytest.mark.parametrize("value", ["abc", "0"])
def test_bad_ocr_page_limit_is_one_vietnamese_line_naming_it(monkeypatch: pytest.MonkeyPatch, value: str):
    monkeypatch.setenv("THIDUA_OCR_MAX_PAGES", value)
    with pytest.raises(ConfigError) as err:
        read_scanned_pdf(SCAN)
    assert "THIDUA_OCR_MAX_PAGES" in str(err.value)
    assert "không hợp lệ" in str(err.value)
