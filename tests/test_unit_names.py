"""Unit names as headers lay them out: a long name broken over the lines of the issuer cell."""

from __future__ import annotations

from thidua.core.units import UnitSpec, find_units

UNITS = [
    UnitSpec("Sở Tài chính", "head"),
    UnitSpec("Sở Nông nghiệp và Môi trường", aliases=("Sở NN&MT",)),
    UnitSpec("Thị xã Quảng Yên"),
]


def test_a_name_broken_over_lines_is_found() -> None:
    text = "UBND TỈNH HÀ TĨNH\nSỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG\n_________"
    found = find_units(text, UNITS)
    assert [(u.name, text[s:e]) for u, s, e in found] == [("Sở Nông nghiệp và Môi trường", "SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG")]


def test_names_stay_whole_words() -> None:
    assert find_units("Sở Tài chính, Sở NN&MT và thị xã  Quảng Yên", UNITS)[-1][0].name == "Thị xã Quảng Yên"
    assert find_units("Sở Tài chínhh", UNITS) == []
