"""`thidua db upgrade|current`: the database schema."""

from __future__ import annotations

import typer

from cli.common import guarded
from models.db import current_revision, upgrade
from models.settings import Settings

app = typer.Typer(help="Cơ sở dữ liệu: nâng cấp lược đồ.", no_args_is_help=True)


@app.command("upgrade")
@guarded
def upgrade_db() -> None:
    """Upgrade the database schema to the newest migration."""
    url = Settings.from_env().database_url
    upgrade(url)
    typer.echo(f"Cơ sở dữ liệu đã ở phiên bản mới nhất: {current_revision(url)}")


@app.command("current")
@guarded
def current() -> None:
    """Print the migration the database is at."""
    typer.echo(current_revision(Settings.from_env().database_url) or "(trống)")
