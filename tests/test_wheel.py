"""The wheel (`pip install .`, not editable) carries every data file the package reads at run time.

Installing the wheel into a fresh venv and running it outside the checkout takes over a minute:
that is `make check-wheel` (scripts/check_wheel.sh), not a test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from thidua.core.settings import DEFAULT_UNITS_FILE, PROJECT_ROOT, Settings
from thidua.core.units import load_units

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("core", "extractors", "matching", "readmodel", "models", "flows", "inbox", "review", "scoring", "cli")


def _wheel_names(out: Path) -> set[str]:
    """Build the wheel from a clean copy of the tree (a stale build/ folder would hide a gap) and list it."""
    src = out / "src"
    for stage in STAGES:
        shutil.copytree(ROOT / stage, src / stage, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = out.glob("thidua-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_carries_every_data_file(tmp_path: Path) -> None:
    wheel_names = _wheel_names(tmp_path)
    data = [
        p.relative_to(ROOT).as_posix()
        for stage in STAGES
        for p in (ROOT / stage).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert len(data) > 20  # templates, static files, pattern files, the lexicon, the units file
    missing = [d for d in data if f"thidua/{d}" not in wheel_names]
    assert not missing, f"files the package reads that the wheel leaves out: {missing}"
    versions = sorted(p.name for p in (ROOT / "models" / "migrations" / "versions").glob("0*.py"))
    assert versions and all(f"thidua/models/migrations/versions/{v}" in wheel_names for v in versions)
    for needed in ("models/migrations/env.py", "models/migrations/script.py.mako", "review/templates/base.html",
                   "review/static/review.css", "extractors/patterns/cues.jsonl", "core/default_units.toml"):
        assert f"thidua/{needed}" in wheel_names, needed
    assert "thidua-0.1.0.dist-info/entry_points.txt" in wheel_names
    assert not any(n.startswith(("thidua/tests/", "thidua/sample_docs/", "tests/", "sample_docs/")) for n in wheel_names)


def test_default_units_file_is_package_data_matching_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIDUA_UNITS_FILE", raising=False)
    assert Settings.from_env().units_file == DEFAULT_UNITS_FILE
    assert not DEFAULT_UNITS_FILE.is_relative_to(PROJECT_ROOT / "sample_docs")
    sample = PROJECT_ROOT / "sample_docs" / "units.toml"
    assert load_units(DEFAULT_UNITS_FILE) == load_units(sample)
    packaged, seed = (tomllib.loads(p.read_text(encoding="utf-8")) for p in (DEFAULT_UNITS_FILE, sample))
    assert (packaged.get("cluster"), packaged.get("province")) == (seed.get("cluster"), seed.get("province"))
