"""The thidua.* namespace in pyproject.toml matches the folders (a stale entry breaks every install)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("core", "extractors", "matching", "readmodel", "models", "flows", "inbox", "review", "scoring", "cli")


def _listed() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"thidua": "."}
    return set(config["packages"])


def test_every_listed_package_is_a_folder() -> None:
    missing = [p for p in _listed() if not (ROOT / Path(*p.split(".")[1:])).is_dir()]
    assert not missing, f"pyproject.toml lists packages with no folder: {missing}"


def test_every_python_package_is_listed() -> None:
    found = {
        "thidua." + ".".join(init.parent.relative_to(ROOT).parts)
        for stage in STAGES
        for init in (ROOT / stage).rglob("__init__.py")
    }
    assert found - _listed() == set(), "folders with __init__.py that pyproject.toml does not install"
