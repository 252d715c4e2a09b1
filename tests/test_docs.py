"""The documentation keeps up with the code: every setting and every command is documented."""

from __future__ import annotations

import re

import typer.main

from thidua.cli.main import app
from thidua.core.settings import setting_names
from tests.conftest import ROOT


def _command_paths(cmd, prefix: str = "thidua") -> list[str]:  # type: ignore[no-untyped-def]
    # Typer vendors its own click: recognise groups by their `commands`, not by class.
    if hasattr(cmd, "commands"):
        out = []
        for name, sub in cmd.commands.items():
            out.extend(_command_paths(sub, f"{prefix} {name}"))
        return out
    return [prefix]


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in setting_names() if f"`{name}`" not in doc]
    assert not missing, f"undocumented settings in docs/settings.md: {missing}"


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    # Readers outside core.settings (LibreOffice timeout, OCR pages) count too.
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    names: set[str] = set()
    for folder in ("extractors", "matching", "models", "inbox", "flows", "review", "scoring", "cli", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            names.update(re.findall(r"\bTHIDUA_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert "THIDUA_SOFFICE_TIMEOUT" in names
    missing = sorted(n for n in names if f"`{n}`" not in doc)
    assert not missing, f"environment variables missing from docs/settings.md: {missing}"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _command_paths(typer.main.get_command(app))
    assert len(commands) >= 4
    missing = [c for c in commands if f"`{c}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help() -> None:
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")

    def walk(cmd, name: str) -> list[str]:  # type: ignore[no-untyped-def]
        if hasattr(cmd, "commands"):
            return [n for k, sub in cmd.commands.items() for n in walk(sub, f"{name} {k}")]
        return [] if (cmd.help or "").strip() else [name]

    assert walk(group, "thidua") == []


def test_every_command_help_is_in_vietnamese() -> None:
    # Users are Vietnamese: a help text without a Vietnamese letter was left in English.
    group = typer.main.get_command(app)
    viet = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")

    def walk(cmd, name: str) -> list[str]:  # type: ignore[no-untyped-def]
        own = [] if viet.search(cmd.help or "") else [name]
        if hasattr(cmd, "commands"):
            return own + [n for k, sub in cmd.commands.items() for n in walk(sub, f"{name} {k}")]
        return own

    assert walk(group, "thidua") == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
    assert "make demo" in readme
