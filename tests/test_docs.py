"""The documentation keeps up with the code: every setting and every command is documented."""

from __future__ import annotations

import typer.main

from cli.main import app
from models.settings import setting_names
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


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
    assert "make demo" in readme
