"""`thidua db upgrade|current`: the database schema."""

from __future__ import annotations

import typer

from thidua.cli.common import guarded
from thidua.models.db import current_revision, upgrade
from thidua.core.settings import Settings

app = typer.Typer(help="Cơ sở dữ liệu: nâng cấp lược đồ.", no_args_is_help=True)


@app.command("upgrade", help="Nâng cấp lược đồ cơ sở dữ liệu lên bản mới nhất (cũng tự làm khi dùng lần đầu).")
@guarded
def upgrade_db() -> None:
    """Upgrade the database schema to the newest migration."""
    url = Settings.from_env().database_url
    upgrade(url)
    typer.echo(f"Cơ sở dữ liệu đã ở phiên bản mới nhất: {current_revision(url)}")


@app.command("current", help="In phiên bản lược đồ mà cơ sở dữ liệu đang ở.")
@guarded
def current() -> None:
    """Print the migration the database is at."""
    typer.echo(current_revision(Settings.from_env().database_url) or "(trống)")
